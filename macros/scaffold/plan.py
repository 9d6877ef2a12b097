"""`python -m macros ny plan`: a second plan's data and pages that build at once.

The data is a valid skeleton (empty lists, the texts of the title page and bilaga 1 marked
FYLL I); the pages are written from the templates in `mallar/`, one per standard page of a
plan, with the plan's id in every macro call. Nothing is copied from another plan by hand, and
the menu needs no edit: a plan that mkdocs.yml's nav does not mention gets its own section
(see `plan_navigation`, used by the build's hooks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from macros.loading.files import PLANS_DIR, SHARED_DIR
from macros.model.base import RESERVED_IDS, SLUG_MAX_LENGTH, SLUG_PATTERN
from macros.render.safe import plain
from macros.scaffold.records import shown
from macros.scaffold.text import ScaffoldError, read_source, scalar
from macros.validation.placeholders import PLACEHOLDER

TEMPLATES = Path(__file__).with_name("mallar")
PLAN_TOKEN = "__PLAN__"
CATEGORY_TOKEN = "__KATEGORI__"


@dataclass(frozen=True)
class StandardPage:
    """A standard page of a plan: its path in the plan's folder and its title in the menu
    (`{kategori}` stands for the category's name); `section` groups pages under a heading."""

    path: str
    title: str
    section: str | None = None


STANDARD_PAGES: tuple[StandardPage, ...] = (
    StandardPage("index.md", "Titelsida och innehåll"),
    StandardPage("sammanfattning.md", "1.0 Sammanfattning"),
    StandardPage("inledning.md", "2.0 Inledning"),
    StandardPage("metod.md", "3.0 Metod"),
    StandardPage("kategoriplan.md", "4.0 Kategoriplan för {kategori}"),
    StandardPage("kategoristrategi.md", "5.0 Kategoristrategi"),
    StandardPage("effektuppfoljning.md", "6.0 Effektuppföljning"),
    StandardPage("kategoriorganisation.md", "8.0 Bilaga 1 – Kategoriorganisation"),
    StandardPage("bilaga-2.md", "9.0 Innehåll i bilaga 2", "9.0 Bilaga 2 – Aktiviteter"),
    StandardPage("upphandlingsbehov.md", "9.1 Upphandlingsbehov", "9.0 Bilaga 2 – Aktiviteter"),
    StandardPage("aktiviteter/index.md", "9.2 Aktivitetslista", "9.0 Bilaga 2 – Aktiviteter"),
    StandardPage("bilaga-3.md", "10.0 Bilaga 3 – Nulägesanalys"),
    StandardPage("versionshistorik.md", "11.0 Kategoriplan och versionshistorik"),
    StandardPage("oversikter/aktiviteter.md", "Aktiviteter: status och ansvar", "Översikter"),
    StandardPage("oversikter/tidslinje.md", "Tidslinje", "Översikter"),
    StandardPage("oversikter/upphandlingskalender.md", "Upphandlingskalender", "Översikter"),
    StandardPage("oversikter/ansvarsmatris.md", "Ansvarsmatris", "Översikter"),
    StandardPage("oversikter/malkedja.md", "Målkedja", "Översikter"),
    StandardPage("kanda-brister.md", "Kända brister i källdokumentet"),
    StandardPage("andringshistorik.md", "Ändringshistorik"),
)
"""The pages `ny plan` writes, in the order of the plan's menu (the template of each is in `mallar/`)."""


def plan_navigation(plan_id: str, category: str, existing: set[str]) -> list[object]:
    """The menu of a plan that mkdocs.yml does not mention: its standard pages that exist (in
    `existing`, source paths), in the plan's order, then any other page of its folder. Titles are
    escaped text, as every title from the data is."""
    entries: list[object] = []
    sections: dict[str, list[object]] = {}
    for page in STANDARD_PAGES:
        path = f"{plan_id}/{page.path}"
        if path not in existing:
            continue
        item = {plain(page.title.format(kategori=category)): path}
        if page.section is None:
            entries.append(item)
        elif page.section in sections:
            sections[page.section].append(item)
        else:
            sections[page.section] = [item]
            entries.append({page.section: sections[page.section]})
    standard = {f"{plan_id}/{page.path}" for page in STANDARD_PAGES}
    entries += sorted(path for path in existing if path.startswith(f"{plan_id}/") and path not in standard)
    return entries


def _data_files(name: str, category: str, start: str, years: int, lead: str, sponsor: str, body: str) -> dict[str, str]:
    """The skeleton of each data file of a new plan."""
    todo = PLACEHOLDER

    def schema(file: str) -> str:
        return f"# yaml-language-server: $schema=../../../schemas/plan-{file}.schema.json\n"

    return {
        "plan.yml": schema("plan")
        + "# Planens metadata: titelsidan och 11.0. Skapad med `make ny-plan`: skriv in det som står FYLL I.\n"
        + f"namn: {scalar(name)}\nkategori: {scalar(category)}\n"
        + f"kommun: {scalar(todo + ': kommunens namn')}\n"
        + f"dokumenttyp: {scalar(todo + ': dokumenttypen, t.ex. Bilaga 5 - hela ärendet')}\n"
        + f"beslut:\n  beslutas_av: {scalar(body)}\n"
        + f"  datum_text: {scalar(todo + ': beslutsdatumet som planen skriver det')}\n"
        + f"period:\n  start: {scalar(start)}\n  år: {years}\n"
        + f"  text: {scalar(todo + ': planperioden som planen skriver den')}\n"
        + f"tas_fram_av: {scalar(todo + ': vem som tar fram planen')}\n"
        + f"ägs_av: {scalar(todo + ': vem som äger planen')}\n"
        + f"beslutas_av_text: {scalar(todo + ': vem som beslutar planen')}\n"
        + f"uppdateras_av: {scalar(todo + ': vem som uppdaterar planen')}\n",
        "underkategorier.yml": schema("underkategorier") + "# 4.2 Kategoridefinition.\nunderkategorier: []\n",
        "effektmal.yml": schema("effektmal") + "# 4.1 Effektmål.\neffektmål: []\n",
        "strategier.yml": schema("strategier") + "# 5.x Strategier.\nstrategier: []\n",
        "nyckeltal.yml": schema("nyckeltal") + "# 6.x Effektuppföljning.\nnyckeltal: []\n",
        "aktiviteter.yml": schema("aktiviteter")
        + '# 9.2 Aktivitetslista. Nya aktiviteter: make ny-aktivitet PLAN=… NAMN="…"\naktiviteter: []\n',
        "upphandlingsbehov.yml": schema("upphandlingsbehov")
        + "# 9.1 Upphandlingsbehov.\n"
        + f"inledning: {scalar(todo + ': inledningen till 9.1 som planen skriver den.')}\n"
        + "upphandlingsbehov: []\n",
        "organisation.yml": schema("organisation")
        + "# 8.0 Bilaga 1 – Kategoriorganisation.\n"
        + f"styrgrupp: {scalar(todo + ': 8.1 som planen skriver det.')}\n"
        + f"kategoriledare_text: {scalar(todo + ': 8.2 som planen skriver det.')}\n"
        + f"kategoriledare: {scalar(lead)}\n"
        + f"kategoriteam_text: {scalar(todo + ': 8.3 som planen skriver det.')}\n"
        + "kategoriteam: []\n"
        + f"sponsor: {scalar(sponsor)}\n"
        + f"sponsor_text: {scalar(todo + ': sponsorraden som planen skriver den.')}\n"
        + "referensgrupp: []\n"
        + f"intressenter_text: {scalar(todo + ': 8.4 som planen skriver det.')}\n"
        + "intressenter: []\n",
    }


@dataclass(frozen=True)
class NewPlan:
    """What `ny plan` wrote: the data files and the pages, as the check shows their paths."""

    data: list[str]
    pages: list[str]


def _shared_ids(data_dir: Path, file: str, key: str) -> list[str]:
    """The ids in a list of the municipality's shared data."""
    path = data_dir / SHARED_DIR / file
    _, source = read_source(path, shown(path))
    return [str(item["id"]) for item in source.value.get(key) or [] if isinstance(item, dict) and "id" in item]


def new_plan(
    data_dir: Path,
    content_dir: Path,
    plan_id: str,
    *,
    name: str,
    category: str,
    lead: str,
    sponsor: str,
    start: str,
    years: int = 4,
    decided_by: str | None = None,
) -> NewPlan:
    """Write a new plan's data folder and pages; refuse to overwrite anything."""
    if not re.fullmatch(SLUG_PATTERN, plan_id) or len(plan_id) > SLUG_MAX_LENGTH or plan_id in RESERVED_IDS:
        raise ScaffoldError(f"planens id '{plan_id}' ska bestå av små bokstäver a–z, siffror och bindestreck")
    folder, pages = data_dir / PLANS_DIR / plan_id, content_dir / plan_id
    for existing in (folder, pages):
        if existing.exists():
            raise ScaffoldError(f"{shown(existing)} finns redan; välj ett annat id")
    people = _shared_ids(data_dir, "personer.yml", "personer")
    for person, role in ((lead, "kategoriledaren"), (sponsor, "sponsorn")):
        if person not in people:
            raise ScaffoldError(
                f"{role} '{person}' finns inte i personer.yml; lägg till personen först (make ny-person)"
            )
    committees = _shared_ids(data_dir, "organisation.yml", "nämnder")
    body = decided_by or ("kommunstyrelsen" if "kommunstyrelsen" in committees else committees[0] if committees else "")
    if body not in committees:
        raise ScaffoldError(f"nämnden '{body}' finns inte i organisation.yml (finns: {', '.join(committees)})")
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", start):
        raise ScaffoldError(f"planperiodens start ska vara en månad ÅÅÅÅ-MM, inte '{start}'")
    if not 1 <= years <= 10:
        raise ScaffoldError("planperioden ska vara 1–10 år")
    written = NewPlan([], [])
    folder.mkdir(parents=True)
    for file, text in _data_files(name, category, start, years, lead, sponsor, body).items():
        (folder / file).write_text(text, encoding="utf-8")
        written.data.append(shown(folder / file))
    for page in STANDARD_PAGES:
        target = pages / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        template = (TEMPLATES / page.path).read_text(encoding="utf-8")
        target.write_text(template.replace(PLAN_TOKEN, plan_id).replace(CATEGORY_TOKEN, plain(category)), "utf-8")
        written.pages.append(shown(target))
    return written
