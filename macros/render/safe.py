"""The only two ways text from the data reaches a page: `plain` and `rich`.

Views write Markdown that MkDocs (Python-Markdown and its extensions) turns into HTML, and
some of it is raw HTML (tables, diagrams). Text from the data must therefore be inert in
both languages at once:

- `plain(text)` escapes HTML and every character Python-Markdown or an enabled extension
  could read as syntax (`*`, `_`, `[`, `` ` ``, `{`, `|`, `#` …, and at the start of a line
  also `-`, `+`, `:`, `!`, `1.` …) as character references. The result shows the text
  exactly as written, in a paragraph, a heading, a table cell, a link text, an HTML
  attribute or an SVG label alike.
- `rich(text)` renders the declared Markdown subset (`macros.model.text.RICH_SUBSET`) with
  markdown-it (raw HTML off), sanitises the HTML with nh3 (an allow-list of tags,
  attributes and link schemes) and writes the result back as Markdown whose text is escaped
  as by `plain`: paragraphs and lists as Markdown blocks, emphasis and links as inline HTML.
  The source's footnote references (`[^12]`) stay Markdown, so that the page's footnotes
  (written in `content/`) still resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from macros.model.text import ALLOWED_SCHEMES, link_problem, rich_parser

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_ALWAYS = {char: f"&#{ord(char)};" for char in "&<>\"'\\`*_[]{}|#~"}
"""Characters that are HTML or Markdown syntax anywhere in a line."""

_AT_LINE_START = {char: f"&#{ord(char)};" for char in "-+=:!?"}
"""Characters that are Markdown syntax at the start of a line (lists, admonitions, definitions …)."""

_ORDERED_START = re.compile(r"^(\d+)([.)])(?=\s|$)")
"""A number that would start an ordered list ("2024. "); "9.2.1" does not."""
_AFTER_FOOTNOTE = "(:"
"""Characters that would join a footnote reference to what follows (a link target, a definition)."""
_FOOTNOTE = re.compile(r"\[\^[A-Za-z0-9_-]{1,40}\]")
_WHITESPACE = re.compile(r"[ \t\n\r\f\v\x1c-\x1f\x85\u2028\u2029]+")
"""Spaces and line breaks, which plain text shows as one space (no-break spaces are kept)."""
_TRANSLATION = str.maketrans(_ALWAYS)


def _encode(text: str, *, line_start: bool) -> str:
    """`text` with every HTML or Markdown syntax character written as a character reference."""
    encoded = text.translate(_TRANSLATION)
    if not line_start or not encoded:
        return encoded
    if match := _ORDERED_START.match(encoded):
        return match.group(1) + f"&#{ord(match.group(2))};" + encoded[match.end() :]
    return _AT_LINE_START.get(encoded[0], encoded[0]) + encoded[1:]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters (other than line breaks and tabs); the check refuses them, `plain` shows them as �.

Python-Markdown uses \x02 and \x03 to delimit its own placeholders, so they must never pass."""


def _visible(text: str) -> str:
    """Whitespace runs as one space, control characters as U+FFFD."""
    return _CONTROL.sub("\ufffd", _WHITESPACE.sub(" ", text))


@lru_cache(maxsize=16384)
def plain(text: str) -> str:
    """Plain text from the data, escaped for HTML and Markdown; whitespace runs become one space."""
    return _encode(_visible(text).strip(), line_start=True)


_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br"}
_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
_INLINE_TAGS = {"em", "strong", "a"}
_LIST_MARKERS = re.compile(r"^(- |\d+\. )")
"""How a list block starts; two lists in a row need a separator, or Python-Markdown joins them."""


@dataclass
class _Node:
    """An element of the sanitised HTML (or a text node when `tag` is empty)."""

    tag: str
    attributes: dict[str, str] = field(default_factory=dict)
    children: list[_Node] = field(default_factory=list)
    text: str = ""


