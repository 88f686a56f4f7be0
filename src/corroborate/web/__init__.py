"""`corroborate serve`: the web UI and the read-only JSON API (/api/v1) over a store. See docs/web.md."""

from corroborate.web.app import create_app

__all__ = ["create_app"]
