"""The two kinds of text in the data: plain text and rich text, declared per field.

Every text field of the model is one of them, and the JSON Schema tells editors which:

- **plain text** (`PlainText`): names, titles, labels, short phrases. Never interpreted:
  it reaches the page escaped, so `*`, `[`, `#` and `&` show as themselves. It may not
  contain markup that cannot be meant as text (`<`, `>`, attribute lists, character
  references) nor invisible characters (control characters, bidirectional overrides,
  zero-width characters).
- **rich text** (`RichText`): the plan's prose. A small Markdown subset, `RICH_SUBSET`:
  paragraphs, *emphasis*, **strong**, lists, links to http(s), mailto and the site's own
  pages, and the source's footnote references (`[^12]`). Raw HTML, attribute lists,
  pictures and other link schemes are refused.

The rules are checked when the data is loaded (the messages are Swedish and land on the
value's line); `macros.render.safe` is the only way either kind reaches HTML.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, get_args

from pydantic import AfterValidator, StringConstraints, WithJsonSchema
from pydantic.fields import FieldInfo

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


class TextKind(Enum):
    """How a text field reaches the page."""

    PLAIN = "ren text"
    RICH = "formaterad text"


RICH_SUBSET = ("list", "emphasis", "link", "newline", "escape")
"""markdown-it rules enabled on top of its "zero" preset (paragraphs and text)."""

ALLOWED_SCHEMES = ("http", "https", "mailto")
"""Link schemes rich text may use; links without a scheme point into the site."""


def rich_parser(*, permissive_links: bool = False) -> MarkdownIt:
    """The Markdown parser of rich text: CommonMark's paragraphs plus `RICH_SUBSET`, raw HTML off.

    `permissive_links` keeps every link (for the check, which explains refused schemes);
    the renderer uses markdown-it's own link validation on top of ours.
    """
    from markdown_it import MarkdownIt  # imported when first needed: most runs never parse a link

    parser = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    parser.enable(list(RICH_SUBSET))
    if permissive_links:
        parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


@lru_cache(maxsize=1)
def _check_parser() -> MarkdownIt:
    """The parser the rich-text check uses to find links (built when a text first has one)."""
    return rich_parser(permissive_links=True)


_INVISIBLE = {
    "\u200b": "nollbreddsmellanslag (U+200B)",
    "\u200c": "nollbreddsicke-sammanfogare (U+200C)",
    "\u200d": "nollbreddssammanfogare (U+200D)",
    "\u2060": "ordfogare (U+2060)",
    "\ufeff": "nollbredds hårt mellanslag (U+FEFF)",
    "\u00ad": "mjukt bindestreck (U+00AD)",
}
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*(?:[#.][\w-]|[\w-]+[ \t]*=)")
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_HTML_TAG = re.compile(r"<[ \t]*(?:/[ \t]*)?[A-Za-z!?]")
_PICTURE = re.compile(r"!\[[^\]]*\]\(")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def _invisible_problem(text: str) -> str | None:
    """A Swedish reason when the text holds a character that is invisible or reorders text."""
    for char in text:
        code = ord(char)
        if char in _INVISIBLE:
            return f"texten innehåller ett osynligt tecken, {_INVISIBLE[char]}; ta bort det"
        if char in _BIDI:
            return (
                f"texten innehåller ett dolt riktningstecken (U+{code:04X}) som kan visa texten i en annan ordning "
                "än den står; ta bort det"
            )
        if char not in "\n\t" and unicodedata.category(char) == "Cc":
            return f"texten innehåller ett styrtecken (U+{code:04X}) som inte syns; ta bort det"
    return None


def _shared_problem(text: str) -> str | None:
    """Problems refused in both kinds: invisible characters, attribute lists, character references."""
    if problem := _invisible_problem(text):
        return problem
    if match := _ATTRIBUTE_LIST.search(text):
        return (
            f"attributlistor som {match.group(0)}…}} är inte tillåtna i text (de kan lägga till attribut i sidans HTML); "
            "ta bort dem"
        )
    if match := _CHARACTER_REFERENCE.search(text):
        return f"teckenreferensen {match.group(0)} tolkas inte; skriv tecknet självt"
    return None


def plain_problem(text: str) -> str | None:
    """Why `text` cannot be plain text, in Swedish, or None when it can."""
    if problem := _shared_problem(text):
        return problem
    if "<" in text or ">" in text:
        sign = "<" if "<" in text else ">"
        return (
            f"tecknet {sign} är inte tillåtet i ren text (det kan läsas som HTML); "
            "skriv med ord, t.ex. 'mindre än' eller 'mer än'"
        )
    return None


def link_problem(url: str) -> str | None:
    """Why a link target is refused, or None for http(s), mailto and links within the site."""
    target = url.strip()
    if target.startswith("//"):
        return f"länken {target} saknar protokoll; skriv https://…"
    match = _SCHEME.match(target)
    if match and match.group(1).lower() not in ALLOWED_SCHEMES:
        return f"länkar får bara gå till http, https eller mailto, inte till {match.group(1)}:"
    return None


def rich_problem(text: str) -> str | None:
    """Why `text` cannot be rich text, in Swedish, or None when it can."""
    if problem := _shared_problem(text):
        return problem
    if _HTML_TAG.search(text):
        return (
            "HTML är inte tillåtet i text; skriv Markdown i stället: *kursiv*, **fet**, "
            "[länktext](https://…) och listor med - i början av raden"
        )
    if _PICTURE.search(text):
        return "bilder kan inte visas från datat; skriv en länk i stället: [bildens namn](https://…)"
    if "](" not in text:
        return None  # no inline link, hence no link target to check
    for token in _check_parser().parse(text):
        for child in token.children or []:
            if child.type == "link_open" and (problem := link_problem(str(child.attrGet("href") or ""))):
                return problem
    return None


def _checked(check: object) -> AfterValidator:
    """A pydantic validator that raises the check's Swedish reason."""

    def validate(value: str) -> str:
        problem = check(value)  # type: ignore[operator]
        if problem:
            raise ValueError(problem)
        return value

    return AfterValidator(validate)


