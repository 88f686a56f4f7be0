"""Domain exceptions. The library raises these; the CLI turns them into one-line messages."""


class CorroborateError(Exception):
    """Base class for every error corroborate raises on purpose."""


class DocumentError(CorroborateError):
    """A single input document cannot be read. Batches record it and go on."""

    def __init__(self, document: str, reason: str):
        self.document = document
        self.reason = reason
        super().__init__(f"{document}: {reason}")


class ConfigurationError(CorroborateError):
    """A setting, model name or data file is wrong; the message says how to fix it."""


class StoreError(ConfigurationError):
    """The database cannot be opened or written: not a database, read-only, disk full, server gone.

    A ConfigurationError for commands that do not tell the two apart; the
    storage commands exit with their own code for it.
    """


class NotFoundError(ConfigurationError):
    """A record asked for by id is not stored (the CLI's usage error; a page's 404)."""
