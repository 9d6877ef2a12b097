"""The plan's "Öppna data" page: every file, its format and schema, the licence, the data's
date and version, how to subscribe to the calendar, and how the procurement needs map to OCDS."""

from __future__ import annotations

from macros.exports.catalog import CATALOGUE, OpenFile, plan_calendar_path, plan_files, shared_files
from macros.exports.dataset import DOWNLOAD_DIR, Dataset, dataset, date, text
from macros.exports.ocds import MAPPING, SCHEMA_RELEASE, UNMAPPED
from macros.exports.settings import SETTINGS_KEY, data_version
from macros.model.catalog import Plan
from macros.render.activity_export import activities_dataset
from macros.render.calendar import needs_dataset
from macros.render.charts import indicators_dataset
from macros.render.context import Site, person_page
from macros.render.downloads import file_href, links
from macros.render.organisation import team_dataset
from macros.render.plan_pages import plan_dataset
from macros.render.registry import macro
from macros.render.safe import plain
from macros.render.text import admonition, bullets, table

TABLE_FORMATS_TEXT = (
    "**Excel** (`.xlsx`): svenska kolumnrubriker i en låst första rad med filter, datum som riktiga datum "
    "(ÅÅÅÅ-MM-DD), tal som tal och kolumner som är så breda som innehållet. "
    "**CSV** (`.csv`): UTF-8 med byte order mark, semikolon mellan fälten och decimalkomma, så att svenska Excel "
    "öppnar filen rätt med ett dubbelklick; datum ÅÅÅÅ-MM-DD. En text som börjar med `=`, `+`, `-` eller `@` "
    "inleds med en apostrof i CSV-filen, så att inget kalkylprogram tar den för en formel."
)


def _file_link(site: Site, item: OpenFile) -> str:
    """A link to an open-data file, named by its file name."""
    name = item.path.rsplit("/", 1)[-1]
    return f'<a href="{plain(file_href(site, item.site_path))}" download>{plain(name)}</a>'


def _schema(site: Site, item: OpenFile, files: dict[str, OpenFile]) -> str:
    """The file's schema: a link to the schema file beside it, or the standard it follows."""
    if item.schema is None:
        return "–"
    if item.schema in files:
        return _file_link(site, files[item.schema])
    return plain(item.schema)


def _files_table(site: Site, plan: Plan) -> str:
    """Every non-table file of the plan and the shared data: link, format, schema and content."""
    items = [*plan_files(plan), *shared_files()]
    known = {item.path: item for item in items}
    rows = [
        [
            _file_link(site, item),
            plain(item.format),
            _schema(site, item, known),
            f"**{plain(item.title)}.** {plain(item.description)}",
        ]
        for item in items
    ]
    return table(["Fil", "Format", "Schema", "Innehåll"], rows)


def _tables(site: Site, plan: Plan) -> str:
    """The plan's main tables with their download links, and the follow-up when there is any."""
    tables = [
        ("Planens uppgifter (titelsidan och 11.0)", plan_dataset(site, plan)),
        ("Aktiviteter (9.2), med alla fält", activities_dataset(site, plan)),
        ("Upphandlingsbehov (9.1) med avtalsslut, ledtid och senaste start", needs_dataset(site, plan)),
        ("Nyckeltal (6.x) med senast uppmätt värde", indicators_dataset(site, plan)),
        ("Kategoriteamet (8.3.1)", team_dataset(site, plan)),
    ]
    tables += _follow_up(site, plan)
    items = [f"{plain(label)}: {links(site, export)}" for label, export in tables]
    if not plan.follow_up.reports and not plan.follow_up.measurements:
        items.append("Uppföljning: ingen statusrapport eller inget mätvärde har rapporterats ännu.")
    return bullets(items)


