"""Macros for the current-state analysis (bilaga 3): the figures its prose uses, the
tables of spend, loyalty and contracts, the governing signals, SWOT and the external
analysis. Every figure comes from `nulage.yml`; pages never type one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import groupby
from typing import Literal, TypeVar

from macros.exports import dataset as export
from macros.model.analysis import (
    AnalysisFile,
    AnalysisGroup,
    GoverningSignal,
    Indicator,
    ListItem,
    SpendPerBuyer,
    SpendPerYear,
    TextFigure,
    TextList,
)
from macros.model.base import MONTH_NAMES, NUMBER_WORDS, ORDINALS, Amount
from macros.model.catalog import Plan
from macros.model.governance import GoverningDocument
from macros.model.plan import EditorialNote
from macros.model.time import Precision
from macros.render.context import MacroError, Site
from macros.render.downloads import offer
from macros.render.export_values import amount_columns, amount_values, yes_no
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.sections import section_link
from macros.render.source_quality import NOTE_KINDS
from macros.render.text import admonition, amount_sv, bullets, number_sv, table

T = TypeVar("T")
Qualifier = Literal["exakt", "ca", "knappt", "över", "minst"]
Form = Literal["tabell", "text"]

MISSING_TEXT = "Texten saknas i källdokumentet"
"""What a reader sees where the source's text is missing."""

CUT_TEXT = f"{NOTE_KINDS['avskuret']} i källdokumentet"
"""What a reader sees after a text the source cuts off, in the words of the editors' notes of that kind."""

INDICATOR_SUMMARY = "Indikator (sammanfattad av webbplatsen)"
"""The label of an indicator's one-line summary: the site writes it from the source's figures, not in its words."""

_TEXT_UNITS = {"kr": "kr", "mnkr": "miljoner kr", "procent": "%", "st": "", "procentenheter": "procentenheter"}
_QUALIFIER_WORDS = {
    "exakt": "",
    "ca": "ca ",
    "knappt": "knappt ",
    "över": "över ",
    "under": "under ",
    "minst": "minst ",
    "max": "max ",
}
_KIND_NAMES = {
    "intern": "Intern",
    "nationell": "Nationell",
    "lag": "Lag",
    "eu": "EU",
    "internationell": "Internationell",
    "okänd": "Okänd",
}
_QUADRANT_NAMES = {
    "strategisk": "strategiska avtal",
    "flaskhals": "flaskhalsavtal",
    "hävstång": "hävstångsavtal",
    "standard": "standardavtal",
}
_SWOT_PARTS = {"styrkor": "strengths", "svagheter": "weaknesses", "möjligheter": "opportunities", "hot": "threats"}

STYRSIGNALER_PAGE = "nulagesanalys/styrsignaler.md"
"""The page of a plan that presents section 10.4, relative to the plan's folder."""


# --- Lookups ------------------------------------------------------------------


def _analysis(site: Site, plan_id: str) -> tuple[Plan, AnalysisFile]:
    """The plan and its analysis, or a Swedish error if the plan has no nulage.yml."""
    plan = site.plan(plan_id)
    if plan.analysis is None:
        raise MacroError(f"planen '{plan_id}' har ingen nulägesanalys (nulage.yml)")
    return plan, plan.analysis


def _one(items: Iterable[T], match: Callable[[T], bool], what: str) -> T:
    """The single item that matches, or a Swedish error naming what was looked for."""
    found = [item for item in items if match(item)]
    if len(found) != 1:
        raise MacroError(f"{what} finns {'inte' if not found else 'flera gånger'} i nulage.yml")
    return found[0]


def _spend_year(plan: Plan, year: int) -> SpendPerYear:
    """The plan's total spend record for one year."""
    if plan.analysis is None:
        raise MacroError(f"planen '{plan.id}' har ingen nulägesanalys (nulage.yml)")
    for entry in plan.analysis.spend_per_year:
        if entry.year == year:
            return entry
    raise MacroError(f"planen '{plan.id}' har ingen spend för år {year}")


def _subcategory_name(plan: Plan, subcategory: str | None, *, whole: str = "hela kategorin") -> str:
    """The name of an underkategori, or `whole` when none is given."""
    return plan.subcategory(subcategory).name if subcategory else whole


# --- Formatting ---------------------------------------------------------------


