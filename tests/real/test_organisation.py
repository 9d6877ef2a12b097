"""Data-integrity tests on the real organisation: the shared förvaltningar, people, units and
roles, and the plan's category organisation (8.0): 11 team members with the two who left,
the reference group verbatim, every person referenced existing, and everything on the page."""

from __future__ import annotations

import re
from pathlib import Path

from macros.loading.loader import LoadResult
from macros.model.catalog import Municipality, Plan
from macros.model.raci import plan_positions
from macros.model.responsibility import role_holders
from macros.render.context import person_navigation
from macros.render.html import swedish_key
from macros.validation.findings import Severity
from tests.real.conftest import PLAN, TODAY, render_macro

PAGE = f"{PLAN}/kategoriorganisation.md"
OWN_FILES = {
    "data/kommun/organisation.yml",
    "data/kommun/personer.yml",
    f"data/planer/{PLAN}/organisation.yml",
}

TEAM = [
    ("magnus-johansson", "KSF"),
    ("maria-jansson", "KSF"),
    ("andrej-kravljaca", "KSF"),
    ("daniel-lindgren-elg", "MBF"),
    ("hellen-lundquist", "SOF"),
    ("rickard-werge", "GAF"),
    ("kristoffer-alm", "BUF"),
    ("jonas-sjostrom", "KUF"),
    ("anette-eriksson", "KSF"),
    ("sabina-lacey", "KSF"),
    ("julia-prasolova", "KSF"),
]
"""8.3.1 Kategoriteamdeltagare in the source's order."""


def test_no_findings_in_the_organisation_files(result: LoadResult) -> None:
    """Validation reports neither errors nor warnings in the organisation and people files."""
    assert [f.format() for f in result.findings if f.file in OWN_FILES] == []


def test_no_error_anywhere_points_at_people_or_roles(result: LoadResult) -> None:
    """No finding in any file is about a missing person, role or unit."""
    bad = [
        f.format()
        for f in result.findings
        if f.severity is Severity.ERROR and any(word in f.message for word in ("person", "roll", "enhet"))
    ]
    assert bad == []


def test_the_six_administrations(model: Municipality) -> None:
    """The six förvaltningar have the fixed ids and the source's abbreviations."""
    found = {a.id: a.short_name for a in model.organisation.administrations}
    assert found == {"ksf": "KSF", "buf": "BUF", "gaf": "GAF", "sof": "SOF", "kuf": "KUF", "mbf": "MBF"}


def test_the_committees(model: Municipality) -> None:
    """The nämnder are the three the source names."""
    assert [c.id for c in model.organisation.committees] == [
        "kommunstyrelsen",
        "grundskolenamnden",
        "vard-och-omsorgsnamnden",
    ]


def test_person_ids_follow_the_naming_rule(model: Municipality) -> None:
    """A person's id is the name in lower case with å/ä→a, ö→o, é→e and spaces→hyphens."""
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", " ": "-"})
    assert [p.id for p in model.people if p.id != p.name.lower().translate(table)] == []


def test_team_has_11_members_in_order(plan: Plan) -> None:
    """8.3.1 lists 11 members with the förvaltning the source gives, in its order."""
    assert [(m.person, m.administration_label) for m in plan.organisation.team] == TEAM


def test_team_text_keeps_the_stated_count(plan: Plan) -> None:
    """8.3 keeps "totalt 10 deltagare" and a note records that the list has 11 names."""
    assert "totalt 10 deltagare" in plan.organisation.team_text
    note = next(n for n in plan.organisation.notes if n.id == "kategoriteam-antal-deltagare")
    assert note.kind == "motsägelse" and "11" in note.text


def test_two_members_left(plan: Plan) -> None:
    """Jonas Sjöström left in June 2023; Rickard Werge at "årsskiftet 2023", kept at year precision."""
    left = {m.person: (str(m.until), m.until_text) for m in plan.organisation.team if m.until}
    assert left == {
        "rickard-werge": ("2023", "fram till årsskiftet 2023"),
        "jonas-sjostrom": ("2023-06", "fram till juni 2023"),
    }
    assert any(n.kind == "oklart" and "årsskiftet" in n.text for n in plan.organisation.notes)


def test_team_members_have_the_same_administration_in_the_people_file(model: Municipality, plan: Plan) -> None:
    """A team member's förvaltning in personer.yml matches the abbreviation in 8.3.1."""
    mismatched = [
        m.person
        for m in plan.organisation.team
        if model.administration(model.person(m.person).administration or "").short_name != m.administration_label
    ]
    assert mismatched == []


def test_every_person_referenced_exists(model: Municipality, plan: Plan) -> None:
    """Category lead, sponsor, team, reference group and every activity party name existing people."""
    org = plan.organisation
    referenced = {org.category_lead, org.sponsor, *(m.person for m in org.team)}
    referenced |= {person for row in org.reference_group for person in row.people}
    referenced |= {party.person for a in plan.activities for party in a.responsibility if party.person}
    assert sorted(p for p in referenced if not model.has("person", p)) == []


def test_every_unit_referenced_exists(model: Municipality, plan: Plan) -> None:
    """Units in the reference group and in activities exist."""
    referenced = {row.unit for row in plan.organisation.reference_group if row.unit}
    referenced |= {party.unit for a in plan.activities for party in a.responsibility if party.unit}
    assert sorted(u for u in referenced if not model.has("enhet", u)) == []


def test_every_named_person_is_used(model: Municipality, plan: Plan) -> None:
    """Every person in personer.yml is named somewhere in the plan's organisation or activities."""
    org = plan.organisation
    used = {org.category_lead, org.sponsor, *(m.person for m in org.team)}
    used |= {person for row in org.reference_group for person in row.people}
    used |= {party.person for a in plan.activities for party in a.responsibility if party.person}
    used |= {p.id for p in model.people if p.roles}
    assert [p.id for p in model.people if p.id not in used] == []


