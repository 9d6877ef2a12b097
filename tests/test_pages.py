"""The page rule: content pages hold text and registered macro calls with fixed values, nothing
that runs code; checked by `python -m macros check` with Swedish messages at the right line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils import get_markdown_title
from mkdocs.utils.meta import get_data

from macros.loading.pages import read_page
from macros.render import MACROS
from macros.validation.findings import Severity
from macros.validation.pages import (
    _only_simple_calls,
    check_content,
    check_page,
    check_rendered,
    parsed_template_problems,
)
from tests.hostile_pages import HOSTILE_PAGES, HostilePage
from tests.sitebuild import FIXTURE_DATA, ROOT

PAGE = "content/sida.md"


def messages(source: str) -> list[str]:
    """The formatted findings of one page's text."""
    return [finding.format() for finding in check_page(PAGE, source)]


def reported(source: str, line: int, message: str) -> bool:
    """True when the page's findings include `message` at `line`."""
    return any(text.startswith(f"{PAGE}:{line}: {message}") for text in messages(source))


def test_every_real_page_passes() -> None:
    """Every page in content/ follows the rule: the check finds nothing."""
    assert [finding.format() for finding in check_content(ROOT / "content")] == []


@pytest.mark.parametrize("page", HOSTILE_PAGES, ids=lambda page: page.name)
def test_hostile_page_is_refused_at_its_line(page: HostilePage) -> None:
    """Each hostile construct gives its Swedish error at the line where it stands."""
    source = page.source("/tmp/finns-inte")
    assert reported(source, page.line, page.message), messages(source)


LIVENESS = """
import sys, jinja2
from macros.loading.pages import read_page
page = read_page(sys.stdin.read())
environment = jinja2.Environment(loader=jinja2.FileSystemLoader(sys.argv[1]))
for text in (page.body, str(page.title[0])):
    try:
        environment.from_string(text).render()
    except jinja2.TemplateError:
        pass
"""


@pytest.mark.parametrize("page", [p for p in HOSTILE_PAGES if p.payload], ids=lambda page: page.name)
def test_the_payloads_are_real(page: HostilePage, tmp_path: Path) -> None:
    """Rendered unchecked as mkdocs-macros renders (body, then title), each payload runs: the corpus is hostile."""
    marker = tmp_path / "kordes"
    subprocess.run(
        [sys.executable, "-c", LIVENESS, str(tmp_path)],
        input=page.source(str(marker)),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=60,
    )
    assert marker.exists()


@pytest.mark.parametrize("name", ["config", "environment", "plugin", "page", "git", "navigation", "files", "macros"])
def test_mkdocs_macros_variables_cannot_be_reached(name: str) -> None:
    """The variables mkdocs-macros exposes cannot be shown, reached through or called."""
    for source in (f"{{{{ {name} }}}}", f"{{{{ {name}.x }}}}", f'{{{{ {name}["x"] }}}}', f"{{{{ {name}() }}}}"):
        found = check_page(PAGE, source)
        assert found and all(f.severity is Severity.ERROR for f in found), source


@pytest.mark.parametrize(
    ("source", "tag"),
    [
        ("{% if true %}x{% endif %}", "if"),
        ("{% with a = 1 %}{% endwith %}", "with"),
        ("{% extends 'index.md' %}", "extends"),
        ("{% block b %}{% endblock %}", "block"),
        ("{% call planlista() %}{% endcall %}", "call"),
        ("{% filter upper %}x{% endfilter %}", "filter"),
        ("{% autoescape false %}x{% endautoescape %}", "autoescape"),
        ("{% from 'index.md' import x %}", "from … import"),
        ("{% set x %}y{% endset %}", "set"),
    ],
)
def test_every_statement_is_refused(source: str, tag: str) -> None:
    """Any `{% … %}` statement is refused and named in the message."""
    assert reported(f"Text\n{source}\n", 2, f"fel: {{% {tag} %}} är inte tillåtet på sidorna;"), messages(source)


