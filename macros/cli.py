"""Command line of the data engine: `python -m macros check`, `python -m macros schema` and
`python -m macros jämför A [B]`.

Exit codes: 0 without errors, 1 with errors, 2 on wrong usage. Never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from macros.comparison import Snapshot, as_markdown, as_text, compare_snapshots
from macros.loading.cache import Cache, cache_root
from macros.loading.git import Git, GitUnavailable
from macros.loading.loader import load
from macros.loading.pages import page_files
from macros.loading.revisions import SnapshotReader
from macros.loading.sections import written_sections
from macros.loading.versions import read_versions, version_findings
from macros.render.context import Site, generated_pages
from macros.schema_export import REFRESH_COMMAND, stale_schemas, write_schemas
from macros.validation.findings import Finding, Severity, github_data, github_property, output_line, shown, summary
from macros.validation.pages import check_content
from macros.validation.paths import links_under, page_collisions
from macros.validation.sections import unplaced_sections

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
THEME_DIR = PROJECT_ROOT / "overrides"
"""The theme's own templates and files (mkdocs.yml's custom_dir), checked for links like the pages."""
DEFAULT_CONTENT_DIR = PROJECT_ROOT / "content"
TODAY_VARIABLE = "KATEGORIPLAN_IDAG"
"""Environment variable that fixes "today" (ÅÅÅÅ-MM-DD), for tests and reproducible builds."""

EARLIEST_TODAY, LATEST_TODAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
"""The days that may count as today: plans are dated, and date arithmetic must not overflow."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

USAGE = (
    "python -m macros check [--data MAPP] [--innehall MAPP] [--format text|github] [--idag ÅÅÅÅ-MM-DD]\n"
    "       python -m macros jämför A [B] [--data MAPP] [--format text|markdown]"
)


class UsageError(Exception):
    """Wrong use of the command line."""


class SwedishParser(argparse.ArgumentParser):
    """An argument parser whose errors are Swedish and exit with code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Report wrong usage in Swedish."""
        raise UsageError(message)


def today(value: str | None = None) -> dt.date:
    """The date the checks and views treat as today: given, from the environment, or the clock."""
    if value:
        return parse_today(value, "--idag")
    text = os.environ.get(TODAY_VARIABLE)
    return parse_today(text, TODAY_VARIABLE) if text else dt.date.today()


def parse_today(text: str, origin: str) -> dt.date:
    """`text` (ÅÅÅÅ-MM-DD, from `origin`) as a date in the sane range; wrong text is a usage error."""
    try:
        day = dt.date.fromisoformat(text) if _ISO_DATE.fullmatch(text) else None
    except ValueError:
        day = None
    if day is None:
        raise UsageError(f"{origin}: ogiltigt datum för idag: {text!r} (skriv ÅÅÅÅ-MM-DD, t.ex. 2024-06-01)")
    if not EARLIEST_TODAY <= day <= LATEST_TODAY:
        raise UsageError(f"{origin}: datumet för idag, {text}, ligger utanför {EARLIEST_TODAY}–{LATEST_TODAY}")
    return day


def github_annotation(finding: Finding) -> str:
    """A finding as a GitHub Actions workflow command (shown on the pull request's diff)."""
    level = "error" if finding.severity is Severity.ERROR else "warning"
    line = f",line={finding.line}" if finding.line else ""
    return f"::{level} file={github_property(finding.file)}{line}::{github_data(finding.message)}"


def run_check(data_dir: Path, content_dir: Path, output_format: str, day: dt.date) -> int:
    """Validate the data and the content pages; print one line per finding and a summary."""
    result = load(data_dir, today=day)
    if result.ok and result.model is not None:
        versions = read_versions(data_dir, result.model, Cache(cache_root(PROJECT_ROOT)))
        result.findings = sorted([*result.findings, *version_findings(versions, result)])
    site = (
        Site(model=result.model, today=day, findings=tuple(result.findings), sections=written_sections(content_dir))
        if result.ok and result.model
        else None
    )
    pages = check_content(content_dir, site=site)
    pages += links_under(content_dir, shown(content_dir.name)) + links_under(THEME_DIR, THEME_DIR.name)
    if result.model is not None and content_dir.is_dir():
        written = [path.relative_to(content_dir).as_posix() for path in page_files(content_dir)]
        pages += page_collisions(generated_pages(result.model), written, result.sources)
        pages += unplaced_sections(result.model, written_sections(content_dir), result.sources)
    findings = [*result.findings, *pages]
    for finding in findings:
        print(github_annotation(finding) if output_format == "github" else finding.format())
    checked = f"{shown(data_dir.name)}/ och {shown(content_dir.name)}/"
    print(output_line(f"Kontroll av {checked}: {summary(findings)}."))
    return 0 if result.ok and not any(f.severity is Severity.ERROR for f in pages) else 1


WORKING_TREE = "arbetskopian"
"""What `jämför` calls the data folder as it is on disk (B left out)."""


