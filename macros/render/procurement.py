"""Macros for upphandlingsbehov (9.1): the intro, the lists per year, the lead times and
the latest start of each procurement derived from them."""

from __future__ import annotations

from macros.exports.dataset import dataset, text, whole
from macros.model.procurement import ProcurementNeed
from macros.render.calendar import needs_dataset
from macros.render.context import MacroError, Site, history_page
from macros.render.downloads import offer
from macros.render.editing import edit_link
from macros.render.history import unavailable
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.text import table

CONTRACT_END_HEADER = "Förlängning nuvarande avtal möjlig t.o.m."


def _contract_end(need: ProcurementNeed) -> str:
    """The contract end as the source writes it: a date, "Snarast" or nothing."""
    end = need.contract_end
    return "" if end is None else end if isinstance(end, str) else end.isoformat()


@macro("upphandlingsbehov_inledning", 'upphandlingsbehov_inledning(plan="it-och-telekom")')
def procurement_intro(site: Site, *, plan: str) -> str:
    """Den inledande texten i 9.1 om upphandlingsbehoven och framförhållningen."""
    intro = site.plan(plan).procurement_file.intro
    if not intro:
        raise MacroError(f"planen '{plan}' har ingen inledning i upphandlingsbehov.yml")
    return rich(intro)


@macro("upphandlingsbehov", 'upphandlingsbehov(plan="it-och-telekom", ar=2024)')
def procurement_needs(site: Site, *, plan: str, ar: int | None = None) -> str:
    """Upphandlingsbehoven på ett års lista (eller alla), med underkategori som källan skriver den."""
    p = site.plan(plan)
    needs = [n for n in p.procurement_needs if ar is None or n.list_year == ar]
    if not needs and ar is None:
        return "Planen har inga upphandlingsbehov ännu.\n"
    if not needs:
        raise MacroError(f"planen '{plan}' har inga upphandlingsbehov på listan för {ar}")
    if any(n.contract_end is not None for n in needs):
        headers = ["Underkategori", "Upphandlingsbehov", CONTRACT_END_HEADER]
        rows = [[plain(n.subcategory_label), plain(n.need), _contract_end(n)] for n in needs]
    else:
        headers = ["Underkategori", "Behov"]
        rows = [[plain(n.subcategory_label), plain(n.need)] for n in needs]
    if site.edit.pattern:
        headers.append("Ändra")
        for row, need in zip(rows, needs, strict=True):
            row.append(edit_link(site.edit, need, f"behovet {need.need}"))
    return table(headers, rows, download=offer(site, needs_dataset(site, p, ar))) + _history_line(site, p.id, needs)


def _history_line(site: Site, plan_id: str, needs: list[ProcurementNeed]) -> str:
    """When the listed needs were last changed, with a link to each need's history; nothing without a history."""
    if unavailable(site) is not None:
        return ""
    commits = [site.history.last_change(plan_id, "upphandlingsbehov", need.id) for need in needs]
    known = [commit for commit in commits if commit is not None]
    link = f"[historik för varje behov]({site.link(history_page(plan_id), 'upphandlingsbehov')})"
    if not known:
        return f"\n*Ingen incheckad ändring av behoven finns i historiken ({link}).*\n"
    latest = max(known, key=lambda commit: commit.made)
    return (
        f"\n*Behoven på listan ändrades senast {latest.made.strftime('%Y-%m-%d')} av {plain(latest.author)} "
        f"({link}).*\n"
    )


@macro("ledtider", 'ledtider(plan="it-och-telekom")')
def lead_times(site: Site, *, plan: str) -> str:
    """Planens framförhållning per underkategori (9.1) och underkategorierna utan angiven framförhållning."""
    p = site.plan(plan)
    rows = [[plain(p.subcategory(lt.subcategory).name), f"{lt.months} månader"] for lt in p.meta.lead_times]
    without = [plain(s.name) for s in p.subcategories if p.lead_time_months(s.id) is None]
    lead = dataset(
        f"{p.id}/ledtider",
        f"Framförhållning per underkategori i {p.meta.name}",
        [text("Underkategori"), text("Id"), whole("Framförhållning, månader")],
        [[s.name, s.id, p.lead_time_months(s.id)] for s in p.subcategories],
    )
    parts = [table(["Underkategori", "Framförhållning"], rows, download=offer(site, lead))]
    if p.meta.lead_time_text:
        parts.append(f"Planens formulering: ”{rich(p.meta.lead_time_text, inline=True)}”.\n")
    if without:
        parts.append("Planen anger ingen framförhållning för: " + ", ".join(without) + ".\n")
    return "\n".join(parts)
