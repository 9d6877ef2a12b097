"""`python -m macros granska BAS`: what a pull request means for the plan, in Swedish, for the
reviewer (CI writes it as the job's summary on GitHub, see README and .github/workflows/ci.yml).

The summary has three parts:

- **Den här ändringen**: the comparison of the data at BAS (the pull request's base) with the
  data in the working copy, grouped by plan and record (`macros.comparison.as_markdown`), e.g.
  "Aktivitet 9.2.13 Webbtillgänglighet – **Tidplan, slut**: ”juni 2024” → ”juni 2025”";
- **Sidor som ändras**: each page of the site that shows a changed record or is a changed written
  page, with its address in the built preview (the CI artifact `forhandsvisning`);
- **Kontrollen**: the check's summary line (its findings are annotations on the exact lines).

Under the comparison, **Text och struktur** lists the activities whose wording and structured
values changed apart (`macros.comparison.instep`).

The functions here are pure (changes and page lists in, Markdown out); git and loading are the
CLI's (`macros.cli.run_review`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from macros.comparison import Change, as_markdown
from macros.comparison.changes import REMOVED
from macros.comparison.formats import markdown_inert
from macros.model.catalog import Municipality
from macros.render.context import activity_page, history_page, person_page
from macros.render.history import record_anchor
from macros.render.html import page_url

PREVIEW_ARTIFACT = "forhandsvisning"
"""The name of the CI artifact that holds the built preview of the pull request's site."""


@dataclass(frozen=True)
class ChangedPage:
    """A page of the site that a change shows on: what it is and its address in the built site."""

    what: str
    address: str


def changed_pages(changes: Sequence[Change], model: Municipality, written: Sequence[str]) -> list[ChangedPage]:
    """The pages that show the changes: each changed activity's and person's own page (the record's
    section of the history page for other records, and for records that were removed), then each
    changed written page (`written`: source paths below content/, in the working copy)."""
    found: dict[str, ChangedPage] = {}
    for change in changes:
        plan, kind, record = change.record_key
        removed = change.field is None and change.change == REMOVED
        if not removed and kind == "aktivitet" and plan in model.plans and model.plan(plan).has("aktivitet", record):
            source, anchor = activity_page(plan, record), ""
        elif not removed and kind == "person" and plan is None and model.has("person", record):
            source, anchor = person_page(record), ""
        else:
            known = plan if plan is None or plan in model.plans else None
            source, anchor = history_page(known), f"#{record_anchor(kind, record)}"
        address = page_url(source) + anchor
        what = change.label if not anchor else f"{change.label} (i ändringshistoriken)"
        found.setdefault(address, ChangedPage(what, address))
    for source in written:
        address = page_url(source)
        found.setdefault(address, ChangedPage(f"Sidan content/{source}", address))
    return list(found.values())


def review_markdown(
    base: str,
    changes: Sequence[Change],
    plan_names: dict[str, str],
    pages: Sequence[ChangedPage],
    check_line: str,
    note: str = "",
    drifted: Sequence[str] = (),
) -> str:
    """The reviewer's summary of a pull request as Markdown (see the module's docstring)."""
    inert = markdown_inert
    parts = [
        "# Den här ändringen\n",
        f"Jämfört med {inert(base)}, pull requestens bas.\n",
        as_markdown(list(changes), plan_names=plan_names) if changes else "Ändringen rör inte planernas data.\n",
    ]
    if note:
        parts.append(note.strip() + "\n")
    if drifted:
        parts.append("## Text och struktur\n")
        parts.append(
            "Här ändrades bara den ena av planens text och de strukturerade värdena som säger samma sak. "
            "Har planen ändrats genom ett beslut ska båda ändras; annars visar webbplatsen värdet som en "
            "avvikelse från planens text.\n"
        )
        parts.append("\n".join(f"- {inert(message)}" for message in drifted) + "\n")
    parts.append("# Sidor som ändras\n")
    if pages:
        parts.append(
            f"Adresserna gäller förhandsvisningen i artefakten *{PREVIEW_ARTIFACT}* "
            f"(packa upp den och kör `python -m http.server -d {PREVIEW_ARTIFACT}`, öppna sedan "
            "<http://localhost:8000/>).\n"
        )
        parts.append("\n".join(f"- {inert(page.what)}: `/{page.address}`" for page in pages) + "\n")
    else:
        parts.append("Ingen sida ändras.\n")
    parts += ["# Kontrollen\n", f"{inert(check_line)} Fynden står som anteckningar vid raderna i filerna.\n"]
    return "\n".join(parts)
