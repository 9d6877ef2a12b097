"""The current-state analysis (nulägesanalys, bilaga 3): spend, supplier loyalty,
contracts, Kraljic classification, governing signals, SWOT, external factors, and the
figures, dates, lists and pictures its prose refers to."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from macros.model.base import NUMBER_WORDS, ORDINALS, Amount, Count, Figure, Record, SectionNumber, Slug, Year, field
from macros.model.plan import EditorialNote
from macros.model.text import PlainText, RichText
from macros.model.time import TimePointField


class SpendPerYear(Record):
    """The category's total spend in one year."""

    year: Year = field("år", "År.")
    amount: Amount = field("belopp", "Spend.")
    share_of_municipality: Amount | None = field(
        "andel_av_kommunen", "Andel av kommunens spend, som avsnittet anger den (t.ex. knappt 10 %).", default=None
    )
    section: SectionNumber = field("avsnitt", "Avsnittet som anger siffran.")


class SpendPerSubcategory(Record):
    """Spend of one underkategori in one year."""

    subcategory: Slug = field("underkategori", "Underkategori (id).")
    year: Year = field("år", "År.")
    amount: Amount | None = field("belopp", "Spend.", default=None)
    share: Amount | None = field("andel", "Andel av kategorins spend.", default=None)
    section: SectionNumber = field("avsnitt", "Avsnittet som anger siffran.")


class Supplier(Record):
    """A large supplier named by the analysis, with its spend."""

    name: PlainText = field("leverantör", "Leverantörens namn som i källan.")
    subcategory: Slug | None = field("underkategori", "Underkategori (id).", default=None)
    year: Year = field("år", "År.")
    amount: Amount = field("belopp", "Spend.")
    regarding: PlainText | None = field("avser", "Vad leverantören levererar, som i källan.", default=None)
    largest: bool = field(
        "störst_i_underkategorin", "Sant när källan kallar leverantören den största i underkategorin.", default=False
    )
    section: SectionNumber = field("avsnitt", "Avsnittet som anger siffran.")


class SpendPerBuyer(Record):
    """Share of spend bought by one nämnd or förvaltning, overall or within an underkategori."""

    buyer_label: PlainText = field("köpare", "Nämnden/förvaltningen som källan skriver den.")
    committee: Slug | None = field("nämnd", "Nämnd (id), om köparen är en nämnd.", default=None)
    administration: Slug | None = field("förvaltning", "Förvaltning (id), om köparen är en förvaltning.", default=None)
    subcategory: Slug | None = field("underkategori", "Inom underkategori (id); tomt = hela kategorin.", default=None)
    year: Year = field("år", "År.")
    share: Amount = field("andel", "Andel av spenden.")
    section: SectionNumber = field("avsnitt", "Avsnittet som anger siffran.")


class CountPerYear(Record):
    """A count in one year, e.g. the number of suppliers."""

    year: Year = field("år", "År.")
    count: Count = field("antal", "Antal.")
    section: SectionNumber = field("avsnitt", "Avsnittet som anger siffran.")


class InvoiceVolume(Record):
    """Invoices from one supplier in one year."""

    supplier: PlainText = field("leverantör", "Leverantören.")
    year: Year = field("år", "År.")
    count: Amount = field("antal", "Antal fakturor.")
    regarding: PlainText | None = field("avser", "Vad avtalet gäller.", default=None)
    section: SectionNumber = field("avsnitt", "Avsnittet som anger siffran.")


class Loyalty(Record):
    """Avtalstrohet: the share (and amount) bought outside contracts in one year."""

    year: Year = field("år", "År.")
    subcategory: Slug | None = field("underkategori", "Inom underkategori (id); tomt = hela kategorin.", default=None)
    outside_share: Amount = field("andel_utanför_avtal", "Andel köpt utanför avtal.")
    outside_amount: Amount | None = field("belopp_utanför_avtal", "Belopp köpt utanför avtal.", default=None)
    section: SectionNumber = field("avsnitt", "Avsnittet som anger siffran.")


class ContractCount(Record):
    """The number of contracts in the category."""

    count: Count = field("antal", "Antal avtal.")
    section: SectionNumber = field("avsnitt", "Avsnittet.")


KraljicQuadrant = Literal["strategisk", "flaskhals", "hävstång", "standard"]


