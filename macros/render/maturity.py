"""Macros for Dalamodellen: the steps, perspectives and levels, the recommendations as a
matrix that reads as a table on a laptop and as stacked cards on a phone, the crisis
recommendations and the indicator annexes; and self-assessments against the model.

A self-assessment is data a plan (or the organisation) records: per step and perspective
the level reached, on a date, by whom and on what evidence. The view shows the current
(latest) assessment on the matrix and how each cell changed since the one before; where
nothing is recorded it says so.
"""

from __future__ import annotations

import re

from macros.exports.dataset import Column, Dataset, Value, dataset, date, text, whole
from macros.model.catalog import Plan
from macros.model.maturity import Assessment, AssessmentsFile, CellAssessment, Level, MaturityModelFile, Row, Step
from macros.render.context import ASSESSMENT_PAGE, MATURITY_PAGE, MacroError, Site, chapter_page, person_page
from macros.render.downloads import offer
from macros.render.html import cells_apart, count
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.text import admonition, bullets, table

MODEL_DIR = "vagledning/dalamodellen"
"""Where the model's own tables are exported (a plan's self-assessment goes under the plan)."""

NOT_ASSESSED = "Inte bedömd"
NO_LEVEL_TEXT = "Ingen nivå uppnådd"

_JOINTS = re.compile(r"(?<=[a-zåäö])(perspektiv|mässiga|ställande|utblick)")
"""Where the model's long compound words may break in a narrow column (Chromium has no Swedish hyphenation)."""


def breakable(escaped: str) -> str:
    """Escaped text with soft hyphens at the compound joints of the model's long words."""
    return _JOINTS.sub(lambda match: "&#173;" + match.group(1), escaped)


def maturity_model(site: Site) -> MaturityModelFile:
    """Dalamodellen, or a Swedish error when the data has none."""
    maturity = site.model.guidance.maturity
    if maturity is None:
        raise MacroError("datat innehåller inte Dalamodellen (vagledning/dalamodellen.yml)")
    return maturity


def level_label(level: Level) -> str:
    """A level with the source's stars: "** Mycket tillfredsställande" (escaped, breakable in narrow columns)."""
    return f"{plain(level.stars)} {breakable(plain(level.name))}"


@macro("dalamodellen_steg", "dalamodellen_steg()")
def steps(site: Site) -> str:
    """Modellens fyra steg med vad varje steg omfattar."""
    return bullets(
        [
            f"**{step.number}. {plain(step.name)}** – {rich(step.description, inline=True)}"
            for step in maturity_model(site).steps
        ]
    )


@macro("dalamodellen_perspektiv", "dalamodellen_perspektiv()")
def perspectives(site: Site) -> str:
    """De fyra perspektiven med vad varje perspektiv omfattar."""
    return bullets(
        [
            f"**{plain(item.name)}** – {rich(item.description, inline=True)}"
            for item in maturity_model(site).perspectives
        ]
    )


@macro("dalamodellen_nivaer", "dalamodellen_nivaer()")
def levels(site: Site) -> str:
    """De tre nivåerna med källans markering (en, två och tre stjärnor)."""
    items = maturity_model(site).levels
    rows = [[str(level.number), plain(level.name), plain(level.stars)] for level in items]
    export = dataset(
        f"{MODEL_DIR}/nivaer",
        "Dalamodellens nivåer",
        [whole("Nivå"), text("Id"), text("Namn"), text("Markering")],
        [[level.number, level.id, level.name, level.stars] for level in items],
    )
    return table(["Nivå", "Namn", "Markering"], rows, download=offer(site, export))


# --- The matrix -----------------------------------------------------------------------------


def _head(maturity: MaturityModelFile, first: str) -> str:
    """The header row: the first column's name and one column per level."""
    cells = "".join(
        f'<th scope="col"><span class="dm-stjarnor" aria-hidden="true">{plain(level.stars)}</span> '
        f"{breakable(plain(level.name))}</th>"
        for level in maturity.levels
    )
    return f'<thead><tr><th scope="col" class="dm-rubrik">{plain(first)}</th>{cells}</tr></thead>'


