"""Every validation rule, each on a small invalid edit of the fixture data: the message,
the file and the line an editor is pointed at."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from macros.loading.loader import LoadResult
from tests.conftest import DataCopy
from tests.sitebuild import ROOT

ACTIVITIES = "planer/exempel/aktiviteter.yml"
STRATEGIES = "planer/exempel/strategier.yml"
PROCUREMENT = "planer/exempel/upphandlingsbehov.yml"
PEOPLE = "kommun/personer.yml"


def finding(result: LoadResult, file: str, line: int, severity: str, text: str) -> None:
    """Fail unless `result` has a finding with exactly this file, line and severity containing `text`."""
    wanted = [
        f
        for f in result.findings
        if f.file == f"data/{file}" and f.line == line and f.severity.value == severity and text in f.message
    ]
    assert wanted, "fick:\n" + "\n".join(f.format() for f in result.findings)


def test_fixture_data_is_valid(data: DataCopy) -> None:
    """The unedited fixture data has no errors, so each test below sees only its own."""
    result = data.load()
    assert result.ok, [f.format() for f in result.findings]


# --- reading YAML -----------------------------------------------------------------------


def test_duplicate_key(data: DataCopy) -> None:
    """A key written twice in one mapping is an error at the second occurrence."""
    data.replace(ACTIVITIES, "    prioritet: 1\n", "    prioritet: 1\n    prioritet: 2\n")
    finding(
        data.load(),
        ACTIVITIES,
        data.line_of(ACTIVITIES, "prioritet: 2"),
        "fel",
        "nyckeln 'prioritet' förekommer två gånger",
    )


def test_tab_character(data: DataCopy) -> None:
    """A tab anywhere in a file is an error on its line."""
    data.replace(STRATEGIES, "    namn: Digitalisera", "    namn:\tDigitalisera")
    finding(data.load(), STRATEGIES, data.line_of(STRATEGIES, "\t"), "fel", "tabbtecken")


def test_empty_file(data: DataCopy) -> None:
    """A file with only comments is an error, not an empty list."""
    data.path(STRATEGIES).write_text("# tom\n", encoding="utf-8")
    finding(data.load(), STRATEGIES, 1, "fel", "filen är tom")


def test_not_utf8(data: DataCopy) -> None:
    """Bytes that are not UTF-8 are reported with the line they are on."""
    data.path(STRATEGIES).write_bytes("strategier:\n  - namn: Str\xe4va\n".encode("latin-1"))
    finding(data.load(), STRATEGIES, 2, "fel", "inte UTF-8")


def test_yaml_syntax_error(data: DataCopy) -> None:
    """Broken YAML syntax is an error at the line the parser stopped."""
    data.append(STRATEGIES, "  - id: [oavslutad\n")
    assert any(f.file.endswith(STRATEGIES) and "YAML-syntaxfel" in f.message for f in data.load().findings)


def test_several_documents(data: DataCopy) -> None:
    """A second YAML document (---) in one file is an error."""
    data.append(STRATEGIES, "---\nstrategier: []\n")
    finding(data.load(), STRATEGIES, 1, "fel", "flera YAML-dokument")


@pytest.mark.parametrize(
    ("written", "reading"),
    [("no", "sant/falskt"), ("on", "sant/falskt"), ("0755", "ett tal"), ("12:30", "ett tal")],
)
def test_yaml_11_surprises(data: DataCopy, written: str, reading: str) -> None:
    """Unquoted scalars that YAML 1.1 reads as booleans or odd numbers are errors with a fix."""
    data.replace(STRATEGIES, "    namn: Digitalisera", f"    namn: {written}")
    result = data.load()
    finding(result, STRATEGIES, data.line_of(STRATEGIES, f"namn: {written}"), "fel", f"värdet {written} är tvetydigt")
    assert reading in next(f.message for f in result.findings if "tvetydigt" in f.message)


def test_quoted_ambiguous_value_is_text(data: DataCopy) -> None:
    """Quoting a YAML 1.1 surprise makes it plain text, without findings."""
    data.replace(STRATEGIES, "    namn: Digitalisera", '    namn: "no"')
    assert data.load().ok


# --- schema -----------------------------------------------------------------------------


def test_unknown_key_with_suggestion(data: DataCopy) -> None:
    """A misspelt key is never ignored: it is an error that suggests the right key."""
    data.replace(ACTIVITIES, "    beskrivning: Ta fram e-tjänster.", "    beskrivnig: Ta fram e-tjänster.")
    result = data.load()
    finding(
        result,
        ACTIVITIES,
        data.line_of(ACTIVITIES, "beskrivnig"),
        "fel",
        "okänd nyckel 'beskrivnig' (menade du 'beskrivning'?)",
    )


def test_many_schema_errors_are_counted(data: DataCopy) -> None:
    """Past 100 schema errors in one file the rest are counted in one finding, at the first one not shown."""
    keys = "".join(f"    nyckel{n}: 1\n" for n in range(150))
    data.replace(STRATEGIES, "    text: Digitalisera tjänster.\n", "    text: Digitalisera tjänster.\n" + keys)
    result = data.load()
    assert sum(1 for f in result.findings if f.message.startswith("okänd nyckel")) == 100
    finding(
        result,
        STRATEGIES,
        data.line_of(STRATEGIES, "nyckel100:"),
        "fel",
        "50 fel till i filen från och med den här raden",
    )


def test_missing_key(data: DataCopy) -> None:
    """A required key that is missing is an error at the record that lacks it."""
    data.replace(STRATEGIES, "    text: Digitalisera tjänster.\n", "")
    finding(
        data.load(),
        STRATEGIES,
        data.line_of(STRATEGIES, "- id: digitalisera"),
        "fel",
        "obligatorisk nyckel 'text' saknas",
    )


def test_wrong_type_list(data: DataCopy) -> None:
    """A single value where a list is expected is a type error."""
    data.replace(STRATEGIES, "    åtgärder:\n      - upphandla e-tjänster", "    åtgärder: upphandla e-tjänster")
    finding(
        data.load(), STRATEGIES, data.line_of(STRATEGIES, "åtgärder: upphandla"), "fel", "'åtgärder' ska vara en lista"
    )


def test_wrong_type_number(data: DataCopy) -> None:
    """Text where a whole number is expected is a type error."""
    data.replace(ACTIVITIES, "    prioritet: 1\n", "    prioritet: hög\n")
    finding(
        data.load(), ACTIVITIES, data.line_of(ACTIVITIES, "prioritet: hög"), "fel", "'prioritet' ska vara ett heltal"
    )


def test_impossible_date(data: DataCopy) -> None:
    """A date that does not exist in the calendar is an error that says why."""
    data.replace(PROCUREMENT, "förlängning_tom: 2026-03-31", "förlängning_tom: 2026-02-30")
    finding(
        data.load(),
        PROCUREMENT,
        data.line_of(PROCUREMENT, "2026-02-30"),
        "fel",
        "omöjligt datum 2026-02-30: februari 2026 har inte 30 dagar",
    )


def test_impossible_month_in_time_point(data: DataCopy) -> None:
    """A time point with a month that does not exist is an error."""
    data.replace(ACTIVITIES, "      slut: 2024-Q4", "      slut: 2024-13")
    finding(data.load(), ACTIVITIES, data.line_of(ACTIVITIES, "slut: 2024-13"), "fel", "månad 13 finns inte")


def test_unknown_time_point_format(data: DataCopy) -> None:
    """A time point in an unknown form is an error listing the accepted forms."""
    data.replace(ACTIVITIES, "      slut: 2024-Q4", "      slut: hösten 2024")
    finding(data.load(), ACTIVITIES, data.line_of(ACTIVITIES, "hösten 2024"), "fel", "okänd tidpunkt")


def test_priority_out_of_range(data: DataCopy) -> None:
    """Priority is 1–3."""
    data.replace(ACTIVITIES, "    prioritet: 1\n", "    prioritet: 4\n")
    finding(data.load(), ACTIVITIES, data.line_of(ACTIVITIES, "prioritet: 4"), "fel", "'prioritet' ska vara högst 3")


def test_start_after_end(data: DataCopy) -> None:
    """A timeline that ends before it starts is an error."""
    data.replace(ACTIVITIES, "      start: 2023-Q4", "      start: 2025-Q1")
    finding(
        data.load(),
        ACTIVITIES,
        data.line_of(ACTIVITIES, "tidplan:"),
        "fel",
        "start (2025-Q1) ligger efter slut (2024-Q4)",
    )


def test_end_words_without_end(data: DataCopy) -> None:
    """An end in the source's words needs the point in time it means (slut)."""
    data.replace(
        ACTIVITIES, "      start: 2023-Q4", "      start: 2023-Q4\n      slut_med_källans_ord: före november 2024"
    )
    data.replace(ACTIVITIES, "      slut: 2024-Q4\n", "")
    finding(
        data.load(),
        ACTIVITIES,
        data.line_of(ACTIVITIES, "tidplan:"),
        "fel",
        "slut_med_källans_ord kräver slut: tidpunkten som orden betyder",
    )


