"""Macros for the current-state analysis (bilaga 3): figures used in prose and tables."""

from __future__ import annotations

from typing import Literal

from macros.model.analysis import SpendPerYear
from macros.model.catalog import Plan
from macros.render.context import MacroError, Site
from macros.render.registry import macro
from macros.render.text import amount_sv

Qualifier = Literal["exakt", "ca", "knappt", "över", "minst"]


def _spend_year(plan: Plan, year: int) -> SpendPerYear:
    """The plan's total spend record for one year."""
    if plan.analysis is None:
        raise MacroError(f"planen '{plan.id}' har ingen nulägesanalys (nulage.yml)")
    for entry in plan.analysis.spend_per_year:
        if entry.year == year:
            return entry
    raise MacroError(f"planen '{plan.id}' har ingen spend för år {year}")


@macro("spend_ar", 'spend_ar(plan="it-och-telekom", ar=2022)')
def spend_of_year(site: Site, *, plan: str, ar: int, precision: Qualifier | None = None) -> str:
    """Kategorins totala spend ett år, t.ex. "ca 163 mnkr"; `precision` anger textens egen formulering."""
    amount = _spend_year(site.plan(plan), ar).amount
    return amount_sv(amount.model_copy(update={"qualifier": precision}) if precision else amount)


@macro("spend_andel", 'spend_andel(plan="it-och-telekom", ar=2022, precision="ca")')
def spend_share(site: Site, *, plan: str, ar: int, precision: Qualifier | None = None) -> str:
    """Kategorins andel av kommunens inköp ett år, t.ex. "knappt 10 %"."""
    share = _spend_year(site.plan(plan), ar).share_of_municipality
    if share is None:
        raise MacroError(f"andel av kommunens inköp saknas för år {ar}")
    return amount_sv(share.model_copy(update={"qualifier": precision}) if precision else share)
