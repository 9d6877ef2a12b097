"""What the site derives from the plan looks derived, and what the plan says is shown as it says it.

One test per defect a line-by-line comparison with the source found (see issue "Staff experience").
"""

from __future__ import annotations

import re

import markdown

from macros.adapter.source_footnotes import SourceFootnotesExtension
from macros.model.catalog import Municipality, Plan
from macros.model.plan import Basis
from macros.render.activities import PROPOSAL_TITLE, STRUCTURED_READING
from macros.render.analysis import CUT_TEXT, INDICATOR_SUMMARY, MISSING_TEXT
from macros.render.charts import MODELS_OWN, SHARE_OF_MUNICIPALITY
from macros.render.goalchain import EDITORS_REFERENCE
from macros.render.plan_pages import DERIVED_PERIOD, NO_STRATEGY_ACTIVITY, PROPOSED, SERVES_TITLE
from macros.render.raci import RESOLVED
from macros.render.safe import plain
from tests.real.conftest import PLAN, render_macro
from tests.real.test_analysis import MARKDOWN_EXTENSIONS, render_page


def activity_page(model: Municipality, plan: Plan, activity_id: str) -> str:
    """The Markdown of one activity's page."""
    return render_macro(
        model, "aktivitetssida", page=f"{PLAN}/aktiviteter/{activity_id}.md", plan=PLAN, aktivitet=activity_id
    )


def test_no_activity_link_is_presented_as_the_plans(model: Municipality, plan: Plan) -> None:
    """The plan ties no activity to a strategy or an effektmål (its 6.x measures name none): every link is a proposal."""
    assert [a.number for a in plan.activities for link in a.contributions if link.basis is Basis.PLAN] == []
    for activity in plan.activities:
        page = activity_page(model, plan, activity.id)
        assert "Koppling som framgår av planen" not in page, activity.number
        assert PROPOSAL_TITLE in page, activity.number


def test_a_link_through_a_6x_measure_is_a_proposal_with_its_reason(model: Municipality, plan: Plan) -> None:
    """9.2.17 → effektmål 4.1.3 is the editors' reading of a 6.3 measure, shown as a proposal that says so."""
    page = activity_page(model, plan, "externt-aterbruk")
    proposals = page.split(PROPOSAL_TITLE, 1)[1]
    assert "Effektmål 4.1.3" in proposals
    assert "Effektuppföljningen i 6.3 mäter om möjligheter till externt återbruk" in proposals


def test_measures_following_up_an_activity_are_the_editors_reference(model: Municipality, plan: Plan) -> None:
    """Wherever a 6.x measure is tied to an activity, the tie is marked as the editors' reference, not the plan's."""
    for activity_id in ("pub-avtal", "webbtillganglighet", "centraliserat-datorinkop", "externt-aterbruk"):
        page = activity_page(model, plan, activity_id)
        assert f"Följs upp med nyckeltal {EDITORS_REFERENCE}:" in page, activity_id
        assert "### Nyckeltal som följer upp aktiviteten\n\nVilka mått" in page, activity_id
    chain = render_macro(model, "malkedja", page=f"{PLAN}/oversikter/malkedja.md", plan=PLAN)
    assert chain.count("följer upp [") == chain.count(f") {EDITORS_REFERENCE}") > 0


def test_proposed_links_are_proposals_in_the_goal_chain_count(model: Municipality) -> None:
    """The goal chain counts no activity link as "in the plan"."""
    text = render_macro(model, "malkedja", page=f"{PLAN}/oversikter/malkedja.md", plan=PLAN)
    assert "Ingen koppling från en aktivitet står i planen; alla " in text
    assert "står i planen;" not in text.replace("Ingen koppling från en aktivitet står i planen;", "")


def test_a_role_resolved_to_people_looks_resolved(model: Municipality, plan: Plan) -> None:
    """9.2.18 names only a role; the people shown for it are marked as the editors' interpretation."""
    page = activity_page(model, plan, "intern-cirkular-ekonomi")
    assert f"Sektionschef för digitalt stöd ({RESOLVED} " in page
    assert "Sektionschef för digitalt stöd: " not in page


