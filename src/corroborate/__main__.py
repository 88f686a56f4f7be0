"""`python -m corroborate` is the `corroborate` command."""

from corroborate.cli import app

app()