_FORBIDDEN_IN_PLAIN = (
    "<>\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u00ad\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2069\\ufeff"
)

PlainText = Annotated[
    str,
    StringConstraints(min_length=1),
    _checked(plain_problem),
    TextKind.PLAIN,
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            "pattern": f"^[^{_FORBIDDEN_IN_PLAIN}]*$",
            "contentMediaType": "text/plain",
            "$comment": "Ren text: visas precis som den står, utan formatering. Tecknen < och > är inte tillåtna.",
        }
    ),
]
"""Non-empty plain text: shown exactly as written, never interpreted."""

RichText = Annotated[
    str,
    StringConstraints(min_length=1),
    _checked(rich_problem),
    TextKind.RICH,
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            "contentMediaType": "text/markdown",
            "$comment": (
                "Formaterad text: stycken, *kursiv*, **fet**, listor, länkar [text](https://…) och fotnoter [^1]. "
                "HTML är inte tillåtet."
            ),
        }
    ),
]
"""Non-empty rich text: the Markdown subset of `RICH_SUBSET`, rendered and sanitised."""


def kind_of(annotation: object) -> TextKind | None:
    """The text kind declared anywhere in a field's type (`PlainText | None`, `list[RichText]` …)."""
    for item in getattr(annotation, "__metadata__", ()):
        if isinstance(item, TextKind):
            return item
    for argument in get_args(annotation):
        if kind := kind_of(argument):
            return kind
    return None


def field_kind(info: FieldInfo) -> TextKind | None:
    """The text kind of a model field (pydantic keeps a required field's metadata apart from its type)."""
    return kind_of(info.annotation) or next((item for item in info.metadata if isinstance(item, TextKind)), None)
