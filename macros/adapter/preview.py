"""A preview that tells the truth: what `mkdocs serve` (`make serve`) does differently from a build.

A build stops on the first error, as it must. The preview keeps serving instead: when the data
has errors, every page of the site (the written pages and the pages generated from the last
data that could be read) is replaced by a Swedish page naming each file, line and message, and
the browser reloads to it; the next save that fixes the data brings the site back. A page that
breaks the page rule shows its own errors, and a macro call that cannot be rendered shows a box
in its place, while the rest of the site is built as usual.

The terminal shows the check's findings once per build, errors as FEL and warnings as
VARNING, through a logger of its own (outside MkDocs' loggers, so that warnings never fail
`--strict`); a build whose findings did not change says so in one line. mkdocs-macros' own
chatter (modules found, every macro's name) is kept out of the terminal unless MkDocs runs
with `--verbose`.
"""

from __future__ import annotations

import logging
import posixpath
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros.validation.findings import Finding, Severity, summary

LOGGER_NAME = "kategoriplan"
"""The logger of the check's findings; not below `mkdocs`, whose warnings count against `--strict`."""

MACROS_PLUGIN_LOGGER = "mkdocs.plugins.mkdocs_macros"
"""Where mkdocs-macros logs the modules it found and the name of every macro, at INFO."""

GUIDE_PAGE = "redaktorer/ratta-fel.md"
"""The editors' guide to the check's messages, which the error pages link to when the site has it."""

_LEVELS = {logging.ERROR: ("FEL", "red"), logging.WARNING: ("VARNING", "yellow"), logging.INFO: ("INFO", None)}


class _SwedishFormatter(logging.Formatter):
    """MkDocs' layout (`LEVEL   -  message`) with Swedish level names, coloured in a terminal as MkDocs does."""

    def format(self, record: logging.LogRecord) -> str:
        import click

        name, colour = _LEVELS.get(record.levelno, (record.levelname, None))
        prefix = f"{name:<8}-  "
        if colour and sys.stderr.isatty():
            prefix = click.style(prefix, fg=colour)
        return prefix + record.getMessage()


def _logger() -> logging.Logger:
    """The findings' logger, with its own handler on standard error (set up once)."""
    logger = logging.getLogger(LOGGER_NAME)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_SwedishFormatter())
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger


@dataclass
class Preview:
    """What the preview remembers between the builds of one `mkdocs serve` process."""

    serving: bool = False
    """True inside `mkdocs serve`; a build (`mkdocs build`) stops on errors instead."""
    failure: tuple[Finding, ...] = ()
    """The errors that keep the current build from showing the site (empty when it can)."""
    pages: tuple[str, ...] = ()
    """The generated pages of the last build that could read the data (they show the errors too)."""
    nav: list[Any] | None = None
    """The menu of the last build that could read the data."""
    reported: tuple[Finding, ...] | None = field(default=None, repr=False)
    """The findings the terminal showed last, so that an unchanged build says so in one line."""


STATE = Preview()


def start(command: str) -> None:
    """A new MkDocs command starts: remember whether it serves, and quieten mkdocs-macros."""
    STATE.serving = command == "serve"
    STATE.failure, STATE.reported = (), None
    quiet_macros_plugin()


def quiet_macros_plugin() -> None:
    """Keep mkdocs-macros' INFO lines (modules found, every macro's name) out of the terminal,
    unless MkDocs is verbose (`--verbose`, which sets the `mkdocs` logger to DEBUG)."""
    verbose = logging.getLogger("mkdocs").getEffectiveLevel() <= logging.DEBUG
    logging.getLogger(MACROS_PLUGIN_LOGGER).setLevel(logging.NOTSET if verbose else logging.WARNING)


def report(findings: Sequence[Finding]) -> None:
    """Show the findings in the terminal once: each on its own line, then the counts.

    The same findings as the build before (a page was saved, not the data) are one line.
    """
    logger = _logger()
    logger.setLevel(max(logging.INFO, logging.getLogger("mkdocs").level))  # `mkdocs -q` hides warnings too
    current = tuple(findings)
    if current and current == STATE.reported:
        logger.info(f"Datakontrollen: samma som förra bygget ({summary(list(current))}).")
        return
    STATE.reported = current
    for finding in current:
        logger.log(logging.ERROR if finding.severity is Severity.ERROR else logging.WARNING, finding.format())
    if current:
        logger.info(f"Datakontrollen: {summary(list(current))}.")


def report_page(lines: Sequence[str]) -> None:
    """Show the errors of one page or macro call (already formatted as `fil:rad: fel: …`)."""
    logger = _logger()
    for line in lines:
        logger.error(line)


def fail(errors: Sequence[Finding]) -> None:
    """The current build cannot show the site: the pages show these errors instead."""
    STATE.failure = (*STATE.failure, *errors)


def begin_build() -> None:
    """A build starts: nothing has failed yet."""
    STATE.failure = ()


def remember(pages: Sequence[str], nav: list[Any] | None) -> None:
    """The generated pages and the menu of a build that read the data (shown as error pages later)."""
    STATE.pages, STATE.nav = tuple(pages), nav


def guide_link(page: str, pages_dir: Path) -> str | None:
    """A link from `page` to the editors' guide to the messages, or None when the site has no such page."""
    if not (pages_dir / GUIDE_PAGE).is_file():
        return None
    return posixpath.relpath(GUIDE_PAGE, posixpath.dirname(page) or ".")
