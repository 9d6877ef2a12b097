"""The two text kinds: plain text is never interpreted, rich text is only the declared subset.

Properties over arbitrary text, through the site's own Markdown configuration (mkdocs.yml's
extensions), in every context a view puts data text in.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from macros.model import text as text_module
from macros.model.text import plain_problem, rich_problem
from macros.render.safe import parsed_rich, plain, rich
from tests.sitebuild import ROOT

SYNTAX = "&<>\"'\\`*_[]{}|#~^!?:=+-.()/ \n0123456789aAbB@%;$"
"""Characters that mean something to HTML, Markdown or an extension, and a few letters."""

texts = st.text(alphabet=st.sampled_from(list(SYNTAX)) | st.characters(codec="utf-8"), max_size=60)


def site_markdown() -> markdown.Markdown:
    """A Markdown converter with exactly the extensions and settings of mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    settings_by_name: dict[str, dict[str, object]] = {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        settings_by_name[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=settings_by_name)


MD = site_markdown()


class Elements(HTMLParser):
    """Collects every element (tag and attributes) and the text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record an element."""
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        """Record text."""
        self.text.append(data)


def parsed(html: str) -> Elements:
    """The elements and text of `html`."""
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def convert(source: str) -> str:
    """`source` converted by the site's Markdown."""
    MD.reset()
    return MD.convert(source)


def normalised(text: str) -> str:
    """Text as plain text is shown: whitespace runs as one space, control characters as U+FFFD."""
    spaced = re.sub(r"[ \t\n\r\f\v\x1c-\x1f\x85\u2028\u2029]+", " ", text)
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "\ufffd", spaced).strip()


CONTEXTS = {
    "stycke": ("{}", "p"),
    "rubrik": ("## {}", "h2"),
    "listpunkt": ("- {}", "li"),
    "tabellcell": ("| A | B |\n|---|---|\n| {} | x |", "td"),
    "länktext": ("[{}](../annan/)", "a"),
    "kursiv": ("*{}*", "em"),
    "efter stycke": ("Stycke\n{}", "p"),
    "i anmärkning": ('!!! note "Titel"\n\n    {}', "p"),
}
"""Where views put plain text, and the element whose text it must become."""

STRUCTURE = {"p", "h2", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "em", "div"}
"""Elements the contexts themselves make (never elements from the text)."""


@pytest.mark.parametrize("context", CONTEXTS)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
@example(text="[x](javascript:alert(1)) {: onclick=alert(1) } <b>")
@example(text="- 1. # > !!! note | a | --- *[HTML]: x [^1]: y [TOC]")
def test_plain_text_is_never_interpreted(context: str, text: str) -> None:
    """Any text through `plain` shows exactly as written and adds no element, in every context."""
    template, holder = CONTEXTS[context]
    html = convert(template.format(plain(text)))
    found = parsed(html)
    assert holder in {tag for tag, _ in found.elements} or not normalised(text), html
    extra = [(tag, attrs) for tag, attrs in found.elements if tag not in STRUCTURE]
    assert not extra, html
    assert all(not name.startswith("on") for _, attrs in found.elements for name in attrs), html
    assert normalised(text) in normalised("".join(found.text)), html


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_plain_text_is_inert_in_attributes_and_svg(text: str) -> None:
    """`plain` output inside an HTML attribute or SVG text never closes it or adds an element."""
    html = f'<div title="{plain(text)}"><svg><text>{plain(text)}</text></svg></div>'
    found = parsed(html)
    assert [tag for tag, _ in found.elements] == ["div", "svg", "text"]
    assert found.elements[0][1]["title"] == normalised(text)


RICH_ELEMENTS = {"p", "ul", "ol", "li", "em", "strong", "a", "br", "sup", "div", "hr"}
"""Elements rich text may become (sup, div and hr only from footnote references)."""


@settings(max_examples=400, deadline=None)
@given(text=texts)
@example(text="[^1](javascript:alert(1)) [a](javascript:alert(1)) [b](//evil.example/) {: #x onclick=y }")
@example(text="<script>alert(1)</script><img src=x onerror=alert(1)> <https://x.example>")
@example(text="Slutar med en fotnot[^12]")
@example(text="- a\n  - b\n\n1. c\n\n> quote\n\n# heading\n\n    code\n\n| t | u |\n|---|---|\n| 1 | 2 |")
def test_rich_text_only_becomes_the_subset(text: str) -> None:
    """Any text through `rich`, checked or not, gives only the subset's elements and safe links."""
    for source in (rich(text), rich(text, inline=True)):
        found = parsed(convert(source))
        assert {tag for tag, _ in found.elements} <= RICH_ELEMENTS, source
        for _, attrs in found.elements:
            assert not any(name.startswith("on") or name == "style" for name in attrs), source
            href = attrs.get("href") or ""
            assert not re.match(r"\s*(?!https?:|mailto:)[a-z][a-z0-9+.-]*:", href, re.I), source
            assert not href.strip().startswith("//"), source