def _catalogue(site: Site) -> str:
    """The link to the list of every exported file, which the build writes last."""
    files = " · ".join(
        f'<a href="{plain(file_href(site, f"{DOWNLOAD_DIR}/{CATALOGUE}.{extension}"))}" download>{name}</a>'
        for extension, name in (("xlsx", "Excel"), ("csv", "CSV"))
    )
    return (
        "Alla filer som webbplatsen erbjuder, med format och innehåll, står i förteckningen över exporterade "
        f"filer: {files}.\n"
    )


def _follow_up(site: Site, plan: Plan) -> list[tuple[str, Dataset]]:
    """The follow-up reports and measured values as tables, when the plan has any."""
    found = []
    reports = plan.follow_up.reports
    if reports:
        found.append(
            (
                "Statusrapporter (uppföljning av aktiviteterna)",
                dataset(
                    f"{plan.id}/statusrapporter",
                    f"Statusrapporter i {plan.meta.name}",
                    [
                        text("Aktivitet"),
                        text("Nr"),
                        date("Datum"),
                        text("Status"),
                        text("Rapporterad av"),
                        text("Kommentar"),
                    ],
                    [
                        [
                            r.activity,
                            plan.activity(r.activity).number,
                            r.date,
                            r.status,
                            site.model.person(r.reported_by).name,
                            r.comment,
                        ]
                        for r in reports
                    ],
                ),
            )
        )
    measurements = plan.follow_up.measurements
    if measurements:
        found.append(
            (
                "Mätvärden (uppföljning av nyckeltalen)",
                dataset(
                    f"{plan.id}/matvarden",
                    f"Mätvärden i {plan.meta.name}",
                    [
                        text("Nyckeltal"),
                        text("Avsnitt"),
                        date("Datum"),
                        text("Värde"),
                        text("Rapporterad av"),
                        text("Kommentar"),
                    ],
                    [
                        [
                            m.indicator,
                            plan.indicator(m.indicator).section,
                            m.date,
                            m.value,
                            site.model.person(m.reported_by).name,
                            m.comment,
                        ]
                        for m in measurements
                    ],
                ),
            )
        )
    return found


def _licence(site: Site) -> str:
    """The licence, and a note when it is still the default."""
    settings = site.open_data
    name = plain(settings.licence)
    if settings.licence_url:
        name = f'<a href="{plain(settings.licence_url)}">{name}</a>'
    text_ = f"Datat och filerna får användas enligt licensen {name}.\n"
    if not settings.licence_set:
        text_ += "\n" + admonition(
            "warning",
            "Licensen är ett förval",
            f"Kommunen bestämmer licensen för sina öppna data. Tills den gör det gäller förvalet ovan. "
            f"Licensen skrivs i `mkdocs.yml` under `extra: {SETTINGS_KEY}:` med nycklarna `licens` och `licens_url`.",
        )
    return text_


def _version(site: Site, plan: Plan) -> str:
    """The data's date and version, and the formats' versions."""
    from macros.exports.plan_json import FORMAT_VERSION

    version = data_version(site.history, plan.id, site.today)
    where = (
        "incheckningen i git som planens data kommer från" if version.committed else "så långt git-historiken räcker"
    )
    return bullets(
        [
            f"Datadatum: {version.day.isoformat()}",
            f"Dataversion: {plain(version.version)} ({where})",
            f"JSON-formatets version: {FORMAT_VERSION}",
            f"OCDS: version 1.1, validerat mot schemat för {SCHEMA_RELEASE}",
            f"Filerna skrevs när webbplatsen byggdes, {site.today.isoformat()}.",
        ]
    )