def amount_text(amount: Amount) -> str:
    """A figure as the source's running text writes it: "ca 163 miljoner kr", "14,2 %", "över 70%", "över 50 000"."""
    unit = _TEXT_UNITS[amount.unit]
    number = f"{_QUALIFIER_WORDS[amount.qualifier]}{number_sv(amount.value)}"
    if not unit:
        return number
    return f"{number}\u00a0{unit}" if amount.spaced_unit else f"{number}{unit}"


def _amount(amount: Amount, form: Form) -> str:
    """A figure for a table ("ca 163 mnkr") or for running text ("ca 163 miljoner kr")."""
    if form not in ("tabell", "text"):
        raise MacroError(f"form ska vara 'tabell' eller 'text', inte {form!r}")
    return amount_sv(amount) if form == "tabell" else amount_text(amount)


def _whole(value: float) -> int:
    """A figure that must be a whole number."""
    if not float(value).is_integer():
        raise MacroError(f"talet {value} är inget heltal")
    return int(value)


def figure_text(figure: TextFigure) -> str:
    """A figure of the prose as the source writes it: "under 700 000 kr", "tre", "4–6%"."""
    if figure.unit == "ordningstal":
        return ORDINALS[_whole(figure.value)]
    number = NUMBER_WORDS[_whole(figure.value)] if figure.in_words else number_sv(figure.value)
    if figure.to_value is not None:
        number = f"{number}–{number_sv(figure.to_value)}"
    unit = {"procent": "%", "st": ""}.get(figure.unit, figure.unit)
    space = "\u00a0" if figure.spaced_unit else ""
    return f"{_QUALIFIER_WORDS[figure.qualifier]}{number}{space if unit else ''}{unit}"


def _date_text(site: Site, plan: str, identifier: str) -> str:
    """A date of the prose in Swedish: "12 juni 2022", "1 jan 2022", "november 2024"."""
    _, analysis = _analysis(site, plan)
    date = _one(analysis.dates, lambda d: d.id == identifier, f"datumet '{identifier}'")
    point = date.when
    if point.precision is not Precision.DAY:
        return point.label
    month = MONTH_NAMES[point.first_day.month - 1]
    return f"{point.first_day.day} {month[:3] if date.abbreviated else month} {point.first_day.year}"


def _items_markdown(items: list[ListItem], indent: str = "") -> list[str]:
    """Lines of a Markdown list that keeps the source's numbers and letters."""
    markers = [item.marker for item in items]
    numbered = all(m == f"{i}." for i, m in enumerate(markers, start=1))
    lettered = all(m == f"{chr(ord('a') + i)}." for i, m in enumerate(markers))
    if lettered and items:
        return [
            f'{indent}<ol type="a">',
            *(f"{indent}<li>{rich(item.text, inline=True)}</li>" for item in items),
            f"{indent}</ol>",
        ]
    lines = []
    for index, item in enumerate(items, start=1):
        if numbered:
            lines.append(f"{indent}{index}. {rich(item.text, inline=True)}")
        else:
            prefix = f"{plain(item.marker)} " if item.marker else ""
            lines.append(f"{indent}- {prefix}{rich(item.text, inline=True)}")
        if item.items:
            lines += _items_markdown(item.items, indent + "    ")
    return lines


def _note_box(note: EditorialNote) -> str:
    """One editorial note as a collapsible, always visible warning box."""
    where = f", avsnitt {plain(note.section)}" if note.section else ""
    title = f"Redaktionell anmärkning{where}: {NOTE_KINDS[note.kind].lower()}"
    return admonition("warning", title, rich(note.text)).replace("!!!", "???", 1)


def _groups_markdown(groups: list[AnalysisGroup], level: int) -> str:
    """Points in groups: general points first, then each group under the source's heading."""
    if not 2 <= level <= 6:
        raise MacroError(f"rubrikniva ska vara 2–6, inte {level}")
    parts = []
    for group in groups:
        heading = f"{'#' * level} {plain(group.heading)}\n\n" if group.heading else ""
        parts.append(heading + bullets([rich(item, inline=True) for item in group.items]))
    return "\n".join(parts)


def signal_anchor(number: str) -> str:
    """The id of a styrsignal's heading on the page, e.g. styrsignal-10-4-13-1."""
    return "styrsignal-" + number.replace(".", "-")


