"""BENCHMARKS.md and the one-line summary, in Swedish."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

from benchmarks.history import HISTORY_TARGET
from benchmarks.results import (
    BUILD_TARGET,
    CHECK_TARGET,
    EXPORT_TARGET,
    PREVIEW_EVERYWHERE_TARGET,
    PREVIEW_TARGET,
    SCALING_TOLERANCE,
    WEIGHT_TARGET,
    Case,
    Results,
    spread_of,
)
from benchmarks.stats import Spread, verdict

REPRODUCE = "make bench"
"""The command that reproduces the figures (same as `.venv/bin/python -m benchmarks`)."""

STATISTIC = """\
**Hur ett mål bedöms.** Varje mätning görs i flera varv. I ett varv körs vår version och
baslinjen direkt efter varandra (ordningen växlar mellan varven), och varvets kvot är vår tid
delad med baslinjens. Det som bedöms är **medianen av varvens kvoter av CPU-tid** (användar- och
systemtid för processen och de program den väntar in, t.ex. git). Väggtiden står bredvid. På en
dator som delas med annat arbete innehåller väggtiden den tid processen väntade på en kärna;
CPU-tiden räknar bara arbetet, och kvoten av CPU-tider varierar därför mycket mindre mellan varv
och mellan körningar. Förhandsvisningen bedöms på väggtid, från sparad fil
till omladdad sida, eftersom det är vad redaktören väntar och bevakningens intervall ingår; dess
CPU-kvot står bredvid. Exportsteget har ett eget mål och bedöms för sig, på väggtid: det arbetar i
en egen process medan sidorna byggs, så dess CPU-tid förlänger bygget bara med den väntan som blir
kvar efter sista sidan. Byggets mål mot ren MkDocs gäller därför sidbygget utan exportsteget
(`KATEGORIPLAN_EXPORT=av`, samma sidor och länkar); exportstegets kostnad räknas inte två gånger.

Intervallet inom parentes är ett fördelningsfritt konfidensintervall för medianen: det k:te
minsta och det k:te största varvet, med k valt så att intervallet innehåller den sanna medianen
med minst 95 % sannolikhet (binomialfördelningen; inget antagande om hur bruset är fördelat; nio
varv ger andra till åttonde värdet, 96 %). Med färre än sex varv når inget intervall 95 %, och
det är då minsta till största varv (tre varv: 75 %, fem varv: 94 %); ett enda varv har inget
intervall och står alltid som "gränsfall". Ett mål vars intervall når över gränsen står som "gränsfall": medianen avgör, men en
ny körning kan hamna på andra sidan. `tests/test_bench_stats.py` visar på syntetiska tider, med
en last som varierar fyrfaldigt mellan varven, att två likadana konfigurationer ger kvoten 1
inom intervallet och att en dyrare konfiguration inte gör det.
"""
"""How every target is judged (see `benchmarks.stats`)."""

ENGINE_CHANGES = """\
- **Korskontrollen var kvadratisk** (`macros/validation/crosscheck.py`). Varningen "har lämnat men
  står som ansvarig" slog upp rollinnehavarna för varje ansvarsrad i varje aktivitet, och varje
  uppslag gick igenom alla personer och deras uppdrag; aktiviteternas status räknades om (med
  sortering av alla rapporter) två gånger per aktivitet. Vid 50× (2 000 personer, 1 100 aktiviteter,
  2 200 rapporter) tog korskontrollen ensam 16,5 s, när ren tolkning av samma filer tog omkring
  9 s; kontrollen låg därmed långt över 2 × tolkningen. Nu slås rollinnehavarna och statusen upp i
  modellens index (personer per roll, rapporter per aktivitet; se nästa punkt): 0,12 s vid 50×
  (samma data, samma maskin, median av 3). Resultatet är
  detsamma rad för rad (jämfört på det riktiga datat och på 50×-datat). Hittat med cProfile.
- **Personsidorna och aktivitetstabellen gick igenom alla personer** (`macros/model/raci.py`,
  `macros/model/responsibility.py`, `macros/model/catalog.py`). Varje personsida gick igenom varje
  ansvarsrad i varje plan, och varje rolluppslag gick igenom alla personer; aktivitetstabellen
  slog upp rollinnehavarna på samma sätt för varje rad. Före: vid 10× tog personsidornas makron
  63 s (226 ms per sida) och bygget 2,02 × ren MkDocs; vid 50× blev bygget inte klart inom 600 s
  (5,4 s per personsida); aktivitetstabellen för en plan med 110 aktiviteter tog 0,69 s. Nu
  indexeras personerna per roll en gång per modell, allt en person deltar i indexeras i ett svep
  per bygge (delat mellan sidorna genom `Site.once`) och rapporterna grupperas per aktivitet en
  gång per plan. Efter: 1 ms per personsida vid både 10× och 50×, aktivitetstabellen 0,04 s, och
  bygget 1,13–1,15 × vid 10× och 1,08–1,09 × vid 50× i två körningar. Sidornas innehåll är
  detsamma tecken för tecken (jämfört för alla sidor vid den riktiga storleken och vid 50×).
- **Genererade sidor kompilerades som Jinja-mallar** (`macros/adapter/mkdocs_hooks.py`). En
  aktivitets- eller personsida var ett enda makroanrop som mkdocs-macros kompilerade som mall
  (omkring 1 ms per sida). Nu ger kroken sidans Markdown direkt när MkDocs når sidan, och sidan
  säger åt mkdocs-macros att lämna den (`render_macros: false`).