@pytest.mark.parametrize(
    "added",
    ["    rubrik_fotnot: Samt lagen.\n", "    rubrik_fotnot_nummer: 3\n"],
    ids=["text-utan-nummer", "nummer-utan-text"],
)
def test_a_heading_footnote_needs_its_text_and_its_number(data: DataCopy, added: str) -> None:
    """A footnote to an activity's heading keeps the source's number: the text or the number alone is an error."""
    data.replace(ACTIVITIES, "    namn: Inför e-tjänster\n", "    namn: Inför e-tjänster\n" + added)
    finding(
        data.load(),
        ACTIVITIES,
        data.line_of(ACTIVITIES, "- id: e-tjanster"),
        "fel",
        "rubrik_fotnot och rubrik_fotnot_nummer anges tillsammans",
    )


def test_a_schedule_heading_that_is_not_the_timelines(data: DataCopy) -> None:
    """A timeline's own heading must name the tidplan, as the source's headings do ("Prioritering och tidplan")."""
    data.replace(
        ACTIVITIES, "      text: påbörjas 2023-Q4", "      rubrik: Uppnådd effekt\n      text: påbörjas 2023-Q4"
    )
    finding(
        data.load(),
        ACTIVITIES,
        data.line_of(ACTIVITIES, "tidplan:"),
        "fel",
        "rubrik (Uppnådd effekt) ska vara tidplanens rubrik som i källan och nämna tidplan",
    )