def _document_label(document: GoverningDocument) -> str:
    """A document's name with its abbreviation and designation: "Lagen om … (LOU)"."""
    extra = [document.short_name if document.short_name != document.name else None, document.designation]
    shown = [part for part in extra if part]
    return plain(f"{document.name} ({', '.join(shown)})" if shown else document.name)


# --- Figures in running text --------------------------------------------------


@macro("spend_ar", 'spend_ar(plan="it-och-telekom", ar=2022)')
def spend_of_year(site: Site, *, plan: str, ar: int, precision: Qualifier | None = None, form: Form = "tabell") -> str:
    """Kategorins totala spend ett år: "ca 163 mnkr", eller "ca 163 miljoner kr" med form="text"."""
    amount = _spend_year(site.plan(plan), ar).amount
    return _amount(amount.model_copy(update={"qualifier": precision}) if precision else amount, form)


@macro("spend_andel", 'spend_andel(plan="it-och-telekom", ar=2022, precision="ca")')
def spend_share(site: Site, *, plan: str, ar: int, precision: Qualifier | None = None) -> str:
    """Kategorins andel av kommunens spend ett år, t.ex. "knappt 10 %" (`precision` byter ordet, som 1.0 gör)."""
    share = _spend_year(site.plan(plan), ar).share_of_municipality
    if share is None:
        raise MacroError(f"andel av kommunens spend saknas för år {ar}")
    return amount_sv(share.model_copy(update={"qualifier": precision}) if precision else share)


@macro(
    "spend_underkategori",
    'spend_underkategori(plan="it-och-telekom", underkategori="it-hardvara", ar=2022, visa="andel")',
)
def subcategory_spend(
    site: Site, *, plan: str, underkategori: str, ar: int, visa: str = "belopp", form: Form = "text"
) -> str:
    """En underkategoris spend ett år: visa="belopp" ("50 miljoner kr") eller visa="andel" ("30 %")."""
    _, analysis = _analysis(site, plan)
    entry = _one(
        analysis.spend_per_subcategory,
        lambda e: e.subcategory == underkategori and e.year == ar,
        f"spend för underkategorin '{underkategori}' år {ar}",
    )
    amount = {"belopp": entry.amount, "andel": entry.share}.get(visa)
    if amount is None:
        raise MacroError(f"visa ska vara 'belopp' eller 'andel' och finnas i datat (fick {visa!r})")
    return _amount(amount, form)


@macro("leverantorsspend", 'leverantorsspend(plan="it-och-telekom", leverantor="Atea")')
def supplier_spend(site: Site, *, plan: str, leverantor: str, form: Form = "text") -> str:
    """En av de största leverantörernas spend, t.ex. "26,4 miljoner kr"."""
    _, analysis = _analysis(site, plan)
    supplier = _one(analysis.largest_suppliers, lambda s: s.name == leverantor, f"leverantören '{leverantor}'")
    return _amount(supplier.amount, form)


def _buyer(analysis: AnalysisFile, label: str, subcategory: str | None) -> SpendPerBuyer:
    """The buyer with the source's label, overall or within one underkategori."""
    return _one(
        analysis.spend_per_buyer,
        lambda b: b.buyer_label == label and b.subcategory == subcategory,
        f"köparen '{label}'" + (f" inom '{subcategory}'" if subcategory else ""),
    )


@macro("kopares_andel", 'kopares_andel(plan="it-och-telekom", kopare="grundskolenämnden")')
def buyer_share(site: Site, *, plan: str, kopare: str, underkategori: str | None = None) -> str:
    """En köpares andel av spenden, i hela kategorin eller inom en underkategori: "22,5 %"."""
    _, analysis = _analysis(site, plan)
    return amount_text(_buyer(analysis, kopare, underkategori).share)


@macro("antal_leverantorer", 'antal_leverantorer(plan="it-och-telekom", ar=2022)')
def supplier_count(site: Site, *, plan: str, ar: int) -> str:
    """Antalet leverantörer kategorin köpte från ett år, t.ex. "195"."""
    _, analysis = _analysis(site, plan)
    entry = _one(analysis.supplier_counts, lambda c: c.year == ar, f"antal leverantörer år {ar}")
    return number_sv(entry.count)