def test_rich_text_renders_the_subset() -> None:
    """Emphasis, strong, lists, links and footnote references of the subset render as meant."""
    html = convert(
        rich("Ett *kursivt* och **fett** ord, [en länk](https://www.msb.se/) och [sidan](../x/).\n\n- a\n- b\n\n3. c")
    )
    assert "<em>kursivt</em>" in html and "<strong>fett</strong>" in html
    assert '<a href="https://www.msb.se/">en länk</a>' in html and '<a href="../x/">sidan</a>' in html
    assert "<ul>\n<li>a</li>\n<li>b</li>\n</ul>" in html and "<ol>\n<li>c</li>" in html


def test_rich_text_keeps_the_sources_footnote_references() -> None:
    """A footnote reference in rich text still points at the page's footnote."""
    html = convert(rich("Som källan säger[^33].") + "\n[^33]: Källan.\n")
    assert 'href="#fn:33"' in html


def test_rich_text_keeps_the_sources_footnote_definitions() -> None:
    """A paragraph "[^1]: …" in rich text is the footnote its reference points at, with inert text."""
    html = convert(rich("Se princip 5[^1].\n\n[^1]: Arkitekturprinciper *nr 5* <b>x</b> [a](javascript:x)"))
    assert 'href="#fn:1"' in html and 'id="fn:1"' in html
    found = parsed(html)
    assert {tag for tag, _ in found.elements} <= RICH_ELEMENTS | {"a"}
    assert not any((attrs.get("href") or "").startswith("javascript") for _, attrs in found.elements)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a <b> c", "mindre än"),
        ("a > b", "mer än"),
        ("Rubrik {: #id }", "attributlistor"),
        ("Rubrik {.klass}", "attributlistor"),
        ("Rubrik {onclick=x}", "attributlistor"),
        ("&lt;", "teckenreferensen &lt;"),
        ("a\u202eb", "riktningstecken (U+202E)"),
        ("a\u200bb", "osynligt tecken"),
        ("a\x07b", "styrtecken (U+0007)"),
    ],
)
def test_plain_text_refuses_markup_and_invisible_characters(text: str, words: str) -> None:
    """Markup and invisible characters in plain text are refused with a Swedish reason."""
    assert words in (plain_problem(text) or "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("<b>fet</b>", "HTML är inte tillåtet"),
        ("<!-- kommentar -->", "HTML är inte tillåtet"),
        ("<https://x.example>", "HTML är inte tillåtet"),
        ("[a](javascript:alert(1))", "inte till javascript:"),
        ("[a](data:text/html,x)", "inte till data:"),
        ("[a](//evil.example/)", "saknar protokoll"),
        ("![bild](https://x.example/a.png)", "bilder kan inte visas"),
        ("- punkt {: onclick=x }", "attributlistor"),
        ("&#60;b&#62;", "teckenreferensen &#60;"),
    ],
)
def test_rich_text_refuses_html_attribute_lists_and_other_links(text: str, words: str) -> None:
    """Raw HTML, attribute lists, pictures and links other than http(s), mailto or the site are refused."""
    assert words in (rich_problem(text) or "")


@pytest.mark.parametrize(
    "text",
    [
        "Kategoriplan IT & Telekom",
        "5 < 6 år",
        "[länk](https://www.msb.se/x_(y))",
        "[sida](../x/#a)",
        "mejla [oss](mailto:a@b.se)",
    ],
)
def test_rich_text_accepts_the_subset(text: str) -> None:
    """Ordinary text, a lone < followed by a space, and allowed links pass the rich-text check."""
    assert rich_problem(text) is None


@settings(max_examples=3000, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab c\n\n  &<>#|{}~`!:-.1)\u00a0\u2003\t\r*_[]\\+^")), max_size=40))
@example(text="a\n    b")
@example(text="   \n\na")
@example(text="1.5 procent\n\n2024.")
@example(text="1\n\n\xa0")
@example(text="a\n\n\u2003\n\nb")
def test_plain_paragraphs_skip_the_parser_with_the_same_result(text: str) -> None:
    """Text of words and paragraphs renders exactly as the full rich-text pipeline renders it."""
    for inline in (False, True):
        assert rich.__wrapped__(text, inline=inline) == parsed_rich(text, inline=inline)


def _first_refused_character(text: str) -> str | None:
    """The reference: every character in turn, as the check read a text before it searched with one pattern."""
    for char in text:
        if text_module._character_problem(char) is not None:
            return text_module._character_problem(char)
    return None


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.characters(max_codepoint=0x3000) | st.sampled_from(["\u200b", "\u202e", "\u2066", "\ufeff"]))
)
def test_the_invisible_character_search_finds_what_a_loop_finds(text: str) -> None:
    """The one-pattern search for refused characters gives the same reason as checking each character in turn."""
    assert text_module._invisible_problem(text) == _first_refused_character(text)