def test_the_latest_start_of_9_2_7_is_on_the_timeline(model: Municipality) -> None:
    """9.2.7 "bör påbörjas senast 2024" is drawn and counted on the timeline, not "ingen tidplan"."""
    text = render_macro(model, "tidslinje", page=f"{PLAN}/oversikter/tidslinje.md", plan=PLAN)
    assert "påbörjas senast 2024" in text
    assert "14 med tidpunkt i planen" in text


def test_who_carries_out_9_2_5_is_said_with_a_note(model: Municipality, plan: Plan) -> None:
    """9.2.5 names who carries it out but no one accountable: the page says both, and a note explains it."""
    page = activity_page(model, plan, "processbeskrivning-inforande")
    assert "anges inte i planen (genomförs av Kategoriledare" in page
    assert "planen säger vem som genomför aktiviteten, men inte vem som är ansvarig" in page


def test_the_editors_cross_references_in_6_are_labelled(model: Municipality) -> None:
    """References from 6.x measures to activities are the editors' and say so, outside the quoted text."""
    text = render_macro(model, "nyckeltal", page=f"{PLAN}/effektuppfoljning.md", plan=PLAN)
    assert "(se aktivitet" not in text
    assert text.count("redaktionens hänvisning till aktivitet") == 6


def test_subcategory_tags_say_they_are_the_editors(model: Municipality, plan: Plan) -> None:
    """The underkategorier of an activity are the editors' classification and labelled so."""
    page = activity_page(model, plan, "externt-aterbruk")
    assert "Underkategorier (redaktionens indelning – planen anger dem inte)" in page


def test_footnotes_keep_the_source_numbers(model: Municipality) -> None:
    """Footnote 55 of 10.3 is shown as 55, as the source and the editors' note number it, not renumbered."""
    text = render_page(model, f"{PLAN}/nulagesanalys/index.md")
    html = markdown.markdown(text, extensions=[*MARKDOWN_EXTENSIONS, SourceFootnotesExtension()])
    assert '<a class="footnote-ref" href="#fn:55">55</a>' in html
    assert '<li id="fn:55" value="55">' in html


def test_the_summary_writes_the_spend_as_the_source_does(model: Municipality) -> None:
    """1.0 says "ca 163 miljoner kr", as the source does, not "ca 163 mnkr"."""
    text = render_page(model, f"{PLAN}/sammanfattning.md")
    assert "spend på ca 163\u00a0miljoner kr" in text


def test_the_title_page_keeps_the_decision_line_and_derives_the_period_openly(model: Municipality) -> None:
    """The decision date stands as the source gives it, and the exact period says it is computed."""
    text = render_macro(model, "planfakta", plan=PLAN)
    assert "| Beslutad | 2022-XX-xx |" in text
    assert "av Kommunstyrelsen" not in text.split("| Beslutad |")[1].split("\n")[0]
    assert f"2023-10-01 – 2027-09-30 {plain(DERIVED_PERIOD)}" in text


def test_the_goal_chain_uses_the_wording_the_note_says(model: Municipality) -> None:
    """The note on 4.1.3 says the council's name is used and 4.1.3's wording shown beside it; the chain does so."""
    text = render_macro(model, "malkedja", page=f"{PLAN}/oversikter/malkedja.md", plan=PLAN)
    assert (
        "Cirkulär ekonomi som minimerar gifter i miljön (i planens 4.1: ”utveckla cirkulär ekonomi som minimerar "
        "gifter i miljön och minska de konsumtionsbaserade utsläppen”)"
    ) in text


def _filter_choices(model: Municipality, key: str) -> list[str]:
    """The texts of one filter's choices in the real activity table."""
    html = render_macro(model, "aktivitetstabell", page=f"{PLAN}/oversikter/aktiviteter.md", plan=PLAN)
    select = html.split(f'data-filter="{key}">', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="[^"]+">([^<]*)</option>', select)


def test_the_effect_goal_filter_offers_proposals_as_proposals(model: Municipality) -> None:
    """The Effektmål filter's choices say "(förslag)" where only the editors' proposals link activities to a goal."""
    choices = _filter_choices(model, "effektmal")
    assert len(choices) == 4 and all(choice.endswith(" (förslag)") for choice in choices)


def test_the_responsible_filter_says_who_is_found_through_a_role(model: Municipality) -> None:
    """Erik Lindståhl is Ansvarig only as holder of a role 9.2.18 names; the filter's choice says so."""
    choices = _filter_choices(model, "ansvarig")
    assert "Erik Lindståhl (genom roll, enligt redaktionens tolkning)" in choices
    assert "Erik Lindståhl" not in choices


