"""The FastAPI application: the JSON API under /api/v1, the pages, the static files, one error shape.

The server only reads: its database connections are opened read-only
(`PRAGMA query_only` on SQLite, read-only transactions on PostgreSQL), so no
endpoint can write even by mistake. Every response carries a
Content-Security-Policy that allows scripts from this server only: a stored
`<script>` or `onerror=` in an article would not run even if it escaped the
templates' autoescaping.
"""

from __future__ import annotations

import gc
import importlib.util
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional
from urllib.parse import urlparse

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import event
from starlette.exceptions import HTTPException as StarletteHTTPException

from corroborate.check import ReferenceFormat, ReferenceIndex, load_reference
from corroborate.errors import ConfigurationError
from corroborate.package_data import data_file, package_file
from corroborate.service.linked import LinkState, link_state
from corroborate.service.queries import QueryError, facet_values, link_fingerprint
from corroborate.store import Store, open_database

STATIC = package_file("web", "static")
TEMPLATES = package_file("web", "templates")
COUNTRIES_FILE = data_file("countries.geojson")
EMPTY_FEATURES = b'{"type": "FeatureCollection", "features": []}'
LINK_STATE_SECONDS = 2.0
"""How long whether links are stale is reused unchecked: an ingest running beside the server shows up this late."""


@dataclass
class WebState:
    store: Store
    reference: Optional[ReferenceIndex] = None
    reference_label: Optional[str] = None
    tile_url: Optional[str] = None
    _link_state: Optional[tuple[float, tuple[int, int], LinkState]] = field(default=None, repr=False)
    _facets: Optional[tuple[tuple[int, int], dict[str, list[str]]]] = field(default=None, repr=False)

    def link_state(self) -> LinkState:
        """Whether the links are stale, counted again only when an ingest or a linking has changed the store."""
        now = time.monotonic()
        if self._link_state is not None and now - self._link_state[0] < LINK_STATE_SECONDS:
            return self._link_state[2]
        fingerprint = link_fingerprint(self.store)
        if self._link_state is not None and self._link_state[1] == fingerprint:
            state = self._link_state[2]
        else:
            state = link_state(self.store)
        self._link_state = (now, fingerprint, state)
        return state

    def facets(self) -> dict[str, list[str]]:
        """The values the filter menus offer; read again only when the store has changed (the distinct causes are a table scan)."""
        self.link_state()
        fingerprint = self._link_state[1]  # type: ignore[index]
        if self._facets is None or self._facets[0] != fingerprint:
            self._facets = (fingerprint, facet_values(self.store))
        return self._facets[1]


def content_security_policy(tile_url: Optional[str]) -> str:
    """Scripts, styles and data from this server only; map tiles also from the tile server when one is given."""
    images = "'self' data:"
    if tile_url:
        parsed = urlparse(tile_url)
        images += f" {parsed.scheme}://{parsed.netloc.replace('{s}', '*')}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )


def _read_only(store: Store) -> None:
    """Every new connection refuses writes; the pooled ones (used to migrate) are closed first."""

    def on_connect(connection, _record) -> None:
        cursor = connection.cursor()
        if store.dialect == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        elif store.dialect == "postgresql":
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            connection.commit()  # SET is transactional: the pool's rollback would undo it
        cursor.close()

    event.listen(store.engine, "connect", on_connect)
    store.engine.dispose()


def error_body(status: int, message: str) -> dict:
    return {"error": {"status": status, "message": message}}


