"""`make bench`: what checking and building cost, against baselines measured in the same run.

1. `check` against a bare PyYAML parse of the same files (libyaml loader);
2. our full `mkdocs build` against a plain MkDocs + Material build of the same pages with
   the macros already rendered;
3. both at 1×, 10× and 50× the real plan's size (synthetic data);
4. rebuild time of `mkdocs serve` after one data file changes;
5. peak memory of the builds, and the bytes a browser loads for an activity page against
   a plain Material page;
6. the history and decided versions: a synthetic repository with 300 data commits and 5
   decided versions, built with a cold cache and then a warm one against the same site
   without git.

Writes BENCHMARKS.md at the project root; the last line printed is a one-line summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import report, sites
from benchmarks.generator import Scale, TemplateIds, generate, real_scale
from benchmarks.history import measure_history
from benchmarks.measure import Pair, RunFailed, TimedOut, checked, interleaved, run
from benchmarks.pages import make_content
from benchmarks.results import BuildResult, Case, CheckResult, MacroTime, Results, ServeResult, WeightResult
from benchmarks.serve import measure_side_by_side, replace_once
from benchmarks.sites import (
    ROOT,
    captured_config,
    plain_docs,
    snapshot_engine,
    snapshot_real,
    write_plain,
    write_subject,
)
from benchmarks.weight import page_weight
from macros.adapter.exports import SWITCH as EXPORT_SWITCH
from macros.loading.loader import load
from macros.model.catalog import Municipality
from macros.render.safe import plain as escaped

TODAY = "2025-06-01"
"""The fixed "today" of every check and build, so that runs are comparable."""

PY = sys.executable


def _env(**extra: str) -> dict[str, str]:
    """The environment of every measured command: fixed today, the snapshot of the engine first on the path."""
    env = {**os.environ, "KATEGORIPLAN_IDAG": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BENCH_CAPTURE_DIR", None)
    # Measure what an editor's machine does: Python caches compiled modules. Without this, a
    # machine-wide PYTHONDONTWRITEBYTECODE would recompile our engine from source on every run,
    # while MkDocs and Material load from the bytecode pip wrote when installing them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join([str(sites.ENGINE), str(ROOT)])
    env.update(extra)
    return env


def _say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --------------------------------------------------------------------------- cases


def prepare_real(work: Path) -> tuple[Case | None, str]:
    """The real site on a snapshot of data/ and content/, if its data loads and it builds strictly."""
    work.mkdir(parents=True)
    data, docs = snapshot_real(work)
    result = load(data, today=dt.date.fromisoformat(TODAY))
    if not result.ok or result.model is None:
        errors = sum(1 for f in result.findings if f.severity.value == "fel")
        return None, f"det riktiga datat har {errors} fel"
    from benchmarks.sites import real_config

    case = Case("Riktig plan", 0, work, data, docs, real_config().get("nav"), strict=True, model=result.model)
    config = write_subject(work, data=data, docs=docs, nav=case.nav)
    done = run([PY, "-m", "mkdocs", "build", "--clean", "-f", str(config)], env=_env(), cwd=work)
    if done.returncode != 0:
        tail = "\n".join(done.output.strip().splitlines()[-5:])
        return None, f"`mkdocs build --strict` på den riktiga webbplatsen misslyckas:\n\n```text\n{tail}\n```"
    return case, ""


def prepare_synthetic(work: Path, factor: int, base: Scale, template: TemplateIds) -> Case:
    """Generated data and pages at `factor` × the real plan's size."""
    work.mkdir(parents=True)
    scale = base.times(factor)
    generate(work / "data", scale, seed=factor, template=template)
    result = load(work / "data", today=dt.date.fromisoformat(TODAY))
    if not result.ok or result.model is None:
        first = next((f.format() for f in result.findings if f.severity.value == "fel"), "")
        raise RunFailed(f"det syntetiska datat ({factor}×) har fel: {first}")
    nav, pages = make_content(work / "content", result.model, today=dt.date.fromisoformat(TODAY), seed=factor)
    return Case(
        f"{factor}×",
        factor,
        work,
        work / "data",
        work / "content",
        nav,
        strict=False,
        model=result.model,
        scale=scale,
        pages=pages,
    )