def test_reference_group_rows_name_their_people(model: Municipality, plan: Plan) -> None:
    """Each reference-group row names the people it refers to, by their names in the row text."""
    bad = [
        row.text
        for row in plan.organisation.reference_group
        if any(model.person(p).name not in row.text for p in row.people) or not (row.people or row.unit)
    ]
    assert bad == []


def test_role_holders_stated_in_the_source(model: Municipality) -> None:
    """Roles resolve to the holders the source names: Sara Holst, Jakob Söderbaum, Roger Himmelsköld."""
    holders = {
        role: [p.id for p in role_holders(model, role, PLAN, TODAY)]
        for role in ("kategoriledare", "dataskyddsombud", "upphandlingschef", "framtidsdirektor")
    }
    assert holders == {
        "kategoriledare": ["sara-holst"],
        "dataskyddsombud": ["jakob-soderbaum"],
        "upphandlingschef": ["roger-himmelskold"],
        "framtidsdirektor": ["anna-gardin"],
    }


def test_role_terms_quote_the_source(model: Municipality) -> None:
    """Every role term carries the source's wording that states it, containing the person's name."""
    bad = [p.id for p in model.people for term in p.roles if not term.source_text or p.name not in term.source_text]
    assert bad == []


def test_category_lead_and_sponsor(plan: Plan) -> None:
    """The category lead is Sara Holst and the sponsor Anna Gärdin."""
    assert (plan.organisation.category_lead, plan.organisation.sponsor) == ("sara-holst", "anna-gardin")


def test_every_team_member_is_on_the_page(model: Municipality, plan: Plan) -> None:
    """The rendered team table names every member and the two leaving dates."""
    page = render_macro(model, "kategoriteam", page=PAGE, plan=PLAN)
    assert [m.person for m in plan.organisation.team if model.person(m.person).name not in page] == []
    assert "fram till årsskiftet 2023" in page and "fram till juni 2023" in page


def test_reference_group_and_stakeholders_on_the_page(model: Municipality, plan: Plan) -> None:
    """Every reference-group row and every stakeholder reaches the page verbatim."""
    rows = render_macro(model, "referensgrupp", page=PAGE, plan=PLAN)
    stakeholders = render_macro(model, "intressenter", page=PAGE, plan=PLAN)
    assert [r.text for r in plan.organisation.reference_group if f"- {r.text}" not in rows] == []
    assert [s for s in plan.organisation.stakeholders if f"- {s}" not in stakeholders] == []


def test_section_texts_on_the_page(model: Municipality, plan: Plan) -> None:
    """8.1, 8.2 (with the lead's name), 8.3 and the sponsor line reach the page."""
    org = plan.organisation
    assert org.steering_group.strip() in render_macro(model, "styrgrupp", page=PAGE, plan=PLAN)
    assert "Kategoriledare: Sara Holst" in render_macro(model, "kategoriledare", page=PAGE, plan=PLAN)
    assert org.team_text.strip() in render_macro(model, "kategoriteam_beskrivning", page=PAGE, plan=PLAN)
    assert render_macro(model, "sponsor", page=PAGE, plan=PLAN).strip() == "Sponsor: Anna Gärdin, framtidsdirektör, KSF"


def test_page_calls_the_section_macros() -> None:
    """The 8.0 page calls every macro of the section, so no part is left off."""
    page = Path("content", PAGE).read_text(encoding="utf-8")
    for name in (
        "styrgrupp",
        "kategoriledare",
        "kategoriteam_beskrivning",
        "kategoriteam",
        "sponsor",
        "referensgrupp",
        "intressenter",
    ):
        assert f'{{{{ {name}(plan="{PLAN}") }}}}' in page


def test_organisation_notes_are_part_of_the_plan_notes(plan: Plan) -> None:
    """Editorial notes on section 8 are among the plan's notes (shown on the known-problems page)."""
    assert all(note in plan.notes for note in plan.organisation.notes)


def test_every_reference_group_member_has_it_on_their_page(model: Municipality, plan: Plan) -> None:
    """8.3: each person a row of the referensgrupp names, also a row naming two people, has that role on their page."""
    named = {person for row in plan.organisation.reference_group for person in row.people}
    assert {"rakel-nilsson", "andrej-borjesson"} <= named
    for person in named:
        assert any(position.text == "referensgruppen" for position in plan_positions(model, person)), person


def test_the_people_table_is_in_swedish_alphabetical_order(model: Municipality) -> None:
    """Kommunen's table of people lists them by name as a Swedish reader looks them up (Å, Ä, Ö last), and
    the Ansvar per person menu in the same order."""
    table = render_macro(model, "personer", page="kommunen/index.md")
    names = re.findall(r"^\| \[([^\]]+)\]", table, re.M)
    assert len(names) == len(model.people)
    assert names == sorted(names, key=swedish_key)
    assert [name for name, _ in person_navigation(model)] == names


def test_the_people_table_says_which_two_entries_are_probably_one_person(model: Municipality) -> None:
    """The people table's remark for Erik Lindström names Erik Lindståhl as probably the same person."""
    table = render_macro(model, "personer", page="kommunen/index.md")
    row = next(line for line in table.splitlines() if line.startswith("| [Erik Lindström]"))
    assert "troligen samma person som [Erik Lindståhl]" in row


def test_a_persons_page_marks_late_activities_as_the_lists_do(model: Municipality) -> None:
    """On a person's page "försenad" stands out as it does in the activity lists (bold, in the late colour)."""
    page = render_macro(model, "personansvar", page="ansvar/sara-holst.md", person="sara-holst")
    assert '<strong class="sen">försenad</strong>' in page