class KraljicPlacement(Record):
    """Where the plan places an underkategori's contracts in the Kraljic matrix.

    The source sometimes names two quadrants without saying which contract goes where
    ("strategiska eller flaskhals-avtal"); both are then listed, and the placement
    means "one of these".
    """

    subcategory: Slug = field("underkategori", "Underkategori (id).")
    quadrants: list[KraljicQuadrant] = field(
        "kvadranter",
        "strategisk, flaskhals, hävstång eller standard; två värden betyder att källan anger två "
        "kategorier utan att skilja avtalen åt.",
        min_length=1,
        max_length=4,
    )
    scope: PlainText = field("omfattning", "Hur stor del av avtalen, som i källan (t.ex. De flesta avtalen).")
    section: SectionNumber = field("avsnitt", "Avsnittet.")

    @model_validator(mode="after")
    def _distinct(self) -> KraljicPlacement:
        """Each quadrant is named once."""
        if len(set(self.quadrants)) != len(self.quadrants):
            raise ValueError("samma kvadrant står två gånger i 'kvadranter'")
        return self


class IndicatorYear(Record):
    """The target of an indicator for one year and whether it was reached."""

    year: Year = field("år", "År.")
    target: Amount = field("mål", "Målet det året.")
    reached: bool | None = field("uppnått", "Sant om målet nåddes; tomt om källan inte säger det.", default=None)
    comment: PlainText | None = field(
        "kommentar", "Hur källan beskriver utfallet, t.ex. uppnåddes med marginal.", default=None
    )


class Indicator(Record):
    """An indicator a governing document sets, with its yearly increase and end target."""

    name: PlainText = field("namn", "Vad indikatorn mäter.")
    annual_increase: Amount | None = field("ökning_per_år", "Hur mycket indikatorn ska öka varje år.", default=None)
    target: Amount | None = field("mål", "Slutmålet.", default=None)
    target_year: Year | None = field("målår", "Året slutmålet ska nås.", default=None)
    years: list[IndicatorYear] = field("år", "Mål och utfall per år.", default_factory=list)


class GoverningSignal(Record):
    """A governing document as 10.4 presents it, with what it requires of the category."""

    number: SectionNumber = field("nummer", "Avsnittsnummer, t.ex. 10.4.7 eller 10.4.1.2.")
    heading: PlainText = field("rubrik", "Rubriken som i källan.")
    document: Slug = field("styrdokument", "Styrdokumentet (id i data/kommun/styrdokument.yml).")
    requirements: list[RichText] = field(
        "krav", "Vad dokumentet kräver av kategorin, i korta ordagranna utdrag ur källan.", default_factory=list
    )
    indicator: Indicator | None = field("indikator", "En indikator som dokumentet sätter.", default=None)
    council_goals: list[Slug] = field(
        "fullmäktigemål",
        "Fullmäktigemål (id i data/kommun/styrning.yml) som avsnittet räknar upp, i källans ordning.",
        default_factory=list,
    )
    text_missing: bool = field(
        "text_saknas",
        "Sant om texten saknas eller är avskuren i källan (förklaras i en redaktionell not).",
        default=False,
    )

    @property
    def parent_number(self) -> str | None:
        """The number of the section above a sub-section (10.4.1 for 10.4.1.2), else None."""
        parts = self.number.split(".")
        return ".".join(parts[:-1]) if len(parts) > 3 else None


class ListItem(Record):
    """One point of a list in the source, with its own sub-points."""

    marker: PlainText | None = field(
        "markering", "Numret eller bokstaven framför punkten som i källan, t.ex. 1. eller a.", default=None
    )
    text: RichText = field("text", "Punkten ordagrant (Markdown).")
    items: list[ListItem] = field("underpunkter", "Underpunkter.", default_factory=list)


class TextList(Record):
    """A bullet or numbered list of the analysis that is not SWOT or a PESTLE factor."""

    id: Slug = field("id", "Identifierare, används av sidorna.")
    section: SectionNumber = field("avsnitt", "Avsnittet där listan står.")
    heading: PlainText | None = field(
        "rubrik", "Rubrik eller inledande rad som hör till listan, om den ingår i listan.", default=None
    )
    items: list[ListItem] = field("punkter", "Punkterna i källans ordning.", min_length=1)


