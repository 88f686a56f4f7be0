// Swagger UI on this server's OpenAPI document, from local files (works with no network).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
