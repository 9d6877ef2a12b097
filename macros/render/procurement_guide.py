"""Macros for the procurement guides: the purchasing process, the procedures with their time
plans, the checklist as a template, and the checklists a plan has filled in for its
procurement needs (shown with the needs and summarised on the procurement calendar).

Counting a guide's phases backwards from a contract end is guidance: the site says so,
and never presents the result as the plan's own dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from macros.exports.dataset import Value, dataset, date, text, whole
from macros.model.catalog import Plan
from macros.model.procurement_guide import ANSWERS, Checklist, FilledChecklist, Phase, Procedure, ProcurementGuide
from macros.render.context import GUIDES_PAGE, PROCUREMENT_PAGE, MacroError, Site, chapter_page, person_page
from macros.render.downloads import offer
from macros.render.export_values import yes_no
from macros.render.guidance import guidance_notes, guidance_source
from macros.render.html import count
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.text import bullets, table

ANSWER_LABELS = {"ja": "Ja", "nej": "Nej", "ej tillämpligt": "Ej tillämpligt"}
UNANSWERED = "Obesvarad"


def guide_of(site: Site, guide_id: str) -> ProcurementGuide:
    """The procurement guide with this id, or a Swedish error naming those that exist."""
    if not site.model.has("upphandlingsvägledning", guide_id):
        known = ", ".join(guide.id for guide in site.model.guidance.guides) or "inga"
        raise MacroError(f"vägledningen '{guide_id}' finns inte (finns: {known})")
    return site.model.guide(guide_id)


@macro("upphandlingsvagledning", 'upphandlingsvagledning(vagledning="skr-verksamhetssystem-socialtjansten")')
def procurement_guide(site: Site, *, vagledning: str) -> str:
    """Hela vägledningen: källa, inköpsprocessen, förfarandena med tidplaner, checklistan och redaktionens anmärkningar."""
    guide = guide_of(site, vagledning)
    subtitle = f" – {plain(guide.source.subtitle)}" if guide.source.subtitle else ""
    return "\n".join(
        [
            f"## {plain(guide.source.title)}{subtitle} {{#{guide.id}}}\n",
            guidance_source(site, dokument=guide.id),
            f"### Inköpsprocessen {{#{guide.id}-inkopsprocess}}\n",
            purchasing_process(site, vagledning=vagledning),
            f"### Upphandlingsförfaranden och tidplaner {{#{guide.id}-tidplaner}}\n",
            time_plans(site, vagledning=vagledning),
            f"### Checklista {{#{guide.id}-checklista}}\n",
            checklist_template(site, vagledning=vagledning),
            f"### Redaktionens anmärkningar {{#{guide.id}-anmarkningar}}\n",
            guidance_notes(site, dokument=guide.id),
        ]
    )


@macro("inkopsprocess", 'inkopsprocess(vagledning="skr-verksamhetssystem-socialtjansten")')
def purchasing_process(site: Site, *, vagledning: str) -> str:
    """Vägledningens inköpsprocess: inledningen och stegen (förstudie, upphandlingsprocess, leverans)."""
    guide = guide_of(site, vagledning)
    items = [f"**{plain(step.name)}** – {rich(step.description, inline=True)}" for step in guide.process]
    return rich(guide.process_intro) + "\n" + bullets(items)


@macro("tidplaner", 'tidplaner(vagledning="skr-verksamhetssystem-socialtjansten")')
def time_plans(site: Site, *, vagledning: str) -> str:
    """Vägledningens upphandlingsförfaranden med beskrivning och tidplan: varje fas med uppskattad tid."""
    guide = guide_of(site, vagledning)
    parts = [rich(guide.timeplan_intro)]
    for procedure in guide.procedures:
        parts.append(f"#### {plain(procedure.name)} {{#{guide.id}-{procedure.id}}}\n\n{rich(procedure.description)}")
        if not procedure.phases:
            parts.append("Vägledningen anger ingen tidplan för förfarandet.\n")
            continue
        rows = [[plain(phase.name), plain(phase.duration_text), _phase_kind(phase)] for phase in procedure.phases]
        heading = procedure.timeplan_heading or f"Tidplan {procedure.name}"
        export = dataset(
            f"vagledning/{guide.id}/tidplan-{procedure.id}",
            f"{heading} ({guide.source.title})",
            [
                whole("Fas nr"),
                text("Aktivitet"),
                text("Uppskattad tid (som i vägledningen)"),
                whole("Kortast"),
                whole("Längst"),
                text("Enhet"),
                text("Behövs bara ibland"),
                text("Efter tilldelningen"),
            ],
            [
                [
                    number,
                    phase.name,
                    phase.duration_text,
                    phase.duration.low if phase.duration else None,
                    phase.duration.high if phase.duration else None,
                    phase.duration.unit if phase.duration else None,
                    yes_no(phase.eventual),
                    yes_no(phase.after_award),
                ]
                for number, phase in enumerate(procedure.phases, 1)
            ],
        )
        parts.append(
            table(
                ["Aktivitet", "Uppskattad tid", "Anmärkning"],
                rows,
                caption=plain(heading),
                download=offer(site, export),
            )
        )
    return "\n".join(parts)


def _phase_kind(phase: Phase) -> str:
    """Whether a phase is only sometimes needed, comes after the award, and its range in numbers."""
    words = []
    if phase.duration:
        words.append(f"räknas som {phase.duration.label}")
    else:
        words.append("ingen uppskattad tid att räkna med")
    if phase.eventual:
        words.append("behövs bara ibland")
    if phase.after_award:
        words.append("efter tilldelningen")
    return "; ".join(words)


@macro("checklista_mall", 'checklista_mall(vagledning="skr-verksamhetssystem-socialtjansten")')
def checklist_template(site: Site, *, vagledning: str) -> str:
    """Vägledningens checklista som mall: grupperna och frågorna, med svaren Ja / Nej / Ej tillämpligt och en Ansvarig."""
    guide = guide_of(site, vagledning)
    checklist = guide.checklist
    if checklist is None:
        return "Vägledningen har ingen checklista.\n"
    answers = " / ".join(ANSWER_LABELS[answer] for answer in ANSWERS)
    parts = [
        f"**{plain(checklist.name)}**\n",
        rich(checklist.intro),
        f"Varje fråga besvaras med {answers} och har en Ansvarig. "
        f"Checklistan har {count(len(checklist.groups), 'grupp', 'grupper')} och "
        f"{count(len(checklist.questions), 'fråga', 'frågor')}.\n",
    ]
    number = 0
    for group in checklist.groups:
        parts.append(f"#### {plain(group.name)} {{#{guide.id}-{group.id}}}\n")
        if group.intro:
            parts.append(f"*{plain(group.intro)}*\n")
        rows = []
        values: list[list[Value]] = []
        for question in group.questions:
            number += 1
            rows.append([str(number), plain(question.question)])
            values.append([number, question.id, group.name, question.question])
        export = dataset(
            f"vagledning/{guide.id}/checklista-{group.id}",
            f"{checklist.name}: {group.name}",
            [whole("Nr"), text("Id"), text("Grupp"), text("Fråga")],
            values,
        )
        parts.append(table(["Nr", "Fråga"], rows, download=offer(site, export)))
    parts.append("#### Ifyllda checklistor i planerna\n\n" + _filled_anywhere(site, guide))
    return "\n".join(parts)


def _filled_anywhere(site: Site, guide: ProcurementGuide) -> str:
    """Every procurement need, in any plan, that has filled in this guide's checklist."""
    items = []
    template = guide.checklist
    for plan in site.model.plans.values() if template else []:
        for filled in plan.checklists:
            if filled.guide != guide.id or not plan.has("upphandlingsbehov", filled.need):
                continue
            need = plan.procurement_need(filled.need)
            target = site.link(chapter_page(plan.id, PROCUREMENT_PAGE), checklist_anchor(filled))
            progress = Progress.of(template, filled)  # type: ignore[arg-type]
            items.append(f"[{plain(need.need)}]({target}) i {plain(plan.meta.name)}: {plain(progress.words)}")
    return bullets(items) if items else "Inget upphandlingsbehov i någon plan har fyllt i checklistan ännu.\n"