@macro("antal_fakturor", 'antal_fakturor(plan="it-och-telekom", leverantor="Toshiba")')
def invoice_count(site: Site, *, plan: str, leverantor: str) -> str:
    """Antalet fakturor från en leverantör, t.ex. "över 5 900"."""
    _, analysis = _analysis(site, plan)
    entry = _one(analysis.invoices, lambda i: i.supplier == leverantor, f"fakturor från '{leverantor}'")
    return amount_text(entry.count)


@macro("utanfor_avtal", 'utanfor_avtal(plan="it-och-telekom", ar=2022, visa="andel")')
def outside_contracts(
    site: Site, *, plan: str, ar: int, underkategori: str | None = None, visa: str = "andel", form: Form = "text"
) -> str:
    """Köp utanför avtal ett år: visa="andel" ("14,2 %") eller visa="belopp" ("23,4 miljoner kr")."""
    _, analysis = _analysis(site, plan)
    entry = _one(
        analysis.loyalty,
        lambda e: e.year == ar and e.subcategory == underkategori,
        f"avtalstrohet år {ar}" + (f" inom '{underkategori}'" if underkategori else ""),
    )
    amount = {"andel": entry.outside_share, "belopp": entry.outside_amount}.get(visa)
    if amount is None:
        raise MacroError(f"visa ska vara 'andel' eller 'belopp' och finnas i datat (fick {visa!r})")
    return _amount(amount, form)


@macro("antal_avtal", 'antal_avtal(plan="it-och-telekom")')
def contract_count(site: Site, *, plan: str) -> str:
    """Antalet avtal inom kategorin, t.ex. "58"."""
    _, analysis = _analysis(site, plan)
    return number_sv(analysis.contracts.count)


@macro("nulagestal", 'nulagestal(plan="it-och-telekom", id="direktupphandling-lokal-grans")')
def text_figure(site: Site, *, plan: str, id: str) -> str:
    """Ett tal i nulägesanalysens löptext som källan skriver det, t.ex. "under 700 000 kr"."""
    _, analysis = _analysis(site, plan)
    figure = _one(analysis.figures, lambda f: f.id == id, f"talet '{id}'")
    return _described(figure_text(figure), figure.description)


@macro("nulagesdatum", 'nulagesdatum(plan="it-och-telekom", id="inriktningsbeslut-molnfragan")')
def text_date(site: Site, *, plan: str, id: str) -> str:
    """Ett datum i nulägesanalysens löptext, t.ex. "12 juni 2022" eller "november 2024"."""
    _, analysis = _analysis(site, plan)
    date = _one(analysis.dates, lambda d: d.id == id, f"datumet '{id}'")
    return _described(_date_text(site, plan, id), date.description)


def _described(shown: str, description: str) -> str:
    """A figure or date of the prose, with what it is (the editors' description) as its hover text."""
    return f'<span class="nulagesuppgift" title="{plain(description)}">{plain(shown)}</span>'


@macro("listans_antal", 'listans_antal(plan="it-och-telekom", lista="arkitekturprinciper", med_bokstaver=True)')
def list_length(site: Site, *, plan: str, lista: str, med_bokstaver: bool = False) -> str:
    """Antalet punkter i en lista, med siffror ("4") eller bokstäver ("fem")."""
    count = len(_list(site, plan, lista).items)
    return NUMBER_WORDS[count] if med_bokstaver and count < len(NUMBER_WORDS) else number_sv(count)


@macro("indikator", 'indikator(plan="it-och-telekom", nummer="10.4.1.2", visa="mål")')
def indicator_part(site: Site, *, plan: str, nummer: str, visa: str, ar: int | None = None) -> str:
    """En del av en styrsignals indikator: visa="ökning", "mål", "målår" eller "årsmål" (med ar)."""
    part = visa
    indicator = _indicator(site, plan, nummer)
    if part == "årsmål":
        year = _one(indicator.years, lambda y: y.year == ar, f"indikatorns mål för år {ar}")
        return amount_text(year.target)
    value = {"ökning": indicator.annual_increase, "mål": indicator.target}.get(part)
    if part == "målår" and indicator.target_year is not None:
        return str(indicator.target_year)
    if value is None:
        raise MacroError(f"indikatorn i {nummer} har ingen del {part!r}")
    return amount_text(value)


