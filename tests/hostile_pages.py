"""Hostile content pages: each construct a Markdown-only pull request could use to run code,
with the line and the Swedish message the check and the build must give.

`{marker}` in a page stands for a file path; a payload that ran would create that file.
"""

from __future__ import annotations

from dataclasses import dataclass

RUN = "cycler.__init__.__globals__.os.popen('touch {marker}').read()"
"""A Jinja2 expression that runs a shell command when an unsandboxed template is rendered."""


@dataclass(frozen=True)
class HostilePage:
    """One hostile page: its name, its text, and where and what the check reports."""

    name: str
    text: str
    line: int
    message: str
    payload: bool = False
    """True when rendering the page unchecked would create the marker file."""

    def source(self, marker: str) -> str:
        """The page's text with the payload pointed at `marker`."""
        return self.text.replace("{marker}", marker)


HOSTILE_PAGES = [
    HostilePage(
        "attribut",
        "# Sida\n\nText.\n{{ " + RUN + " }}\n",
        4,
        "fel: attributet .read är inte tillåtet i {{ … }}; bara anrop av registrerade makron med fasta värden "
        'är tillåtna, t.ex. {{ aktivitetslista(plan="it-och-telekom") }}',
        payload=True,
    ),
    HostilePage("variabel", "# Sida\n\n{{ config }}\n", 3, "fel: 'config' är inget makroanrop; bara anrop av"),
    HostilePage("include", "# Sida\n\n{% include '/etc/passwd' %}\n", 3, "fel: {% include %} är inte tillåtet"),
    HostilePage("set", "# Sida\n\n{% set x = " + RUN + " %}\n", 3, "fel: {% set %} är inte tillåtet", payload=True),
    HostilePage("filter", "# Sida\n\n{{ " + RUN + "|e }}\n", 3, "fel: filtret |e är inte tillåtet", payload=True),
    HostilePage("import", "# Sida\n\n{% import 'index.md' as sida %}\n", 3, "fel: {% import %} är inte tillåtet"),
    HostilePage(
        "macro",
        "# Sida\n\n\n{% macro m() %}{{ " + RUN + " }}{% endmacro %}{{ m() }}\n",
        4,
        "fel: {% macro %} är inte tillåtet",
        payload=True,
    ),
    HostilePage(
        "for",
        "# Sida\n\n{% for x in [" + RUN + "] %}{% endfor %}\n",
        3,
        "fel: {% for %} är inte tillåtet",
        payload=True,
    ),
    HostilePage(
        "argument",
        "# Sida\n\n{{ aktivitetslista(\n    plan=" + RUN + ") }}\n",
        4,
        "fel: argumentet 'plan' till aktivitetslista ska vara ett fast värde",
        payload=True,
    ),
    HostilePage("okant-makro", "# Sida\n\n{{ macros_info() }}\n", 3, "fel: okänt makro 'macros_info'"),
    HostilePage(
        "render-macros",
        "---\nhide:\n  - toc\nrender_macros: true\n---\n\n# Sida\n",
        4,
        "fel: 'render_macros' får inte stå i sidhuvudet",
    ),
    HostilePage(
        "dolt-makro",
        "---\nplanlista: ingen\n---\n\n# Sida\n\n{{ planlista() }}\n",
        2,
        "fel: nyckeln 'planlista' i sidhuvudet har samma namn som makrot planlista",
    ),
    HostilePage(
        "titel-yaml",
        '---\nhide:\n  - toc\ntitle: "\\x7B\\x7B ' + RUN + ' \\x7D\\x7D"\n---\n\nText.\n',
        4,
        "fel: 'title' i sidhuvudet innehåller mallkod",
        payload=True,
    ),
    HostilePage(
        "titel-metadata",
        "title: {{ " + RUN + " }}\n\nText.\n",
        1,
        "fel: 'title' i sidhuvudet innehåller mallkod",
        payload=True,
    ),
    HostilePage(
        "efter-sidhuvud",
        "---\nhide:\n  - toc\n---\n\n\n# Sida\n\nText.\n\n{% set x = 1 %}\n",
        11,
        "fel: {% set %} är inte tillåtet",
    ),
    HostilePage(
        "syntaxfel",
        '# Sida\n\nText.\n\n{{ aktivitetslista(plan="it-och-telekom" }}\n',
        5,
        "fel: mallkoden går inte att tolka (unexpected '}', expected ')'); bara anrop av",
    ),
]
