"""What the preview (`make serve`) shows in the browser when the check finds errors: a Swedish
page that names each file, line and message, in place of pages that cannot be built.

Pure functions from findings to Markdown; the adapter decides where they are shown. Every
file name and message is echoed from the pull request, so it is written with `plain`.
"""

from __future__ import annotations

from collections.abc import Sequence

from macros.render.safe import plain
from macros.render.text import admonition, table
from macros.validation.findings import Finding, Severity

DATA_ERROR_TITLE = "Datat innehåller fel"
"""The heading of the preview's error page when the data cannot be read or checked."""

PAGE_ERROR_TITLE = "Sidan innehåller fel"
"""The heading of the preview's error page when one written page breaks the page rule."""

CALL_ERROR_TITLE = "Makroanropet kunde inte visas"
"""The title of the box that takes the place of a macro call the preview cannot render."""


def _where(finding: Finding) -> str:
    """`fil:rad` of a finding (or the file alone when the problem is the whole file)."""
    return f"{finding.file}:{finding.line}" if finding.line else finding.file


def findings_table(findings: Sequence[Finding]) -> str:
    """One row per finding, in file and line order: where and what, as plain text."""
    rows = [[plain(_where(f)), plain(f.message)] for f in sorted(findings, key=lambda f: (f.file, f.line))]
    return table(["Fil och rad", "Fel"], rows)


def error_page(findings: Sequence[Finding], *, title: str = DATA_ERROR_TITLE, guide: str | None = None) -> str:
    """The Markdown of the preview's error page: each error with its file and line, and that saving
    the fix brings the page back by itself.

    `title` says what cannot be shown (the data, or one page); `guide` is a link target (relative to
    the page) of the editors' guide to the messages, if the site has it.
    """
    errors = [f for f in findings if f.severity is Severity.ERROR]
    what = "webbplatsen" if title == DATA_ERROR_TITLE else "sidan"
    read_more = f" Så läser du meddelandena: [Så rättar du ett fel i datat]({guide})." if guide else ""
    count = "ett fel" if len(errors) == 1 else f"{len(errors)} fel"
    return "\n".join(
        [
            f"# {title}\n",
            f"Förhandsvisningen visar inte {what} förrän felen nedan är rättade ({count}). Öppna filen, "
            "rätta raden som meddelandet pekar ut och spara: sidan laddas om av sig själv." + read_more + "\n",
            findings_table(errors),
            "Samma meddelanden står i terminalen där `make serve` körs, och `make check` visar dem också.\n",
        ]
    )


def call_error(page: str, name: str, reason: str) -> str:
    """A box in place of a macro call the preview cannot render (the build stops on the same call)."""
    body = f"{plain(page)}: anropet {plain(name)}(…) går inte att visa: {plain(reason)}"
    return admonition("failure", CALL_ERROR_TITLE, body)
