"""Findings of validation: errors and warnings pointing at a data file and line."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
        """`data/…/fil.yml:42: fel: …`, the line editors and CI read."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity.value}: {self.message}"


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