def _row_cells(maturity: MaturityModelFile, row: Row, reached: int | None) -> str:
    """The level cells of one row; cells at or below a reached level are marked, in text as well as colour."""
    cells = []
    for level in maturity.levels:
        text = row.text_of(level.id)
        content = rich(text.text, inline=True) if text else "<em>Ingen text i källan.</em>"
        label = f"{level.stars} {level.name}"
        marked = reached is not None and level.number <= reached
        css = ' class="dm-uppnadd"' if marked else ""
        mark = '<span class="dm-bock">✓ Uppnådd: </span>' if marked else ""
        cells.append(f'<td data-niva="{plain(label)}"{css}>{mark}{content}</td>')
    return "".join(cells)


def _group(
    maturity: MaturityModelFile, heading: str, rows: list[Row], reached: int | None = None, extra: str = ""
) -> str:
    """A group of rows under a row header (a perspective), with the editors' notes as full-width rows."""
    span = len(rows) + sum(1 for row in rows if row.note)
    header = f'<th scope="rowgroup" rowspan="{span}" class="dm-rubrik">{heading}{extra}</th>'
    lines = []
    for index, row in enumerate(rows):
        lead = header if index == 0 else ""
        lines.append(f"<tr>{lead}{_row_cells(maturity, row, reached)}</tr>")
        if row.note:
            note = rich(row.note, inline=True)
            lines.append(
                f'<tr class="dm-not"><td colspan="{len(maturity.levels)}"><strong>Redaktionell anmärkning:</strong> {note}</td></tr>'
            )
    return f"<tbody>{''.join(lines)}</tbody>"


def _level_columns(maturity: MaturityModelFile) -> list[Column]:
    """One text column per level, named as the matrix names it."""
    return [text(level.name) for level in maturity.levels]


def _row_values(maturity: MaturityModelFile, row: Row) -> list[Value]:
    """A row's text at each level (empty where the source has none) and the editors' note."""
    texts: list[Value] = []
    for level in maturity.levels:
        found = row.text_of(level.id)
        texts.append(found.text if found else None)
    return [*texts, row.note]


def matrix_dataset(
    maturity: MaturityModelFile, step: Step, assessment: Assessment | None, where: str, title: str
) -> Dataset:
    """One step's table of the matrix as rows: each perspective's rows of recommendations per level;
    with an assessment, the level each perspective reached (words and number, 0 for none)."""
    columns = [whole("Steg nr"), text("Steg"), text("Perspektiv"), whole("Rad"), *_level_columns(maturity)]
    columns.append(text("Redaktionell anmärkning"))
    if assessment is not None:
        columns += [text("Bedömd nivå"), whole("Bedömd nivå, nummer")]
    rows: list[list[Value]] = []
    for perspective in maturity.perspectives:
        cell = maturity.cell(step.id, perspective.id)
        judged = assessment.cell(step.id, perspective.id) if assessment else None
        for index, row in enumerate(cell.rows if cell else [], 1):
            values: list[Value] = [step.number, step.name, perspective.name, index, *_row_values(maturity, row)]
            if assessment is not None:
                values += [_level_name(maturity, judged), _number(maturity, judged)]
            rows.append(values)
    return dataset(f"{where}-{step.id}", f"{title}, steg {step.number}. {step.name}", columns, rows)


def matrix_html(
    site: Site,
    maturity: MaturityModelFile,
    assessment: Assessment | None = None,
    only_step: str | None = None,
    *,
    where: str = f"{MODEL_DIR}/steg",
    title: str = "Dalamodellens rekommendationer",
) -> str:
    """The recommendations, one table per step with the perspectives as row groups, each with its
    download; with an assessment, the reached levels marked (and exported under `where`)."""
    tables = []
    for step in maturity.steps:
        if only_step and step.id != only_step:
            continue
        groups = []
        for perspective in maturity.perspectives:
            cell = maturity.cell(step.id, perspective.id)
            rows = cell.rows if cell else []
            judged = assessment.cell(step.id, perspective.id) if assessment else None
            reached, extra = _reached(maturity, judged) if assessment else (None, "")
            if rows:
                groups.append(_group(maturity, breakable(plain(perspective.name)), rows, reached, extra))
        caption = f"Steg {step.number}. {plain(step.name)}"
        download = offer(site, matrix_dataset(maturity, step, assessment, where, title))
        table = (
            f'<table class="dalamatris" id="steg-{step.id}"><caption>{caption}</caption>'
            f"{_head(maturity, 'Perspektiv')}{''.join(groups)}</table>"
        )
        tables.append(cells_apart(table) + download)
    return f'<div class="dalamatris-vy">{"".join(tables)}</div>\n'