class _TreeBuilder(HTMLParser):
    """Reads nh3's well-formed output into `_Node`s (entities already decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open an element; `<br>` has no end tag."""
        node = _Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag != "br":
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        """Close the innermost open element of this kind."""
        if tag != "br" and len(self.stack) > 1 and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        """Keep text as a text node."""
        self.stack[-1].children.append(_Node("", text=data))


def _inline(nodes: list[_Node], *, line_start: bool) -> str:
    """Inline content as one line of Markdown: escaped text, emphasis and links as inline HTML."""
    parts: list[str] = []
    for node in nodes:
        at_start = line_start and not parts
        if not node.tag:
            parts.append(_text(node.text, line_start=at_start))
        elif node.tag == "br":
            parts.append("<br>")
        elif node.tag == "a" and "href" not in node.attributes:  # a link whose target was refused: its text
            parts.append(_inline(node.children, line_start=at_start))
        elif node.tag in _INLINE_TAGS:
            href = f' href="{_attribute(node.attributes["href"])}"' if node.tag == "a" else ""
            parts.append(f"<{node.tag}{href}>{_inline(node.children, line_start=False)}</{node.tag}>")
        else:  # a block element inside inline content (a list in a table cell): keep it as HTML
            parts.append(_block_as_html(node))
    return "".join(parts)


def _text(text: str, *, line_start: bool) -> str:
    """A text node: escaped, one line, with the source's footnote references left as Markdown."""
    flat = _visible(text)
    if line_start:
        flat = flat.lstrip()
    pieces = _FOOTNOTE.split(flat)
    references = _FOOTNOTE.findall(flat)
    out = [_encode(pieces[0], line_start=line_start)]
    for reference, rest in zip(references, pieces[1:], strict=True):
        after = _encode(rest, line_start=False)
        if after and after[0] in _AFTER_FOOTNOTE:  # "[^1](…)" or "[^1]:" must not become a link or a definition
            after = f"&#{ord(after[0])};" + after[1:]
        out += [reference, after]
    return "".join(out)


def _attribute(value: str) -> str:
    """An attribute value with every HTML or Markdown syntax character as a character reference."""
    return value.translate(_TRANSLATION)


def _block_as_html(node: _Node) -> str:
    """A list or paragraph written as inline HTML on one line (for table cells)."""
    if node.tag in ("ul", "ol"):
        start = node.attributes.get("start")
        opening = f'<ol start="{_attribute(start)}">' if node.tag == "ol" and start else f"<{node.tag}>"
        items = "".join(f"<li>{_inline(child.children, line_start=False)}</li>" for child in node.children if child.tag)
        return f"{opening}{items}</{node.tag}>"
    return f"<{node.tag}>{_inline(node.children, line_start=False)}</{node.tag}>"


def _blocks(nodes: list[_Node]) -> list[list[str]]:
    """Block content as Markdown: one list of lines per block."""
    blocks: list[list[str]] = []
    loose: list[_Node] = []
    for node in nodes:
        if node.tag in ("p", "ul", "ol"):
            if loose:
                blocks.append([_inline(loose, line_start=True)])
                loose = []
            blocks.append(_list(node) if node.tag != "p" else [_paragraph(node)])
        elif node.tag or node.text.strip():
            loose.append(node)
    if loose:
        blocks.append([_inline(loose, line_start=True)])
    return [[line.rstrip() for line in block] for block in blocks if any(line.strip() for line in block)]


_DEFINITION = re.compile(r"^\s*(\[\^[A-Za-z0-9_-]{1,40}\]):\s*")
"""A footnote definition as the source writes it at the start of a paragraph: "[^1]: Källan …"."""


def _paragraph(node: _Node) -> str:
    """A paragraph as one Markdown line; one that starts "[^1]: " stays the footnote definition it is."""
    first = node.children[0] if node.children else None
    match = _DEFINITION.match(first.text) if first is not None and not first.tag else None
    if first is None or match is None:
        return _inline(node.children, line_start=True)
    rest = [_Node("", text=first.text[match.end() :]), *node.children[1:]]
    return f"{match.group(1)}: {_inline(rest, line_start=True)}"


