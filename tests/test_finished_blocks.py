"""The engine's raw HTML travels through Markdown finished (`finish_blocks`): the page's HTML is
the same as when Markdown reads it, for every macro of the real plan and for any mix of blocks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import jinja2
import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from macros.loading.loader import load
from macros.loading.pages import page_files, read_page
from macros.model.catalog import Municipality
from macros.render import MACROS, render_call
from macros.render.context import Site, generated_pages
from macros.render.html import expand_finished, finish_blocks
from tests.sitebuild import ROOT
from tests.test_history_render import EXTENSIONS

TODAY = dt.date(2025, 6, 1)


def _html(text: str) -> str:
    """The page's HTML as the build makes it (the site's Markdown extensions, finished blocks put back)."""
    return expand_finished(markdown.markdown(text, extensions=EXTENSIONS))


@pytest.fixture(scope="module")
def model() -> Municipality:
    """The real data."""
    result = load(ROOT / "data", today=TODAY)
    assert result.model is not None
    return result.model


def _rendered_pages(model: Municipality, finish: bool) -> dict[str, str]:
    """Every page of the real site as Markdown after its macros, each macro's output finished or not:
    the written pages rendered as mkdocs-macros renders them (Jinja2 with the macros), and every
    generated page (one macro's output)."""

    def output(text: str) -> str:
        return finish_blocks(text) if finish else text

    pages = {}
    content = ROOT / "content"
    for file in page_files(content):
        path = file.relative_to(content).as_posix()
        body = read_page(file.read_text(encoding="utf-8")).body
        site = Site(model=model, today=TODAY, page=path)
        macros = {name: _finishing(spec.bind(site), output) for name, spec in MACROS.items()}
        pages[path] = jinja2.Environment(autoescape=False).from_string(body).render(**macros)
    for page in generated_pages(model):
        site = Site(model=model, today=TODAY, page=page.path)
        pages[page.path] = output(render_call(site, page.path, page.macro, dict(page.arguments)))
    return pages


def _finishing(macro: Callable[..., str], output: Callable[[str], str]) -> Callable[..., str]:
    """`macro` with its output passed through `output`."""
    return lambda **arguments: output(macro(**arguments))


def test_every_page_of_the_real_site_gives_the_same_html_finished(model: Municipality) -> None:
    """Every page of the real plan, written or generated, gives the same HTML with its macros' blocks finished."""
    read, finished = _rendered_pages(model, finish=False), _rendered_pages(model, finish=True)
    assert len(read) > 100 and finished.keys() == read.keys()
    assert sum("kategoriplan-html" in text for text in finished.values()) > len(read) // 2
    for path, text in read.items():
        assert _html(finished[path]) == _html(text), path


BLOCKS = st.sampled_from(
    [
        "Ett stycke med *betoning* och <b>fet</b> text.",
        "## En rubrik",
        "- en punkt\n- en till",
        '<div class="vy"><p>Inne i en div</p></div>',
        '<div class="yttre">\n<div class="inre">\n\n*inte Markdown*\n\n</div>\n</div>',
        '<div class="delmoment" markdown>\n\n- läses av Markdown\n\n</div>',
        "<table><tr><td>1</td></tr></table>",
        '<figure class="diagram"><svg role="img"><text>x</text></svg><figcaption>Bild</figcaption></figure>',
        "<details><summary>Mer</summary><p>Dolt</p></details>",
        '<p class="not">Ett stycke i HTML</p>',
        '<a href="x/">En länk som börjar raden</a> och text efter.',
        "<div>öppnas men stängs aldrig",
        "<div>stängs</div> och text efter på raden",
        "<ul><li>a</li></ul>",
        '<svg role="img"><text>bara svg</text></svg>',
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    blocks=st.lists(BLOCKS, min_size=1, max_size=6),
    separators=st.lists(st.sampled_from(["\n", "\n\n"]), min_size=6, max_size=6),
)
@example(blocks=["Text", '<div class="vy">x</div>'], separators=["\n"] * 6)
def test_any_mix_of_blocks_gives_the_same_html(blocks: list[str], separators: list[str]) -> None:
    """Whatever mix of Markdown and raw HTML a macro returns, finishing its blocks changes no byte of the HTML."""
    text = "".join(block + separator for block, separator in zip(blocks, separators, strict=False))
    assert _html(finish_blocks(text)) == _html(text)


def test_finished_blocks_are_not_read_by_markdown() -> None:
    """A finished block reaches the page as it was made: Markdown does not read it again."""
    block = '<div class="vy"><table><tr><td>1</td></tr></table></div>'
    assert "kategoriplan-html" in finish_blocks(f"Före\n\n{block}\n\nEfter")
    assert block in _html(finish_blocks(f"Före\n\n{block}\n\nEfter"))