- **Tidsaxeln ritades om för varje aktivitetssida** (`macros/render/svg.py`): alla sidor i en plan
  har samma axel, som nu ritas en gång per skala och storlek (aktivitetssidornas makron 48 → 36 ms
  för 22 sidor).
- **Mätningen kompilerade motorn på nytt vid varje körning** (`benchmarks/__main__.py`). Maskinen
  har `PYTHONDONTWRITEBYTECODE=1`, så Python sparade aldrig bytekod för `macros/`, medan MkDocs och
  Material laddades från den bytekod pip skrev vid installationen. Det kostade omkring 0,1 s per
  bygge vid den riktiga storleken. De uppmätta kommandona körs nu utan variabeln, som på en
  redaktörs dator.
- **Markdown läste om motorns färdiga HTML** (`macros/render/html.py` `finish_blocks`,
  `macros/adapter/calls.py`). Makronas tabeller, diagram och kort är rå HTML som motorn redan har
  escapat, och Python-Markdown läste varje sådant block med sin HTML-tolk. Nu bärs varje rått
  HTML-block i ett makros utdata (ett blockelement som börjar och slutar en rad och inte ber
  Markdown läsa sitt innehåll med `markdown`-attributet) genom Markdown som en signerad kommentar
  och sätts tillbaka efter konverteringen, som ändringshistorikens tabeller redan gjorde. Den
  riktiga webbplatsens Markdown-steg (MkDocs `_populate_page`, utan exportsteget) gick från 4,2 till
  3,1 s och hela sidbygget från 9,4 till 8,6 s (tidtagning i byggprocessen, 2026-11-30). Webbplatsen
  är densamma byte för byte, sökindexet inräknat (jämfört för hela den riktiga webbplatsen;
  `tests/test_finished_blocks.py` jämför varje sida och godtyckliga blandningar av block).
- **Baslinjen saknade historikens tabeller** (`benchmarks/capture_hook.py`). Den sparade Markdown
  som det rena bygget byggde innehöll motorns signerade kommentarer, som bara byggprocessen kan
  öppna, så ändringshistorikens tabeller blev tomma i baslinjen. Nu sparas HTML:en själv, och
  baslinjen bygger och visar samma innehåll som vi (den riktiga webbplatsen: 7,9 → 9,9 s).
- **Byggets mål gäller sidbygget, exportsteget har sitt eget** (`benchmarks/__main__.py`).
  Exportprocessens CPU-tid (omkring 4 s vid den riktiga storleken: pandas import och 170 tabeller
  som Excel och CSV) räknades i byggets CPU-kvot, fast den arbetar på den andra kärnan medan sidorna
  byggs och har ett eget mål (högst 10 % längre bygge, väggtid). Bygget mot ren MkDocs mäts nu med
  `KATEGORIPLAN_EXPORT=av` (samma sidor och länkar, inga filer skrivna); exportsteget mäts som förut,
  med och utan.
- **Förhandsvisningen väntade på att alla exporter skrevs om** (`macros/adapter/exports.py`). Vid
  varje sparande i `mkdocs serve` startade exportprocessen på nytt (import av pandas) och skrev alla
  378 filer, och webbläsaren laddades om först när den var klar: 3,9 s av 5,3 s efter att en
  aktivitets datum ändrats (tidtagning i byggprocessen). Nu minns förhandsvisningen varje jobbs
  filer under en nyckel av jobbets innehåll; ett oförändrat jobbs filer skrivs från minnet och
  processen startas bara för jobb som ändrats. Samma ändring i mätningens serve-par: 3,0 s mot ren
  MkDocs 10,0 s (kvot 0,31, var 0,58). `tests/test_incremental_preview.py` visar att resultatet är
  detsamma byte för byte som ett fullständigt bygge.
- **Första sparandet i förhandsvisningen gjorde om nästan allt** (`macros/adapter/incremental.py`,
  `macros/exports/settings.py`). Varje körning hade ett långsamt första varv, omkring 5 s mot 2,6 s
  för de andra. I ett git-förråd blir datat inte längre incheckat vid första sparandet. Historiken
  lästes som ett enda värde, så varje sida med en posts historik gjordes om (54 av 110 sidors makron
  återanvändes), och tabellernas skapandetid gick från incheckningens tid till dagens, så alla 170
  tabeller skrevs om. Nu är listan över filer som inte är incheckade en egen läsning, och
  tabellernas skapandetid är den senaste incheckningens (som `SOURCE_DATE_EPOCH`). Första
  sparandet i `mkdocs serve` på den riktiga planen: 4,8 → 3,0 s (tidtagning i byggprocessen; de
  följande omkring 2,4 s). Med `mkdocs serve -f mkdocs.yml` blev första sparandet dessutom ett helt
  bygge, eftersom MkDocs först anger filen relativt och sedan absolut; sökvägen jämförs nu upplöst.
- **Menyn frågade de genererade sidornas framsida** (`macros/adapter/mkdocs_hooks.py`). Materials
  meny frågar på varje sida varje menypunkts framsida (front matter) efter ikon, undertitel och
  status. De genererade sidorna bar `render_macros: false` (för mkdocs-macros), så deras framsida
  var inte tom, och varje fråga utan svar kostade Jinja två undantag. Vid 50× (2 985 sidor, var och
  en med en meny på 2 988 länkar) kostade det omkring 50 s: bygget blev 1,23 × ren MkDocs (271,6 mot
  220,8 s CPU, 30 november 21.37 UTC, ett varv). Hittat med py-spy (samplande profilering av båda
  byggena, jämförda funktion för funktion). Nu tas markeringen bort ur sidans framsida så snart
  mkdocs-macros har läst den: samma bygge 233 s CPU. Sidorna är desamma utom tomma rader i menyn
  (jämfört för hela den riktiga webbplatsen); `tests/test_menu_front_matter.py`.
