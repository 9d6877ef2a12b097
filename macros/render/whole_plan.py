"""The whole plan as one document to print or save as PDF ("Hela planen som PDF").

The page is generated for every plan (`context.generated_pages`). This macro writes only its
frame: the title, the line that names the plan, its version and the data's date (printed at
the top of every page), and a placeholder where the adapter puts the chapters themselves, as
the site has already rendered them (`macros.adapter.whole_plan`): nothing is rendered twice
and no renderer is duplicated.
"""

from __future__ import annotations

from macros.model.catalog import Plan
from macros.render.context import Site
from macros.render.registry import macro
from macros.render.safe import plain

PLACEHOLDER = '<div class="hela-planen" data-hela-planen="{plan}"></div>'
"""Where the adapter puts the chapters; `plan` is the plan's id."""


def version_text(plan: Plan) -> str:
    """The plan's version as 11.0 gives it, or that the plan gives none."""
    if not plan.meta.versions:
        return "ingen versionsbeteckning i planen"
    latest = plan.meta.versions[-1]
    return latest.version + (f" ({latest.date.isoformat()})" if latest.date else "")


def data_date(site: Site) -> str:
    """When the data was last changed (git; the footer says the same), or why that is not known."""
    if site.archive is not None:
        return f"beslutet {site.archive.date} (en läsbar kopia av den beslutade versionen {site.archive.version})"
    history = site.history
    changed = history.data_changed
    if history.unavailable or changed is None:
        return f"okänt (bygget hade ingen ändringshistorik), sidan byggd {site.today.isoformat()}"
    commit = next(c for c in history.commits if c.made == changed)
    uncommitted = " och ändringar som inte är incheckade" if history.uncommitted else ""
    return f"{changed.date().isoformat()} (ändring {commit.id[:7]}{uncommitted})"


def print_line(site: Site, plan: Plan) -> str:
    """What every printed page says about what it shows: plan, version and the data's date."""
    return f"{plan.meta.name} · Version: {version_text(plan)} · Data per {data_date(site)}"


@macro("hela_planen", 'hela_planen(plan="it-och-telekom")')
def whole_plan(site: Site, *, plan: str) -> str:
    """Hela planen på en sida, i källans ordning med aktiviteternas sidor, att skriva ut eller spara som PDF.

    Varje utskriven sida får planens namn, version och datum för datat överst och underst.
    Sidan skapas av webbplatsen för varje plan; kapitlen är desamma som på planens egna sidor.
    """
    p = site.plan(plan)
    line = plain(print_line(site, p))
    return (
        f"# Hela planen: {plain(p.meta.name)}\n\n"
        f'<p class="utskrift-huvud">{line}</p>\n\n'
        f'<p class="utskrift-fot" aria-hidden="true">{line}</p>\n\n'
        '<div class="hela-planen-om" markdown>\n\n'
        "Här står hela planen i källans ordning, med varje aktivitets sida efter aktivitetslistan, "
        "så att den kan skrivas ut eller sparas som PDF: välj *Skriv ut* i webbläsaren (Ctrl+P, "
        "på Mac Cmd+P) och skrivaren *Spara som PDF*. Varje utskriven sida får planens namn, "
        "version och datum för datat. Sidan innehåller samma text som planens egna sidor; "
        "webbplatsens översikter ingår inte, och inte heller uppföljningens sidor: varje periods "
        "uppföljningsrapport skrivs ut för sig från sin egen sida. Aktiviteternas ändringshistorik "
        "står på varje aktivitets egen sida, inte här.\n\n"
        "</div>\n\n" + PLACEHOLDER.format(plan=plain(p.id)) + "\n"
    )
