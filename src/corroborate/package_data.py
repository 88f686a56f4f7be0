"""Files shipped inside the corroborate package (data/, the web UI's templates and static files, the store's
migrations), found one way: every module asks here, so the package's layout is written down once."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def package_file(*parts: str) -> Path:
    """A file or folder inside the installed package, as a path (the package is installed as files, not zipped:
    SQLite, Alembic and Jinja want real paths)."""
    return Path(str(resources.files("corroborate"))).joinpath(*parts)


def data_file(*parts: str) -> Path:
    """A file or folder of the package's data/ ("gazetteer.csv", "actors.toml", ...)."""
    return package_file("data", *parts)