- **Förhandsvisningen skrev oförändrade exportfiler** (`macros/adapter/exports.py`,
  `macros/exports/worker.py`, `macros/adapter/incremental.py`). På maskinen den 30 november kväll
  blev förhandsvisningen av en aktivitets slut 0,54 × (0,53–0,55), missat. Av omkring 1,8 s väntade
  bygget omkring 0,45 s på exportsteget efter sista sidan: 0,33 s för att skriva 355 oförändrade
  filer ur minnet (den maskinens disk tar omkring 1 ms per ny fil med innehåll) och omkring 0,1 s
  för exportprocessens nedstängning av Python med pandas laddat. Nu tar förhandsvisningen, som
  bygget, oförändrade filer ur exportcachen, som hårda länkar i stället för kopior (ett nytt
  bygge skriver aldrig genom en länk: en fil som skrivs på nytt ersätter den), och processen
  avslutas direkt efter sin rapport. Väntan efter sista sidan 0,45 → 0,03 s. Sidornas nycklar i
  förhandsvisningen räknas dessutom utan att sidans HTML först skrivs om med `repr`. Mätningens
  serve-par, fem varv (före körningen nedan): 0,44 × (0,41–0,49), planens namn 0,90 ×.
- **Markdown läste historikens tabeller som base64** (`macros/render/html.py`,
  `macros/adapter/incremental.py`). Historiken med varm cache blev 1,12 × bygget utan git, missat
  (målet är 1,10). Tidtagning i byggprocessen (CPU-tid per sida och steg, 1 december) visade att
  nästan hela skillnaden, omkring 0,27 s, låg i sidornas Markdown-steg, och en tredjedel av den i
  själva bärandet av färdiga block: ändringshistoriken och historiksidorna bar omkring 1,4 MB HTML
  som base64 i kommentarer, som Python-Markdown läste tecken för tecken, som signerades och som
  sedan söktes fram och avkodades igen. Nu bär kommentaren bara en nyckel (ett nycklat hashvärde,
  32 tecken) och HTML:en väntar i motorns minne; i början av varje bygge glöms de block som ingen
  text som förhandsvisningen återanvänder längre nämner. Webbplatsen är densamma byte för byte
  (jämfört för hela den riktiga webbplatsen). Historikens par i ett eget skript (före körningen
  nedan), medianen av varvens CPU-kvoter: 1,11 × före (åtta varv), 1,05 × efter (tio varv).
"""
"""What the benchmark led us to change in the engine, kept by hand (the run rewrites the rest)."""

FINDINGS = """\
Tidtagning i byggprocessen vid den riktiga storleken (2026-11-30, utan exportsteget): vårt bygge
omkring 8,6 s och det rena omkring 9,6 s. Det rena bygget är långsammare sedan det bygger samma
sidor som vi, ändringshistorikens tabeller inräknade, och läser all HTML genom Markdown, medan
motorn bär sin färdiga HTML förbi Markdown (se ovan). Det vi gör utöver det rena bygget:

- import av motorn, pydantic och det mkdocs-macros drar in (bl.a. `requests`), ca 0,6 s mer än
  det rena byggets import; modellens klasser ca 0,2 s av det. Att skjuta upp pydantics validerare
  (`defer_build`) provades igen: det flyttar bara kostnaden till läsningen;
- makrona, ca 0,7 s: ändringshistoriken och historiken per post ca 0,25 s, aktivitetssidorna
  ca 0,12 s, ansvarsmatrisen ca 0,06 s;
- läsning och kontroll av datat ca 0,3 s, historiken ur git ca 0,1 s.

Med historikens förråd (300 incheckningar, 5 beslutade versioner, varma cacher) kostar historiken
omkring 0,6–0,7 s mer än samma bygge utan git, på omkring 9,0–9,3 s (på morgonen den 30 november 1,6 s
på 13,3 s). I A/B-mätningar med fem omväxlande varv låg kvoten på 1,07 × (1,05–1,09) efter
ändringarna nedan, mot 1,08–1,12 × före de två sista; i hela körningar den 30 november 1,07 × (16.38 UTC: 9,5 s mot 8,9 s) och 1,05 × (18.57 UTC: 10,1 s mot 9,5 s), och i en körning samma eftermiddag som stannade innan rapporten skrevs 9,7 s mot 9,0 s. Det som är kvar är mest sidorna:
ändringshistoriken ca 0,2 s (mest dess tabell med 700 rader), versionernas och personernas sidor
resten; git och cachen några hundradelar. Sex ändringar tog bort resten:

- tabellerna med ändringar är förseglade tills sökningen har läst sidan, så sökningens tolk läser
  dem inte (ca 0,2 s);
- de fem kopiorna (omkring 3 300 filer) flyttas undan innan MkDocs tömmer webbplatsmappen och
  tillbaka när bygget är klart, om de är oförändrade (förut 0,2 s att länka in dem och 0,2 s för
  MkDocs att ta bort dem);
- exportcachen: en tabell vars innehåll inte har ändrats kopieras ur cachen, och exportprocessen
  startas inte alls när inget är nytt. Historikens egna tabeller kostade förut ca 0,6 s CPU i
  exportprocessen; båda byggena sparar dessutom omkring 4 s CPU (import av pandas och alla
  tabeller), så baslinjen är nu omkring 9,4 s CPU i stället för 13,3 s;
