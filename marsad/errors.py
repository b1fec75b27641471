"""Errors marsad raises. The CLI turns them into one ``Error: …`` line and exit code 1."""


class MarsadError(Exception):
    """Base class: the message says what failed, on which input, and how to fix it."""


class InputError(MarsadError):
    """An input could not be read as an article (binary, empty, too large, malformed, missing)."""

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class StoreError(MarsadError):
    """The database is missing, of a newer schema, or not a marsad database."""


class ExportError(MarsadError):
    """An export could not be written."""
