"""`corroborate serve`: the web UI and HTTP API (corroborate.web) on a store; the server never writes."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from corroborate.check_options import ReferenceFormat
from corroborate.cli.common import EXIT_STORE, EXIT_USAGE, fail, stderr
from corroborate.store.options import DEFAULT_DATABASE


def serve_command(
    db: str = typer.Option(DEFAULT_DATABASE, "--db", envvar="CORROBORATE_DB", help="SQLite file or PostgreSQL URL of an ingested store."),
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to listen on; 127.0.0.1 keeps the server to this machine (0.0.0.0 opens it to the network)."
    ),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    reference: Optional[Path] = typer.Option(
        None, "--reference", "-r", exists=True, dir_okay=False, help="A reference file whose verdicts the linked pages show."
    ),
    reference_format: Optional[ReferenceFormat] = typer.Option(
        None, "--reference-format", help="ucdp, acled or victims (with --reference)."
    ),
    tile_url: Optional[str] = typer.Option(
        None,
        "--tile-url",
        help="Map tiles for users who are online, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (default: none; the map works offline).",
    ),
) -> None:
    """Browse the store in a web browser, and read it over a JSON API; the server never writes.

    Pages: incidents (filters, map, timeline), linked incidents with every
    source side by side, articles with their evidence highlighted, actors.
    API under /api/v1, interactive docs at /docs. Run `corroborate link`
    first: pages say so when links are out of date.

    [bold]Examples[/bold]

      corroborate serve --db corpus.db
      corroborate serve --db corpus.db --reference ged.csv --reference-format ucdp
      corroborate serve --db corpus.db --host 0.0.0.0 --port 8080
    """
    import uvicorn

    from corroborate.errors import ConfigurationError, StoreError
    from corroborate.output import plain
    from corroborate.web import create_app

    try:
        app = create_app(db, reference=reference, reference_format=reference_format, tile_url=tile_url)
    except ConfigurationError as error:
        raise fail(error, EXIT_USAGE)
    except StoreError as error:
        raise fail(error, EXIT_STORE)
    shown = f"[{host}]" if ":" in host else host
    stderr.print(plain(f"corroborate is serving {app.state.web.store.url} at http://{shown}:{port}/ (Ctrl-C stops it)"), soft_wrap=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
