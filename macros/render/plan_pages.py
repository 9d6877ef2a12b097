"""Macros for the plan's structured sections: metadata, effektmål, underkategorier,
strategier, nyckeltal, organisation, version history and editorial notes."""

from __future__ import annotations

from macros.model.catalog import Plan
from macros.render.context import Site
from macros.render.registry import macro
from macros.render.text import admonition, bullets, table


@macro("planfakta", 'planfakta(plan="it-och-telekom")')
def plan_facts(site: Site, *, plan: str) -> str:
    """Tabell med planens namn, dokumenttyp, beslut, period och ansvar (titelsidan och 11.0)."""
    p = site.plan(plan)
    meta = p.meta
    body = site.model.committee(meta.decision.body).name
    rows = [
        ["Namn", meta.name],
        ["Kommun", meta.municipality],
        ["Dokumenttyp", meta.document_type],
        ["Beslutad", f"{meta.decision.date_text} av {body}"],
        ["Planperiod", f"{meta.period.text} ({p.period_start.isoformat()} – {p.period_end.isoformat()})"],
        ["Tas fram av", meta.prepared_by],
        ["Ägs av", meta.owned_by],
        ["Beslutas av", meta.decided_by_text],
        ["Uppdateras av", meta.updated_by],
    ]
    return table(["Uppgift", "Värde"], rows)


@macro("underkategorier", 'underkategorier(plan="it-och-telekom")')
def subcategories(site: Site, *, plan: str) -> str:
    """Underkategorierna med definitioner (4.2)."""
    p = site.plan(plan)
    return table(["Underkategori", "Definition"], [[s.name, s.definition] for s in p.subcategories])


@macro("effektmal", 'effektmal(plan="it-och-telekom")')
def effect_goals(site: Site, *, plan: str) -> str:
    """Effektmålen med syfte och koppling till fullmäktigemål (4.1)."""
    p = site.plan(plan)
    parts = []
    for goal in p.effect_goals:
        parts.append(f"### {goal.number} {goal.name} {{#{goal.id}}}\n\n{goal.purpose.strip()}\n")
        if goal.council_goals:
            names = [link.wording or site.model.council_goal(link.goal).name for link in goal.council_goals]
            parts.append("**Koppling till fullmäktigemål:**\n\n" + bullets(names))
        if goal.documents:
            docs = [site.model.document(doc).name for doc in goal.documents]
            parts.append("**Koppling till övriga styrdokument:** " + ", ".join(docs) + "\n")
    return "\n".join(parts)


@macro("strategier", 'strategier(plan="it-och-telekom", effektmal="service")')
def strategies(site: Site, *, plan: str, effektmal: str | None = None) -> str:
    """Strategierna med åtgärder, för ett effektmål eller alla (5.x)."""
    p = site.plan(plan)
    chosen = p.strategies_of(effektmal) if effektmal else p.strategies
    parts = []
    for strategy in chosen:
        parts.append(f"### {strategy.number} {strategy.name} {{#{strategy.id}}}\n\n{strategy.text.strip()}\n")
        if strategy.measures:
            intro = f"{strategy.measures_intro}\n\n" if strategy.measures_intro else ""
            parts.append(intro + bullets(strategy.measures))
    return "\n".join(parts)


@macro("nyckeltal", 'nyckeltal(plan="it-och-telekom", effektmal="service")')
def indicators(site: Site, *, plan: str, effektmal: str | None = None) -> str:
    """Nyckeltalen för effektuppföljning, för ett effektmål eller alla (6.x)."""
    p = site.plan(plan)
    chosen = p.indicators_of(effektmal) if effektmal else p.indicators
    return bullets([indicator.text for indicator in chosen])


@macro("kategoriorganisation", 'kategoriorganisation(plan="it-och-telekom")')
def category_organisation(site: Site, *, plan: str) -> str:
    """Kategoriteamets deltagare med förvaltning och när de lämnat (8.3.1)."""
    p = site.plan(plan)
    rows = []
    for member in p.organisation.team:
        person = site.model.person(member.person)
        rows.append([person.name, member.administration_label, member.until_text or ""])
    return table(["Deltagare", "Förvaltning", "Deltog"], rows)


@macro("redaktionella_noter", 'redaktionella_noter(plan="it-och-telekom", avsnitt="10.4")')
def editorial_notes(site: Site, *, plan: str, avsnitt: str | None = None) -> str:
    """Redaktionens noter om brister i källdokumentet, för ett avsnitt eller alla."""
    p = site.plan(plan)
    notes = [n for n in p.notes if avsnitt is None or (n.section or "").startswith(avsnitt)]
    return "\n".join(_note(p, note.section, note.text) for note in notes)


def _note(plan: Plan, section: str | None, text: str) -> str:
    """One editorial note as a visible admonition."""
    where = f" (avsnitt {section})" if section else ""
    return admonition("warning", f"Redaktionell anmärkning{where}", text)


@macro("planlista", "planlista()")
def plan_list(site: Site) -> str:
    """Lista över alla kategoriplaner med länk, period och beslut."""
    rows = []
    for plan in site.model.plans.values():
        link = f"[{plan.meta.name}]({site.link(f'{plan.id}/index.md')})"
        rows.append([link, plan.meta.period.text, plan.meta.decision.date_text])
    return table(["Kategoriplan", "Period", "Beslutad"], rows)