- git-loggen och datamappens träd vid varje incheckning läses ur cachen (ca 0,15 s);
- historiken per post: varje slags poster går genom Markdown som ett enda färdigt block, rubrikerna
  inräknade, och adaptern för in rubrikerna i sidans innehållsförteckning och ankare
  (`macros/adapter/toc.py`). Markdown läste förut sidans 294 rubriker och omkring 600 block (ca
  0,12 s); sidorna är desamma (jämfört för hela den riktiga webbplatsen);
- en snabbare svensk sorteringsnyckel (samma ordning: ett egenskapstest håller den mot den gamla
  definitionen), incheckningarnas tidpunkter skrivna en gång per tidpunkt och tabellceller utan en
  ordbok per cell (tillsammans ca 0,1 s, mest på ändringshistoriken).

Tidigare samma dag: en post som bara har lagts till står i en mening i stället för en tabell med en
rad (historiken per post gick från 0,7 till 0,5 MB och den gemensamma från 0,33 till 0,2 MB),
*Hela planen* tar inte med aktiviteternas historik, och uppföljningens ändrade poster är en färdig
tabell i stället för en Markdown-tabell. Exportsteget utan cache (som ett första bygge, och som
exportmålet mäts) arbetar omkring 4 s på den andra kärnan (import av pandas 0,9 s, 170 tabeller
som Excel och CSV 3 s); bygget väntar på det omkring 0,3 s efter sista sidan.

En hel körning av `make bench` tar länge, mest för de stora skalorna: varje skala kräver tretton
byggen (ett som sparar sidorna, tre varv av bygget mot ren MkDocs och tre av exportsteget, med och
utan), och varje sida bär hela menyn, så ett bygge växer fortare än antalet sidor. På maskinen den
30 november på dagen tog ett bygge vid 10× 105–113 s, och hela körningen hade tagit flera timmar.
Samma kväll, på en snabbare maskin av samma slag (2 kärnor; den riktiga planens rena bygge 3,2–3,7 s mot
9,0 s), tog ett bygge vid 10× omkring 38 s och vid 50× omkring 4 minuter, och hela `make bench`
kördes för första gången, på omkring 70 minuter. Kvoterna är inte desamma på de två
maskinerna: motorns fasta kostnad (import, läsning) väger tyngre när sidbygget går fortare (den
riktiga planens bygge 0,95 × på dagen, omkring 1,1 × på kvällen), och förhandsvisningens fasta
väntan (bevakningens intervall) likaså. Historiken med varm cache kostar på båda maskinerna
omkring 0,4–0,7 s; på kvällens maskin är det 1,12 × (4,2 mot 3,8 s), över målet. Ett missat mål står som **MISSAT** i tabellen överst och
räknas i sammanfattningen.
"""
"""Where the remaining cost goes, kept by hand with the figures of the last runs."""


def _sv(value: float, decimals: int = 2) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def _spread(spread: Spread, decimals: int = 2, unit: str = " ×") -> str:
    """The median and its interval, as "1,15 × (1,12–1,18)" (one round: the value alone)."""
    if spread.rounds == 1:
        return f"{_sv(spread.median, decimals)}{unit}"
    return f"{_sv(spread.median, decimals)}{unit} ({_sv(spread.low, decimals)}–{_sv(spread.high, decimals)})"


def _ok(passed: bool, certain: bool = True) -> str:
    status = "uppfyllt" if passed else "**MISSAT**"
    return status if certain else f"{status} (gränsfall)"


def machine() -> dict[str, str]:
    """Cores, memory and CPU model of this machine."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    return {
        "Kärnor": str(os.cpu_count()),
        "Minne": memory or "okänt",
        "Processor": model or platform.processor() or "okänd",
        "System": f"{platform.system()} {platform.release()}",
    }


def versions() -> dict[str, str]:
    """Versions of Python and the libraries that do the work."""
    found = {"Python": platform.python_version()}
    for name in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "pydantic", "PyYAML"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "saknas"
    return found


class Verdict(NamedTuple):
    """One target: what it says, what was measured (median and interval), for which case, met or not."""

    target: str
    measured: str
    case: str
    met: bool
    certain: bool = True
    """False when the interval reaches over the target: the median decides, but a rerun might not agree."""


def _primary(results: Results) -> Case | None:
    return next((c for c in results.cases if c.factor == 0), None) or next(iter(results.cases), None)


def _scaling(results: Results) -> tuple[Case, Case] | None:
    synthetic = [c for c in results.cases if c.factor > 0]
    if len(synthetic) < 2:
        return None
    return min(synthetic, key=lambda c: c.factor), max(synthetic, key=lambda c: c.factor)


def _build_ratio(case: Case) -> float | None:
    """Our build over the plain build (median of the rounds' CPU-time ratios), or None when ours did not finish."""
    return case.build.pair.ratio if case.build and case.build.pair else None


def _judged(target: str, spread: Spread, limit: float, case: str) -> Verdict:
    met, certain = verdict(spread, limit)
    return Verdict(target, _spread(spread), case, met, certain and spread.rounds > 1)


