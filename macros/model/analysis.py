"""The current-state analysis (nulägesanalys, bilaga 3): spend, supplier loyalty,
contracts, Kraljic classification, governing signals, SWOT and external factors."""

from __future__ import annotations

from typing import Literal

from macros.model.base import Amount, Record, SectionNumber, Slug, Text, field
from macros.model.plan import EditorialNote


class SpendPerYear(Record):
    """The category's total spend in one year."""

    year: int = field("år", "År.")
    amount: Amount = field("belopp", "Spend.")
    share_of_municipality: Amount | None = field("andel_av_kommunen", "Andel av kommunens inköp.", default=None)
    section: SectionNumber = field("avsnitt", "Avsnittet som anger siffran.")


class SpendPerSubcategory(Record):
    """Spend of one underkategori in one year."""

    subcategory: Slug = field("underkategori", "Underkategori (id).")
    year: int = field("år", "År.")
    amount: Amount | None = field("belopp", "Spend.", default=None)
    share: Amount | None = field("andel", "Andel av kategorins spend.", default=None)
    section: SectionNumber = field("avsnitt", "Avsnittet som anger siffran.")


class Supplier(Record):
    """A large supplier named by the analysis, with its spend."""

    name: Text = field("leverantör", "Leverantörens namn som i källan.")
    subcategory: Slug | None = field("underkategori", "Underkategori (id).", default=None)
    year: int = field("år", "År.")
    amount: Amount = field("belopp", "Spend.")
    regarding: str | None = field("avser", "Vad leverantören levererar, som i källan.", default=None)
    section: SectionNumber = field("avsnitt", "Avsnittet som anger siffran.")


class SpendPerBuyer(Record):
    """Share of spend bought by one nämnd or förvaltning, overall or within an underkategori."""

    buyer_label: Text = field("köpare", "Nämnden/förvaltningen som källan skriver den.")
    committee: Slug | None = field("nämnd", "Nämnd (id), om köparen är en nämnd.", default=None)
    administration: Slug | None = field("förvaltning", "Förvaltning (id), om köparen är en förvaltning.", default=None)
    subcategory: Slug | None = field("underkategori", "Inom underkategori (id); tomt = hela kategorin.", default=None)
    year: int = field("år", "År.")
    share: Amount = field("andel", "Andel av spenden.")
    section: SectionNumber = field("avsnitt", "Avsnittet som anger siffran.")


class CountPerYear(Record):
    """A count in one year, e.g. the number of suppliers."""

    year: int = field("år", "År.")
    count: int = field("antal", "Antal.", ge=0)
    section: SectionNumber = field("avsnitt", "Avsnittet som anger siffran.")


class InvoiceVolume(Record):
    """Invoices from one supplier in one year."""

    supplier: Text = field("leverantör", "Leverantören.")
    year: int = field("år", "År.")
    count: Amount = field("antal", "Antal fakturor.")
    regarding: str | None = field("avser", "Vad avtalet gäller.", default=None)
    section: SectionNumber = field("avsnitt", "Avsnittet som anger siffran.")


class Loyalty(Record):
    """Avtalstrohet: the share (and amount) bought outside contracts in one year."""

    year: int = field("år", "År.")
    subcategory: Slug | None = field("underkategori", "Inom underkategori (id); tomt = hela kategorin.", default=None)
    outside_share: Amount = field("andel_utanför_avtal", "Andel köpt utanför avtal.")
    outside_amount: Amount | None = field("belopp_utanför_avtal", "Belopp köpt utanför avtal.", default=None)
    section: SectionNumber = field("avsnitt", "Avsnittet som anger siffran.")


class ContractCount(Record):
    """The number of contracts in the category."""

    count: int = field("antal", "Antal avtal.", ge=0)
    text: Text = field("text", "Meningen ordagrant.")
    section: SectionNumber = field("avsnitt", "Avsnittet.")


KraljicQuadrant = Literal["strategisk", "flaskhals", "hävstång", "standard"]


class KraljicPlacement(Record):
    """Where the plan places an underkategori's contracts in the Kraljic matrix."""

    subcategory: Slug = field("underkategori", "Underkategori (id).")
    quadrant: KraljicQuadrant = field("kvadrant", "strategisk, flaskhals, hävstång eller standard.")
    scope: Text = field("omfattning", "Hur stor del av avtalen, som i källan (t.ex. de flesta avtal).")
    section: SectionNumber = field("avsnitt", "Avsnittet.")


class GoverningSignal(Record):
    """A governing document as 10.4 presents it, with what it requires of the category."""

    number: SectionNumber = field("nummer", "Avsnittsnummer, t.ex. 10.4.7.")
    document: Slug = field("styrdokument", "Styrdokumentet (id).")
    heading: Text = field("rubrik", "Rubriken som i källan.")
    requirements: list[Text] = field("krav", "Vad dokumentet kräver av kategorin.", default_factory=list)
    text_missing: bool = field("text_saknas", "Sant om texten är avskuren i källan.", default=False)


class AnalysisItem(Record):
    """One point of SWOT or the external analysis, optionally for one underkategori."""

    subcategory: Slug | None = field("underkategori", "Underkategori (id), om punkten gäller en.", default=None)
    text: Text = field("text", "Punkten ordagrant (Markdown).")


Factor = Literal["politisk", "ekonomisk", "social", "teknologisk", "legal", "miljö"]


class ExternalFactor(AnalysisItem):
    """A PESTLE factor of the external analysis (10.8.4–10.8.9)."""

    factor: Factor = field("faktor", "politisk, ekonomisk, social, teknologisk, legal eller miljö.")


class AnalysisFile(Record):
    """`nulage.yml`: figures and lists of bilaga 3."""

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
    strengths: list[AnalysisItem] = field("styrkor", "Styrkor (10.6.1).", default_factory=list)
    weaknesses: list[AnalysisItem] = field("svagheter", "Svagheter och lösningsförslag (10.6.2).", default_factory=list)
    opportunities: list[AnalysisItem] = field("möjligheter", "Möjligheter (10.8.2).", default_factory=list)
    threats: list[AnalysisItem] = field("hot", "Hot (10.8.3).", default_factory=list)
    external_factors: list[ExternalFactor] = field("omvärldsfaktorer", "Omvärldsfaktorer (10.8.4–10.8.9).", default_factory=list)
    notes: list[EditorialNote] = field("redaktionella_noter", "Kända brister i källan inom filens avsnitt.", default_factory=list)
