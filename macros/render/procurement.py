"""Macros for upphandlingsbehov (9.1): the intro, the lists per year, the lead times and
the latest start of each procurement derived from them."""

from __future__ import annotations

from macros.model.catalog import Plan
from macros.model.deadlines import ProcurementDeadline, deadlines
from macros.model.procurement import SNARAST, ProcurementNeed
from macros.render.context import MacroError, Site
from macros.render.registry import macro
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
    return intro.strip() + "\n"


@macro("upphandlingsbehov", 'upphandlingsbehov(plan="it-och-telekom", ar=2024)')
def procurement_needs(site: Site, *, plan: str, ar: int | None = None) -> str:
    """Upphandlingsbehoven på ett års lista (eller alla), med underkategori som källan skriver den."""
    p = site.plan(plan)
    needs = [n for n in p.procurement_needs if ar is None or n.list_year == ar]
    if not needs:
        raise MacroError(f"planen '{plan}' har inga upphandlingsbehov på listan för {ar}")
    if any(n.contract_end is not None for n in needs):
        headers = ["Underkategori", "Upphandlingsbehov", CONTRACT_END_HEADER]
        rows = [[n.subcategory_label, n.need, _contract_end(n)] for n in needs]
    else:
        headers = ["Underkategori", "Behov"]
        rows = [[n.subcategory_label, n.need] for n in needs]
    return table(headers, rows)


@macro("ledtider", 'ledtider(plan="it-och-telekom")')
def lead_times(site: Site, *, plan: str) -> str:
    """Planens framförhållning per underkategori (9.1) och underkategorierna utan angiven framförhållning."""
    p = site.plan(plan)
    rows = [[p.subcategory(lt.subcategory).name, f"{lt.months} månader"] for lt in p.meta.lead_times]
    without = [s.name for s in p.subcategories if p.lead_time_months(s.id) is None]
    parts = [table(["Underkategori", "Framförhållning"], rows)]
    if p.meta.lead_time_text:
        parts.append(f"Planens formulering: ”{p.meta.lead_time_text}”.\n")
    if without:
        parts.append("Planen anger ingen framförhållning för: " + ", ".join(without) + ".\n")
    return "\n".join(parts)


@macro("upphandlingsstart", 'upphandlingsstart(plan="it-och-telekom")')
def latest_starts(site: Site, *, plan: str) -> str:
    """Senaste start för varje upphandling med känt avtalsslut: avtalsslut minus framförhållning."""
    p = site.plan(plan)
    rows = [_start_row(p, item) for item in deadlines(p, site.today) if item.need.contract_end is not None]
    headers = [
        "Lista",
        "Upphandlingsbehov",
        "Underkategori",
        CONTRACT_END_HEADER,
        "Framförhållning",
        "Senaste start",
        "Läge",
    ]
    return table(headers, rows, caption=f"Beräknat {site.today.isoformat()}, den dag webbplatsen byggdes.")


def _start_row(plan: Plan, item: ProcurementDeadline) -> list[str]:
    """One row of the latest-start table."""
    need = item.need
    months = item.lead_time_months
    start = _start_text(item)
    return [
        str(need.list_year),
        need.need,
        plan.subcategory(need.subcategory).name,
        _contract_end(need),
        f"{months} månader" if months else "anges inte i planen",
        start,
        str(item.flag),
    ]


def _start_text(item: ProcurementDeadline) -> str:
    """The latest start: a date, "Snarast", or why it cannot be computed."""
    if item.latest_start:
        return item.latest_start.isoformat()
    return SNARAST if item.is_snarast else "kan inte beräknas"