def create_app(
    db_url: str | Path,
    *,
    reference: Optional[str | Path] = None,
    reference_format: Optional[ReferenceFormat | str] = None,
    tile_url: Optional[str] = None,
) -> FastAPI:
    """The web UI and JSON API on the store at `db_url` (opened read-only; it must exist).

    `reference` (a UCDP, ACLED or victims file, `reference_format`) adds check
    verdicts to the linked pages and /api/v1/checks. `tile_url` (a Leaflet URL
    template) shows map tiles to users who are online; without it the map
    draws country outlines only and needs no network.
    """
    if tile_url is not None and urlparse(tile_url).scheme not in ("http", "https"):
        raise ConfigurationError(f"--tile-url {tile_url!r} is not an http(s) URL template")
    index = label = None
    if reference is not None:
        if reference_format is None:
            raise ConfigurationError("--reference needs --reference-format (ucdp, acled or victims)")
        events = load_reference(reference, reference_format)  # bad rows are skipped
        index = ReferenceIndex(events)
        label = f"{Path(reference).name} ({ReferenceFormat(reference_format).value}, {len(events)} events)"
    store = open_database(db_url, create=False)
    _read_only(store)
    state = WebState(store, reference=index, reference_label=label, tile_url=tile_url)

    from corroborate import __version__
    from corroborate.web.api import router as api_router
    from corroborate.web.pages import router as pages_router

    app = FastAPI(
        title="corroborate",
        version=__version__,
        description="Source-attributed incident records from news reports: read-only API. See docs/web.md.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.web = state
    headers = {
        "Content-Security-Policy": content_security_policy(tile_url),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
    }

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(headers)
        return response

    def failure(request: Request, status: int, message: str) -> Response:
        """The error as JSON under /api, as a page elsewhere; with the headers, since a 500 passes no middleware."""
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            response: Response = JSONResponse(error_body(status, message), status_code=status)
        else:
            from corroborate.web.pages import error_page

            response = error_page(request, status, message)
        response.headers.update(headers)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        message = error.detail if isinstance(error.detail, str) else "request failed"
        if error.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        return failure(request, error.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError):
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part not in ("query", "path"))
        return failure(request, 400, f"{where}: {first.get('msg', 'invalid value')}" if where else "invalid request")

    @app.exception_handler(QueryError)
    async def query_error(request: Request, error: QueryError):
        return failure(request, 400, str(error))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception):
        return failure(request, 500, f"internal error ({type(error).__name__}); the server log has the details")

    app.include_router(api_router)
    app.include_router(pages_router)
    _mount_static(app)
    _settle()
    return app


def _settle() -> None:
    """Load what requests read once (source registry, credibility weights, country names), then put every object
    that lives as long as the server out of the garbage collector's reach: a full collection walking them
    during a request was most of the slowest requests' time (p95 264 -> 110 ms for a page on a 100k store)."""
    from corroborate.credibility import default_model
    from corroborate.dictionaries import SourceRegistry
    from corroborate.store.export import country_name

    SourceRegistry.default()
    default_model()
    country_name("SY")
    gc.collect()
    gc.freeze()


VIS_NETWORK = "vis-9.1.2"
"""The vis-network build pyvis ships (pyvis/lib/<this>/vis-network.min.js and .css): the network page's graph library."""


def vis_network_dir() -> Path:
    """vis-network's files inside the installed pyvis package, found without importing pyvis (which loads IPython)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigurationError("pyvis is not installed: it ships the network page's graph library (pip install -e .)")
    return Path(next(iter(spec.submodule_search_locations))) / "lib" / VIS_NETWORK


def _mount_static(app: FastAPI) -> None:
    import swagger_ui_bundle
    import xstatic.pkg.leaflet
    import xstatic.pkg.leaflet_markercluster

    @app.get("/static/countries.geojson", include_in_schema=False)
    def countries() -> Response:
        body = COUNTRIES_FILE.read_bytes() if COUNTRIES_FILE.exists() else EMPTY_FEATURES
        return Response(body, media_type="application/geo+json", headers={"Cache-Control": "max-age=86400"})

    app.mount("/static/vendor/leaflet", StaticFiles(directory=xstatic.pkg.leaflet.BASE_DIR), name="leaflet")
    app.mount("/static/vendor/markercluster", StaticFiles(directory=xstatic.pkg.leaflet_markercluster.BASE_DIR), name="markercluster")
    app.mount("/static/vendor/swagger-ui", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger-ui")
    app.mount("/static/vendor/vis-network", StaticFiles(directory=vis_network_dir()), name="vis-network")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI from local files, started by /static/docs.js (the CSP forbids the inline script FastAPI's page uses)."""
        return HTMLResponse(
            "<!doctype html><html lang=en><head><meta charset=utf-8><title>corroborate API</title>"
            '<meta name=viewport content="width=device-width, initial-scale=1">'
            '<link rel=stylesheet href="/static/vendor/swagger-ui/swagger-ui.css"><link rel=icon href="/static/favicon.svg" type="image/svg+xml"></head>'
            '<body><div id="swagger-ui"></div><script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>'
            '<script src="/static/docs.js"></script></body></html>'
        )


__all__ = ["create_app", "content_security_policy", "error_body"]