def _reached(maturity: MaturityModelFile, judged: CellAssessment | None) -> tuple[int | None, str]:
    """The level number a cell reached (0 for none) and the words under the perspective's name."""
    if judged is None:
        return None, f'<span class="dm-bedomd">{NOT_ASSESSED}</span>'
    level = maturity.level(judged.level)
    number = level.number if level else 0
    words = level_label(level) if level else NO_LEVEL_TEXT
    return number, f'<span class="dm-bedomd">Bedömd nivå: {words}</span>'


@macro("dalamodellen_matris", 'dalamodellen_matris(steg="strategisk-inriktning")')
def matrix(site: Site, *, steg: str | None = None) -> str:
    """Modellens rekommendationer som matris: per steg en tabell med perspektiven som rader och nivåerna som kolumner."""
    maturity = maturity_model(site)
    if steg is not None and not any(step.id == steg for step in maturity.steps):
        raise MacroError(f"steget '{steg}' finns inte i Dalamodellen")
    return matrix_html(site, maturity, only_step=steg)


@macro("dalamodellen_kris", "dalamodellen_kris()")
def crisis(site: Site) -> str:
    """Modellens fristående rekommendationer för offentlig upphandling i kris och för beredskap, per nivå."""
    maturity = maturity_model(site)
    crisis_rows = maturity.crisis.rows
    body = _group(maturity, plain(maturity.crisis.heading), crisis_rows)
    export = dataset(
        f"{MODEL_DIR}/kris-och-beredskap",
        f"Dalamodellen: {maturity.crisis.heading}",
        [text("Område"), whole("Rad"), *_level_columns(maturity), text("Redaktionell anmärkning")],
        [[maturity.crisis.heading, index, *_row_values(maturity, row)] for index, row in enumerate(crisis_rows, 1)],
    )
    table = (
        f'<table class="dalamatris" id="kris-och-beredskap">'
        f"<caption>{plain(maturity.crisis.heading)}</caption>{_head(maturity, 'Område')}{body}</table>"
    )
    return f'<div class="dalamatris-vy">{cells_apart(table)}{offer(site, export)}</div>\n'


@macro("dalamodellen_bilaga", "dalamodellen_bilaga(nummer=1)")
def annex(site: Site, *, nummer: int) -> str:
    """En av modellens bilagor med indikatorer: rubrik, inledning och indikatorerna grupp för grupp."""
    found = next((item for item in maturity_model(site).annexes if item.number == nummer), None)
    if found is None:
        raise MacroError(f"Dalamodellen har ingen bilaga {nummer}")
    parts = [f"## Bilaga {found.number}: {plain(found.heading)} {{#{found.id}}}\n", rich(found.intro)]
    for number, group in enumerate(found.groups, 1):
        parts.append(f"### {plain(group.heading)}\n")
        if any(indicator.description for indicator in group.indicators):
            rows = [
                [plain(item.name), rich(item.description, inline=True) if item.description else "–", _note(item.note)]
                for item in group.indicators
            ]
            export = dataset(
                f"{MODEL_DIR}/bilaga-{found.number}-grupp-{number}",
                f"Dalamodellen, bilaga {found.number}: {group.heading}",
                [text("Indikator"), text("Förklaring"), text("Redaktionell anmärkning")],
                [[item.name, item.description, item.note] for item in group.indicators],
            )
            parts.append(table(["Indikator", "Förklaring", "Anmärkning"], rows, download=offer(site, export)))
        else:
            parts.append(
                bullets(
                    [
                        plain(item.name) + (f" *(anmärkning: {rich(item.note, inline=True)})*" if item.note else "")
                        for item in group.indicators
                    ]
                )
            )
    return "\n".join(parts)


def _note(note: str | None) -> str:
    """An editor's note in a table cell, or a dash."""
    return f"*Redaktionell anmärkning:* {rich(note, inline=True)}" if note else "–"


# --- Self-assessment -----------------------------------------------------------------------