# --------------------------------------------------------------------------- measurements


def measure_check(case: Case, rounds: int) -> CheckResult:
    """Validation against a bare parse: in one warm process, and as whole commands."""
    child = checked(
        [PY, "-m", "benchmarks.inprocess", str(case.data), str(rounds), TODAY],
        env=_env(),
        cwd=sites.ENGINE,
        timeout=1800,
    )
    numbers = json.loads(child.output.strip().splitlines()[-1])
    if numbers["errors"]:
        raise RunFailed(f"{case.name}: kontrollen hittade {numbers['errors']} fel")
    commands = interleaved(
        [PY, "-m", "macros", "check", "--data", str(case.data), "--innehall", str(case.docs), "--idag", TODAY],
        [PY, "-m", "benchmarks.inprocess", "--parse-only", str(case.data)],
        rounds,
        env=_env(),
        cwd=sites.ENGINE,
    )
    files = sorted(case.data.rglob("*.yml"))
    return CheckResult(
        files=len(files),
        megabytes=sum(f.stat().st_size for f in files) / 1e6,
        parse=numbers["parse"],
        check=numbers["check"],
        command=commands,
    )


def _page_kind(page: str, model: Municipality) -> str:
    """Which kind of page a source path is: person, activity, follow-up or written content page."""
    parts = page.split("/")
    if parts[0] == "ansvar":
        return "personsidor (genererade)"
    if len(parts) == 3 and parts[0] in model.plans and parts[1] == "aktiviteter" and parts[2] != "index.md":
        return "aktivitetssidor (genererade)"
    if len(parts) == 3 and parts[0] in model.plans and parts[1] == "uppfoljning":
        return "uppföljningssidor (genererade)"
    return "skrivna sidor"