def _list(node: _Node) -> list[str]:
    """A Markdown list; nested blocks are indented four spaces, as Python-Markdown wants."""
    lines: list[str] = []
    number = int(node.attributes.get("start") or 1)
    for item in (child for child in node.children if child.tag == "li"):
        marker = f"{number}. " if node.tag == "ol" else "- "
        number += 1
        inner = _blocks(item.children) or [[""]]
        first, *rest = inner
        lines.append(marker + first[0])
        lines += ["    " + line if line else "" for line in first[1:]]
        for block in rest:
            lines += ["", *("    " + line if line else "" for line in block)]
    return lines


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    """The markdown-it parser of rich text (built once)."""
    return rich_parser()


def _sanitised_html(text: str) -> str:
    """Rich text as HTML: markdown-it with raw HTML off, then nh3's allow-list."""
    import nh3  # imported when the first text needs the parser and the sanitiser

    html = _renderer().render(text)
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel=None,
        strip_comments=True,
        attribute_filter=_allowed_attribute,
    )


def _allowed_attribute(tag: str, name: str, value: str) -> str | None:
    """nh3's attribute filter: a link keeps its target only when the rich-text check would allow it."""
    if name == "href" and link_problem(value):
        return None
    return value


_MARKUP = re.compile(r"[*_\[\]\\\r]| {2,}\n|^[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)
"""What makes a text more than paragraphs of words for the rich-text subset: emphasis, links,
escapes, hard line breaks and list items. A text without any of them is paragraphs only."""

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@lru_cache(maxsize=4096)
def rich(text: str, *, inline: bool = False) -> str:
    """Rich text from the data as inert Markdown.

    Blocks are separated by blank lines; `inline=True` gives one line (for table cells and
    list items): a single paragraph as its inline content, anything else as inline HTML.
    A text that is only paragraphs of words (most of the plan's prose) skips the parser,
    with exactly the result the parser would give (a property test holds the two together).
    """
    if not _MARKUP.search(text) and not _CONTROL.search(text):
        paragraphs = [part for part in _BLANK_LINE.split(text) if part.strip(" \t\n")]
        if not inline:  # a paragraph of spaces of other kinds (no-break, em) ends up empty: the parser drops it
            blocks = (_text(part, line_start=True).rstrip() for part in paragraphs)
            return "\n\n".join(block for block in blocks if block) + "\n"
        if len(paragraphs) == 1:
            return _text(paragraphs[0], line_start=True).rstrip()
    return parsed_rich(text, inline=inline)


def parsed_rich(text: str, *, inline: bool = False) -> str:
    """Rich text through markdown-it, nh3 and back to Markdown (see `rich`)."""
    builder = _TreeBuilder()
    builder.feed(_sanitised_html(text))
    builder.close()
    nodes = builder.root.children
    return _one_line(nodes) if inline else _markdown_blocks(nodes)


def _one_line(nodes: list[_Node]) -> str:
    """Rich text on one line: a single paragraph's inline content, anything else as inline HTML."""
    shown = [node for node in nodes if node.tag or node.text.strip()]
    if len(shown) == 1 and shown[0].tag == "p":
        return _inline(shown[0].children, line_start=True).rstrip()
    return "".join(_block_as_html(node) if node.tag else _text(node.text, line_start=False) for node in shown)


def _markdown_blocks(nodes: list[_Node]) -> str:
    """Rich text as Markdown blocks separated by blank lines; two lists in a row are kept apart."""
    blocks = _blocks(nodes)
    joined = [
        ("<!-- -->\n\n" if _LIST_MARKERS.match(before[0]) and _LIST_MARKERS.match(block[0]) else "") + "\n".join(block)
        for before, block in zip([[""], *blocks], blocks, strict=False)
    ]
    return "\n\n".join(joined) + "\n"
