"""SVG made at build time, and the accessible figure every diagram sits in.

No diagram library and no request to other hosts: shapes are written as text here.
Colours come from CSS classes in `content/assets/oversikter.css` (which use the theme's
variables, so the dark scheme and print work); meaning is also carried by patterns and
text, never by colour alone. Every diagram is wrapped by `figure()`: the `<svg
role="img">` with `<title>` and `<desc>`, a `<figcaption>`, and the data as a table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from macros.model.time import add_months
from macros.render.html import attributes, scroll_region
from macros.render.safe import plain

CHAR_WIDTH = 0.56
"""Average glyph width as a share of the font size, for placing and wrapping labels."""

FONT = 13.0
"""Font size of a diagram's labels, in user units (CSS px when the diagram is drawn at its own size)."""

SMALL = 12.0
"""The smallest font size in any diagram: axis ticks, periods, legends. A diagram is never drawn
smaller than its own size (it scrolls instead), so no text is ever below 12 CSS px."""

NARROW_BELOW = 680
"""Container width (CSS px) below which a diagram's narrow layout is shown instead of its wide one.
Every wide layout is at most this wide, so it is never drawn below its own size."""


def text_width(text: str, size: float) -> float:
    """Estimated width of `text` in user units at font size `size`."""
    return len(text) * size * CHAR_WIDTH


def wrap(text: str, width: float, size: float, max_lines: int = 2) -> list[str]:
    """Break `text` into lines that fit `width`; the last line ends in "…" if text is left over.

    Linear in the length of `text`: each word is copied a bounded number of times, and
    reading stops as soon as there are more lines than `max_lines`.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        if not current:
            current = word
        elif text_width(candidate := f"{current} {word}", size) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
            if len(lines) == max_lines:
                break
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _shorten(lines[-1] + " …", width, size)
    return lines


def fitting(width: float, size: float) -> int:
    """How many characters fit in `width` at font size `size` (by `text_width`)."""
    unit = size * CHAR_WIDTH
    if unit <= 0:
        return 1 << 62 if width >= 0 else 0
    count = max(int(width / unit), 0)
    while count > 0 and count * size * CHAR_WIDTH > width:  # at most a step or two of rounding
        count -= 1
    while (count + 1) * size * CHAR_WIDTH <= width:
        count += 1
    return count


def _shorten(text: str, width: float, size: float) -> str:
    """Cut `text` so that it fits `width`, ending in "…" (keeps at least two characters).

    Same result as cutting two characters and adding "…" until it fits, in one step.
    """
    if text_width(text, size) <= width or len(text) <= 2:
        return text
    keep = max(fitting(width, size) - 1, 1)
    return text[: min(len(text) - 2, keep)].rstrip() + "…"


def num(value: float) -> str:
    """A coordinate with at most one decimal."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def rect(x: float, y: float, width: float, height: float, css: str, *, fill: str | None = None, rx: float = 0) -> str:
    """A rectangle; `fill` names a pattern (`url(#…)`) when given, set as style so it wins over CSS."""
    extra = attributes({"style": f"fill:{fill}" if fill else None, "rx": num(rx) if rx else None})
    return f'<rect x="{num(x)}" y="{num(y)}" width="{num(max(width, 0))}" height="{num(height)}" class="{css}"{extra}/>'


def line(x1: float, y1: float, x2: float, y2: float, css: str) -> str:
    """A straight line."""
    return f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" class="{css}"/>'


def polygon(points: Iterable[tuple[float, float]], css: str) -> str:
    """A closed shape through `points` (markers, arrow heads)."""
    return f'<polygon points="{" ".join(f"{num(x)},{num(y)}" for x, y in points)}" class="{css}"/>'


def text(
    x: float, y: float, content: str, css: str = "d-text", *, anchor: str = "start", size: float | None = None
) -> str:
    """A text label; `anchor` is start, middle or end."""
    extra = attributes({"text-anchor": anchor if anchor != "start" else None, "font-size": num(size) if size else None})
    return f'<text x="{num(x)}" y="{num(y)}" class="{css}"{extra}>{plain(content)}</text>'


def lines_of_text(x: float, y: float, lines: list[str], size: float, css: str = "d-text") -> str:
    """Several lines of text starting at baseline `y`."""
    spans = "".join(
        f'<tspan x="{num(x)}" dy="{num(0 if i == 0 else size * 1.2)}">{plain(part)}</tspan>'
        for i, part in enumerate(lines)
    )
    return f'<text x="{num(x)}" y="{num(y)}" class="{css}" font-size="{num(size)}">{spans}</text>'


def group(content: str, css: str | None = None, *, transform: str | None = None) -> str:
    """A `<g>` around shapes."""
    return f"<g{attributes({'class': css, 'transform': transform})}>{content}</g>"


