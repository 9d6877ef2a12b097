"""Macros for upphandlingsbehov (9.1)."""

from __future__ import annotations

from macros.render.context import Site
from macros.render.registry import macro
from macros.render.text import table


@macro("upphandlingsbehov", 'upphandlingsbehov(plan="it-och-telekom", ar=2024)')
def procurement_needs(site: Site, *, plan: str, ar: int | None = None) -> str:
    """Upphandlingsbehoven på ett års lista (eller alla), med underkategori som källan skriver den."""
    p = site.plan(plan)
    needs = [n for n in p.procurement_needs if ar is None or n.list_year == ar]
    with_end = any(n.contract_end is not None for n in needs)
    headers = ["Underkategori", "Behov"] + (["Förlängning nuvarande avtal möjlig t.o.m."] if with_end else [])
    rows = []
    for need in needs:
        row = [need.subcategory_label, need.need]
        if with_end:
            end = need.contract_end
            row.append("" if end is None else end if isinstance(end, str) else end.isoformat())
        rows.append(row)
    return table(headers, rows)