def _indicator(site: Site, plan: str, number: str) -> Indicator:
    """The indicator of the styrsignal with this number."""
    signal = _signal(site, plan, number)
    if signal.indicator is None:
        raise MacroError(f"styrsignalen {number} har ingen indikator")
    return signal.indicator


def _signal(site: Site, plan: str, number: str) -> GoverningSignal:
    """The styrsignal with this section number."""
    _, analysis = _analysis(site, plan)
    return _one(analysis.governing_signals, lambda s: s.number == number, f"styrsignalen {number}")


def _list(site: Site, plan: str, identifier: str) -> TextList:
    """The list with this id."""
    _, analysis = _analysis(site, plan)
    return _one(analysis.lists, lambda item: item.id == identifier, f"listan '{identifier}'")


# --- Notes, pictures and lists ------------------------------------------------


@macro("nulagesnot", 'nulagesnot(plan="it-och-telekom", id="svensen")')
def analysis_note(site: Site, *, plan: str, id: str) -> str:
    """En redaktionell anmärkning om källan, synlig där bristen finns."""
    _, analysis = _analysis(site, plan)
    return _note_box(_one(analysis.notes, lambda n: n.id == id, f"den redaktionella noten '{id}'"))


@macro("nulagesbild", 'nulagesbild(plan="it-och-telekom", nummer=1)')
def picture(site: Site, *, plan: str, nummer: int) -> str:
    """En bild ur källan med bildtexten, och en tydlig markering om bilden saknas i källan."""
    _, analysis = _analysis(site, plan)
    shown = _one(analysis.pictures, lambda p: p.number == nummer, f"bild {nummer}")
    if not shown.missing:
        raise MacroError(f"bild {nummer} är inte markerad som saknad, men webbplatsen har ingen bildfil för den")
    body = "Bilden finns inte i källdokumentet."
    if shown.note:
        body = rich(_one(analysis.notes, lambda n: n.id == shown.note, f"den redaktionella noten '{shown.note}'").text)
    return admonition("note", f"Bild {shown.number}: {plain(shown.caption)}", body)


@macro("nulageslista", 'nulageslista(plan="it-och-telekom", lista="arkitekturprinciper")')
def text_list(site: Site, *, plan: str, lista: str) -> str:
    """En lista ur nulägesanalysen med källans numrering och bokstäver."""
    chosen = _list(site, plan, lista)
    heading = f"**{plain(chosen.heading)}**\n\n" if chosen.heading else ""
    return heading + "\n".join(_items_markdown(chosen.items)) + "\n"


@macro("listor_som_tabell", 'listor_som_tabell(plan="it-och-telekom", listor=["kravomraden", "konsekvensnivaer"])')
def lists_as_table(site: Site, *, plan: str, listor: list[str]) -> str:
    """Listor sida vid sida i en tabell, en kolumn per lista med listans rubrik (som i källan)."""
    chosen = [_list(site, plan, identifier) for identifier in listor]
    headers = [plain(item.heading or "") for item in chosen]
    row = ["<br>".join(f"• {rich(point.text, inline=True)}" for point in item.items) for item in chosen]
    return table(headers, [row], download=offer(site, _lists_dataset(site.plan(plan), chosen)))


def _lists_dataset(plan: Plan, chosen: list[TextList]) -> export.Dataset:
    """Lists shown side by side, exported as one row per point: list, heading, marker and text (sub-points too)."""
    rows: list[list[export.Value]] = []

    def add(item: TextList, points: list[ListItem], level: int) -> None:
        for point in points:
            rows.append([item.id, item.heading, item.section, level, point.marker, point.text])
            add(item, point.items, level + 1)

    for item in chosen:
        add(item, item.items, 1)
    columns = [
        export.text("Lista"),
        export.text("Rubrik"),
        export.text("Avsnitt"),
        export.whole("Nivå"),
        export.text("Markering"),
        export.text("Punkt"),
    ]
    title = " och ".join(item.heading or item.id for item in chosen)
    return export.dataset(f"{plan.id}/listor-{'-'.join(item.id for item in chosen)}", title, columns, rows)


# --- Tables of 10.1–10.3 ------------------------------------------------------


