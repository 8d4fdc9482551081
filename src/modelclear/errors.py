"""Every exception modelclear raises on purpose.

Each one names where the problem is, what was found and what is allowed, in one line per fault,
so that the command line can print it without a traceback. Missing facts in a use profile are
not errors: they are findings in the report (verdict ``needs-review``).
"""

from __future__ import annotations

from collections.abc import Iterable


class ModelclearError(Exception):
    """Base class of every error raised by modelclear on purpose."""

    def __init__(self, problems: str | Iterable[str]) -> None:
        if isinstance(problems, str):
            problems = [problems]
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("\n".join(self.problems))


class ProfileError(ModelclearError, ValueError):
    """A use profile is malformed: unknown field, wrong type, value out of range."""


class DatabaseError(ModelclearError, ValueError):
    """The license database does not load or does not validate; lists every fault found."""


class InputError(ModelclearError, ValueError):
    """A file or argument given by the user cannot be read or understood."""