def run_compare(data_dir: Path, old_ref: str, new_ref: str | None, output_format: str, day: dt.date) -> int:
    """Print what changed in the data from git reference `old_ref` to `new_ref` (or to the data on disk)."""
    git = Git(data_dir)
    try:
        prefix = git.prefix(data_dir)
        reader = SnapshotReader(git)
        old = reader.at(_data_tree(git, old_ref, prefix))
        if new_ref is None:
            result = load(data_dir, today=day)
            if not result.ok or result.model is None:
                for finding in result.findings:
                    if finding.severity is Severity.ERROR:
                        print(finding.format())
                print(output_line(f"Datat i {shown(data_dir.name)}/ har fel och kan inte jämföras; rätta felen först."))
                return 1
            new = Snapshot.of(result.model)
        else:
            new = reader.at(_data_tree(git, new_ref, prefix))
    except GitUnavailable as exc:
        print(output_line(f"fel: {shown(str(exc))}"), file=sys.stderr)
        return 1
    changes = compare_snapshots(old, new)
    names = {**_plan_names(old), **_plan_names(new)}
    title = f"Ändringar från {old_ref} till {new_ref or WORKING_TREE}"
    if output_format == "markdown":
        print(f"# {title}\n\n" + as_markdown(changes, plan_names=names) + _unreadable_note(old, new))
    else:
        print(
            output_line(title)
            + "\n\n"
            + "\n".join(output_line(line) for line in as_text(changes, plan_names=names).splitlines())
        )
        if note := _unreadable_note(old, new):
            print(output_line(note.strip()))
    return 0


def _data_tree(git: Git, ref: str, prefix: str) -> str | None:
    """The data folder's tree at a reference; a reference git does not know is a usage error."""
    found = git.objects([f"{ref}^{{commit}}"])[0]
    if found is None:
        raise UsageError(f"git känner inte till referensen {ref!r}")
    return git.tree_of(found[0], prefix)


def _plan_names(snapshot: Snapshot) -> dict[str, str]:
    """Each plan's name in a snapshot (its id when its plan.yml cannot be read)."""
    return {plan: snapshot.names.name("plan", plan, None) for plan in snapshot.plans}


def _unreadable_note(old: Snapshot, new: Snapshot) -> str:
    """A sentence naming the files whose records could not be compared, or nothing."""
    files = sorted(set(old.unreadable) | set(new.unreadable))
    if not files:
        return ""
    return (
        "\nFilerna " + ", ".join(files) + " kan inte läsas med dagens datamodell på ena sidan; "
        "ändringar i dem visas inte.\n"
    )


def run_schema(check_only: bool) -> int:
    """Write the JSON Schemas, or with --kontrollera only report stale ones."""
    if check_only:
        stale = stale_schemas()
        for name in stale:
            print(f"schemas/{name}: fel: schemat är inaktuellt; kör `{REFRESH_COMMAND}`")
        return 1 if stale else 0
    for name in write_schemas():
        print(f"skrev schemas/{name}")
    return 0


def build_parser() -> SwedishParser:
    """The command line's arguments, described in Swedish."""
    parser = SwedishParser(prog="python -m macros", description="Kategoriplanens datamotor.", add_help=True)
    commands = parser.add_subparsers(dest="command", metavar="kommando", parser_class=SwedishParser)
    check = commands.add_parser("check", help="kontrollera datat i data/ och sidorna i content/")
    check.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="datamapp (standard: data/)")
    check.add_argument(
        "--innehall", type=Path, default=DEFAULT_CONTENT_DIR, help="mapp med sidorna (standard: content/)"
    )
    check.add_argument("--format", choices=("text", "github"), default="text", help="utdataformat")
    check.add_argument("--idag", help="datum att räkna som idag, ÅÅÅÅ-MM-DD")
    compare = commands.add_parser(
        "jämför", help="visa vad som ändrats i planernas data mellan två git-referenser, eller en referens och datat"
    )
    compare.add_argument("A", help="den äldre git-referensen (tagg, gren eller incheckning)")
    compare.add_argument("B", nargs="?", help="den nyare referensen; utan B jämförs med datat i datamappen")
    compare.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="datamapp (standard: data/)")
    compare.add_argument("--format", choices=("text", "markdown"), default="text", help="utdataformat")
    compare.add_argument("--idag", help="datum att räkna som idag, ÅÅÅÅ-MM-DD")
    schema = commands.add_parser("schema", help="skriv JSON Schema-filerna i schemas/")
    schema.add_argument("--kontrollera", action="store_true", help="kontrollera bara att de är aktuella")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
        if args.command == "check":
            return run_check(args.data, args.innehall, args.format, today(args.idag))
        if args.command == "schema":
            return run_schema(args.kontrollera)
        if args.command == "jämför":
            return run_compare(args.data, args.A, args.B, args.format, today(args.idag))
        raise UsageError("ange ett kommando: check, jämför eller schema")
    except UsageError as exc:
        print(output_line(f"fel användning: {shown(str(exc))}"), file=sys.stderr)
        print(f"användning: {USAGE}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
