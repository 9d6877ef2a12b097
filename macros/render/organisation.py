"""Macros for the plan's category organisation (8.0 Bilaga 1): steering group, category
lead, category team and its members, sponsor, reference group and stakeholders, plus a
summary of the roles the activities name and who holds them."""

from __future__ import annotations

from macros.exports.dataset import Dataset, dataset, date, text, whole
from macros.model.catalog import Plan
from macros.model.responsibility import role_holders
from macros.render.context import Site
from macros.render.downloads import offer
from macros.render.export_values import COMPUTED
from macros.render.html import computed
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.text import bullets, table


@macro("styrgrupp", 'styrgrupp(plan="it-och-telekom")')
def steering_group(site: Site, *, plan: str) -> str:
    """Texten om styrgrupp/beredningsgrupp (8.1)."""
    return rich(site.plan(plan).organisation.steering_group)


@macro("kategoriledare", 'kategoriledare(plan="it-och-telekom")')
def category_lead(site: Site, *, plan: str) -> str:
    """Kategoriledarens uppdrag och namn (8.2)."""
    org = site.plan(plan).organisation
    name = site.model.person(org.category_lead).name
    return rich(org.category_lead_text) + f"\nKategoriledare: {plain(name)}\n"


@macro("kategoriteam_beskrivning", 'kategoriteam_beskrivning(plan="it-och-telekom")')
def team_description(site: Site, *, plan: str) -> str:
    """Texten om kategoriteamet, dess uppgift och arbetssätt (8.3)."""
    return rich(site.plan(plan).organisation.team_text)


@macro("kategoriteam", 'kategoriteam(plan="it-och-telekom")')
def team(site: Site, *, plan: str) -> str:
    """Kategoriteamets deltagare med förvaltning och, där källan anger det, när de lämnade (8.3.1)."""
    p = site.plan(plan)
    rows = []
    for member in p.organisation.team:
        person = site.model.person(member.person)
        rows.append(
            [
                plain(person.name),
                _administration(site, person.administration, member.administration_label),
                plain(member.until_text or "–"),
            ]
        )
    return table(["Deltagare", "Förvaltning", "Deltog"], rows, download=offer(site, team_dataset(site, p)))


def team_dataset(site: Site, plan: Plan) -> Dataset:
    """The category team: person, förvaltning as the source writes it and in full, and when each left."""
    rows = []
    for member in plan.organisation.team:
        person = site.model.person(member.person)
        administration = site.model.administration(person.administration).name if person.administration else None
        until = member.until
        rows.append(
            [
                member.person,
                person.name,
                person.title,
                member.administration_label,
                administration,
                member.until_text,
                until.label if until else None,
                until.last_day if until else None,
            ]
        )
    columns = [
        text("Id"),
        text("Deltagare"),
        text("Befattning"),
        text("Förvaltning (som i källan)"),
        text("Förvaltning"),
        text("Deltog (som i källan)"),
        text("Deltog till"),
        date(f"Deltog till, sista dag ({COMPUTED} ur källans ord)"),
    ]
    return dataset(f"{plan.id}/kategoriteam", f"Kategoriteamet i {plan.meta.name}", columns, rows)


@macro("sponsor", 'sponsor(plan="it-och-telekom")')
def sponsor(site: Site, *, plan: str) -> str:
    """Sponsorraden i kategoriorganisationen (8.3.1)."""
    return rich(site.plan(plan).organisation.sponsor_text)


@macro("referensgrupp", 'referensgrupp(plan="it-och-telekom")')
def reference_group(site: Site, *, plan: str) -> str:
    """Referensgruppens rader ordagrant ur källan (8.3.1)."""
    rows = [plain(row.text) for row in site.plan(plan).organisation.reference_group]
    return "Referensgrupp:\n\n" + bullets(rows)


@macro("intressenter", 'intressenter(plan="it-och-telekom")')
def stakeholders(site: Site, *, plan: str) -> str:
    """Intressenterna med den inledande texten (8.4)."""
    org = site.plan(plan).organisation
    return rich(org.stakeholders_text) + "\n" + bullets([plain(item) for item in org.stakeholders])


ROLE_HOLDER_COLUMN = "Innehavare (redaktionens tolkning av planens namn och titlar)"
"""Who holds a role: the plan writes names with titles, the editors read them as the role."""

ROLE_COUNT_COLUMN = "Antal aktiviteter (redaktionens tolkning av hur de benämner rollen)"
"""How many activities name a role: their wordings differ, so counting them as one role is the editors' reading."""


@macro("rollinnehavare", 'rollinnehavare(plan="it-och-telekom")')
def role_holders_table(site: Site, *, plan: str) -> str:
    """Roller som aktiviteterna nämner, med den som innehar rollen enligt planen och antal aktiviteter."""
    p = site.plan(plan)
    rows = []
    values = []
    for role in site.model.organisation.roles:
        count = _activities_naming(p, role.id)
        if not count:
            continue
        holders = role_holders(site.model, role.id, p.id, site.today)
        names = ", ".join(plain(person.name) for person in holders) or "planen anger inte vem"
        sources = "; ".join(
            term.source_text or ""
            for person in holders
            for term in person.roles
            if term.role == role.id and term.source_text
        )
        rows.append([plain(role.name), names, plain(sources), str(count)])
        values.append(
            [role.id, role.name, ", ".join(person.name for person in holders) or None, sources or None, count]
        )
    export = dataset(
        f"{p.id}/rollinnehavare",
        f"Roller som aktiviteterna i {p.meta.name} nämner",
        [
            text("Id"),
            text("Roll"),
            text(ROLE_HOLDER_COLUMN),
            text("Källans formulering"),
            whole(ROLE_COUNT_COLUMN),
        ],
        values,
    )
    headers = ["Roll", ROLE_HOLDER_COLUMN, "Källans formulering", ROLE_COUNT_COLUMN]
    return computed(site) + table(headers, rows, download=offer(site, export))


def _administration(site: Site, administration_id: str | None, label: str) -> str:
    """The förvaltning as the source writes it, with the full name as a tooltip when known."""
    if not administration_id:
        return plain(label)
    name = site.model.administration(administration_id).name
    return f'<abbr title="{plain(name)}">{plain(label)}</abbr>'


def _activities_naming(plan: Plan, role_id: str) -> int:
    """How many of the plan's activities name a role in their responsibility."""
    return sum(any(party.role == role_id for party in a.responsibility) for a in plan.activities)
