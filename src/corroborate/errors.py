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
