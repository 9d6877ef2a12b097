"""Macros for activities: the list of 9.2 and the page of one activity."""

from __future__ import annotations

from macros.model.activities import Activity
from macros.model.followup import current_status
from macros.render.context import Site, activity_page
from macros.render.registry import macro
from macros.render.text import bullets, kronor_sv, table


@macro("aktivitetslista", 'aktivitetslista(plan="it-och-telekom")')
def activity_list(site: Site, *, plan: str) -> str:
    """Alla aktiviteter i planens ordning med prioritet, tidplan och status, länkade till sina sidor."""
    p = site.plan(plan)
    rows = [
        [
            a.number,
            f"[{a.name}]({site.link(activity_page(p.id, a.id))})",
            str(a.priority) if a.priority else "–",
            a.schedule.text,
            current_status(p, a.id),
        ]
        for a in p.activities
    ]
    return table(["Nr", "Aktivitet", "Prioritet", "Tidplan", "Status"], rows)


@macro("aktivitetssida", 'aktivitetssida(plan="it-och-telekom", aktivitet="pub-avtal")')
def activity_details(site: Site, *, plan: str, aktivitet: str) -> str:
    """Hela sidan för en aktivitet: alla fält ur planen och dess uppföljning."""
    p = site.plan(plan)
    a = p.activity(aktivitet)
    sections = [f"# {a.number} {a.name}\n", _section("Beskrivning av aktivitet", a.description)]
    sections.append(_steps(a))
    sections += [
        _section("Identifierad potential", a.potential),
        _section("Ansvarig", a.responsibility_text),
        _section("Mål", a.goal),
        _section("Implementering", a.implementation),
    ]
    if a.budget:
        sections.append("**Budget:**\n\n" + bullets([f"{kronor_sv(b.amount_kr)}: {b.text}" for b in a.budget]))
    sections.append(_section("Tidplan/prioritering", a.schedule.text))
    sections.append(_section("Uppnådd effekt", a.effect))
    if a.measures:
        sections.append("**Mätetal:**\n\n" + bullets(a.measures))
    sections.append(f"## Status\n\nAktuell status: **{current_status(p, a.id)}**\n")
    return "\n".join(part for part in sections if part)


def _section(title: str, body: str | None) -> str:
    """A level-2 section, or nothing when the source has no such text."""
    return f"## {title}\n\n{body.strip()}\n" if body else ""


def _steps(activity: Activity) -> str:
    """Delmoment as a checklist, keeping the source's lettering."""
    if not activity.steps:
        return ""
    lines = [f"## Delmoment\n\n{activity.steps_intro or ''}\n"]
    for step in activity.steps:
        letter = f"{step.letter}) " if step.letter else ""
        lines.append(f"- [ ] {letter}{step.text}")
        lines += [f"    - {item}" for item in step.sub_items]
    return "\n".join(lines) + "\n"