def macro_times(times_file: Path, model: Municipality) -> list[MacroTime]:
    """The macros' time per kind of page, from the capture build's log."""
    if not times_file.exists():
        return []
    rows = [json.loads(line) for line in times_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    kinds: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        kinds.setdefault(_page_kind(row["page"], model), []).append(row)
    result = []
    for kind, items in sorted(kinds.items()):
        slowest = max(items, key=lambda row: row["seconds"])
        total = sum(row["seconds"] for row in items)
        result.append(MacroTime(kind, len(items), total, slowest["page"], slowest["seconds"]))
    return result


def measure_build(case: Case, rounds: int, limit: float) -> BuildResult:
    """Our build of the pages (without the export step, which `measure_exports` compares on its own)
    against a plain MkDocs + Material build of the same rendered pages."""
    captured = case.work / "captured"
    shutil.rmtree(captured, ignore_errors=True)
    times_file = Path(f"{captured}.times.jsonl")
    times_file.unlink(missing_ok=True)
    capture = write_subject(case.work, data=case.data, docs=case.docs, nav=case.nav, capture=True, strict=case.strict)
    try:
        warm = checked(
            [PY, "-m", "mkdocs", "build", "--clean", "-f", str(capture)],
            env=_env(BENCH_CAPTURE_DIR=str(captured)),
            cwd=case.work,
            timeout=limit,
        )
    except TimedOut as stopped:
        rendered = macro_times(times_file, case.model)
        pages = sum(item.pages for item in rendered)
        return BuildResult(pages, stopped.seconds, None, rendered, timed_out=True, limit=limit)
    case.plain_docs = plain_docs(captured, case.docs, case.work / "plain-docs")
    captured_nav, case.plain_extra = captured_config(captured)
    case.plain_nav = captured_nav if captured_nav is not None else case.nav
    subject = write_subject(case.work, data=case.data, docs=case.docs, nav=case.nav, strict=case.strict)
    plain = write_plain(case.work, docs=case.plain_docs, nav=case.plain_nav, extra=case.plain_extra, strict=case.strict)
    pair = interleaved(
        ["env", f"{EXPORT_SWITCH}=av", PY, "-m", "mkdocs", "build", "--clean", "-f", str(subject)],
        [PY, "-m", "mkdocs", "build", "--clean", "-f", str(plain)],
        rounds,
        env=_env(),
        cwd=case.work,
        timeout=limit,
    )
    pages = sum(1 for _ in captured.rglob("*.md"))
    exports, timings = measure_exports(case, subject, rounds, limit)
    return BuildResult(
        pages,
        warm.seconds,
        pair,
        macro_times(times_file, case.model),
        limit=limit,
        exports=exports,
        export_timings=timings,
    )


def measure_exports(case: Case, subject: Path, rounds: int, limit: float) -> tuple[Pair, list[dict[str, Any]]]:
    """Our build with the export step against the same build without it, and what the export step reported."""
    timings = case.work / "export-timings.jsonl"
    timings.unlink(missing_ok=True)
    build = [PY, "-m", "mkdocs", "build", "--clean", "-f", str(subject)]
    pair = interleaved(
        ["env", f"{EXPORT_SWITCH}=utan-cache", *build],  # every file written, none taken from the cache
        ["env", f"{EXPORT_SWITCH}=av", *build],
        rounds,
        env=_env(KATEGORIPLAN_EXPORTTID=str(timings)),
        cwd=case.work,
        timeout=limit,
    )
    lines = timings.read_text(encoding="utf-8").splitlines() if timings.exists() else []
    return pair, [json.loads(line) for line in lines if line.strip()]


def _set_line(file: Path, line: int, key: str, value: str) -> None:
    """Give `key` on line `line` (1-based) of a YAML file a new scalar value, keeping every other byte."""
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    old = lines[line - 1]
    indent = old[: len(old) - len(old.lstrip())]
    if not old.lstrip().startswith(f"{key}:"):
        raise ValueError(f"{file}:{line}: väntade nyckeln {key}")
    lines[line - 1] = f"{indent}{key}: {value}\n"
    file.write_text("".join(lines), encoding="utf-8")


ServeEdit = tuple[str, Path, int, bool, str, Callable[[int], str], Callable[[int], str]]
"""An edit measured in `mkdocs serve`: (name, file, line, shown on every page, page, our change, plain change)."""


def _serve_edits(case: Case) -> list[ServeEdit]:
    """The data edits measured in `mkdocs serve` (see `ServeEdit`).

    An activity's planned end (shown on a few pages) and the plan's name (in every page's menu).
    Each is found through the loader's line numbers, so the edit is exactly the one line an editor changes.
    """
    result = load(case.data, today=dt.date.fromisoformat(TODAY))
    if result.model is None:
        raise RunFailed("datat går inte att läsa för serve-mätningen")
    model = result.model
    plan_id = next(iter(model.plans))
    plan = model.plan(plan_id)

    def place(record: Any, *keys: str) -> tuple[Path, int]:
        file, path = record.origin
        return case.data.parent / file, result.sources[file].line_of((*path, *keys))

    edits: list[ServeEdit] = []
    activity = next((a for a in plan.activities if a.schedule.end is not None), None)
    if activity is not None:
        file, line = place(activity, "tidplan", "slut")
        page = f"{plan_id}/aktiviteter/{activity.id}.md"
        edits.append(("En aktivitets planerade slut", file, line, False, page, *_date_changes(file, line, page, case)))
    file, line = place(plan.meta, "namn")
    edits.append(("Planens namn", file, line, True, "index.md", *_name_changes(file, line, plan.meta.name, case)))
    return edits


def _date_changes(file: Path, line: int, page: str, case: Case) -> tuple[Callable[[int], str], Callable[[int], str]]:
    """Our change: the activity ends in another year each round; plain: the same page's Markdown gets that year."""
    assert case.plain_docs is not None
    plain_page = case.plain_docs / page
    original = plain_page.read_text(encoding="utf-8")

    def ours(index: int) -> str:
        _set_line(file, line, "slut", f"{2040 + index}-03")
        return str(2040 + index)

    def plain(index: int) -> str:
        plain_page.write_text(original + f"\n\nSlut {2040 + index}.\n", encoding="utf-8")
        return str(2040 + index)

    return ours, plain


def _name_changes(file: Path, line: int, name: str, case: Case) -> tuple[Callable[[int], str], Callable[[int], str]]:
    """Our change: the plan's name (start page and every footer); plain: the start page's Markdown."""
    assert case.plain_docs is not None
    current = {"plain": name}

    def ours(index: int) -> str:
        _set_line(file, line, "namn", json.dumps(f"{name} (ändrad {index})", ensure_ascii=False))
        return f"(ändrad {index})"

    def plain_change(index: int) -> str:
        new = f"{name} (ändrad {index})"
        replace_once(case.plain_docs / "index.md", escaped(current["plain"]), escaped(new))  # type: ignore[operator]
        current["plain"] = new
        return f"(ändrad {index})"

    return ours, plain_change


def measure_serve(case: Case, rounds: int) -> list[ServeResult]:
    """Rebuild after one data edit (ours) against a plain server's rebuild after a page edit, side by side."""
    results = []
    for name, file, _, everywhere, page, change_ours, change_plain in _serve_edits(case):
        original = file.read_bytes()
        plain_page = case.plain_docs / page if case.plain_docs else None
        plain_original = plain_page.read_bytes() if plain_page else b""
        url = "/" + page.removesuffix("index.md").removesuffix(".md") + ("" if page.endswith("index.md") else "/")
        subject = write_subject(case.work, data=case.data, docs=case.docs, nav=case.nav, strict=case.strict)
        plain_config = write_plain(
            case.work, docs=case.plain_docs, nav=case.plain_nav, extra=case.plain_extra, strict=case.strict
        )
        try:
            ours, baseline = measure_side_by_side(
                (subject, change_ours, url), (plain_config, change_plain, url), _env(), rounds=rounds
            )
        finally:
            file.write_bytes(original)
            if plain_page:
                plain_page.write_bytes(plain_original)
        changed = file.relative_to(case.work).as_posix()
        results.append(
            ServeResult(edit=name, changed_file=changed, page=url, ours=ours, plain=baseline, everywhere=everywhere)
        )
    return results


def measure_weight(case: Case) -> WeightResult:
    """An activity page of ours against the same page built by plain Material."""
    plan = next(iter(case.model.plans.values()))
    activity = plan.activities[0]
    page = f"{plan.id}/aktiviteter/{activity.id}/"
    material = write_plain(case.work, docs=case.plain_docs, nav=case.plain_nav, material_defaults=True, strict=False)
    checked([PY, "-m", "mkdocs", "build", "--clean", "-f", str(material)], env=_env(), cwd=case.work)
    ours_site, plain_site = case.work / "site", case.work / "site-material"
    html = (ours_site / page / "index.html").read_text(encoding="utf-8")
    has_diagram = "diagram-svg" in html or 'class="mermaid"' in html
    return WeightResult(
        page=page, has_diagram=has_diagram, ours=page_weight(ours_site, page), plain=page_weight(plain_site, page)
    )


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and write BENCHMARKS.md."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description="Mät vad kontroll och bygge kostar.")
    parser.add_argument("--skalor", default="1,10,50", help="skalor av den riktiga planen, t.ex. 1,10,50")
    parser.add_argument("--snabb", action="store_true", help="färre upprepningar (för att prova skriptet)")
    parser.add_argument("--ut", type=Path, default=ROOT / "BENCHMARKS.md", help="rapportfil")
    parser.add_argument("--behall", action="store_true", help="behåll arbetsmappen med data och byggen")
    parser.add_argument("--tidsgrans", type=float, default=600, help="längsta tid för ett bygge, sekunder")
    parser.add_argument(
        "--bara-rapport", type=Path, help="skriv bara rapporten från en sparad körning (results.pickle)"
    )
    parser.add_argument(
        "--historik", type=int, default=300, help="antal incheckningar i historikens förråd (0 = mät inte historiken)"
    )
    parser.add_argument("--versioner", type=int, default=5, help="antal beslutade versioner i historikens förråd")
    args = parser.parse_args(argv)
    if args.bara_rapport:
        saved: Results = pickle.loads(args.bara_rapport.read_bytes())
        args.ut.write_text(report.markdown(saved), encoding="utf-8")
        print(report.summary(saved))
        return 0
    factors = [int(part) for part in args.skalor.split(",") if part]
    started = time.time()
    given = sys.argv[1:] if argv is None else argv
    command = "make bench" if not given else "python -m benchmarks " + " ".join(given)
    results = Results(command=command, started=dt.datetime.now().astimezone(), load_before=os.getloadavg())
    work = Path(tempfile.mkdtemp(prefix="kategoriplan-bench-"))
    try:
        _say(f"arbetsmapp {work}")
        snapshot_engine(work / "motor")
        real, reason = prepare_real(work / "riktig")
        results.real_skipped = reason
        template = TemplateIds.of(real.model if real else None)
        base = real_scale(real.model if real else None)
        cases = [real] if real else []
        for factor in factors:
            _say(f"genererar {factor}×")
            cases.append(prepare_synthetic(work / f"x{factor}", factor, base, template))
        for case in cases:
            check_rounds, build_rounds = _rounds(case, args.snabb)
            try:
                _say(f"{case.name}: kontroll ({check_rounds} varv)")
                case.check = measure_check(case, check_rounds)
                _say(f"{case.name}: bygge ({build_rounds} varv, högst {args.tidsgrans:.0f} s per bygge)")
                case.build = measure_build(case, build_rounds, args.tidsgrans)
            except RunFailed as failure:
                case.failures.append(str(failure))
                _say(f"{case.name}: misslyckades: {str(failure)[:300]}")
            if case.build and case.build.pair:
                pair = case.build.pair
                _say(f"{case.name}: bygge {pair.subject_seconds:.1f} s mot {pair.baseline_seconds:.1f} s")
            elif case.build:
                _say(f"{case.name}: vårt bygge blev inte klart inom {args.tidsgrans:.0f} s")
        results.cases = cases
        target = next((c for c in cases if c.plain_docs is not None and (c is real or c.factor == 1)), None)
        if target is not None:
            try:
                _say(f"mkdocs serve på {target.name}")
                results.serve = measure_serve(target, 2 if args.snabb else 5)
                _say(f"sidvikt på {target.name}")
                results.weight = measure_weight(target)
                results.serve_case = results.weight_case = target.name
            except (RunFailed, RuntimeError, TimeoutError) as failure:
                target.failures.append(str(failure))
                _say(f"serve/sidvikt misslyckades: {str(failure)[:300]}")
        if args.historik > 0:
            _say(f"historik: {args.historik} incheckningar, {args.versioner} beslutade versioner")
            results.history = measure_history(
                work / "historik",
                base,
                template,
                commits=args.historik,
                versions=args.versioner,
                rounds=2 if args.snabb else 5,
                limit=args.tidsgrans,
                env=_env(),
                python=PY,
            )
            if results.history.failure:
                _say(f"historiken misslyckades: {results.history.failure[:300]}")
            elif results.history.warm:
                warm = results.history.warm
                _say(
                    f"historik: kall {results.history.cold_seconds:.1f} s, varm {warm.subject_seconds:.1f} s "
                    f"mot {warm.baseline_seconds:.1f} s utan git"
                )
    finally:
        if args.behall:
            _say(f"arbetsmappen finns kvar: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results.load_after = os.getloadavg()
    results.minutes = (time.time() - started) / 60
    args.ut.write_text(report.markdown(results), encoding="utf-8")
    _say(f"skrev {args.ut}")
    if args.behall:
        (work / "results.pickle").write_bytes(pickle.dumps(results))
    print(report.summary(results))
    return 0


def _rounds(case: Case, quick: bool) -> tuple[int, int]:
    """Repetitions (check, build): fewer for the big scales, where one build takes minutes."""
    if quick:
        return 3, 2 if case.factor < 10 else 1
    if case.factor >= 10:
        return 5, 3
    return 9, 9


if __name__ == "__main__":
    sys.exit(main())