def test_the_share_outside_contracts_is_written_as_the_source_does(model: Municipality) -> None:
    """10.2 says IT-konsulter bought "över 70%" outside contracts, with no space, as the source writes it."""
    text = render_page(model, f"{PLAN}/nulagesanalys/index.md")
    assert "köpts över 70% utanför avtal" in text
    assert "14,2\u00a0%" in text  # where the source writes a space, so does the page


def test_the_activity_table_says_who_carries_out_9_2_5(model: Municipality) -> None:
    """The overview table's Ansvarig for 9.2.5 says the plan names none and who carries it out, not a bare "–"."""
    html = render_macro(model, "aktivitetstabell", page=f"{PLAN}/oversikter/aktiviteter.md", plan=PLAN)
    row = html.split("<td>9.2.5</td>", 1)[1].split("</tr>", 1)[0]
    assert "anges inte i planen (genomförs av Kategoriledare" in row


def test_9_2_9_ends_before_november_2024_in_the_sources_words(model: Municipality) -> None:
    """9.2.9 "bör vara genomförd före november 2024" is shown in those words, not reworded as "senast oktober 2024"."""
    table = render_macro(model, "aktivitetstabell", page=f"{PLAN}/oversikter/aktiviteter.md", plan=PLAN)
    row = table.split("<td>9.2.9</td>", 1)[1].split("</tr>", 1)[0]
    assert "före november 2024" in row.split("<small>")[0] and "senast oktober 2024" not in row
    timeline = render_macro(model, "tidslinje", page=f"{PLAN}/oversikter/tidslinje.md", plan=PLAN)
    assert "senast oktober 2024" not in timeline


def test_9_2_9_ends_in_the_sources_words_in_its_structured_timeline(model: Municipality, plan: Plan) -> None:
    """The structured timeline of 9.2.9 gives the end as "före november 2024" and says the month is the site's reading."""
    page = activity_page(model, plan, "nis-direktiv")
    timeline = page.split("### Tidplan i strukturerad form", 1)[1]
    assert "före november 2024 (webbplatsen räknar det som oktober 2024)" in timeline
    assert STRUCTURED_READING in timeline


def test_a_predecessor_the_plan_implies_is_the_editors_reading(model: Municipality, plan: Plan) -> None:
    """9.2.17 "genomförs efter eventuellt införande av centralt ägande" is shown as the editors' reading of 9.2.16 as predecessor."""
    page = activity_page(model, plan, "externt-aterbruk")
    assert "efter 9.2.16 (redaktionens tolkning av tidplanen)" in page
    assert "Genomförs efter (redaktionens tolkning av tidplanen)" in page
    waited_for = activity_page(model, plan, "centraliserat-datorinkop")
    assert "Väntar på denna (redaktionens tolkning av tidplanen)" in waited_for
    timeline = render_macro(model, "tidslinje", page=f"{PLAN}/oversikter/tidslinje.md", plan=PLAN)
    assert "startar efter 9.2.16 (redaktionens tolkning)" in timeline


def test_the_due_list_names_no_one_as_the_plans_choice_that_the_editors_made(model: Municipality) -> None:
    """Att rapportera says who answers for a nyckeltal through an activity only as the editors' reference,
    and what the plan says for an activity without an ansvarig."""
    page = render_macro(model, "att_rapportera", page=f"{PLAN}/uppfoljning/att-rapportera.md", plan=PLAN)
    assert "enligt planen" not in page.split("## Aktiviteter")[0]
    kpis = page.split("## Nyckeltal")[1]
    through_activity = re.findall(r"ansvarig för 9\.2\.\d+[^:;]*", kpis)
    assert through_activity and all("redaktionens hänvisning" in found for found in through_activity)
    row_9_2_5 = next(line for line in page.splitlines() if "9.2.5" in line and line.startswith("|"))
    assert "anges inte i planen (genomförs av" in row_9_2_5