def verdicts(results: Results) -> list[Verdict]:
    """Every target with its verdict; a measurement that did not finish misses its target."""
    rows: list[Verdict] = []
    check_target = f"Kontroll ≤ {_sv(CHECK_TARGET, 1)} × ren YAML-tolkning"
    build_target = f"Bygge ≤ {_sv(BUILD_TARGET)} × ren MkDocs"
    for case in results.cases:
        if case.check:
            rows.append(_judged(check_target, case.check.cpu, CHECK_TARGET, case.name))
    for case in results.cases:
        if case.build and case.build.pair:
            rows.append(_judged(build_target, case.build.pair.cpu, BUILD_TARGET, case.name))
        elif case.build:
            rows.append(Verdict(build_target, f"inte klart inom {case.build.limit:.0f} s", case.name, False))
    for case in results.cases:
        exports = case.build.exports if case.build else None
        if exports is not None:
            rows.append(
                _judged(
                    f"Exportsteget ≤ {_sv(EXPORT_TARGET)} × bygget utan export (väggtid)",
                    exports.wall,
                    EXPORT_TARGET,
                    case.name,
                )
            )
    scaling = _scaling(results)
    if scaling:
        small, big = scaling
        label = f"{big.name} mot {small.name}"
        if small.check and big.check:
            c_small, c_big = small.check.ratio, big.check.ratio
            rows.append(
                Verdict(
                    "Kontrollens kvot växer inte med datat",
                    f"{_sv(c_small)} → {_sv(c_big)}",
                    label,
                    c_big <= c_small + SCALING_TOLERANCE,
                )
            )
        b_small, b_big = _build_ratio(small), _build_ratio(big)
        if b_small is not None:
            if b_big is None:
                limit = big.build.limit if big.build else 0
                measured = f"{_sv(b_small)} → inte klart inom {limit:.0f} s"
            else:
                measured = f"{_sv(b_small)} → {_sv(b_big)}"
            met = b_big is not None and b_big <= b_small + SCALING_TOLERANCE
            rows.append(Verdict("Byggets kvot växer inte med datat", measured, label, met))
    for serve in results.serve:
        rows.append(
            _judged(
                f"Förhandsvisning ≤ {_sv(serve.target, 1)} × ren ombyggnad ({serve.edit.lower()})",
                serve.wait,
                serve.target,
                results.serve_case,
            )
        )
    if results.history:
        h = results.history
        ratio = h.ratio
        rows.append(
            Verdict(
                f"Historik och versioner med varm cache ≤ {_sv(HISTORY_TARGET)} × bygget utan",
                f"{_sv(ratio)} ×" if ratio is not None else "inte klart",
                f"{h.commits} incheckningar, {h.versions} versioner",
                ratio is not None and ratio <= HISTORY_TARGET,
            )
        )
    if results.weight:
        w = results.weight
        rows.append(
            Verdict(
                f"Sidvikt ≤ {_sv(WEIGHT_TARGET, 1)} × ren Material-sida",
                f"{_sv(w.ratio)} ×",
                results.weight_case,
                w.ratio <= WEIGHT_TARGET,
            )
        )
    return rows


def summary(results: Results) -> str:
    """One line: every ratio and whether its target is met."""
    rows = verdicts(results)
    parts = [f"{row.target} ({row.case}): {row.measured} ({'ok' if row.met else 'MISSAT'})" for row in rows]
    missed = sum(1 for row in rows if not row.met)
    verdict_text = "alla mål uppfyllda" if not missed else f"{missed} mål missade"
    if not rows:
        verdict_text = "inget mål kunde mätas"
    return f"Sammanfattning ({verdict_text}): " + "; ".join(parts)