def test_allowed_page() -> None:
    """Text, comments, raw blocks and macro calls with literal named arguments pass."""
    source = (
        "---\nhide:\n  - toc\n---\n\n# Sida\n\n"
        '{{ aktivitetslista(plan="it-och-telekom") }} {# en kommentar #}\n'
        '{{ listor_som_tabell(plan="x", listor=["a", "b"]) }}\n'
        '{{ listans_antal(plan="x", lista="y", med_bokstaver=True) }} {{ spend_ar(plan="x", ar=2022, precision=None) }}\n'
        '{% raw %}Skriv {{ aktivitetslista(plan="it-och-telekom") }} eller {% set %}.{% endraw %}\n'
    )
    assert messages(source) == []


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('{{ aktivitetlista(plan="x") }}', "okänt makro 'aktivitetlista' (menade du 'aktivitetslista'?);"),
        ('{{ aktivitetslista(pln="x") }}', "makrot aktivitetslista har ingen parameter 'pln' (menade du 'plan'?)"),
        ('{{ aktivitetslista("x") }}', "argumenten till aktivitetslista ska ges med namn"),
        ("{{ aktivitetslista(**x) }}", "argument med * eller ** är inte tillåtna"),
        ("{{ aktivitetslista() }}", "anropet av aktivitetslista saknar argumentet 'plan'"),
        ("{{ planlista }}", "makrot planlista ska anropas med parenteser, t.ex. {{ planlista() }}"),
        ('{{ aktivitetslista(plan="x" ~ "y") }}', "argumentet 'plan' till aktivitetslista ska vara ett fast värde"),
        ('{{ listor_som_tabell(plan="x", listor=[x]) }}', "argumentet 'listor' till listor_som_tabell ska vara"),
        ("{{ nulagesbild(plan='x', nummer=1.5) }}", "argumentet 'nummer' till nulagesbild ska vara ett fast värde"),
        ('{{ "text" }}', "ett fast värde utan makro är inte tillåtet i {{ … }}"),
        ("{{ }}", "mallkoden går inte att tolka"),
        ("{# utan slut", "mallkoden går inte att tolka"),
    ],
)
def test_misuse_is_explained(source: str, message: str) -> None:
    """Wrong macro names, arguments and values get a Swedish reason, with a suggestion when one is close."""
    assert reported(f"# Sida\n\n{source}\n", 3, f"fel: {message}"), messages(source)


def test_deeply_nested_code_is_an_error_not_a_crash() -> None:
    """Deeply nested template code is refused with a message, never a RecursionError."""
    assert reported("{{ planlista(x=" + "[" * 5000 + "]" * 5000 + ") }}", 1, "fel: mallkoden är för djupt nästlad")


def test_front_matter_cannot_hide_template_code() -> None:
    """Template code anywhere in the front matter, even in nested values or YAML escapes, is refused."""
    source = '---\nextra:\n  - a: "\\x7B% set x = 1 %\\x7D"\n---\n\nText.\n'
    assert reported(source, 2, "fel: 'extra' i sidhuvudet innehåller mallkod")


def test_a_heading_title_is_checked_as_rendered() -> None:
    """The first-line heading that becomes the title (rendered separately) is checked on its own line."""
    assert reported("\n\n# Rubrik {{ config }}\n\nText.\n", 3, "fel: 'config' är inget makroanrop")


def test_unreadable_front_matter_is_a_warning_and_checked_as_text() -> None:
    """Front matter that is not YAML becomes page text (as in MkDocs): a warning, and its text is checked."""
    found = check_page(PAGE, "---\ntitle: [\n{{ config }}\n---\n\nText.\n")
    assert [(f.line, f.severity) for f in found] == [(1, Severity.WARNING), (3, Severity.ERROR)]


def test_generated_pages_may_turn_rendering_off() -> None:
    """`render_macros: false` is refused in content/ but accepted for a generated page's own front matter."""
    page = read_page("---\nrender_macros: false\n---\n")
    assert check_rendered(PAGE, page, front_matter=True)
    assert check_rendered(PAGE, page, front_matter=False) == []


@pytest.mark.parametrize(
    "source",
    [
        "---\nhide:\n  - toc\n---\n\n\n# Rubrik\n\nText {{ planlista() }}\n",
        "---\ntitle: Egen titel\n...\nText\n",
        "---\n- en lista\n---\n# Rubrik\n",
        "---\ntitle: [\n---\nText\n",
        "Title: Något\nSummary: en\n    fortsättning\n\n\n# Rubrik\nText\n",
        "Nyckel: värde\nText direkt\n",
        "# Rubrik\n\nText\n",
        "\n\n  # Rubrik med mellanslag\n",
        "Text\r\n# Inte titel\r\n",
        "",
    ],
)
def test_pages_are_split_exactly_as_mkdocs_splits_them(source: str) -> None:
    """Body, front matter and title are those MkDocs 1.6 computes, and the body starts at the reported line."""
    body, meta = get_data(source)
    page = read_page(source)
    assert (page.body, dict(page.meta)) == (body, meta)
    assert page.title[0] == (meta["title"] if "title" in meta else get_markdown_title(body))
    if body and "\r" not in source:
        assert "\n".join(source.split("\n")[page.body_line - 1 :]) == body


def test_registered_macros_take_no_paths() -> None:
    """No macro parameter names a file or path: arguments are ids, numbers and choices looked up in the data."""
    names = {name for spec in MACROS.values() for name in spec.parameters}
    assert not names & {"fil", "sökväg", "path", "file", "mapp", "url"}, names