def _assessments_of(site: Site, plan: str | None) -> tuple[AssessmentsFile, str, str]:
    """The assessments of a plan (or the organisation's with plan None), whose they are in words
    (escaped) and the folder of their exports."""
    if plan is None:
        return site.model.assessments, "kommunen", "kommun"
    p = site.plan(plan)
    return p.assessments, plain(p.meta.name), p.id


@macro("sjalvskattning", 'sjalvskattning(plan="it-och-telekom")')
def self_assessment(site: Site, *, plan: str | None = None) -> str:
    """En plans (eller kommunens) självskattning mot Dalamodellen: nuläget i matrisen, förändringen sedan förra och underlaget."""
    maturity = maturity_model(site)
    assessments, whose, folder = _assessments_of(site, plan)
    where = f"{folder}/sjalvskattning"
    history = assessments.by_date()
    if not history:
        return _no_assessment(site, whose, plan)
    current = history[-1]
    previous = history[-2] if len(history) > 1 else None
    parts = [
        f"Senaste självskattningen gjordes {current.date.isoformat()} av {_assessors(site, current)}"
        + (f" och omfattar {plain(current.scope)}" if current.scope else "")
        + f". {count(len(history), 'självskattning', 'självskattningar')} finns registrerade.\n",
        "### Nuläget\n",
        _summary_grid(site, maturity, current, previous, where),
        "### Förändring sedan förra självskattningen\n",
        _changes(site, maturity, current, previous, where),
        "### Rekommendationerna med den uppnådda nivån markerad\n",
        "I varje steg och perspektiv är nivåerna upp till och med den som bedömdes vara uppnådd markerade med ✓.\n",
        matrix_html(site, maturity, current, where=f"{where}-steg", title=f"Självskattning {current.date.isoformat()}"),
        "### Självskattningarna med underlag\n",
        "\n".join(_assessment_details(site, maturity, item, where) for item in reversed(history)),
    ]
    return "\n".join(parts)


def _no_assessment(site: Site, whose: str, plan: str | None) -> str:
    """The honest empty state: nothing is recorded, and what a recorded assessment would hold."""
    where = "planens data" if plan else "kommunens gemensamma data"
    return (
        f"Ingen självskattning mot Dalamodellen är registrerad för {whose}. Webbplatsen visar ingen bedömning "
        f"förrän den finns i {where}: per steg och perspektiv den nivå som nås, datum, vem som "
        f"bedömde och underlaget. Modellen och dess rekommendationer finns på sidan [Dalamodellen]({site.link(MATURITY_PAGE)}).\n"
    )


def _assessors(site: Site, assessment: Assessment) -> str:
    """Who assessed: linked people and the words the data gives."""
    people = [
        f"[{plain(site.model.person(pid).name)}]({site.link(person_page(pid))})" for pid in assessment.assessed_by
    ]
    if assessment.assessed_by_text:
        people.append(plain(assessment.assessed_by_text))
    return ", ".join(people)


def _cell_words(maturity: MaturityModelFile, judged: CellAssessment | None) -> str:
    """A cell's level in words with its stars, no level, or not assessed."""
    if judged is None:
        return NOT_ASSESSED
    level = maturity.level(judged.level)
    return level_label(level) if level else NO_LEVEL_TEXT


def _level_name(maturity: MaturityModelFile, judged: CellAssessment | None) -> str:
    """A cell's level in plain words (for an export): its name, no level, or not assessed."""
    if judged is None:
        return NOT_ASSESSED
    level = maturity.level(judged.level)
    return level.name if level else NO_LEVEL_TEXT


def _number(maturity: MaturityModelFile, judged: CellAssessment | None) -> int | None:
    """A cell's level as a number (0 for none, None when not assessed)."""
    if judged is None:
        return None
    level = maturity.level(judged.level)
    return level.number if level else 0