def checklist_anchor(filled: FilledChecklist) -> str:
    """The anchor of a filled checklist on the plan's page of procurement needs."""
    return f"checklista-{filled.need}-{filled.guide}"


@dataclass(frozen=True)
class Progress:
    """How far a filled checklist has come."""

    total: int
    answered: int
    yes: int
    no: int
    not_applicable: int

    @classmethod
    def of(cls, template: Checklist, filled: FilledChecklist) -> Progress:
        """Count a filled checklist's answers against its template's questions."""
        questions = {question.id for question in template.questions}
        answers = [answer.answer for answer in filled.answers if answer.question in questions]
        return cls(
            len(questions), len(answers), answers.count("ja"), answers.count("nej"), answers.count("ej tillämpligt")
        )

    @property
    def words(self) -> str:
        """The progress in words, e.g. 12 av 33 frågor besvarade (Ja 8, Nej 3, Ej tillämpligt 1)."""
        detail = f"Ja {self.yes}, Nej {self.no}, Ej tillämpligt {self.not_applicable}"
        return f"{self.answered} av {self.total} frågor besvarade ({detail})"


@macro("checklistor", 'checklistor(plan="it-och-telekom")')
def filled_checklists(site: Site, *, plan: str) -> str:
    """Planens ifyllda checklistor per upphandlingsbehov: svar, ansvarig och kommentar för varje fråga, och hur långt de kommit."""
    p = site.plan(plan)
    if not p.checklists:
        guides = [guide for guide in site.model.guidance.guides if guide.checklist]
        offer = (
            f" Vägledningarnas checklistor finns på sidan [Vägledning för upphandling]({site.link(GUIDES_PAGE)})."
            if guides
            else ""
        )
        return (
            "Inget upphandlingsbehov i planen har någon ifylld checklista. En checklista fylls i i planens data: "
            f"behovet, vägledningen, datum och svaret (Ja, Nej eller Ej tillämpligt) med ansvarig för varje fråga.{offer}\n"
        )
    return "\n".join(_filled(site, p, filled) for filled in p.checklists)