class AnalysisGroup(Record):
    """Points of SWOT or the external analysis, optionally under one underkategori's heading."""

    subcategory: Slug | None = field("underkategori", "Underkategori (id), om gruppen gäller en.", default=None)
    heading: PlainText | None = field(
        "rubrik", "Gruppens rubrik ordagrant, t.ex. Underkategori IT-hårdvara.", default=None
    )
    items: list[RichText] = field("punkter", "Punkterna ordagrant (Markdown).", min_length=1)

    @model_validator(mode="after")
    def _heading_with_subcategory(self) -> AnalysisGroup:
        """A group for one underkategori keeps the source's heading."""
        if self.subcategory and not self.heading:
            raise ValueError("en grupp med 'underkategori' ska också ha källans 'rubrik'")
        return self


Factor = Literal["politisk", "ekonomisk", "social", "teknologisk", "legal", "miljö"]


class FactorGroup(AnalysisGroup):
    """Points of one PESTLE factor (10.8.4–10.8.9)."""

    factor: Factor = field("faktor", "politisk, ekonomisk, social, teknologisk, legal eller miljö.")
    section: SectionNumber = field("avsnitt", "Avsnittet, t.ex. 10.8.5 eller 10.8.7.1.")


FigureUnit = Literal["kr", "miljoner kr", "miljarder kronor", "procent", "procentenheter", "år", "st", "ordningstal"]
FigureQualifier = Literal["exakt", "ca", "knappt", "över", "under", "minst", "max"]


class TextFigure(Record):
    """A figure in the prose of the analysis that belongs to no table: "under 700 000 kr"."""

    id: Slug = field("id", "Identifierare, används av sidorna.")
    section: SectionNumber = field("avsnitt", "Avsnittet där talet står.")
    description: PlainText = field("beskrivning", "Vad talet är, för redaktörer.")
    value: Figure = field("värde", "Talet.")
    to_value: Figure | None = field("till_värde", "Övre gräns när källan anger ett spann (4–6 %).", default=None)
    unit: FigureUnit = field(
        "enhet",
        "kr, miljoner kr, miljarder kronor, procent, procentenheter, år, st (bara talet) eller ordningstal (tredje).",
    )
    qualifier: FigureQualifier = field("precision", "exakt, ca, knappt, över, under, minst eller max.", default="exakt")
    in_words: bool = field("med_bokstäver", "Sant när källan skriver talet med bokstäver (tre, fem).", default=False)
    spaced_unit: bool = field(
        "mellanslag_före_enhet", "Falskt när källan skriver enheten tätt efter talet (4–6%).", default=True
    )

    @model_validator(mode="after")
    def _consistent(self) -> TextFigure:
        """A range runs upwards; words and ordinals are whole numbers."""
        if self.to_value is not None and self.to_value <= self.value:
            raise ValueError("'till_värde' ska vara större än 'värde'")
        if (self.in_words or self.unit == "ordningstal") and not float(self.value).is_integer():
            raise ValueError("tal som skrivs med bokstäver eller som ordningstal ska vara heltal")
        if self.in_words and not 0 <= self.value < len(NUMBER_WORDS):
            raise ValueError(f"bara talen 0–{len(NUMBER_WORDS) - 1} kan skrivas med bokstäver")
        if self.unit == "ordningstal" and not 1 <= self.value < len(ORDINALS):
            raise ValueError(f"bara ordningstalen 1–{len(ORDINALS) - 1} kan skrivas med bokstäver")
        return self


class TextDate(Record):
    """A date in the prose of the analysis, at the precision the source gives it."""

    id: Slug = field("id", "Identifierare, används av sidorna.")
    section: SectionNumber = field("avsnitt", "Avsnittet där datumet står.")
    description: PlainText = field("beskrivning", "Vad som hände eller ska hända, för redaktörer.")
    when: TimePointField = field("tidpunkt", "Datum (2022-06-12) eller månad (2024-11).")
    abbreviated: bool = field("förkortad_månad", "Sant när källan förkortar månaden (1 jan 2022).", default=False)