def run_check(content: Path) -> subprocess.CompletedProcess[str]:
    """`python -m macros check` on the fixture data and the given content folder."""
    command = [sys.executable, "-m", "macros", "check", "--data", str(FIXTURE_DATA), "--innehall", str(content)]
    return subprocess.run(
        [*command, "--idag", "2024-06-01"], capture_output=True, text=True, cwd=ROOT, check=False, timeout=120
    )


def test_check_reports_every_hostile_page(tmp_path: Path) -> None:
    """`python -m macros check` names each hostile page and line in Swedish, exits 1, never a traceback."""
    content = tmp_path / "content"
    content.mkdir()
    marker = tmp_path / "kordes"
    for page in HOSTILE_PAGES:
        (content / f"{page.name}.md").write_text(page.source(str(marker)), encoding="utf-8")
    done = run_check(content)
    assert done.returncode == 1, done.stdout + done.stderr
    for page in HOSTILE_PAGES:
        assert f"content/{page.name}.md:{page.line}: {page.message}" in done.stdout, page.name
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("Kontroll av data/ och content/: ")
    assert not marker.exists()


def test_check_passes_valid_pages(tmp_path: Path) -> None:
    """Valid pages in the content folder: exit 0 and the usual summary."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text('# Start\n\n{{ planlista() }}\n{{ planperiod(plan="exempel") }}\n', "utf-8")
    done = run_check(content)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "Kontroll av data/ och content/: 0 fel, 1 varning."


def test_check_reports_a_page_that_is_not_utf8(tmp_path: Path) -> None:
    """A page that is not UTF-8 is an error at its first bad line, not a crash."""
    (tmp_path / "sida.md").write_bytes("# Sida\n\nTrasig \xe5\n".encode("latin-1"))
    found = check_content(tmp_path, display_root=tmp_path.parent)
    assert [(f.line, f.message) for f in found] == [(3, "filen är inte UTF-8; spara den som UTF-8 i din editor")]


def test_missing_content_folder(tmp_path: Path) -> None:
    """A content folder that does not exist is an error, not a crash."""
    assert run_check(tmp_path / "finns-inte").returncode == 1


def test_check_renders_every_call_as_the_build_will(tmp_path: Path) -> None:
    """A call the data cannot answer (an unknown plan, id or name) is a check error at its line, not a build failure."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "sida.md").write_text(
        '# Sida\n\n{{ planperiod(plan="exempel") }}\n\n{{ planperiod(plan="finns-inte") }}\n'
        '{{ effektmal_namn(plan="exempel", effektmal="saknas") }}\n',
        "utf-8",
    )
    done = run_check(content)
    assert done.returncode == 1, done.stdout + done.stderr
    assert (
        "content/sida.md:5: fel: anropet planperiod(…) går inte att visa med datat: planen 'finns-inte' finns inte"
        in done.stdout
    )
    assert (
        "content/sida.md:6: fel: anropet effektmal_namn(…) går inte att visa med datat: okänt id 'saknas'"
        in done.stdout
    )
    assert "Traceback" not in done.stdout + done.stderr


FRAGMENTS = [
    "Text ",
    "\n",
    "{{ planlista() }}",
    '{{ planperiod(plan="exempel") }}',
    '{{planperiod(plan="exempel")}}',
    '{{ planperiod(plan="exempel" ) }}',
    '{{ planperiod( plan = "exempel", ) }}',
    '{{ listor_som_tabell(plan="exempel", listor=["a", "b"]) }}',
    '{{ upphandlingsbehov(plan="exempel", ar=2024) }}',
    '{{ upphandlingsbehov(plan="exempel" ar=2024) }}',
    '{{ planperiod(plan="exempel", plan="liten") }}',
    '{{ planperiod(plna="exempel") }}',
    "{{ planperiod() }}",
    '{{ okant(plan="x") }}',
    '{{ planperiod(plan="exempel") | upper }}',
    "{{ config }}",
    "{{",
    "}}",
    "{",
    "{% raw %}{{ x }}{% endraw %}",
    "{# kommentar #}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ planperiod(plan=-1) }}",
    '{{ planperiod(plan="a}}b") }}',
    '{{ planperiod(plan="a\\"b") }}',
    "{{{ planlista() }}}",
    "{{- planlista() -}}",
]


@settings(max_examples=2000, deadline=None)
@given(parts=st.lists(st.sampled_from(FRAGMENTS), max_size=8))
def test_the_quick_path_accepts_only_what_the_parser_accepts(parts: list[str]) -> None:
    """A page the quick check passes without parsing has no finding under Jinja2's parser either."""
    text = "".join(parts)
    if _only_simple_calls(text):
        assert parsed_template_problems("sida.md", text) == []