def _table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def markdown(results: Results) -> str:
    """The whole BENCHMARKS.md."""
    out: list[str] = []
    add = out.append
    add("# Prestandamätning: vad kontroll, bygge och förhandsvisning kostar\n")
    add(
        "Den här filen skrivs av `make bench` (`benchmarks/`). Varje mätning jämförs med en baslinje som "
        "mäts i samma körning, varv för varv och omväxlande med den (A B B A …), så att annan last på "
        "datorn drabbar båda körningarna i ett varv lika. Målen gäller kvoter, inte sekunder.\n"
    )
    add(STATISTIC)
    add(
        f"Återskapa: `{results.command}` (tog {round(results.minutes)} minuter den här gången, varav upp till "
        f"{round(max((c.build.limit for c in results.cases if c.build), default=0) / 60)} minuter för ett bygge "
        f"som inte blir klart). Snabbare prov: `.venv/bin/python -m benchmarks --skalor 1,10 --snabb`; "
        f"`--tidsgrans SEKUNDER` ändrar tidsgränsen per bygge, `--behall` behåller arbetsmappen.\n"
    )
    before = ", ".join(_sv(x) for x in results.load_before)
    after = ", ".join(_sv(x) for x in results.load_after)
    add(
        f"Mätt {results.started:%Y-%m-%d %H:%M %Z}, på {machine()['Kärnor']} kärnor med last (load average "
        f"1, 5, 15 min) {before} före och {after} efter.\n"
    )
    if results.command != REPRODUCE:
        add(
            f"**Den här körningen var inte hela `{REPRODUCE}`** utan `{results.command}`: mål och skalor som "
            "den inte mätte saknas nedan.\n"
        )

    add("## Resultat mot målen\n")
    rows = [[v.target, v.measured, v.case, _ok(v.met, v.certain)] for v in verdicts(results)]
    add(_table(["Mål", "Mätt: median (intervall)", "Fall", "Status"], rows))
    add(f"\n{summary(results)}\n")
    if results.real_skipped:
        add(f"\nDen riktiga webbplatsen mättes inte: {results.real_skipped}\n")

    add("## 1. Kontroll mot ren YAML-tolkning\n")
    add(
        "*I processen*: `load()` (läsning med radnummer, validering med pydantic, korskontroller) mot "
        "`yaml.load(..., Loader=yaml.CSafeLoader)` av samma filer, i samma varma Python-process. Det är "
        "kostnaden för valideringen ovanpå läsningen, och den som målet gäller. *Hela kommandot*: "
        "`python -m macros check` mot ett skript som bara tolkar filerna; skillnaden där är mest "
        "Pythons start och import av pydantic och modellen, det en redaktör väntar på vid `make check` "
        '(inget mål; se "Var kostnaden går").\n'
    )
    rows = []
    for case in results.cases:
        c = case.check
        if c is None:
            continue
        rows.append(
            [
                case.name,
                case.size,
                f"{c.files} / {_sv(c.megabytes)} MB",
                _sv(c.parse_seconds, 3),
                _sv(c.check_seconds, 3),
                _spread(c.cpu),
                _spread(c.wall),
                _sv(c.command.baseline_cpu),
                _sv(c.command.subject_cpu),
                _spread(c.command.cpu),
                _spread(c.command.wall),
                str(len(c.parse)),
            ]
        )
    add(
        _table(
            [
                "Fall",
                "Storlek",
                "Filer / storlek",
                "Tolkning CPU s",
                "Kontroll CPU s",
                "Kvot CPU",
                "Kvot vägg",
                "Hela kommandot: tolkning CPU s",
                "kontroll CPU s",
                "kvot CPU",
                "kvot vägg",
                "Varv",
            ],
            rows,
        )
    )

    add("\n## 2–3. Bygge mot ren MkDocs, och hur det växer\n")
    add(
        "Vårt bygge (`mkdocs build --clean` med mkdocs-macros, datamotorns krokar och genererade "
        "aktivitets- och personsidor, utan exportsteget som mäts för sig nedan) mot ett bygge med samma "
        "konfiguration utan makro-pluginen och krokarna, av samma sidor med makrona redan utförda (varje "
        "sidas Markdown sparades efter makrona vid ett första bygge, som också värmer cacher och inte räknas; "
        "den HTML som motorn bär färdig genom Markdown sparas som HTML, så att det rena bygget gör och visar "
        "samma innehåll). Samma tema, mallar, tillägg, meny (med de "
        "genererade sidorna, som våra krokar lägger in) och sidfot (inställningarna i `extra` som krokarna "
        "sätter sparas vid det första bygget). Python får spara bytekod som på en vanlig dator. Den riktiga "
        "webbplatsens kopia bär projektets git-historik, så att bygget läser ändringshistoriken som ett "
        "riktigt bygge gör.\n"
    )
    rows = []
    for case in results.cases:
        b = case.build
        if b is None:
            continue
        p = b.pair
        if p is None:
            rows.append(
                [case.name, case.size, f"{b.pages} klara", "–", f"> {b.limit:.0f} s (avbrutet)", "inte klart"]
                + ["–"] * 3
                + ["1"]
            )
            continue
        rows.append(
            [
                case.name,
                case.size,
                str(b.pages),
                f"{_sv(p.baseline_cpu, 1)} / {_sv(p.baseline_seconds, 1)}",
                f"{_sv(p.subject_cpu, 1)} / {_sv(p.subject_seconds, 1)}",
                _spread(p.cpu),
                _spread(p.wall),
                f"{round(p.baseline_rss_mb)} / {round(p.subject_rss_mb)}",
                str(len(p.subject)),
            ]
        )
    add(
        _table(
            [
                "Fall",
                "Storlek",
                "Sidor",
                "Ren MkDocs CPU / vägg s",
                "Vårt bygge CPU / vägg s",
                "Kvot CPU",
                "Kvot vägg",
                "Toppminne MiB (ren / vårt)",
                "Varv",
            ],
            rows,
        )
    )
    add(
        "\nVar makronas tid går: tiden från att mkdocs-macros börjar på en sida tills den är klar, per sidtyp, "
        "under det första bygget (som sparar sidorna). Ett bygge som avbröts räknas fram till avbrottet.\n"
    )
    rows = []
    for case in results.cases:
        for item in case.build.macro_times if case.build else []:
            rows.append(
                [
                    case.name,
                    item.kind,
                    str(item.pages),
                    _sv(item.seconds, 1),
                    _sv(1000 * item.seconds / max(item.pages, 1), 0),
                    f"`{item.slowest_page}` {_sv(item.slowest_seconds, 2)} s",
                ]
            )
    if rows:
        add(_table(["Fall", "Sidtyp", "Sidor", "Makron totalt s", "Medel ms/sida", "Långsammast"], rows))
    add(
        f"\nSkalning: 1× är den riktiga planens storlek; 10× är tio planer av den storleken; 50× är tio "
        f"planer som var och en är fem gånger större (aktiviteter, upphandlingsbehov, personer, "
        f"rapporter och mätvärden). Kvoten vid den största skalan får dessutom vara högst "
        f'{_sv(SCALING_TOLERANCE)} större än vid 1× för att räknas som "inte sämre".\n'
    )

    add("\n### Exportsteget\n")
    add(
        "Vårt bygge med exportsteget (varje tabell som Excel och CSV, planerna som JSON med schema, "
        "kalendrarna och OCDS-paketen, skrivna in i den byggda webbplatsen) mot samma bygge utan det "
        "(`KATEGORIPLAN_EXPORT=av`, samma sidor och länkar), omväxlande. Bygget med exportsteget körs med "
        "`KATEGORIPLAN_EXPORT=utan-cache`: varje fil skrivs, som vid ett första bygge, i stället för att "
        "kopieras ur exportcachen (se historiken nedan). Exporterna skrivs av en egen process "
        "som startar när datat är läst och arbetar medan MkDocs bygger sidorna; *egen process* är dess tid "
        "från start till sista fil, *väntan* den tid bygget väntade på den efter sista sidan. Målet bedöms på "
        "väggtiden (det läsaren av bygget väntar), inte på CPU-tiden: processen arbetar på en egen kärna "
        "medan sidorna byggs, så dess CPU-tid räknas i kvoten CPU men förlänger inte bygget.\n"
    )
    rows = []
    for case in results.cases:
        b = case.build
        if b is None or b.exports is None:
            continue
        e = b.exports
        rows.append(
            [
                case.name,
                str(b.export_files),
                _sv(e.baseline_seconds, 1),
                _sv(e.subject_seconds, 1),
                _spread(e.wall),
                _spread(e.cpu),
                _sv(b.export_median("process_s"), 2),
                _sv(b.export_median("import_s"), 2),
                _sv(b.export_median("skriva_s"), 2),
                _sv(b.export_median("väntan_s"), 2),
                str(len(e.subject)),
            ]
        )
    if rows:
        headers = [
            "Fall",
            "Filer",
            "Utan export s",
            "Med export s",
            "Kvot väggtid (bedöms)",
            "Kvot CPU",
            "Egen process s",
            "varav import s",
            "skriva s",
            "Väntan s",
            "Varv",
        ]
        add(_table(headers, rows))

    add("\n## 4. Förhandsvisning: ombyggnad i `mkdocs serve` efter en ändring\n")
    if results.serve:
        add(
            f"Fall: {results.serve_case}. Vår server och en ren MkDocs-server för de färdiga sidorna körs "
            f"samtidigt, var och en på en ledig port på 127.0.0.1. I varje varv ändras först en datafil hos "
            f"oss och sedan samma sida hos den rena servern (dess Markdown), eller tvärtom (ordningen växlar). "
            f'Väntan räknas från att filen sparas tills servern skriver "Reloading browsers" (då laddar '
            f"webbläsaren om), och sidan kontrolleras visa ändringen. MkDocs bevakar filerna genom att titta "
            f"efter ändringar två gånger i sekunden, så upp till en halv sekund av väntan är bevakningens i "
            f"båda fallen. CPU-tiden är serverns (och git-kommandonas) från sparandet till omladdningen, ur "
            f"/proc. Ren MkDocs bygger alltid om hela webbplatsen; vår server gör om det som ändringen kan "
            f"påverka (README: Förhandsvisning). En ändring som bara några sidor visar (en aktivitets "
            f"planerade slut) ska synas på högst {_sv(PREVIEW_TARGET, 1)} × den rena ombyggnadens tid. Planens "
            f"namn står i menyn på varje sida och i rubrikerna till planens tabeller, så den ändringen gör om "
            f"varje sidas mall, planens sidor och de flesta exporterna: där finns lite att återanvända, och "
            f"målet är att förhandsvisningen ändå aldrig är långsammare än ren MkDocs "
            f"(≤ {_sv(PREVIEW_EVERYWHERE_TARGET, 1)} ×). Första varvet är det första sparandet efter start: "
            f"när kopian är ett git-förråd blir datat då inte längre incheckat, och det gör om de exporterade "
            f"filerna (deras skapandedatum blir dagens) och de sidor som visar vilka filer som inte är "
            f"incheckade (README: Förhandsvisning). Det varvet står också för sig, i kolumnen *Första "
            f"sparandet*; det ingår i medianen och intervallet som de andra.\n"
        )
        rows = []
        for s in results.serve:
            wait_ours, wait_plain = spread_of(s.ours.seconds), spread_of(s.plain.seconds)
            rows.append(
                [
                    f"{s.edit} (`{s.changed_file}`, sidan `{s.page}`)",
                    f"{_spread(wait_ours, unit=' s')} / {_spread(wait_plain, unit=' s')}",
                    f"{_sv(spread_of(s.ours.cpu_seconds).median)} / {_sv(spread_of(s.plain.cpu_seconds).median)}",
                    _spread(s.wait),
                    _spread(s.cpu),
                    f"{_sv(s.ours.seconds[0])} / {_sv(s.plain.seconds[0])} s "
                    f"({_sv(s.ours.seconds[0] / s.plain.seconds[0])} ×)",
                    str(len(s.ours.seconds)),
                ]
            )
        add(
            _table(
                [
                    "Ändring",
                    "Väntan vår / ren s",
                    "CPU vår / ren s",
                    "Kvot väntan (bedöms)",
                    "Kvot CPU",
                    "Första sparandet: väntan vår / ren (kvot)",
                    "Varv",
                ],
                rows,
            )
        )

    add("\n## 5. Minne och sidvikt\n")
    add("Toppminnet (ru_maxrss för byggprocessen) står i tabellen under punkt 2–3.\n")
    if results.weight:
        w = results.weight
        add(
            f"\nSidvikt för aktivitetssidan `{w.page}` ({results.weight_case}): HTML och varje lokal fil som "
            f"sidan laddar, mätt med {w.ours.method}. Baslinjen är samma sida byggd med Material utan våra "
            f"mallar, vår CSS och JavaScript (tema `material` med standardinställningar, samma Markdown). "
            f"Sidan har {'ett' if w.has_diagram else 'inget'} diagram; "
            f"{'diagrambibliotek laddas: ' + ', '.join(w.ours.diagram_files) if w.ours.diagram_files else 'inget diagrambibliotek laddas'}.\n"
        )

        def kb(value: int) -> str:
            return f"{value / 1024:,.1f}".replace(",", " ").replace(".", ",")

        add(
            _table(
                ["", "Filer", "KiB utan sökindex (jämförs)", "KiB allt", "KiB allt, gzip"],
                [
                    ["Vår sida", str(len(w.ours.files)), kb(w.counted_ours), kb(w.ours.total), kb(w.ours.gzip_total)],
                    [
                        "Ren Material-sida",
                        str(len(w.plain.files)),
                        kb(w.counted_plain),
                        kb(w.plain.total),
                        kb(w.plain.gzip_total),
                    ],
                ],
            )
        )
        add(
            "\nSökindexet (`search/search_index.json`) laddas av båda sidorna, är lika stort för båda och växer "
            'med webbplatsen; det räknas inte i kvoten men står i kolumnen "allt".\n'
        )
        extra = sorted(set(w.ours.files) - set(w.plain.files))
        if extra:
            add(
                "\nFiler som bara vår sida laddar: "
                + ", ".join(f"`{name}` ({w.ours.files[name]:,} byte)".replace(",", " ") for name in extra)
                + ".\n"
            )

    _history_section(results, add)

    add("\n## Syntetiskt data och sidor\n")
    add(
        "`benchmarks/generator.py` bygger data ur modellerna i `macros/model` (varje fil valideras med "
        "sin modell och skrivs ut ur den), deterministiskt med ett frö per skala. Effektmål, strategier, "
        "underkategorier och de första aktiviteterna har den riktiga planens id:n. Nulägesanalysen "
        "(bilaga 3) växer inte med en plans aktiviteter; varje syntetisk plan bär den riktiga planens "
        "nulägesanalys, och de delade id:n den och sidorna hänvisar till tas över. Sidorna är den riktiga "
        "planens sidor med plan-id:t utbytt, plus en genererad sida per makro som de riktiga sidorna "
        "ännu inte anropar. Varje makroanrop provas mot det syntetiska datat; ett anrop som inte går "
        "(id som saknas) tas bort och räknas nedan.\n"
    )
    rows = []
    for case in results.cases:
        if case.pages:
            p = case.pages
            rows.append([case.name, str(p.copied), str(p.generated), str(p.calls), str(len(p.dropped))])
    if rows:
        add(_table(["Fall", "Kopierade sidor", "Genererade sidor", "Makroanrop", "Borttagna anrop"], rows))
    dropped = sorted(
        {
            d.split(": ", 1)[1].replace("syntet-01", "…")
            for c in results.cases
            if c.pages
            for d in c.pages.dropped
            if d.startswith("syntet-01/") or "/" not in d.split(":")[0]
        }
    )
    if dropped:
        add(
            "\nBorttagna anrop (plan 1): "
            + ", ".join(f"`{d}`" for d in dropped[:15])
            + (" …" if len(dropped) > 15 else "")
            + "\n"
        )

    failures = [(case.name, text) for case in results.cases for text in case.failures]
    if failures:
        add("\n## Mätningar som inte gick att göra\n")
        for name, text in failures:
            lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
            telling = [line for line in lines[1:] if "Error" in line or "fel" in line][:3]
            add(f"- {name}: " + " / ".join(lines[:1] + telling))
        add("")

    add("\n## Var kostnaden går\n")
    add(FINDINGS)

    add("\n## Ändringar i motorn som mätningen ledde till\n")
    add(ENGINE_CHANGES)

    add("\n## Maskin, versioner och last\n")
    add(_table(["", ""], [[k, v] for k, v in {**machine(), **versions()}.items()]))
    before = ", ".join(_sv(x) for x in results.load_before)
    after = ", ".join(_sv(x) for x in results.load_after)
    add(
        f"\nLast (load average 1, 5, 15 min) före: {before}; efter: {after}. Andra processer delade "
        f"datorns kärnor under mätningen, så sekunderna varierar mellan körningar; kvoterna är mätta sida "
        f"vid sida och är det som jämförs med målen. Byggena av syntetiska webbplatser körs utan "
        f"`--strict` (de kopierade sidorna länkar till ankare som bara finns i den riktiga planen); den "
        f"riktiga webbplatsen byggs som i `make build`.\n"
    )
    return "\n".join(out)


