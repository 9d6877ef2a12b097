"""Command line of the data engine: `python -m macros check`, `python -m macros schema` and
`python -m macros rapport` (add a status report or a measured value to `uppfoljning.yml`) and
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

from macros.comparison import Change, Snapshot, as_markdown, as_text, compare_snapshots
from macros.comparison.formats import markdown_inert
from macros.comparison.instep import drifts
from macros.loading.cache import Cache, cache_root
from macros.loading.git import Git, GitUnavailable
from macros.loading.loader import load
from macros.loading.pages import page_files
from macros.loading.revisions import SnapshotReader
from macros.loading.sections import written_sections
from macros.loading.versions import read_versions, version_findings
from macros.model.catalog import Municipality
from macros.render.context import Site, generated_pages
from macros.report_skeleton import DataError, ReportError, write_report
from macros.review import changed_pages, review_markdown
from macros.scaffold.plan import NewPlan
from macros.schema_export import REFRESH_COMMAND, stale_schemas, write_schemas
from macros.validation.findings import Finding, Severity, github_data, github_property, output_line, shown, summary
from macros.validation.instep import drift_findings
from macros.validation.pages import check_content
from macros.validation.paths import links_under, page_collisions
from macros.validation.placeholders import PLACEHOLDER
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
    "python -m macros check [--data MAPP] [--innehall MAPP] [--format text|github] [--idag ÅÅÅÅ-MM-DD] [--bas REF]\n"
    "       python -m macros rapport (--aktivitet NR-ELLER-ID --status STATUS | --nyckeltal ID --varde VÄRDE) "
    "[--av PERSON] [--kommentar TEXT] [--plan PLAN] [--data MAPP] [--idag ÅÅÅÅ-MM-DD]\n"
    "       python -m macros jämför A [B] [--data MAPP] [--format text|markdown]\n"
    "       python -m macros granska BAS [--data MAPP] [--innehall MAPP]\n"
    "       python -m macros ny aktivitet|upphandlingsbehov|person|plan … (python -m macros ny --help)\n"
    "       python -m macros schema [--kontrollera]"
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


def check_findings(
    data_dir: Path, content_dir: Path, day: dt.date, base: str | None = None
) -> tuple[list[Finding], bool]:
    """The check's findings for the data and the content pages, and whether they pass (no errors).

    With `base` (a git reference), also a warning for each activity whose wording and structured
    values changed apart since it (`macros.validation.instep`)."""
    result = load(data_dir, today=day)
    if result.ok and result.model is not None:
        versions = read_versions(data_dir, result.model, Cache(cache_root(PROJECT_ROOT)))
        drifted = (
            drift_findings(changes_since(data_dir, base, result.model), result.model, result.sources) if base else []
        )
        result.findings = sorted([*result.findings, *version_findings(versions, result), *drifted])
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
    return [*result.findings, *pages], result.ok and not any(f.severity is Severity.ERROR for f in pages)


def check_line(data_dir: Path, content_dir: Path, findings: list[Finding]) -> str:
    """The check's summary line: "Kontroll av data/ och content/: 0 fel, 2 varningar."."""
    return f"Kontroll av {shown(data_dir.name)}/ och {shown(content_dir.name)}/: {summary(findings)}."


def run_check(data_dir: Path, content_dir: Path, output_format: str, day: dt.date, base: str | None = None) -> int:
    """Validate the data and the content pages; print one line per finding and a summary."""
    findings, ok = check_findings(data_dir, content_dir, day, base)
    for finding in findings:
        print(github_annotation(finding) if output_format == "github" else finding.format())
    print(output_line(check_line(data_dir, content_dir, findings)))
    return 0 if ok else 1


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