def tooltip(text_content: str) -> str:
    """A `<title>` child: the hover text of the shape it is placed in."""
    return f"<title>{plain(text_content)}</title>"


PATTERNS = ("fylld", "streckad", "prickad", "rutad")
"""Fill patterns that tell categories apart without colour (solid, hatched, dotted, checked)."""


def pattern_defs(prefix: str) -> str:
    """The fill patterns of one diagram, with ids prefixed so several diagrams share a page."""
    hatch = f'<pattern id="{prefix}-streckad" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="d-pattern-bg"/><line x1="0" y1="0" x2="0" y2="6" class="d-pattern-line"/></pattern>'
    dots = f'<pattern id="{prefix}-prickad" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" class="d-pattern-bg"/><circle cx="3" cy="3" r="1.4" class="d-pattern-dot"/></pattern>'
    checks = f'<pattern id="{prefix}-rutad" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" class="d-pattern-bg"/><rect width="4" height="4" class="d-pattern-dot"/><rect x="4" y="4" width="4" height="4" class="d-pattern-dot"/></pattern>'
    return f"<defs>{hatch}{dots}{checks}</defs>"


def pattern_fill(prefix: str, pattern: str) -> str | None:
    """The `fill` value of a named pattern (None for the solid one, which CSS colours)."""
    return None if pattern == "fylld" else f"url(#{prefix}-{pattern})"


@dataclass(frozen=True)
class Hotspot:
    """A link laid over part of a diagram (in user units), e.g. one activity's row."""

    url: str
    label: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Diagram:
    """An SVG diagram ready to be placed in a figure.

    The SVG is an image (`role="img"`), so it holds no links; links to the things drawn
    are HTML links laid over the drawing (`hotspots`), reachable with Tab and named in words.
    """

    id: str
    width: float
    height: float
    title: str
    description: str
    body: str
    max_scale: float = 1.25
    """How much wider than its own size the diagram may be drawn on a wide page (it never shrinks:
    below its own size it scrolls, so its text stays at least `SMALL` CSS px)."""
    hotspots: tuple[Hotspot, ...] = ()

    def svg(self) -> str:
        """The `<svg>` element with its title and description."""
        title_id, desc_id = f"{self.id}-titel", f"{self.id}-beskrivning"
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram-svg" data-search-exclude viewBox="0 0 {num(self.width)} {num(self.height)}" '
            f'width="{num(self.width)}" height="{num(self.height)}" role="img" aria-labelledby="{title_id} {desc_id}" '
            f'preserveAspectRatio="xMinYMin meet">'
            f'<title id="{title_id}">{plain(self.title)}</title><desc id="{desc_id}">{plain(self.description)}</desc>'
            f"{self.body}</svg>"
        )

    def html(self) -> str:
        """The SVG in a box of its own proportions, with the hotspot links over it: never narrower
        than the drawing's own size, at most `max_scale` times it."""
        style = f' style="min-width:{num(self.width)}px;max-width:{num(self.width * self.max_scale)}px"'
        links = "".join(self._hotspot(spot) for spot in self.hotspots)
        listing = f'<ul class="diagram-lankar" aria-label="Länkar i diagrammet">{links}</ul>' if links else ""
        return f'<div class="diagram-yta"{style}>{self.svg()}{listing}</div>'

    def _hotspot(self, spot: Hotspot) -> str:
        """One link placed in percent of the drawing, so it follows the drawing's scale."""
        place = (
            f"left:{spot.x / self.width * 100:.3f}%;top:{spot.y / self.height * 100:.3f}%;"
            f"width:{spot.width / self.width * 100:.3f}%;height:{spot.height / self.height * 100:.3f}%"
        )
        return (
            f'<li><a href="{plain(spot.url)}" style="{place}"><span class="vy-dold">{plain(spot.label)}</span></a></li>'
        )


def figure(diagram: Diagram, caption: str, data_table: str, *, after: str = "", narrow: Diagram | None = None) -> str:
    """The accessible figure: the scrollable drawing, its caption, and its data as a table
    directly below (reachable by keyboard and printed with the drawing).

    `caption` is HTML (escape text first); `after` is extra HTML below the table (legends, lists).
    `narrow` is the same diagram laid out for a phone; the page shows it instead of the wide one
    when the figure is narrower than `NARROW_BELOW` (a CSS container query), so that neither is
    ever drawn below its own size.
    """
    drawing = diagram.html()
    if narrow is not None:
        drawing = f'<div class="diagram-bred">{drawing}</div><div class="diagram-smal">{narrow.html()}</div>'
    region = scroll_region(drawing, f"{diagram.title} (rulla i sidled)", "diagram-rulla")
    return f'<figure class="diagram" id="{diagram.id}">{region}<figcaption>{caption}</figcaption>{data_table}{after}</figure>\n'