def _history_section(results: Results, add: Any) -> None:
    """Section 6: the history and the decided versions, cold and warm."""
    h = results.history
    if h is None:
        return
    add("\n## 6. Historik och beslutade versioner\n")
    add(
        f"Ett syntetiskt git-förråd med den riktiga planens storlek (1×) och {h.commits} incheckningar som "
        "ändrar datat (en aktivitets tidplan, ibland en persons befattning eller ett upphandlingsbehov), "
        f"varav den sista registrerar {h.versions} beslutade versioner, var och en en tagg på en tidigare "
        "incheckning (`benchmarks/history.py`). *Kall cache*: första bygget, som jämför datat före och efter "
        f"varje incheckning och bygger de {h.versions} arkiverade kopiorna. *Varm cache*: samma bygge igen, "
        "mot samma data och sidor byggda utan git (ingen historik, inga versioner), omväxlande. Båda har "
        "varma cacher, också exportcachen (det rena bygget byggs en gång först, utan att räknas): en "
        "exporterad fil vars tabell inte har ändrats kopieras ur cachen i stället för att skrivas.\n"
    )
    if h.failure:
        add(f"\nMätningen misslyckades:\n\n```text\n{h.failure}\n```\n")
        return
    warm = h.warm
    rows = [
        [
            str(h.commits),
            str(h.versions),
            str(h.pages),
            _sv(h.cold_seconds, 1),
            _sv(warm.subject_seconds, 1) if warm else "–",
            _sv(warm.baseline_seconds, 1) if warm else "–",
            f"{_sv(h.ratio)} ×" if h.ratio is not None else "–",
            str(len(warm.subject)) if warm else "0",
        ]
    ]
    headers = ["Incheckningar", "Versioner", "Sidor", "Kall cache s", "Varm cache s", "Utan git s", "Kvot varm", "Varv"]
    add(_table(headers, rows))