@macro("leverantorstabell", 'leverantorstabell(plan="it-och-telekom")')
def supplier_table(site: Site, *, plan: str) -> str:
    """Tabell: de leverantörer analysen nämner, med underkategori, vad de levererar och spend (10.1)."""
    p, analysis = _analysis(site, plan)
    rows = [
        [
            plain(s.name),
            plain(_subcategory_name(p, s.subcategory, whole="–")),
            plain(s.regarding or "–"),
            str(s.year),
            amount_sv(s.amount),
            "Ja" if s.largest else "–",
        ]
        for s in analysis.largest_suppliers
    ]
    headers = ["Leverantör", "Underkategori", "Avser", "År", "Spend", "Störst i underkategorin"]
    values = [
        [
            s.name,
            _subcategory_name(p, s.subcategory, whole="") or None,
            s.regarding,
            s.year,
            *amount_values(s.amount),
            yes_no(s.largest),
            s.section,
        ]
        for s in analysis.largest_suppliers
    ]
    columns = [
        export.text("Leverantör"),
        export.text("Underkategori"),
        export.text("Avser"),
        export.whole("År"),
        *amount_columns("Spend"),
        export.text("Störst i underkategorin"),
        export.text("Avsnitt"),
    ]
    download = offer(site, export.dataset(f"{p.id}/leverantorer", "Största leverantörer", columns, values))
    return table(headers, rows, caption="Största leverantörer", download=download)


@macro("leverantorer_och_fakturor", 'leverantorer_och_fakturor(plan="it-och-telekom")')
def supplier_and_invoice_table(site: Site, *, plan: str) -> str:
    """Tabeller: antal leverantörer per år och fakturavolymer från enskilda leverantörer (10.1)."""
    p, analysis = _analysis(site, plan)
    ordered = sorted(analysis.supplier_counts, key=lambda c: c.year, reverse=True)
    counts = [[str(c.year), number_sv(c.count)] for c in ordered]
    invoices = [
        [plain(i.supplier), plain(i.regarding or "–"), str(i.year), amount_sv(i.count)] for i in analysis.invoices
    ]
    count_title, invoice_title = "Antal leverantörer per år", "Fakturor från enskilda leverantörer"
    count_data = export.dataset(
        f"{p.id}/antal-leverantorer",
        count_title,
        [export.whole("År"), export.whole("Antal leverantörer"), export.text("Avsnitt")],
        [[c.year, c.count, c.section] for c in ordered],
    )
    invoice_data = export.dataset(
        f"{p.id}/fakturor",
        invoice_title,
        [
            export.text("Leverantör"),
            export.text("Avser"),
            export.whole("År"),
            *amount_columns("Antal fakturor"),
            export.text("Avsnitt"),
        ],
        [[i.supplier, i.regarding, i.year, *amount_values(i.count), i.section] for i in analysis.invoices],
    )
    return "\n".join(
        [
            table(["År", "Antal leverantörer"], counts, caption=count_title, download=offer(site, count_data)),
            table(
                ["Leverantör", "Avser", "År", "Antal fakturor"],
                invoices,
                caption=invoice_title,
                download=offer(site, invoice_data),
            ),
        ]
    )


# --- 10.4 Styrsignaler and the register of governing documents ---------------


def _indicator_summary(indicator: Indicator) -> str:
    """An indicator in one line: what it measures, its increase, target and yearly results (the source's outcome words quoted)."""
    parts = [indicator.name]
    if indicator.annual_increase:
        parts.append(f"ökning {amount_sv(indicator.annual_increase)} per år")
    if indicator.target:
        year = f" till {indicator.target_year}" if indicator.target_year else ""
        parts.append(f"upp till {amount_sv(indicator.target)}{year}")
    for result in indicator.years:
        reached = {True: "uppnått", False: "ej uppnått", None: "utfall ej angivet"}[result.reached]
        outcome = f"”{result.comment}”" if result.comment else reached
        parts.append(f"mål {result.year}: {amount_sv(result.target)}, {outcome}")
    return "; ".join(parts)


def _gap(signal: GoverningSignal) -> str:
    """How a styrsignal's missing text is named: cut off when the source has some of it, else missing."""
    return CUT_TEXT if signal.requirements or signal.indicator else MISSING_TEXT