class Picture(Record):
    """A picture the source refers to by number and caption."""

    number: int = field("nummer", "Bildens nummer i källan.", ge=1, le=999, strict=True)
    section: SectionNumber = field("avsnitt", "Avsnittet där bilden står.")
    caption: PlainText = field("bildtext", "Bildtexten ordagrant.")
    missing: bool = field("saknas", "Sant om själva bilden saknas i källdokumentet.", default=True)
    note: Slug | None = field("not", "Den redaktionella noten (id) som förklarar att bilden saknas.", default=None)

    @model_validator(mode="after")
    def _shown_as_missing(self) -> Picture:
        """The site has no picture files: a picture of the data is always one the source lacks."""
        if not self.missing:
            raise ValueError(
                "webbplatsen kan inte visa bilder ur datat; en bild i nulage.yml ska ha saknas: true "
                "och en redaktionell not som förklarar vad den visade"
            )
        return self


class AnalysisFile(Record):
    """`nulage.yml`: figures, lists and editorial notes of bilaga 3."""

    spend_per_year: list[SpendPerYear] = field("spend_per_år", "Total spend per år.")
    spend_per_subcategory: list[SpendPerSubcategory] = field("spend_per_underkategori", "Spend per underkategori.")
    largest_suppliers: list[Supplier] = field("största_leverantörer", "Största leverantörer.")
    spend_per_buyer: list[SpendPerBuyer] = field("spend_per_köpare", "Spend per nämnd/förvaltning.")
    supplier_counts: list[CountPerYear] = field("antal_leverantörer", "Antal leverantörer per år.")
    invoices: list[InvoiceVolume] = field("fakturor", "Fakturavolymer.")
    loyalty: list[Loyalty] = field("avtalstrohet", "Köp utanför avtal per år.")
    contracts: ContractCount = field("avtal", "Antal avtal.")
    kraljic: list[KraljicPlacement] = field("kraljic", "Kraljic-klassning.")
    governing_signals: list[GoverningSignal] = field("styrsignaler", "Styrdokument i 10.4.", default_factory=list)
    strengths: list[AnalysisGroup] = field("styrkor", "Styrkor (10.6.1), i grupper.", default_factory=list)
    weaknesses: list[AnalysisGroup] = field(
        "svagheter", "Svagheter och lösningsförslag (10.6.2), i grupper.", default_factory=list
    )
    opportunities: list[AnalysisGroup] = field("möjligheter", "Möjligheter (10.8.2), i grupper.", default_factory=list)
    threats: list[AnalysisGroup] = field("hot", "Hot (10.8.3), i grupper.", default_factory=list)
    external_factors: list[FactorGroup] = field(
        "omvärldsfaktorer", "Omvärldsfaktorer (10.8.4–10.8.9).", default_factory=list
    )
    lists: list[TextList] = field("listor", "Övriga listor i nulägesanalysen.", default_factory=list)
    figures: list[TextFigure] = field("tal", "Tal i löptexten som inte hör till någon tabell.", default_factory=list)
    dates: list[TextDate] = field("datum", "Datum i löptexten.", default_factory=list)
    pictures: list[Picture] = field("bilder", "Bilder som källan hänvisar till.", default_factory=list)
    notes: list[EditorialNote] = field(
        "redaktionella_noter", "Kända brister i källan inom filens avsnitt.", default_factory=list
    )

    @model_validator(mode="after")
    def _unique_keys(self) -> AnalysisFile:
        """Ids, section numbers and picture numbers that pages look up occur once."""
        keyed: list[tuple[str, list[str]]] = [
            ("styrsignal med nummer", [s.number for s in self.governing_signals]),
            ("lista med id", [item.id for item in self.lists]),
            ("tal med id", [item.id for item in self.figures]),
            ("datum med id", [item.id for item in self.dates]),
            ("bild med nummer", [str(p.number) for p in self.pictures]),
            ("redaktionell not med id", [n.id for n in self.notes]),
        ]
        for kind, values in keyed:
            seen: set[str] = set()
            for value in values:
                if value in seen:
                    raise ValueError(f"{kind} '{value}' finns två gånger")
                seen.add(value)
        return self

    @model_validator(mode="after")
    def _picture_notes_exist(self) -> AnalysisFile:
        """A picture's note, when given, is one of the file's editorial notes."""
        notes = {note.id for note in self.notes}
        for picture in self.pictures:
            if picture.note is not None and picture.note not in notes:
                raise ValueError(f"bild {picture.number}: noten '{picture.note}' finns inte bland redaktionella_noter")
        return self
