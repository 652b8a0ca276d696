"""Errors that the core reports to a user: each names the file, the place and what to do.

The command line and the GUI show ``str(error)`` as a one-line message and never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path


class BriefingError(Exception):
    """A problem with the user's input or environment that the user can fix."""

    def __init__(self, path: str | Path | None, problem: str, *, place: str = "",
                 hint: str = "") -> None:
        self.path = str(path) if path is not None else ""
        self.problem = problem
        self.place = place
        """Where in the file: ``line 4, column 2`` or a YAML path like ``articles[1].title``."""
        self.hint = hint
        """What the user can do about it."""
        super().__init__(self.message())

    def message(self) -> str:
        """``FILE: PLACE: PROBLEM. HINT`` with the parts that are known."""
        where = ": ".join(part for part in (self.path, self.place) if part)
        text = f"{where}: {self.problem}" if where else self.problem
        if self.hint:
            text = f"{text.rstrip('.')}. {self.hint}"
        return text


class OutlineFormatError(BriefingError):
    """An outline file that cannot be read: bad YAML, wrong types, unknown version..."""


class ArticleImportError(BriefingError):
    """A source article that cannot be imported."""


class ExportError(BriefingError):
    """A briefing note that cannot be exported (template, output path, nothing picked...)."""


class TemplateError(BriefingError):
    """A template that cannot be found or used."""


WarningSink = Callable[[str], None]
"""Where core code sends a warning the user should see (CLI: stderr; GUI: status bar / dialog)."""


def log_warning(message: str) -> None:
    """The default warning sink: the log."""
    logging.getLogger("briefing").warning(message)