def _requirements_cell(signal: GoverningSignal) -> str:
    """What a styrsignal requires, as bullets in one cell, with a warning where text is missing."""
    lines = [f"• {rich(text, inline=True)}" for text in signal.requirements]
    if signal.indicator:
        lines.append(f"• {plain(INDICATOR_SUMMARY)}: {plain(_indicator_summary(signal.indicator))}")
    if signal.text_missing:
        lines.append(f"**⚠ {_gap(signal)}.**")
    return "<br>".join(lines) or "–"


@macro("styrsignaler", 'styrsignaler(plan="it-och-telekom")')
def governing_signals(site: Site, *, plan: str) -> str:
    """Tabell över styrsignalerna i 10.4: avsnitt, rubrik, styrdokument, typ och vad de kräver av kategorin."""
    _, analysis = _analysis(site, plan)
    rows = []
    for signal in analysis.governing_signals:
        document = site.model.document(signal.document)
        rows.append(
            [
                f"[{plain(signal.number)} {plain(signal.heading)}](#{signal_anchor(signal.number)})",
                _document_label(document),
                _KIND_NAMES[document.kind],
                _requirements_cell(signal),
            ]
        )
    headers = ["Avsnitt", "Styrdokument", "Typ", "Vad det kräver av kategorin"]
    p, _ = _analysis(site, plan)
    title = "Styrsignaler och vad de kräver av kategorin"
    values = [
        [
            signal.number,
            signal.heading,
            site.model.document(signal.document).name,
            _KIND_NAMES[site.model.document(signal.document).kind],
            "\n".join(signal.requirements) or None,
            _indicator_summary(signal.indicator) if signal.indicator else None,
            ", ".join(site.model.council_goal(goal).name for goal in signal.council_goals) or None,
            yes_no(signal.text_missing),
        ]
        for signal in analysis.governing_signals
    ]
    columns = [
        export.text("Avsnitt"),
        export.text("Rubrik"),
        export.text("Styrdokument"),
        export.text("Typ"),
        export.text("Vad det kräver av kategorin"),
        export.text(INDICATOR_SUMMARY),
        export.text("Fullmäktigemål"),
        export.text("Texten saknas eller är avskuren i källan"),
    ]
    download = offer(site, export.dataset(f"{p.id}/styrsignaler", title, columns, values))
    return table(headers, rows, caption=title, download=download)


@macro("styrsignal_saknas", 'styrsignal_saknas(plan="it-och-telekom", nummer="10.4.14")')
def signal_missing(site: Site, *, plan: str, nummer: str) -> str:
    """En tydlig markering att texten i ett avsnitt av 10.4 saknas i källan, med redaktionens förklaring."""
    signal = _signal(site, plan, nummer)
    if not signal.text_missing:
        raise MacroError(f"styrsignalen {nummer} är inte markerad med text_saknas i nulage.yml")
    _, analysis = _analysis(site, plan)
    notes = [rich(note.text) for note in analysis.notes if note.section == nummer]
    if not notes:
        raise MacroError(
            f"styrsignalen {nummer} saknar text men har ingen redaktionell not som förklarar vad som fattas"
        )
    return admonition("warning", _gap(signal), "\n\n".join(notes))


def _references(site: Site, document_id: str) -> list[str]:
    """Links to every section of every plan that names a document (named by plan when there are several)."""
    found = []
    plans = list(site.model.plans.values())
    for plan in plans:
        sections = site.once(f"citations:{plan.id}", plan.cited_sections).get(document_id, [])
        links = ", ".join(section_link(site, plan, number) for number in sections)
        if links:
            found.append(f"{plain(plan.meta.name)}: {links}" if len(plans) > 1 else links)
    return found


def _reference_numbers(site: Site, document_id: str) -> list[str]:
    """The numbers of every section of every plan that names a document, as text (the register's last column)."""
    several = len(site.model.plans) > 1
    found = []
    for plan in site.model.plans.values():
        where = f" ({plan.meta.name})" if several else ""
        found += [
            f"{number}{where}" for number in site.once(f"citations:{plan.id}", plan.cited_sections).get(document_id, [])
        ]
    return found