def _summary_grid(
    site: Site, maturity: MaturityModelFile, current: Assessment, previous: Assessment | None, where: str
) -> str:
    """Steps as rows, perspectives as columns, each cell the level reached and the change since before."""
    export_rows: list[list[Value]] = []
    for step in maturity.steps:
        for perspective in maturity.perspectives:
            judged = current.cell(step.id, perspective.id)
            before = previous.cell(step.id, perspective.id) if previous else None
            change = _change_word(_number(maturity, before), _number(maturity, judged)) if previous else ""
            name = _level_name(maturity, judged)
            export_rows.append([step.number, step.name, perspective.name, name, _number(maturity, judged), change])
    export = dataset(
        f"{where}-nulage",
        f"Självskattning {current.date.isoformat()}: uppnådd nivå per steg och perspektiv",
        [
            whole("Steg nr"),
            text("Steg"),
            text("Perspektiv"),
            text("Nivå"),
            whole("Nivå, nummer"),
            text("Förändring sedan förra självskattningen"),
        ],
        export_rows,
    )
    head = "".join(f'<th scope="col">{breakable(plain(p.name))}</th>' for p in maturity.perspectives)
    rows = []
    for step in maturity.steps:
        cells = []
        for perspective in maturity.perspectives:
            judged = current.cell(step.id, perspective.id)
            before = previous.cell(step.id, perspective.id) if previous else None
            change = _change_word(_number(maturity, before), _number(maturity, judged)) if previous else ""
            change_html = f'<br><span class="dm-andring">{change}</span>' if change else ""
            css = "dm-niva-" + str(_number(maturity, judged)) if judged else "dm-ej"
            label = f"{perspective.name}"
            cells.append(
                f'<td class="{css}" data-niva="{plain(label)}">{_cell_words(maturity, judged)}{change_html}</td>'
            )
        rows.append(f'<tr><th scope="row">{step.number}. {breakable(plain(step.name))}</th>{"".join(cells)}</tr>')
    caption = f"Självskattning {current.date.isoformat()}: uppnådd nivå per steg och perspektiv"
    return (
        f'<div class="dalamatris-vy"><table class="dalamatris dm-oversikt"><caption>{plain(caption)}</caption>'
        f'<thead><tr><th scope="col">Steg</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f"{offer(site, export)}</div>\n"
    )


def _change_word(before: int | None, after: int | None) -> str:
    """How a cell changed: up or down so many levels, unchanged, newly or no longer assessed."""
    if before is None and after is None:
        return ""
    if before is None:
        return "ny bedömning"
    if after is None:
        return "inte bedömd nu"
    if after == before:
        return "oförändrad"
    steps = abs(after - before)
    word = "nivå" if steps == 1 else "nivåer"
    return f"↑ upp {steps} {word}" if after > before else f"↓ ned {steps} {word}"


def _changes(
    site: Site, maturity: MaturityModelFile, current: Assessment, previous: Assessment | None, where: str
) -> str:
    """Every step and perspective with the level before and now and the change, or that there is nothing to compare."""
    if previous is None:
        return "Det finns bara en självskattning; förändringen visas när nästa är registrerad.\n"
    rows = []
    export_rows: list[list[Value]] = []
    for step in maturity.steps:
        for perspective in maturity.perspectives:
            before = previous.cell(step.id, perspective.id)
            now = current.cell(step.id, perspective.id)
            change = _change_word(_number(maturity, before), _number(maturity, now)) or "–"
            export_rows.append(
                [
                    step.number,
                    step.name,
                    perspective.name,
                    _level_name(maturity, before),
                    _number(maturity, before),
                    _level_name(maturity, now),
                    _number(maturity, now),
                    change,
                ]
            )
            rows.append(
                [
                    f"{step.number}. {plain(step.name)}",
                    plain(perspective.name),
                    _cell_words(maturity, before),
                    _cell_words(maturity, now),
                    change,
                ]
            )
    headers = ["Steg", "Perspektiv", previous.date.isoformat(), current.date.isoformat(), "Förändring"]
    then, now_day = previous.date.isoformat(), current.date.isoformat()
    export = dataset(
        f"{where}-forandring",
        f"Självskattningen {now_day} jämförd med {then}",
        [
            whole("Steg nr"),
            text("Steg"),
            text("Perspektiv"),
            text(f"Nivå {then}"),
            whole(f"Nivå {then}, nummer"),
            text(f"Nivå {now_day}"),
            whole(f"Nivå {now_day}, nummer"),
            text("Förändring"),
        ],
        export_rows,
    )
    return table(headers, rows, download=offer(site, export))


