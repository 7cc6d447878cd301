"""Errors a person can act on. Adapters print them without a traceback and exit with ``exit_code``."""

from __future__ import annotations


class InputError(Exception):
    """Input that gonogo cannot use; the message says what to fix."""

    exit_code = 2


class FieldError(InputError):
    """One field of a document is wrong: ``location`` names it, ``message`` says what was expected."""

    def __init__(self, location: str, message: str) -> None:
        self.location = location
        self.message = message
        super().__init__(f"{location}: {message}")


class DocumentError(InputError):
    """A document (assessment file, knowledge-base file) has one or more field errors."""

    def __init__(self, source: str, errors: list[FieldError]) -> None:
        self.source = source
        self.errors = errors
        lines = "\n".join(f"  - {e.location}: {e.message}" for e in errors)
        super().__init__(f"{source}: {len(errors)} problem(s)\n{lines}")