def test_unknown_enum_value(data: DataCopy) -> None:
    """A value outside a fixed list names the allowed values."""
    data.replace("planer/exempel/uppfoljning.yml", "status: pågår", "status: klar")
    finding(data.load(), "planer/exempel/uppfoljning.yml", 4, "fel", "tillåtna värden")


def test_party_names_exactly_one(data: DataCopy) -> None:
    """A responsibility entry names exactly one of person, roll and enhet."""
    data.replace(
        ACTIVITIES,
        "      - roll: kategoriledare\n        typ: ansvarig",
        "      - roll: kategoriledare\n        person: anna-ek\n        typ: ansvarig",
    )
    finding(
        data.load(),
        ACTIVITIES,
        data.line_of(ACTIVITIES, "- roll: kategoriledare"),
        "fel",
        "ange exakt en av person, roll och enhet",
    )


def test_stated_link_needs_section(data: DataCopy) -> None:
    """A link said to be stated in the plan must name the section that states it."""
    data.replace(ACTIVITIES, '        avsnitt: "6.1"\n', "")
    finding(data.load(), ACTIVITIES, data.line_of(ACTIVITIES, "- strategi: digitalisera"), "fel", "ska ange avsnitt")


def test_invalid_identifier(data: DataCopy) -> None:
    """Identifiers are lower-case letters, digits and hyphens."""
    data.replace(STRATEGIES, "  - id: digitalisera", "  - id: Digitalisera Nu")
    finding(data.load(), STRATEGIES, data.line_of(STRATEGIES, "Digitalisera Nu"), "fel", "'id' har ogiltigt format")


# --- files and folders --------------------------------------------------------------------


def test_missing_required_file(data: DataCopy) -> None:
    """A plan without one of its required files is an error naming the file."""
    data.path(STRATEGIES).unlink()
    assert any(f.file == f"data/{STRATEGIES}" and f.message == "filen saknas" for f in data.load().findings)


def test_unknown_file_is_not_ignored(data: DataCopy) -> None:
    """A file the engine does not know is an error, so nothing is silently left out."""
    data.path("planer/exempel/anteckningar.yml").write_text("a: 1\n", encoding="utf-8")
    assert any(
        f.file == "data/planer/exempel/anteckningar.yml" and "okänd fil" in f.message for f in data.load().findings
    )