def test_the_follow_up_periods_say_the_site_computes_them(model: Municipality) -> None:
    """The plan gives no follow-up periods: the overview, each period's report and the due list say the days are computed."""
    pages = [
        render_macro(model, "uppfoljning", page=f"{PLAN}/uppfoljning/index.md", plan=PLAN),
        render_macro(model, "uppfoljningsperiod", page=f"{PLAN}/uppfoljning/2023-24.md", plan=PLAN, period="2023-24"),
        render_macro(model, "att_rapportera", page=f"{PLAN}/uppfoljning/att-rapportera.md", plan=PLAN),
    ]
    assert all("periodernas datum är räknade av webbplatsen" in page for page in pages)


def test_the_municipalitys_roles_name_holders_as_the_editors_reading(model: Municipality) -> None:
    """Kommunen's table of roles names who holds each as the editors' interpretation, not as a fact of today."""
    page = render_macro(model, "roller", page="kommunen/index.md")
    assert "Innehas i dag av" not in page
    assert RESOLVED[1:] in page


def test_the_role_summary_says_holders_and_counts_are_the_editors_reading(model: Municipality) -> None:
    """The summary of roles in the activities names holders and merged wordings as the editors' reading, not the plan's."""
    page = render_macro(model, "rollinnehavare", page=f"{PLAN}/kategoriorganisation.md", plan=PLAN)
    header = next(line for line in page.splitlines() if line.startswith("| Roll"))
    assert "enligt planen" not in header
    assert header.count("redaktionens tolkning") == 2


def test_the_budget_split_is_the_editors_reading(model: Municipality, plan: Plan) -> None:
    """9.2.1's "200 000 kr + 500 000 kr … (ev. betalt från centralt?)" split into posts says it is the editors' reading."""
    page = activity_page(model, plan, "leverantorsstyrning-pm3")
    assert STRUCTURED_READING in page.split("### Budget i strukturerad form", 1)[1].split("|", 1)[0]


def test_two_spellings_of_one_person_are_shown_as_probably_one(model: Municipality, plan: Plan) -> None:
    """Where the role of 9.2.18 resolves to both Erik Lindståhl and Erik Lindström, the page and the person pages
    say they are probably one person whose name the source spells two ways."""
    page = activity_page(model, plan, "intern-cirkular-ekonomi")
    facts = page.split("\n\n## ", 1)[0]
    assert "Erik Lindståhl, Erik Lindström – troligen samma person, som källan stavar på två sätt" in facts
    for person, other in (("erik-lindstahl", "Erik Lindström"), ("erik-lindstrom", "Erik Lindståhl")):
        person_page = render_macro(model, "personansvar", page=f"ansvar/{person}.md", person=person)
        assert re.search(rf"Troligen samma person som <a href=\"[^\"]+\">{other}</a>", person_page), person


def test_kraljics_fourth_quadrant_is_named_as_the_models_own(model: Municipality) -> None:
    """10.3.1 names strategiska, flaskhals- and standardavtal only: the matrix says Hävstångsavtal is Kraljic's term,
    and its legend quotes nothing the plan does not say."""
    html = render_macro(model, "kraljicmatris", page=f"{PLAN}/nulagesanalys/index.md", plan=PLAN)
    assert html.count(">Hävstångsavtal</text>") == 2  # the wide and the narrow drawing
    assert html.count(f"Hävstångsavtal {MODELS_OWN}.</desc>") == 2
    assert html.count(">(Kraljics term;") == 2  # once per drawing: the three named quadrants carry no note
    assert "det ena eller det andra" not in html and "planen säger" not in html


def test_what_serves_an_effect_goal_is_not_headed_as_the_plans(model: Municipality, plan: Plan) -> None:
    """Each effektmål's box lists the editors' proposed activities too: its heading says proposals are marked, not
    that everything in it is "i planen"."""
    text = render_macro(model, "effektmal", page=f"{PLAN}/kategoriplan.md", plan=PLAN)
    assert text.count(SERVES_TITLE) == len(plan.effect_goals)
    assert "i planen (sammanställt" not in text and "förslag är markerade" in SERVES_TITLE
    assert PROPOSED in text


def test_a_strategy_without_activities_says_neither_the_plan_nor_the_editors_link_one(model: Municipality) -> None:
    """The plan links no activity to any strategy; an unlinked strategy says so of both, not "ingen aktivitet i planen"."""
    text = render_macro(model, "strategier", page=f"{PLAN}/kategoristrategi.md", plan=PLAN)
    assert NO_STRATEGY_ACTIVITY in text and "ingen aktivitet i planen" not in text