def run_review(data_dir: Path, content_dir: Path, base: str, day: dt.date) -> int:
    """Print the reviewer's summary of the working copy against git reference `base` as Markdown
    (`macros.review`); exit 1 when the check finds errors (the summary says so)."""
    findings, ok = check_findings(data_dir, content_dir, day, base)
    result = load(data_dir, today=day)
    if not result.ok or result.model is None:
        errors = [f.format() for f in findings if f.severity is Severity.ERROR]
        print("# Den här ändringen\n\nDatat har fel och kan inte jämföras; rätta felen först:\n")
        print("\n".join(f"- {markdown_inert(line)}" for line in errors))
        return 1
    git = Git(data_dir)
    try:
        reader = SnapshotReader(git)
        old = reader.at(_data_tree(git, base, git.prefix(data_dir)))
        written = _changed_pages_since(Git(content_dir), base) if content_dir.is_dir() else []
    except GitUnavailable as exc:
        print(output_line(f"fel: {shown(str(exc))}"), file=sys.stderr)
        return 1
    new = Snapshot.of(result.model)
    changes = compare_snapshots(old, new)
    pages = changed_pages(changes, result.model, written)
    names = {**_plan_names(old), **_plan_names(new)}
    line = check_line(data_dir, content_dir, findings)
    drifted = [drift.message() for drift in drifts(changes)]
    print(review_markdown(base, changes, names, pages, line, _unreadable_note(old, new), drifted), end="")
    return 0 if ok else 1


def _changed_pages_since(git: Git, base: str) -> list[str]:
    """The written pages (paths below the content folder) that differ from `base` and still exist."""
    listed = git.run("diff", "--name-only", "--relative", "--diff-filter=d", base, "--", ".").decode("utf-8")
    return sorted(path for path in listed.splitlines() if path.endswith(".md"))


def changes_since(data_dir: Path, base: str, model: Municipality) -> list[Change]:
    """What changed in the data from git reference `base` to `model` (the data on disk)."""
    git = Git(data_dir)
    try:
        old = SnapshotReader(git).at(_data_tree(git, base, git.prefix(data_dir)))
    except GitUnavailable as exc:
        raise UsageError(str(exc)) from None
    return compare_snapshots(old, Snapshot.of(model))


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


def run_report(args: argparse.Namespace) -> int:
    """Add a status report or a measured value to the plan's uppfoljning.yml; print where, or why not."""
    day = today(args.idag)
    try:
        written = write_report(
            args.data,
            activity=args.aktivitet,
            indicator=args.nyckeltal,
            status=args.status,
            value=args.varde,
            reporter=args.av,
            comment=args.kommentar,
            plan_id=args.plan,
            today=day,
        )
    except DataError as exc:
        for finding in exc.findings:
            print(finding.format())
        print(output_line("Ingen rapport skrevs: rätta felen ovan först (de står också i make check)."))
        return 1
    except ReportError as exc:
        raise UsageError(str(exc)) from None
    where = _shown_path(written.file)
    print(output_line(f"{where}:{written.line}: {shown(written.summary)}."))
    print(
        "Kontrollera raden (skriv gärna en kommentar) och kör make check. Rapporten syns på aktivitetens "
        "sida och på periodens sida under Uppföljning när webbplatsen byggs (make serve)."
    )
    return 0