def test_yaml_extension(data: DataCopy) -> None:
    """`.yaml` instead of `.yml` is reported with the fix."""
    data.path(STRATEGIES).rename(data.path("planer/exempel/strategier.yaml"))
    assert any(".yml, inte .yaml" in f.message for f in data.load().findings)


# --- cross-checks ---------------------------------------------------------------------------


def test_duplicate_identifier(data: DataCopy) -> None:
    """Two records of one kind with the same id: an error at the second, naming the first."""
    data.append(
        STRATEGIES,
        '  - id: digitalisera\n    nummer: "5.1.2"\n    namn: Igen\n    effektmål: god-service\n    text: x\n',
    )
    finding(
        data.load(),
        STRATEGIES,
        data.line_of(STRATEGIES, "- id: digitalisera", 2),
        "fel",
        "strategi med id 'digitalisera' finns redan (rad 2)",
    )


def test_duplicate_editorial_note_across_files(data: DataCopy) -> None:
    """Two editorial notes of one plan with the same id, in different files: an error naming the first file."""
    note = "redaktionella_noter:\n  - id: samma\n    typ: oklart\n    text: En not.\n"
    data.append("planer/exempel/plan.yml", note)
    data.append(ACTIVITIES, note)
    finding(
        data.load(),
        ACTIVITIES,
        data.line_of(ACTIVITIES, "- id: samma"),
        "fel",
        f"redaktionell not med id 'samma' finns redan (data/planer/exempel/plan.yml, rad {data.line_of('planer/exempel/plan.yml', '- id: samma')})",
    )


def test_duplicate_section_number(data: DataCopy) -> None:
    """Two activities with the same section number is an error."""
    data.replace(ACTIVITIES, 'nummer: "9.2.2"', 'nummer: "9.2.1"')
    finding(
        data.load(),
        ACTIVITIES,
        data.line_of(ACTIVITIES, 'nummer: "9.2.1"', 2),
        "fel",
        "aktivitet med nummer '9.2.1' finns redan",
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "kind"),
    [
        (STRATEGIES, "effektmål: god-service", "effektmål: okant-mal", "effektmål"),
        (ACTIVITIES, "- strategi: digitalisera", "- strategi: saknas", "strategi"),
        (ACTIVITIES, "- roll: kategoriledare", "- roll: chef", "roll"),
        (ACTIVITIES, "- enhet: upphandlingssektionen", "- enhet: okand-enhet", "enhet"),
        (ACTIVITIES, "efter: [e-tjanster]", "efter: [saknad]", "aktivitet"),
        (PROCUREMENT, "underkategori: hardvara", "underkategori: mjukvara", "underkategori"),
        (PEOPLE, "förvaltning: sof", "förvaltning: xyz", "förvaltning"),
        ("planer/exempel/plan.yml", "beslutas_av: kommunstyrelsen", "beslutas_av: fullmaktige", "nämnd"),
        ("planer/exempel/effektmal.yml", "- mål: hog-kvalitet", "- mål: okant", "fullmäktigemål"),
        (
            "planer/exempel/effektmal.yml",
            "styrdokument: [upphandlingspolicy]",
            "styrdokument: [saknas]",
            "styrdokument",
        ),
        ("planer/exempel/organisation.yml", "kategoriledare: anna-ek", "kategoriledare: okand-person", "person"),
        ("planer/exempel/uppfoljning.yml", "rapporterad_av: anna-ek", "rapporterad_av: nn", "person"),
    ],
)
def test_broken_reference(data: DataCopy, file: str, old: str, new: str, kind: str) -> None:
    """Every kind of reference must resolve; the error is on the line of the reference."""
    data.replace(file, old, new)
    finding(data.load(), file, data.line_of(file, new), "fel", f"hänvisningen till {kind}")


def test_broken_reference_in_reference_group_row(data: DataCopy) -> None:
    """Every person on a reference-group row that names several people must exist."""
    data.replace(
        "planer/exempel/organisation.yml",
        "  - enhet: upphandlingssektionen\n    text: Upphandlingssektionen",
        "  - personer: [anna-ek, okand-person]\n    text: Anna Ek och NN",
    )
    finding(
        data.load(),
        "planer/exempel/organisation.yml",
        data.line_of("planer/exempel/organisation.yml", "okand-person"),
        "fel",
        "hänvisningen till person 'okand-person'",
    )