def _filled(site: Site, plan: Plan, filled: FilledChecklist) -> str:
    """One filled checklist: the need, the guide, the date, the progress and a table per group."""
    need = plan.procurement_need(filled.need)
    guide = site.model.guide(filled.guide)
    template = guide.checklist
    assert template is not None  # the check refuses a checklist of a guide without one
    progress = Progress.of(template, filled)
    guide_link = f"[{plain(guide.source.title)}]({site.link(GUIDES_PAGE, guide.id)})"
    parts = [
        f"### Checklista för {plain(need.need)} {{#{checklist_anchor(filled)}}}\n",
        f"Checklistan ur {guide_link}, senast uppdaterad {filled.date.isoformat()}: {plain(progress.words)}.\n",
    ]
    for group in template.groups:
        rows = []
        values: list[list[Value]] = []
        for question in group.questions:
            answer = filled.answer_to(question.id)
            values.append(
                [
                    filled.need,
                    need.need,
                    filled.date,
                    group.name,
                    question.id,
                    question.question,
                    ANSWER_LABELS[answer.answer] if answer else UNANSWERED,
                    _responsible_words(site, answer.responsible, answer.responsible_text) if answer else None,
                    answer.comment if answer else None,
                ]
            )
            rows.append(
                [
                    plain(question.question),
                    ANSWER_LABELS[answer.answer] if answer else f"*{UNANSWERED}*",
                    _responsible(site, answer.responsible, answer.responsible_text) if answer else "–",
                    rich(answer.comment, inline=True) if answer and answer.comment else "–",
                ]
            )
        caption = plain(group.name) + (f" – {plain(group.intro)}" if group.intro else "")
        export = dataset(
            f"{plan.id}/checklistor/{filled.need}/{filled.guide}/{group.id}",
            f"Checklista för {need.need}: {group.name}",
            [
                text("Upphandlingsbehov (id)"),
                text("Upphandlingsbehov"),
                date("Senast uppdaterad"),
                text("Grupp"),
                text("Fråga (id)"),
                text("Fråga"),
                text("Svar"),
                text("Ansvarig"),
                text("Kommentar"),
            ],
            values,
        )
        headers = ["Fråga", "Svar", "Ansvarig", "Kommentar"]
        parts.append(table(headers, rows, caption=caption, download=offer(site, export)))
    return "\n".join(parts)


def _responsible_words(site: Site, person_id: str | None, words: str | None) -> str | None:
    """Who is responsible in plain words (for an export): the person's name, the data's words, or both."""
    parts = [site.model.person(person_id).name] if person_id else []
    if words:
        parts.append(words)
    return ", ".join(parts) or None


def _responsible(site: Site, person_id: str | None, text: str | None) -> str:
    """Who is responsible: a linked person, words, or both."""
    parts = []
    if person_id:
        parts.append(f"[{plain(site.model.person(person_id).name)}]({site.link(person_page(person_id))})")
    if text:
        parts.append(plain(text))
    return ", ".join(parts) or "–"


# --- The guide's phases counted backwards from a contract end --------------------------------


@dataclass(frozen=True)
class BackwardPhase:
    """A phase with the dates it would span, counted backwards from the contract end with the longest estimates."""

    phase: Phase
    start: dt.date | None
    end: dt.date | None


def backwards(
    procedure: Procedure, contract_end: dt.date, *, longest: bool = True
) -> tuple[list[BackwardPhase], dt.date]:
    """The procedure's phases before the award, placed backwards from the contract end; and the first phase's start.

    Phases without an estimate take no time (the reader is told), and phases after the award
    (efterannonsering) are not counted. Optional phases count with the longest estimates and
    are left out with the shortest.
    """
    placed: list[BackwardPhase] = []
    end = contract_end
    for phase in reversed(procedure.phases):
        if phase.after_award:
            placed.append(BackwardPhase(phase, None, None))
            continue
        if phase.duration is None or (phase.eventual and not longest):
            placed.append(
                BackwardPhase(phase, None, None) if phase.duration is None else BackwardPhase(phase, end, end)
            )
            continue
        start = phase.duration.before(end, longest=longest)
        placed.append(BackwardPhase(phase, start, end))
        end = start
    return list(reversed(placed)), end