def _shown_path(path: Path) -> str:
    """A path relative to the working folder when it lies below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


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
    check.add_argument(
        "--bas",
        help="git-referens (t.ex. origin/main): varna där en aktivitets text och strukturerade värden ändrats var för sig",
    )
    report = commands.add_parser(
        "rapport", help="lägg till en statusrapport eller ett mätvärde i planens uppfoljning.yml"
    )
    report.add_argument("--aktivitet", help="aktivitetens nummer (9.2.13) eller id")
    report.add_argument("--nyckeltal", help="nyckeltalets id")
    report.add_argument("--status", help="ej påbörjad, pågår, genomförd, uppskjuten eller avbruten")
    report.add_argument("--varde", help='det uppmätta värdet som det rapporteras, t.ex. "72 %%"')
    report.add_argument("--av", help="vem som rapporterar (personens id; standard: den ansvariga)")
    report.add_argument("--kommentar", help="kommentar till rapporten")
    report.add_argument("--plan", help="planens id (behövs bara när flera planer har aktiviteten)")
    report.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="datamapp (standard: data/)")
    report.add_argument("--idag", help="rapportens datum, ÅÅÅÅ-MM-DD (standard: idag)")
    compare = commands.add_parser(
        "jämför", help="visa vad som ändrats i planernas data mellan två git-referenser, eller en referens och datat"
    )
    compare.add_argument("A", help="den äldre git-referensen (tagg, gren eller incheckning)")
    compare.add_argument("B", nargs="?", help="den nyare referensen; utan B jämförs med datat i datamappen")
    compare.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="datamapp (standard: data/)")
    compare.add_argument("--format", choices=("text", "markdown"), default="text", help="utdataformat")
    compare.add_argument("--idag", help="datum att räkna som idag, ÅÅÅÅ-MM-DD")
    review = commands.add_parser(
        "granska", help="sammanfatta en ändring för granskaren (Markdown): jämförelsen, sidorna som ändras, kontrollen"
    )
    review.add_argument("BAS", help="git-referensen ändringen görs mot, t.ex. origin/main")
    review.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="datamapp (standard: data/)")
    review.add_argument(
        "--innehall", type=Path, default=DEFAULT_CONTENT_DIR, help="mapp med sidorna (standard: content/)"
    )
    review.add_argument("--idag", help="datum att räkna som idag, ÅÅÅÅ-MM-DD")
    schema = commands.add_parser("schema", help="skriv JSON Schema-filerna i schemas/")
    schema.add_argument("--kontrollera", action="store_true", help="kontrollera bara att de är aktuella")
    _scaffold_parsers(
        commands.add_parser("ny", help="lägg till en aktivitet, ett upphandlingsbehov, en person eller en plan")
    )
    return parser


def _scaffold_parsers(new: argparse.ArgumentParser) -> None:
    """`ny aktivitet|upphandlingsbehov|person|plan` and their options."""
    kinds = new.add_subparsers(dest="kind", metavar="vad", parser_class=SwedishParser)
    activity = kinds.add_parser("aktivitet", help="en ny aktivitet sist i planens 9.2, med nästa lediga nummer")
    activity.add_argument("--plan", required=True, help="planens id, t.ex. it-och-telekom")
    activity.add_argument("--namn", required=True, help="aktivitetens rubrik")
    activity.add_argument("--strategi", help="strategin aktiviteten bidrar till (id); annars planens första")
    need = kinds.add_parser("upphandlingsbehov", help="ett nytt upphandlingsbehov på ett års lista i 9.1")
    need.add_argument("--plan", required=True, help="planens id")
    need.add_argument("--behov", required=True, help="behovet, t.ex. Datorer")
    need.add_argument("--underkategori", required=True, help="underkategorins id")
    need.add_argument("--lista", required=True, type=int, help="året vars lista behovet står på")
    need.add_argument("--forlangning", help="förlängning av nuvarande avtal möjlig t.o.m. (ÅÅÅÅ-MM-DD eller Snarast)")
    person = kinds.add_parser("person", help="en ny person i kommunens personlista")
    person.add_argument("--namn", required=True, help="personens namn")
    person.add_argument("--titel", help="befattning")
    person.add_argument("--forvaltning", help="förvaltningens id, t.ex. ksf")
    plan = kinds.add_parser("plan", help="en ny kategoriplan: data och sidor som bygger direkt")
    plan.add_argument("--namn", required=True, help="planens namn, t.ex. Kategoriplan Fordon")
    plan.add_argument("--kategori", required=True, help="kategorins namn, t.ex. Fordon")
    plan.add_argument("--kategoriledare", required=True, help="kategoriledarens person-id")
    plan.add_argument("--sponsor", required=True, help="sponsorns person-id")
    plan.add_argument("--start", required=True, help="planperiodens första månad, ÅÅÅÅ-MM")
    plan.add_argument("--ar", type=int, default=4, help="planperiodens längd i år (standard: 4)")
    plan.add_argument("--beslutas-av", dest="beslutas_av", help="nämnden som beslutar (id; standard: kommunstyrelsen)")
    plan.add_argument("--innehall", type=Path, default=DEFAULT_CONTENT_DIR, help="mapp med sidorna")
    for kind in (activity, need, person, plan):
        kind.add_argument("--id", help="id:t (standard: bildas av namnet)")
        kind.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="datamapp (standard: data/)")


def run_scaffold(args: argparse.Namespace) -> int:
    """Write the skeleton asked for, say where it is and what to fill in, and check the data."""
    from macros.scaffold.plan import new_plan
    from macros.scaffold.records import new_activity, new_need, new_person
    from macros.scaffold.text import ScaffoldError

    try:
        if args.kind == "aktivitet":
            added = [new_activity(args.data, args.plan, args.namn, strategy=args.strategi, identifier=args.id)]
        elif args.kind == "upphandlingsbehov":
            added = [
                new_need(
                    args.data,
                    args.plan,
                    args.behov,
                    subcategory=args.underkategori,
                    year=args.lista,
                    contract_end=args.forlangning,
                    identifier=args.id,
                )
            ]
        elif args.kind == "person":
            added = [
                new_person(args.data, args.namn, title=args.titel, administration=args.forvaltning, identifier=args.id)
            ]
        elif args.kind == "plan":
            if not args.id:
                raise UsageError("ny plan: ange planens id med --id, t.ex. --id fordon")
            return _report_plan(
                new_plan(
                    args.data,
                    args.innehall,
                    args.id,
                    name=args.namn,
                    category=args.kategori,
                    lead=args.kategoriledare,
                    sponsor=args.sponsor,
                    start=args.start,
                    years=args.ar,
                    decided_by=args.beslutas_av,
                ),
                args,
            )
        else:
            raise UsageError("ange vad som ska läggas till: aktivitet, upphandlingsbehov, person eller plan")
    except ScaffoldError as exc:
        print(output_line(f"fel: {shown(str(exc))}"), file=sys.stderr)
        return 1
    for item in added:
        print(output_line(shown(f"{item.file}:{item.line}: lade till {item.what}")))
        if item.page:
            print(output_line(shown(f"Sidan i make serve: http://127.0.0.1:8000/{page_address(item.page)}")))
    print(f"Skriv in texterna som står {PLACEHOLDER}; kontrollen varnar för dem tills de är ifyllda.")
    return _check_after(args.data)


def _report_plan(plan: NewPlan, args: argparse.Namespace) -> int:
    """Say what `ny plan` wrote and check the data and pages."""
    for path in [*plan.data, *plan.pages]:
        print(output_line(shown(f"skrev {path}")))
    print(output_line(shown(f"Planen i make serve: http://127.0.0.1:8000/{args.id}/")))
    print(
        f"Skriv in texterna som står {PLACEHOLDER} i datat och på sidorna; kontrollen varnar för dem tills de är ifyllda."
    )
    return _check_after(args.data)


def _check_after(data_dir: Path) -> int:
    """Check the data after a scaffold wrote to it: errors are shown (there should be none), then the counts."""
    result = load(data_dir, today=today())
    for finding in result.findings:
        if finding.severity is Severity.ERROR:
            print(finding.format())
    print(output_line(f"Kontroll av {shown(data_dir.name)}/: {summary(result.findings)}."))
    return 0 if result.ok else 1


def page_address(page: str) -> str:
    """The address of a page's source path on the site (directory URLs): aktiviteter/x.md → aktiviteter/x/."""
    stem = page.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
        if args.command == "check":
            return run_check(args.data, args.innehall, args.format, today(args.idag), args.bas)
        if args.command == "schema":
            return run_schema(args.kontrollera)
        if args.command == "rapport":
            return run_report(args)
        if args.command == "jämför":
            return run_compare(args.data, args.A, args.B, args.format, today(args.idag))
        if args.command == "granska":
            return run_review(args.data, args.innehall, args.BAS, today(args.idag))
        if args.command == "ny":
            return run_scaffold(args)
        raise UsageError("ange ett kommando: check, rapport, jämför, granska, schema eller ny")
    except UsageError as exc:
        print(output_line(f"fel användning: {shown(str(exc))}"), file=sys.stderr)
        print(f"användning: {USAGE}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