def test_broken_national_goal_reference(data: DataCopy) -> None:
    """A strategy's link to a national goal must resolve."""
    data.append(STRATEGIES, "    nationella_mål:\n      - mål: okant-mal\n        grund: förslag\n")
    finding(
        data.load(), STRATEGIES, data.line_of(STRATEGIES, "- mål: okant-mal"), "fel", "hänvisningen till nationellt mål"
    )


def test_dependency_cycle(data: DataCopy) -> None:
    """Activities that wait for each other form a cycle, which is an error."""
    data.replace(ACTIVITIES, "      slut: 2024-Q4\n", "      slut: 2024-Q4\n      efter: [utbildning]\n")
    result = data.load()
    assert any("beroendena bildar en cirkel" in f.message for f in result.findings), [
        f.format() for f in result.findings
    ]


def test_goal_without_strategy(data: DataCopy) -> None:
    """Each effektmål needs at least one strategi."""
    data.replace(STRATEGIES, "    effektmål: god-service", "    effektmål: annat-mal")
    data.append(
        "planer/exempel/effektmal.yml", '  - id: annat-mal\n    nummer: "4.1.2"\n    namn: Annat\n    syfte: x\n'
    )
    finding(
        data.load(),
        "planer/exempel/effektmal.yml",
        data.line_of("planer/exempel/effektmal.yml", "- id: god-service"),
        "fel",
        "har ingen strategi",
    )


def test_goal_without_indicator(data: DataCopy) -> None:
    """Each effektmål needs at least one nyckeltal."""
    data.replace("planer/exempel/nyckeltal.yml", "effektmål: god-service", "effektmål: annat-mal")
    data.append(
        "planer/exempel/effektmal.yml", '  - id: annat-mal\n    nummer: "4.1.2"\n    namn: Annat\n    syfte: x\n'
    )
    finding(
        data.load(),
        "planer/exempel/effektmal.yml",
        data.line_of("planer/exempel/effektmal.yml", "- id: god-service"),
        "fel",
        "har inget nyckeltal",
    )


def test_activity_without_purpose(data: DataCopy) -> None:
    """Each aktivitet serves at least one strategi or effektmål."""
    data.edit(ACTIVITIES, lambda text: text.split("    bidrar_till:\n      - effektmål")[0])
    finding(
        data.load(), ACTIVITIES, data.line_of(ACTIVITIES, "- id: utbildning"), "fel", "bidrar inte till någon strategi"
    )


# --- warnings ----------------------------------------------------------------------------------


def test_warning_date_outside_period(data: DataCopy) -> None:
    """An activity dated outside the plan period is a warning, not an error."""
    data.replace(ACTIVITIES, "      start: 2023-Q4", "      start: 2023-Q1")
    result = data.load()
    finding(result, ACTIVITIES, data.line_of(ACTIVITIES, "start: 2023-Q1"), "varning", "utanför planperioden")
    assert result.ok


def test_warning_person_left_but_responsible(data: DataCopy) -> None:
    """Someone who has left but is responsible for unfinished work is a warning."""
    data.replace(
        ACTIVITIES,
        "      - roll: dataskyddsombud\n        typ: ansvarig",
        "      - person: bo-lind\n        typ: ansvarig",
    )
    result = data.load(dt.date(2024, 9, 1))
    finding(
        result,
        ACTIVITIES,
        data.line_of(ACTIVITIES, "- person: bo-lind") + 1,
        "varning",
        "Bo Lind har lämnat (2024-06-30)",
    )


def test_warning_role_holder_left(data: DataCopy) -> None:
    """A role resolves to its holder, so a holder who left is warned about too."""
    data.replace(PEOPLE, "  - id: bo-lind\n", "  - id: bo-lind\n    slutat: 2024-03\n")
    finding(
        data.load(),
        ACTIVITIES,
        data.line_of(ACTIVITIES, "- roll: dataskyddsombud") + 1,
        "varning",
        "Bo Lind har lämnat",
    )


def test_warning_no_report_after_end(data: DataCopy) -> None:
    """An activity past its planned end without any follow-up report is a warning."""
    data.path("planer/exempel/uppfoljning.yml").write_text("rapporter: []\n", encoding="utf-8")
    finding(
        data.load(dt.date(2025, 3, 1)),
        ACTIVITIES,
        data.line_of(ACTIVITIES, "slut: 2024-Q4"),
        "varning",
        "har ingen uppföljningsrapport",
    )


