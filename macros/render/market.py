"""Macros for the market analyses: each analysis with its source, its sections as the
document has them (summary, findings, recommendations), the editors' notes and the
plans' underkategorier and activities that refer to it."""

from __future__ import annotations

from macros.model.market_analysis import AnalysisPart, MarketAnalysis
from macros.render.context import Site
from macros.render.guidance import guidance_notes, guidance_references, guidance_source
from macros.render.registry import macro
from macros.render.safe import plain, rich
from macros.render.text import admonition, bullets


@macro("marknadsanalyser", "marknadsanalyser()")
def market_analyses(site: Site) -> str:
    """Alla behovs- och marknadsanalyser: källa, avsnitten ordagrant, redaktionens noter och planernas hänvisningar."""
    analyses = site.model.guidance.analyses
    if not analyses:
        return "Datat innehåller ingen behovs- eller marknadsanalys.\n"
    return "\n".join(_analysis(site, analysis) for analysis in analyses)


def _analysis(site: Site, analysis: MarketAnalysis) -> str:
    """One analysis as a section of the page."""
    parts = [
        f"## {plain(analysis.source.title)} {{#{analysis.id}}}\n",
        guidance_source(site, dokument=analysis.id),
        "### Hänvisas från kategoriplanerna\n",
        "Planerna hänvisar hit som läsning, inte som planens egen text.\n",
        guidance_references(site, dokument=analysis.id),
    ]
    for section in analysis.sections:
        number = f"{plain(section.number)} " if section.number else ""
        parts.append(f"### {number}{plain(section.heading)}\n")
        parts += [_part(part) for part in section.parts]
    parts += ["### Redaktionens anmärkningar\n", guidance_notes(site, dokument=analysis.id)]
    return "\n".join(parts)


def _part(part: AnalysisPart) -> str:
    """A part: its heading (with an anchor when it has an id), text, points and the editors' note."""
    parts = []
    if part.heading:
        anchor = f" {{#{part.id}}}" if part.id else ""
        parts.append(f"#### {plain(part.heading)}{anchor}\n")
    elif part.id:
        parts.append(f'<span id="{part.id}"></span>\n')
    if part.text:
        parts.append(rich(part.text))
    if part.points:
        parts.append(bullets([rich(point, inline=True) for point in part.points]))
    if part.note:
        parts.append(admonition("warning", "Redaktionell anmärkning", rich(part.note)))
    return "\n".join(parts)
