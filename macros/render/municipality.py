"""Macros for what the municipality's plans share (`data/kommun/`): its förvaltningar,
nämnder, units and groups, roles and people, and the council's goal areas and goals.

The national procurement strategy's inriktningsmål are guidance: see macros.render.national.

Every record of the shared data is shown here, also those no plan refers to yet."""

from __future__ import annotations

from macros.exports.dataset import dataset, text
from macros.model.organisation import Person, RoleTerm
from macros.model.responsibility import role_holders
from macros.render.context import Site, person_page
from macros.render.downloads import offer
from macros.render.html import computed, swedish_key
from macros.render.raci import RESOLVED, spelling_note
from macros.render.registry import macro
from macros.render.safe import plain
from macros.render.text import bullets, table

HOLDERS = RESOLVED[0].upper() + RESOLVED[1:]
"""The roles table's column of who holds each role: the editors' reading of the plan's lists of people."""


@macro("forvaltningar", "forvaltningar()")
def administrations(site: Site) -> str:
    """Kommunens förvaltningar med förkortning."""
    items = site.model.organisation.administrations
    rows = [[plain(item.name), plain(item.short_name)] for item in items]
    export = dataset(
        "kommun/forvaltningar",
        "Förvaltningar",
        [text("Id"), text("Förvaltning"), text("Förkortning")],
        [[item.id, item.name, item.short_name] for item in items],
    )
    return table(["Förvaltning", "Förkortning"], rows, download=offer(site, export))


@macro("namnder", "namnder()")
def committees(site: Site) -> str:
    """Kommunens nämnder och kommunstyrelsen."""
    return bullets([plain(item.name) for item in site.model.organisation.committees])


@macro("enheter", "enheter()")
def units(site: Site) -> str:
    """Avdelningar, sektioner, forum och grupper som kan ha ansvar i aktiviteter, med förvaltning."""
    model = site.model
    rows = [
        [plain(unit.name), plain(model.administration(unit.administration).name) if unit.administration else "–"]
        for unit in model.organisation.units
    ]
    export = dataset(
        "kommun/enheter",
        "Enheter och grupper",
        [text("Id"), text("Enhet eller grupp"), text("Förvaltning")],
        [
            [unit.id, unit.name, model.administration(unit.administration).name if unit.administration else None]
            for unit in model.organisation.units
        ],
    )
    return table(["Enhet eller grupp", "Förvaltning"], rows, download=offer(site, export))


@macro("roller", "roller()")
def roles(site: Site) -> str:
    """Rollerna som aktiviteterna kan nämna, med den som innehar rollen i varje plan i dag."""
    model = site.model
    rows = []
    values = []
    for role in model.organisation.roles:
        held = [
            (plan, person)
            for plan in model.plans.values()
            for person in role_holders(model, role.id, plan.id, site.today)
        ]
        note = spelling_note(model, [person for _, person in held])
        per_plan = "ja" if role.per_plan else "nej"
        named = dict.fromkeys(person.name + (f" ({plan.meta.name})" if role.per_plan else "") for plan, person in held)
        values.append([role.id, role.name, per_plan, ", ".join(named) + note if named else None])
        linked = dict.fromkeys(
            f"[{plain(person.name)}]({site.link(person_page(person.id))})"
            + (f" ({plain(plan.meta.name)})" if role.per_plan else "")
            for plan, person in held
        )
        rows.append([plain(role.name), per_plan, ", ".join(linked) + note if linked else "anges inte"])
    export = dataset(
        "kommun/roller",
        "Roller",
        [text("Id"), text("Roll"), text("Innehas per plan"), text(HOLDERS)],
        values,
    )
    return computed(site) + table(["Roll", "Innehas per plan", HOLDERS], rows, download=offer(site, export))


@macro("personer", "personer()")
def people(site: Site) -> str:
    """Alla personer som planerna nämner, med befattning och länk till vad var och en har ansvar för."""
    people = sorted(site.model.people, key=lambda person: swedish_key(person.name))
    rows = [
        [
            f"[{plain(person.name)}]({site.link(person_page(person.id))})",
            plain(person.title or "–"),
            "; ".join(_remarks(site, person)),
        ]
        for person in people
    ]
    export = dataset(
        "kommun/personer",
        "Personer",
        [text("Id"), text("Person"), text("Befattning"), text("Förvaltning"), text("Roller"), text("Har slutat")],
        [
            [
                person.id,
                person.name,
                person.title,
                site.model.administration(person.administration).name if person.administration else None,
                "; ".join(_term_text(site, term) for term in person.roles) or None,
                person.left.label if person.left else None,
            ]
            for person in people
        ],
    )
    return table(["Person", "Befattning", "Anmärkning"], rows, download=offer(site, export))


def _remarks(site: Site, person: Person) -> list[str]:
    """What the people table says about a person besides the title: that they left, and their other spelling."""
    remarks = [f"har slutat ({plain(person.left.label)})"] if person.left else []
    remarks += [
        f"troligen samma person som [{plain(other.name)}]({site.link(person_page(other.id))}) (källan stavar namnet på två sätt)"
        for other in site.model.other_spellings(person.id)
    ]
    return remarks


def _term_text(site: Site, term: RoleTerm) -> str:
    """A role term in words: the role, the plan, the period and the source's wording."""
    text_ = site.model.role(term.role).name
    if term.plan and site.model.has("plan", term.plan):
        text_ += f" för {site.model.plan(term.plan).meta.name}"
    if term.start:
        text_ += f" från {term.start.label}"
    if term.end:
        text_ += f" till {term.end.label}"
    if term.source_text:
        text_ += f" (i källan: {term.source_text})"
    return text_


@macro("malomraden", "malomraden()")
def goal_areas(site: Site) -> str:
    """Målområdena i Mål och budget med hållbarhetsperspektiv och fullmäktigemål."""
    parts = []
    for area in site.model.governance.goal_areas:
        perspective = f" ({plain(area.perspective)})" if area.perspective else ""
        parts.append(
            f"- *{plain(area.name)}*{perspective}\n" + "".join(f"    - {plain(goal.name)}\n" for goal in area.goals)
        )
    return "".join(parts)