def test_warning_lettering(data: DataCopy) -> None:
    """Delmoment lettered out of order (restarting at f, or a repeated letter) are warnings."""
    data.replace(ACTIVITIES, "      - bokstav: a\n", "      - bokstav: f\n")
    finding(data.load(), ACTIVITIES, data.line_of(ACTIVITIES, "bokstav: f"), "varning", "börjar på f) i stället för a)")


def test_warning_incomplete_decision_date(data: DataCopy) -> None:
    """A decision date like 2022-XX-xx is kept and warned about."""
    result = data.load()
    finding(result, "planer/liten/plan.yml", 7, "varning", "beslutsdatumet '2024-XX-xx' är inte ett fullständigt datum")


def test_warning_missing_priority(data: DataCopy) -> None:
    """An activity without a priority is a warning."""
    data.replace(ACTIVITIES, "    prioritet: 2\n", "")
    finding(data.load(), ACTIVITIES, data.line_of(ACTIVITIES, "- id: utbildning"), "varning", "har ingen prioritet")


def test_broken_council_goal_in_governing_signal(tmp_path: Path) -> None:
    """A governing signal of the analysis that lists council goals must name existing ones."""
    real = DataCopy(tmp_path / "data")
    shutil.copytree(ROOT / "data", real.root)
    nulage = "planer/it-och-telekom/nulage.yml"
    first_goal = real.line_of(nulage, "fullmäktigemål:") + 1
    lines = real.path(nulage).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[first_goal - 1] = re.sub(r"- [a-z0-9-]+", "- finns-inte", lines[first_goal - 1])
    real.path(nulage).write_text("".join(lines), encoding="utf-8")
    finding(real.load(), nulage, first_goal, "fel", "hänvisningen till fullmäktigemål 'finns-inte'")


@pytest.mark.parametrize("name", ["Plan Två", "<script>", "plan_2", "a" * 121])
def test_plan_folder_name_must_be_an_id(data: DataCopy, name: str) -> None:
    """A plan folder's name becomes the plan's id: anything but a valid id is an error naming the folder."""
    data.path("planer/liten").rename(data.path(f"planer/{name}"))
    found = [f for f in data.load().findings if f.severity.value == "fel" and f.file.endswith(f"planer/{name}")]
    assert found and "blir planens id" in found[0].message


def test_citation_repeating_what_a_goal_says_is_refused(data: DataCopy) -> None:
    """A cited section that the data already links to the document (here effektmål 4.1.1) is an error at that line."""
    data.append(
        "planer/exempel/plan.yml",
        'hänvisningar_till_styrdokument:\n  - styrdokument: upphandlingspolicy\n    avsnitt: ["2.1", "4.1.1"]\n',
    )
    finding(
        data.load(),
        "planer/exempel/plan.yml",
        data.line_of("planer/exempel/plan.yml", 'avsnitt: ["2.1", "4.1.1"]'),
        "fel",
        "avsnitt 4.1.1 hänvisar redan till upphandlingspolicy genom sin styrsignal eller sitt effektmål",
    )


def test_citation_of_an_unknown_document_is_refused(data: DataCopy) -> None:
    """A citation names a document the register does not have: an error naming the known ones' file."""
    data.append(
        "planer/exempel/plan.yml",
        'hänvisningar_till_styrdokument:\n  - styrdokument: okand-lag\n    avsnitt: ["2.1"]\n',
    )
    result = data.load()
    assert not result.ok
    assert any("okand-lag" in f.message and f.file.endswith("plan.yml") for f in result.findings)


@pytest.mark.parametrize(
    ("other", "message"),
    [
        ("bo-lindh", "hänvisningen till person 'bo-lindh' leder ingenstans"),
        ("bo-lind", "en person kan inte hänvisa till sig själv som samma person"),
    ],
    ids=["okänd-person", "sig-själv"],
)
def test_same_person_names_another_person(data: DataCopy, other: str, message: str) -> None:
    """troligen_samma_som names another person in the list; an unknown id or oneself is an error at that line."""
    data.replace(PEOPLE, "    namn: Bo Lind\n", f"    namn: Bo Lind\n    troligen_samma_som: {other}\n")
    finding(data.load(), PEOPLE, data.line_of(PEOPLE, "troligen_samma_som"), "fel", message)
