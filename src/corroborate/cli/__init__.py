"""The `corroborate` command: a thin layer that parses, calls `corroborate.service` or the library, and formats.

`app` (the console script `corroborate.cli:app`, and `python -m corroborate`)
is built in `cli.main`, the one place commands are registered; exit codes are
`cli.common`'s (0 ok, 1 some documents failed, 2 usage or configuration error,
3 the database failed, 130 interrupted); every `--format` goes through
`cli.output.emit`.
"""

from corroborate.cli.common import EXIT_DOCUMENT_ERRORS, EXIT_INTERRUPTED, EXIT_OK, EXIT_STORE, EXIT_USAGE
from corroborate.cli.main import app

__all__ = ["EXIT_DOCUMENT_ERRORS", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_STORE", "EXIT_USAGE", "app"]
