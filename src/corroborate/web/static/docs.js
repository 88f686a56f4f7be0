// Swagger UI on this server's OpenAPI document, from local files (works with no network).
// The bundled Swagger UI (4.x) reads OpenAPI 3.0 only; FastAPI writes 3.1, whose schemas 3.0 readers
// mostly understand, so the page relabels its copy. /openapi.json itself stays as written.
fetch("/openapi.json").then(function (response) { return response.json(); }).then(function (spec) {
  spec.openapi = "3.0.3";
  window.ui = SwaggerUIBundle({ spec: spec, dom_id: "#swagger-ui", deepLinking: true });
});