def _assessment_details(site: Site, maturity: MaturityModelFile, assessment: Assessment, where: str) -> str:
    """One assessment: date, who, scope, comment and the evidence per step and perspective."""
    facts = [f"**Bedömd av:** {_assessors(site, assessment)}"]
    if assessment.scope:
        facts.append(f"**Omfattning:** {plain(assessment.scope)}")
    parts = [
        f"#### Självskattning {assessment.date.isoformat()} {{#sjalvskattning-{assessment.id}}}\n",
        "  \n".join(facts) + "\n",
    ]
    if assessment.comment:
        parts.append(admonition("note", "Kommentar", rich(assessment.comment)))
    order = {(s.id, p.id): (i, j) for i, s in enumerate(maturity.steps) for j, p in enumerate(maturity.perspectives)}
    cells = sorted(assessment.cells, key=lambda c: order.get((c.step, c.perspective), (99, 99)))
    rows = [
        [
            _step_name(maturity, cell.step),
            _perspective_name(maturity, cell.perspective),
            _cell_words(maturity, cell),
            rich(cell.evidence, inline=True),
        ]
        for cell in cells
    ]
    steps = {step.id: step for step in maturity.steps}
    names = {perspective.id: perspective.name for perspective in maturity.perspectives}
    export = dataset(
        f"{where}-bedomning-{assessment.id}",
        f"Självskattning {assessment.date.isoformat()} med underlag",
        [
            date("Datum"),
            whole("Steg nr"),
            text("Steg"),
            text("Perspektiv"),
            text("Nivå"),
            whole("Nivå, nummer"),
            text("Underlag"),
        ],
        [
            [
                assessment.date,
                steps[cell.step].number,
                steps[cell.step].name,
                names[cell.perspective],
                _level_name(maturity, cell),
                _number(maturity, cell),
                cell.evidence,
            ]
            for cell in cells
        ],
    )
    parts.append(table(["Steg", "Perspektiv", "Nivå", "Underlag"], rows, download=offer(site, export)))
    missing = len(maturity.steps) * len(maturity.perspectives) - len(cells)
    if missing:
        parts.append(
            f"*{count(missing, 'steg och perspektiv', 'kombinationer av steg och perspektiv')} är inte bedömda.*\n"
        )
    return "\n".join(parts)


def _step_name(maturity: MaturityModelFile, step_id: str) -> str:
    """A step's number and name."""
    step = next(s for s in maturity.steps if s.id == step_id)
    return f"{step.number}. {plain(step.name)}"


def _perspective_name(maturity: MaturityModelFile, perspective_id: str) -> str:
    """A perspective's name."""
    return plain(next(p for p in maturity.perspectives if p.id == perspective_id).name)


@macro("sjalvskattningar", "sjalvskattningar()")
def assessments_overview(site: Site) -> str:
    """Vilka som har registrerat självskattningar mot Dalamodellen: kommunen och varje plan, med senaste datum."""
    maturity_model(site)
    rows = []
    export_rows: list[list[Value]] = []
    own = site.model.assessments.by_date()
    if own:
        rows.append(["Kommunen", own[-1].date.isoformat(), str(len(own))])
        export_rows.append(["Kommunen", None, own[-1].date, len(own)])
    for plan in site.model.plans.values():
        history = plan.assessments.by_date()
        if history:
            link = f"[{plain(plan.meta.name)}]({site.link(chapter_page(plan.id, ASSESSMENT_PAGE))})"
            rows.append([link, history[-1].date.isoformat(), str(len(history))])
            export_rows.append([plan.meta.name, plan.id, history[-1].date, len(history)])
    if not rows:
        return (
            "Varken kommunen eller någon kategoriplan har registrerat någon självskattning mot modellen ännu. "
            "En självskattning som registreras i en plans data (eller kommunens) visas här och på planens sida.\n"
        )
    export = dataset(
        f"{MODEL_DIR}/sjalvskattningar",
        "Självskattningar mot Dalamodellen",
        [text("Vem"), text("Plan (id)"), date("Senaste självskattning"), whole("Antal")],
        export_rows,
    )
    body = table(["Vem", "Senaste självskattning", "Antal"], rows, download=offer(site, export))
    if own:
        body += "\n" + self_assessment(site)
    return body


def plan_has_assessment(plan: Plan) -> bool:
    """Whether a plan has recorded any self-assessment."""
    return bool(plan.assessments.assessments)