@macro("styrdokumentregister", "styrdokumentregister()")
def document_register(site: Site) -> str:
    """Tabell över alla styrdokument, lagar och strategier i data/kommun/styrdokument.yml."""
    names = {doc.id: doc.name for doc in site.model.documents_file.documents}
    rows = []
    for doc in site.model.documents_file.documents:
        links = [
            f"del av {names[doc.part_of]}" if doc.part_of else "",
            f"ersätter {names[doc.replaces]}" if doc.replaces else "",
        ]
        rows.append(
            [
                plain(doc.name),
                plain(
                    ", ".join(part for part in (doc.short_name, doc.designation) if part and part != doc.name) or "–"
                ),
                _KIND_NAMES[doc.kind],
                plain("; ".join(part for part in [*links, doc.note or ""] if part) or "–"),
                "; ".join(_references(site, doc.id)) or "–",
            ]
        )
    headers = ["Dokument", "Förkortning, beteckning", "Typ", "Anmärkning", "Avsnitt som hänvisar hit"]
    values = [
        [
            doc.id,
            doc.name,
            doc.short_name,
            doc.designation,
            _KIND_NAMES[doc.kind],
            names[doc.part_of] if doc.part_of else None,
            names[doc.replaces] if doc.replaces else None,
            doc.note,
            ", ".join(_reference_numbers(site, doc.id)) or None,
        ]
        for doc in site.model.documents_file.documents
    ]
    columns = [
        export.text("Id"),
        export.text("Dokument"),
        export.text("Förkortning"),
        export.text("Beteckning"),
        export.text("Typ"),
        export.text("Del av"),
        export.text("Ersätter"),
        export.text("Anmärkning"),
        export.text("Avsnitt som hänvisar hit"),
    ]
    register = export.dataset("kommun/styrdokument", "Styrdokument, lagar och strategier", columns, values)
    return table(headers, rows, download=offer(site, register))


# --- 10.6 and 10.8: SWOT and external factors ---------------------------------


@macro("swot", 'swot(plan="it-och-telekom", visa="styrkor")')
def swot(site: Site, *, plan: str, visa: str, rubrikniva: int = 3) -> str:
    """SWOT-punkterna: visa="styrkor", "svagheter", "möjligheter" eller "hot", grupperade som i källan."""
    _, analysis = _analysis(site, plan)
    if visa not in _SWOT_PARTS:
        raise MacroError(f"visa ska vara en av {', '.join(_SWOT_PARTS)}, inte {visa!r}")
    groups: list[AnalysisGroup] = getattr(analysis, _SWOT_PARTS[visa])
    if not groups:
        raise MacroError(f"nulage.yml har inga {visa}")
    return _groups_markdown(groups, rubrikniva)


@macro("omvarldsfaktorer", 'omvarldsfaktorer(plan="it-och-telekom", avsnitt="10.8.5")')
def external_factors(site: Site, *, plan: str, avsnitt: str, rubrikniva: int = 3) -> str:
    """Omvärldsfaktorerna i ett avsnitt av 10.8 (politiska, ekonomiska …), grupperade som i källan."""
    _, analysis = _analysis(site, plan)
    groups = [group for group in analysis.external_factors if group.section == avsnitt]
    if not groups:
        raise MacroError(f"nulage.yml har inga omvärldsfaktorer i avsnitt {avsnitt}")
    return _groups_markdown(list(groups), rubrikniva)


@macro("styrsignalens_fullmaktigemal", 'styrsignalens_fullmaktigemal(plan="it-och-telekom", nummer="10.4.1")')
def signal_council_goals(site: Site, *, plan: str, nummer: str) -> str:
    """Fullmäktigemålen som ett avsnitt i 10.4 räknar upp: numrerade målområden med bokstaverade mål."""
    signal = _signal(site, plan, nummer)
    if not signal.council_goals:
        raise MacroError(f"styrsignalen {nummer} räknar inte upp några fullmäktigemål")
    area_of = {goal.id: area for area in site.model.governance.goal_areas for goal in area.goals}
    lines: list[str] = []
    for number, (area, goal_ids) in enumerate(groupby(signal.council_goals, key=lambda g: area_of[g]), start=1):
        goals = [f"<li>{plain(site.model.council_goal(goal_id).name)}</li>" for goal_id in goal_ids]
        lines += [
            f"{number}. *{plain(area.name)}*",
            '    <ol type="a">',
            *(f"    {goal}" for goal in goals),
            "    </ol>",
        ]
    return "\n".join(lines) + "\n"
