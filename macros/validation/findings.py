"""Findings of validation: errors and warnings pointing at a data file and line.

Everything a finding echoes (file names, YAML keys, values, page text) comes from a pull
request, so both output formats treat it as data: control characters are shown escaped and a
line can never start a GitHub workflow command.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Control (C0, C1, DEL), format (bidi overrides, zero-width), surrogate and line/paragraph separators."""

_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

_COMMAND_STARTS = ("::", "##[")
"""How GitHub Actions recognises a workflow command at the start of a line (after spaces)."""


class Severity(StrEnum):
    """How serious a finding is; errors stop the build, warnings do not."""

    ERROR = "fel"
    WARNING = "varning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in the data, in Swedish, at `file:line`."""

    file: str
    line: int
    severity: Severity
    message: str
    follow_up: bool = False
    """True for warnings about follow-up that is due, rather than about the data itself."""

    def format(self) -> str:
        """`data/…/fil.yml:42: fel: …`, the line editors and CI read; echoed text is shown escaped."""
        where = f"{shown(self.file)}:{self.line}" if self.line else shown(self.file)
        return output_line(f"{where}: {self.severity.value}: {shown(self.message)}")


def shown(text: str) -> str:
    r"""`text` with every control, bidi or line-separator character written as an escape (`\x1b`, `\u202e`)."""
    return "".join(_escape(char) if unicodedata.category(char) in _HIDDEN_CATEGORIES else char for char in text)


def _escape(char: str) -> str:
    """One invisible character as a visible escape sequence."""
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def output_line(line: str) -> str:
    """A line of text output that GitHub Actions cannot take for a workflow command (`::…`, `##[…`)."""
    stripped = line.lstrip()
    if stripped.startswith(_COMMAND_STARTS):
        start = len(line) - len(stripped)
        return f"{line[:start]}\\x{ord(stripped[0]):02x}{stripped[1:]}"
    return line


def github_data(text: str) -> str:
    """Text as the message of a GitHub workflow command: shown escaped, then `%`, CR and LF encoded."""
    return shown(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """Text as a property (`file=…`) of a GitHub workflow command: as data, and `:` and `,` encoded too."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def error(file: str, line: int, message: str) -> Finding:
    """An error finding."""
    return Finding(file, line, Severity.ERROR, message)


def warning(file: str, line: int, message: str, *, follow_up: bool = False) -> Finding:
    """A warning finding; `follow_up` marks warnings about reporting that is due."""
    return Finding(file, line, Severity.WARNING, message, follow_up)


def count(findings: list[Finding], severity: Severity) -> int:
    """How many findings have the given severity."""
    return sum(1 for finding in findings if finding.severity is severity)


def swedish_count(value: int) -> str:
    """A whole number written the Swedish way in messages: 20 000."""
    return f"{value:,}".replace(",", " ")


def summary(findings: list[Finding]) -> str:
    """The closing line: counts of errors and warnings in Swedish."""
    errors, warnings = count(findings, Severity.ERROR), count(findings, Severity.WARNING)
    return f"{errors} fel, {warnings} {'varning' if warnings == 1 else 'varningar'}"
