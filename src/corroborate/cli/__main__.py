"""`python -m corroborate.cli` is the `corroborate` command."""

from corroborate.cli import app

app()
