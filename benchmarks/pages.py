"""Synthetic content pages: the real plan's pages copied to every synthetic plan with the
plan id replaced, plus a generated page for each macro the real pages do not call yet.

Every macro call on every written page is rendered once against the synthetic data; a
call that fails (it names an id the synthetic data lacks) is removed and counted, so the
synthetic site always builds and the report says how faithful the copy is.
"""

from __future__ import annotations

import datetime as dt
import inspect
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from benchmarks.generator import Words
from benchmarks.sites import REAL_PLAN, ROOT, real_config
from macros.model.catalog import Municipality
from macros.render import MACROS
from macros.render.context import Site, generated_pages

EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
CALLED = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\(")


@dataclass
class PageReport:
    """How the synthetic pages were made."""

    copied: int = 0
    generated: int = 0
    calls: int = 0
    dropped: list[str] = field(default_factory=list)


def _called_macros(text: str) -> set[str]:
    return set(CALLED.findall(text))


def _takes_plan(name: str) -> bool:
    return "plan" in inspect.signature(MACROS[name].function).parameters


def _generated_page(name: str, plan: str, words: Words) -> str:
    """A page for one macro: heading, prose, the macro's documented example on this plan."""
    example = MACROS[name].example.replace(REAL_PLAN, plan)
    prose = words.text(3, 4)
    return f"# {MACROS[name].summary.rstrip('.')}\n\n{prose}\n{{{{ {example} }}}}\n\n{words.text(1, 3)}"


class _Verifier:
    """Renders single macro calls the way mkdocs-macros does, against one model.

    Every synthetic plan is made from the same template with the same ids, so a call
    is tried on the first plan that has it and the answer reused for the others.
    """

    def __init__(self, model: Municipality, today: dt.date) -> None:
        self.site = Site(model=model, today=today)
        self.plans = set(model.plans)
        self.env = jinja2.Environment(undefined=jinja2.StrictUndefined)
        self.answers: dict[tuple[str, str], bool] = {}

    def keep(self, page: str, expression: str) -> bool:
        """Whether the call renders without an error on this page."""
        plan = page.split("/", 1)[0]
        key = (page, expression)
        if plan in self.plans:
            key = (page.replace(plan, "\0"), expression.replace(plan, "\0"))
        if key not in self.answers:
            self.answers[key] = self._renders(page, expression)
        return self.answers[key]

    def _renders(self, page: str, expression: str) -> bool:
        site = self.site.on_page(page)
        functions = {name: spec.bind(site) for name, spec in MACROS.items()}
        try:
            self.env.from_string("{{" + expression + "}}").render(**functions)
        except Exception:  # any failure: the call does not fit the synthetic data
            return False
        return True


def _verify(path: Path, page: str, verifier: _Verifier, report: PageReport) -> None:
    """Drop the macro calls of one page that do not render on the synthetic data."""
    text = path.read_text(encoding="utf-8")

    def check(match: re.Match[str]) -> str:
        report.calls += 1
        if verifier.keep(page, match.group(1)):
            return match.group(0)
        report.dropped.append(f"{page}: {{{{{match.group(1).strip()}}}}}")
        return ""

    path.write_text(EXPRESSION.sub(check, text), encoding="utf-8")


def _map_nav(item: Any, rewrite: Any) -> Any:
    """Rewrite every page path of a nav entry; entries whose path is dropped disappear."""
    if isinstance(item, str):
        return rewrite(item)
    if isinstance(item, list):
        mapped = [_map_nav(entry, rewrite) for entry in item]
        return [entry for entry in mapped if entry is not None] or None
    if isinstance(item, dict):
        ((title, value),) = item.items()
        mapped = _map_nav(value, rewrite)
        return {title: mapped} if mapped is not None else None
    return item


def _paths(item: Any) -> list[str]:
    if isinstance(item, str):
        return [item]
    if isinstance(item, list):
        return [p for entry in item for p in _paths(entry)]
    if isinstance(item, dict):
        return [p for value in item.values() for p in _paths(value)]
    return []


def make_content(
    out: Path, model: Municipality, *, today: dt.date, seed: int = 1, real_docs: Path | None = None
) -> tuple[list[Any] | None, PageReport]:
    """Write the synthetic pages for every plan of `model` to `out`; return the nav and a report."""
    real_docs = real_docs or ROOT / "content"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    plans = list(model.plans)
    words = Words(random.Random(seed))
    report = PageReport()
    template = real_docs / REAL_PLAN
    # The generated pages (activities, people, record histories, decided versions) already call their macros.
    used: set[str] = {page.macro for page in generated_pages(model)}

    # Pages outside the plan's folder (start page, editors' pages), pointing at the first plan.
    for path in sorted(real_docs.rglob("*")):
        relative = path.relative_to(real_docs)
        if path.is_dir() or relative.parts[0] == REAL_PLAN or relative.parts[0].startswith("."):
            continue
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            used |= _called_macros(text)
            target.write_text(text.replace(REAL_PLAN, plans[0]), encoding="utf-8")
            report.copied += 1
        else:
            shutil.copy2(path, target)
    if not (out / "index.md").exists():
        (out / "index.md").write_text("# Kategoriplaner\n\n{{ planlista() }}\n", encoding="utf-8")
        report.generated += 1
        used.add("planlista")

    # The real plan's pages, once per synthetic plan.
    template_pages = sorted(p for p in template.rglob("*") if p.is_file()) if template.is_dir() else []
    for path in template_pages:
        if path.suffix == ".md":
            used |= _called_macros(path.read_text(encoding="utf-8"))
    missing = sorted(name for name in MACROS if name not in used and _takes_plan(name))
    generated: dict[str, str] = {name: f"makro-{name.replace('_', '-')}.md" for name in missing}
    for plan in plans:
        folder = out / plan
        for path in template_pages:
            target = folder / path.relative_to(template)
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix == ".md":
                target.write_text(path.read_text(encoding="utf-8").replace(REAL_PLAN, plan), encoding="utf-8")
                report.copied += 1
            else:
                shutil.copy2(path, target)
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / "index.md").exists():
            meta = model.plan(plan).meta
            (folder / "index.md").write_text(
                f'# {meta.name}\n\n{words.text(2, 4)}\n{{{{ planfakta(plan="{plan}") }}}}\n', encoding="utf-8"
            )
            report.generated += 1
        for name, file_name in generated.items():
            (folder / file_name).write_text(_generated_page(name, plan, words), encoding="utf-8")
            report.generated += 1

    verifier = _Verifier(model, today)
    for path in sorted(out.rglob("*.md")):
        _verify(path, path.relative_to(out).as_posix(), verifier, report)
    return _nav(out, model, generated), report


def _nav(out: Path, model: Municipality, generated: dict[str, str]) -> list[Any] | None:
    """The real nav with the real plan's section repeated for every synthetic plan."""
    real_nav = real_config().get("nav")
    if not real_nav:
        return None
    plan_prefix = REAL_PLAN + "/"
    nav: list[Any] = []
    for item in real_nav:
        paths = _paths(item)
        if paths and all(p.startswith(plan_prefix) for p in paths):
            ((_, section),) = item.items() if isinstance(item, dict) else ((None, [item]),)
            for plan_id, plan in model.plans.items():
                rewrite = lambda p, plan_id=plan_id: (  # noqa: E731
                    q if (out / (q := plan_id + "/" + p.removeprefix(plan_prefix))).is_file() else None
                )
                mapped = _map_nav(section, rewrite) or []
                if not any(p == f"{plan_id}/index.md" for p in _paths(mapped)):
                    mapped.insert(0, f"{plan_id}/index.md")
                mapped += [{f"Makro {name}": f"{plan_id}/{file}"} for name, file in generated.items()]
                nav.append({plan.meta.name: mapped})
        else:
            mapped = _map_nav(item, lambda p: p if (out / p).is_file() else None)
            if mapped is not None:
                nav.append(mapped)
    return nav