@dataclass(frozen=True)
class TimeScale:
    """Maps days to x between `x0` and `x1`, from the first day of `first` to the end of `last`."""

    first: dt.date
    last: dt.date
    x0: float
    x1: float

    @classmethod
    def covering(cls, days: Iterable[dt.date], x0: float, x1: float) -> TimeScale:
        """A scale from the quarter of the earliest day to the end of the quarter of the latest."""
        chosen = list(days)
        start = min(chosen)
        end = max(chosen)
        first = dt.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
        last = add_months(dt.date(end.year, 3 * ((end.month - 1) // 3) + 1, 1), 3) - dt.timedelta(days=1)
        return cls(first, last, x0, x1)

    @property
    def days(self) -> int:
        """Days covered."""
        return (self.last - self.first).days + 1

    def x(self, day: dt.date) -> float:
        """The x of the start of `day`, clamped to the scale."""
        offset = min(max((day - self.first).days, 0), self.days)
        return self.x0 + offset / self.days * (self.x1 - self.x0)

    def x_end(self, day: dt.date) -> float:
        """The x of the end of `day`."""
        return self.x(day + dt.timedelta(days=1))

    def contains(self, day: dt.date) -> bool:
        """Whether `day` lies on the scale."""
        return self.first <= day <= self.last

    def quarters(self) -> list[dt.date]:
        """First days of the quarters on the scale."""
        found, day = [], self.first
        while day <= self.last:
            found.append(day)
            day = add_months(day, 3)
        return found

    def axis(self, top: float, bottom: float, size: float) -> str:
        """Year labels, quarter labels and grid lines from `top` (header) down to `bottom`.

        Every activity page of a plan draws the same axis, so it is drawn once per scale and size.
        """
        return _axis(self, top, bottom, size)

    def draw_axis(self, top: float, bottom: float, size: float) -> str:
        """The axis itself (see `axis`, which remembers it)."""
        parts = []
        quarter_width = (self.x1 - self.x0) * 91 / self.days
        for start in self.quarters():
            x = self.x(start)
            is_year = start.month == 1 or start == self.first
            parts.append(line(x, top + size * 1.4, x, bottom, "d-grid-year" if start.month == 1 else "d-grid"))
            if quarter_width >= max(size * 0.85, SMALL) * 1.7:
                mid = (x + self.x(add_months(start, 3))) / 2
                parts.append(
                    text(
                        mid,
                        top + size * 2.6,
                        f"Q{(start.month + 2) // 3}",
                        "d-axis-small",
                        anchor="middle",
                        size=max(size * 0.85, SMALL),
                    )
                )
            if is_year:
                year_end = min(self.x(dt.date(start.year + 1, 1, 1)), self.x1)
                if year_end - x >= size * 2.6:
                    parts.append(
                        text((x + year_end) / 2, top + size, str(start.year), "d-axis", anchor="middle", size=size)
                    )
        parts.append(line(self.x1, top + size * 1.4, self.x1, bottom, "d-grid"))
        return group("".join(parts), "d-axel")

    def today_marker(self, day: dt.date, top: float, bottom: float, size: float) -> str:
        """A dashed line at `day` with the label "Idag ÅÅÅÅ-MM-DD" (nothing if off the scale)."""
        if not self.contains(day):
            return ""
        x = self.x(day)
        label = f"Idag {day.isoformat()}"
        anchor = "end" if x + text_width(label, size) > self.x1 else "start"
        dx = -4 if anchor == "end" else 4
        marker = line(x, top + size * 1.2, x, bottom, "d-idag")
        return group(
            marker + text(x + dx, top + size * 0.9, label, "d-idag-text", anchor=anchor, size=size), "d-idag-grupp"
        )


@lru_cache(maxsize=128)
def _axis(scale: TimeScale, top: float, bottom: float, size: float) -> str:
    """A time axis, drawn once for each scale and size."""
    return scale.draw_axis(top, bottom, size)


Swatch = Callable[[float, float], str]
"""Draws a legend symbol (28 × 16) with its top left corner at (x, y)."""


def legend(items: list[tuple[Swatch, str]], x0: float, y: float, width: float, size: float) -> tuple[str, float]:
    """A legend of symbols and labels, wrapped onto more lines when wider than `width`.

    Returns the SVG and the height it takes.
    """
    parts, x, row = [], x0, 0
    for swatch, label in items:
        item_width = 36 + text_width(label, size) + 18
        if x + item_width > x0 + width and x > x0:
            x, row = x0, row + 1
        top = y + row * 24
        parts += [swatch(x, top), text(x + 34, top + 12, label, size=size)]
        x += item_width
    return group("".join(parts), "d-forklaring"), (row + 1) * 24