def _subscribe(site: Site, plan: Plan) -> str:
    """How to subscribe to the plan's calendar in Outlook and Google Calendar."""
    feed = f"{DOWNLOAD_DIR}/{plan_calendar_path(plan.id)}"
    link = f'<a href="{plain(file_href(site, feed))}">kalendern för {plain(plan.meta.name)}</a>'
    address = (
        f"Kalenderns adress är `{plain(site.open_data.site_url + feed)}`."
        if site.open_data.site_url
        else f"Högerklicka på länken till {link} och välj *Kopiera länkadress*."
    )
    steps = [
        address,
        "**Outlook**: välj *Lägg till kalender* och *Prenumerera från webben* (i klassiska Outlook: "
        "*Lägg till kalender* och *Från Internet*), klistra in adressen och bekräfta.",
        "**Google Kalender**: välj *+* vid *Andra kalendrar* och *Från webbadress*, klistra in adressen och "
        "välj *Lägg till kalender*.",
    ]
    numbered = "\n".join(f"{index}. {step}" for index, step in enumerate(steps, 1)) + "\n"
    lead = site.model.person(plan.organisation.category_lead)
    people = f"varje persons sida (till exempel [{plain(lead.name)}]({site.link(person_page(lead.id))}))"
    return (
        f"Ladda ner {link} eller prenumerera på den, så uppdateras din kalender när planen ändras:\n\n"
        f"{numbered}\n"
        "Varje datum är en heldagshändelse. En tidpunkt som planen anger som ett kvartal, ett halvår, en månad eller "
        "ett år blir en händelse från dess första till dess sista dag, och texten säger vilket slags period det är. "
        "Varje händelse har ett fast id, så när ett datum ändras i planen uppdateras händelsen i din kalender i "
        "stället för att läggas till en gång till. Kalenderprogrammen hämtar kalendern igen med egna "
        "mellanrum (Outlook och Google Kalender ungefär en gång per dygn).\n\n"
        f"Varje person har också en egen kalender med de aktiviteter hen deltar i; länken finns på {people}.\n"
    )


def _ocds(site: Site) -> str:
    """How a procurement need becomes an OCDS release, and what is left out."""
    mapping = table(["OCDS-fält", "Kommer från"], [[f"`{plain(f)}`", plain(d)] for f, d in MAPPING])
    unmapped = table(
        ["Uppgift i planen", "Varför den inte är ett eget OCDS-fält"], [[plain(f), plain(d)] for f, d in UNMAPPED]
    )
    prefix = ""
    if not site.open_data.ocid_prefix_set:
        prefix = admonition(
            "warning",
            "OCDS-prefixet är ett förval",
            f"Varje ocid börjar med `{plain(site.open_data.ocid_prefix)}`. Kommunen ska registrera ett eget prefix hos "
            f"Open Contracting Partnership och skriva det i `mkdocs.yml` under `extra: {SETTINGS_KEY}:` med nyckeln "
            "`ocid_prefix`.",
        )
    return (
        "Varje upphandlingsbehov blir en planeringsrelease i Open Contracting Data Standard:\n\n"
        f"{mapping}\nDet här säger planen om ett behov utan att releasen har ett eget fält för det:\n\n{unmapped}\n{prefix}"
    )


@macro("oppna_data", 'oppna_data(plan="it-och-telekom")')
def open_data(site: Site, *, plan: str) -> str:
    """Sidan Öppna data: varje fil med format, schema och innehåll, licensen, datats datum och version,
    hur man prenumererar på kalendern och hur upphandlingsbehoven blir OCDS."""
    p = site.plan(plan)
    return "\n".join(
        [
            f"Allt som {plain(p.meta.name)} innehåller kan laddas ner och läsas av program. Filerna byggs ur samma "
            "data som sidorna, varje gång webbplatsen byggs.\n",
            "## Filer\n",
            _files_table(site, p),
            "## Tabeller\n",
            "Varje tabell på webbplatsen kan laddas ner där den visas (*Ladda ner: Excel · CSV*). Planens största "
            "tabeller:\n",
            _tables(site, p),
            _catalogue(site),
            TABLE_FORMATS_TEXT + "\n",
            "## Licens\n",
            _licence(site),
            "## Datats datum och version\n",
            _version(site, p),
            "## Prenumerera på kalendern\n",
            _subscribe(site, p),
            "## Upphandlingsbehoven som OCDS\n",
            _ocds(site),
        ]
    )