def test_the_share_of_the_municipality_is_headed_in_the_words_of_its_section(model: Municipality) -> None:
    """The yearly spend table shows 10.1's "knappt 10 %", so its column says "av kommunens spend" as 10.1 does, not
    1.0's "av kommunens samlade inköp" (where the source writes "ca 10 %")."""
    html = render_macro(model, "spenddiagram", page=f"{PLAN}/oversikter/analys.md", plan=PLAN, per="år")
    assert SHARE_OF_MUNICIPALITY == "Andel av kommunens spend" and f">{SHARE_OF_MUNICIPALITY}<" in html
    row = html.split('class="tal">2022</th>', 1)[1].split("</tr>", 1)[0]
    assert "<td>knappt 10\u00a0%</td>" in row and "<td>10.1</td>" in row
    assert "kommunens inköp" not in html


def _signal_row(model: Municipality, number: str) -> str:
    """The row of one styrsignal in the summary table of 10.4."""
    table = render_macro(model, "styrsignaler", page=f"{PLAN}/nulagesanalys/styrsignaler.md", plan=PLAN)
    return next(row for row in table.splitlines() if row.startswith(f"| [{number} "))


def test_the_indicator_of_10_4_1_2_is_a_summary_not_the_sources_words(model: Municipality) -> None:
    """10.4.1.2's indicator is written by the site from the source's figures: labelled so, with only the source's
    own outcome words ("uppnåddes med marginal") quoted."""
    row = _signal_row(model, "10.4.1.2")
    assert f"{INDICATOR_SUMMARY}: andel upphandlingar" in row and "sammanfattad av webbplatsen" in INDICATOR_SUMMARY
    assert "mål 2022: 10\u00a0%, ”uppnåddes med marginal”" in row
    assert "Indikator: " not in row


def test_10_4_13_shows_the_sources_cut_off_text(model: Municipality) -> None:
    """10.4.13 keeps its one sentence and the cut-off "Detta påverkar (likriktar)", and says it is cut off, not missing."""
    row = _signal_row(model, "10.4.13")
    assert "Fr o m 1 jan 2022 ska alla nya detaljplaner kunna tillgängliggöras digitalt" in row
    assert "Detta påverkar (likriktar)" in row
    assert f"⚠ {CUT_TEXT}." in row and MISSING_TEXT not in row
    assert CUT_TEXT == "Texten är avskuren i källdokumentet"


def test_units_have_a_forvaltning_only_where_the_plan_states_it(model: Municipality) -> None:
    """The plan never says which förvaltning upphandlingssektionen, its strukturgrupp or kravforum belong to, so the
    units table names none; digitaliseringsavdelningen stays at KSF, as 8.3 says."""
    rows = render_macro(model, "enheter", page="kommunen/index.md").splitlines()
    for name in ("Upphandlingssektionen", "Strukturgrupp på upphandlingssektionen", "Kravforum"):
        assert f"| {name} | – |" in rows, name
    assert "| Digitaliseringsavdelningen | Kommunstyrelsens förvaltning |" in rows
    unstated = ("upphandlingssektionen", "strukturgruppen", "kravforum")
    assert all(model.unit(unit).administration is None for unit in unstated)


def test_the_heading_footnote_of_9_2_9_keeps_the_source_number(model: Municipality, plan: Plan) -> None:
    """The source heads 9.2.9 "NIS-direktiv och informationssäkerhet³": its page names the footnote by its number 3,
    as every other footnote of the site keeps the source's number."""
    assert plan.activity("nis-direktiv").name_footnote_number == 3
    page = activity_page(model, plan, "nis-direktiv")
    assert '"Fotnot 3 till rubriken i källan"' in page and "Fotnot till rubriken" not in page


def test_each_timeline_is_headed_as_its_source_heads_it(model: Municipality, plan: Plan) -> None:
    """9.2.14's source heads its timeline "Prioritering och tidplan", every other activity's "Tidplan/prioritering";
    each page uses its own source's heading."""
    for activity in plan.activities:
        headings = re.findall(r"^## (.*)$", activity_page(model, plan, activity.id), flags=re.M)
        wanted = "Prioritering och tidplan" if activity.number == "9.2.14" else "Tidplan/prioritering"
        assert [h for h in headings if "tidplan" in h.lower()] == [plain(wanted)], activity.number
