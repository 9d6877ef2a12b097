"""The preview tells the truth (`make serve`): the findings once in the terminal, errors as a Swedish
page in the browser, and a build's log without mkdocs-macros' chatter."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.adapter import preview
from macros.render.problems import DATA_ERROR_TITLE, PAGE_ERROR_TITLE, call_error, error_page
from macros.validation.findings import Finding, error, warning
from tests.preview_server import Preview, preview_project
from tests.sitebuild import FIXTURE_CONTENT, FIXTURE_DATA, build, write_config

BROKEN = ("    prioritet: 1\n", "    prioritet: 7\n")
"""An edit that makes the fixture data invalid (priority is 1–3), at aktiviteter.yml line 21."""
MESSAGE = "data/planer/exempel/aktiviteter.yml:21: fel: 'prioritet' ska vara högst 3, inte 7"


def test_error_page_names_file_line_and_message() -> None:
    """The error page has a Swedish heading and one row per error with its file, line and message."""
    page = error_page([error("data/a.yml", 12, "något är fel")], guide="../redaktorer/ratta-fel.md")
    assert page.startswith(f"# {DATA_ERROR_TITLE}\n")
    assert "| data/a.yml:12 | något är fel |" in page
    assert "[Så rättar du ett fel i datat](../redaktorer/ratta-fel.md)" in page


def test_error_page_lists_errors_not_warnings() -> None:
    """Warnings do not keep the site from being shown, so the error page leaves them out."""
    page = error_page([error("a.yml", 1, "felet"), warning("b.yml", 2, "varningen")])
    assert "felet" in page and "varningen" not in page


def test_error_page_shows_echoed_text_as_text() -> None:
    """A file name or message with markup is written as text, never as HTML or Markdown."""
    page = error_page([error("<b>.yml", 1, "[länk](javascript:x) <script>")], title=PAGE_ERROR_TITLE)
    assert "<b>" not in page and "<script>" not in page and "](javascript" not in page


def test_call_error_is_a_box_with_the_reason() -> None:
    """A macro call the preview cannot render becomes a failure box naming the page, macro and reason."""
    box = call_error("sida.md", "aktivitetssida", "okänt id 'x'")
    assert box.startswith('!!! failure "')
    assert "sida.md: anropet aktivitetssida(…) går inte att visa: okänt id &#39;x&#39;" in box


@pytest.fixture
def terminal() -> Iterator[list[str]]:
    """The lines the preview's logger writes, with their Swedish level names."""
    lines: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(f"{logging.getLevelName(record.levelno)} {record.getMessage()}")  # type: ignore[method-assign]
    logger = logging.getLogger(preview.LOGGER_NAME)
    logger.addHandler(handler)
    saved = preview.STATE.reported
    preview.STATE.reported = None
    try:
        yield lines
    finally:
        logger.removeHandler(handler)
        preview.STATE.reported = saved


def test_findings_are_shown_once_with_their_severity(terminal: list[str]) -> None:
    """Each finding is one line at its own level (errors as errors, warnings as warnings), then the counts."""
    findings = [error("a.yml", 1, "felet"), warning("b.yml", 2, "varningen")]
    preview.report(findings)
    assert terminal == [
        "ERROR a.yml:1: fel: felet",
        "WARNING b.yml:2: varning: varningen",
        "INFO Datakontrollen: 1 fel, 1 varning.",
    ]


def test_unchanged_findings_are_one_line(terminal: list[str]) -> None:
    """A rebuild whose findings did not change (a page was saved) says so in one line."""
    findings: list[Finding] = [warning("b.yml", 2, "varningen")]
    preview.report(findings)
    preview.report(findings)
    assert terminal[-1] == "INFO Datakontrollen: samma som förra bygget (0 fel, 1 varning)."
    assert sum("varningen" in line for line in terminal) == 1


@pytest.fixture(scope="module")
def build_log(tmp_path_factory: pytest.TempPathFactory) -> str:
    """What `mkdocs build --strict` of the fixture site writes to the terminal."""
    project = tmp_path_factory.mktemp("quiet")
    done = build(write_config(project, data=FIXTURE_DATA, content=FIXTURE_CONTENT))
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


@pytest.mark.build
def test_build_log_has_no_macro_plugin_chatter(build_log: str) -> None:
    """No line lists modules found, the macros' names, variables or filters."""
    assert "[macros]" not in build_log, build_log


@pytest.mark.build
def test_build_log_shows_warnings_as_warnings(build_log: str) -> None:
    """A data warning is a VARNING line (not INFO), and it does not fail the strict build."""
    line = (
        "VARNING -  data/planer/liten/plan.yml:7: varning: beslutsdatumet '2024-XX-xx' är inte ett fullständigt datum"
    )
    assert line in build_log.splitlines(), build_log
    assert "INFO    -  data/" not in build_log


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Preview, Path]]:
    """The fixture project served by `mkdocs serve --strict`, after its first build."""
    config = preview_project(tmp_path_factory.mktemp("preview"))
    server = Preview(config)
    try:
        server.wait_for("Serving on")
        yield server, config.parent
    finally:
        server.stop()


def _edit(file: Path, old: str, new: str) -> None:
    """Replace `old` by `new` in a file once."""
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1
    file.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.build
def test_serve_shows_a_broken_page_and_goes_on(served: tuple[Preview, Path]) -> None:
    """A page that breaks the page rule shows its errors at its address; the other pages are built."""
    server, project = served
    page = project / "content" / "trasig.md"
    page.write_text("# Trasig\n\n{{ config }}\n", encoding="utf-8")
    try:
        server.wait_for("Reloading browsers")
        html = server.page("trasig/")
        assert PAGE_ERROR_TITLE in html and "content/trasig.md:3" in html
        assert "Kategoriplan Exempel" in server.page("exempel/")
    finally:
        page.unlink()
        server.wait_for("Reloading browsers")


@pytest.mark.build
def test_serve_shows_a_wrong_macro_call_in_its_place(served: tuple[Preview, Path]) -> None:
    """A macro call that cannot be rendered is a box with the reason; the page's other text is shown."""
    server, project = served
    page = project / "content" / "anrop.md"
    page.write_text('# Anrop\n\n{{ aktivitetssida(plan="exempel", aktivitet="finns-inte") }}\n\nTexten efter.\n')
    try:
        server.wait_for("Reloading browsers")
        html = server.page("anrop/")
        assert "går inte att visa: okänt id &#39;finns-inte&#39;" in html and "Texten efter." in html
        assert "anrop.md: fel i anropet aktivitetssida(…): okänt id 'finns-inte'" in "\n".join(server.log)
    finally:
        page.unlink()
        server.wait_for("Reloading browsers")


@pytest.mark.build
def test_serve_survives_a_data_error_and_recovers(served: tuple[Preview, Path]) -> None:
    """A data error is an error page at every address (the terminal shows it once); the fix brings the site back."""
    server, project = served
    data = project / "data" / "planer" / "exempel" / "aktiviteter.yml"
    _edit(data, *BROKEN)
    try:
        server.wait_for("Reloading browsers")
        for path in ("exempel/", "exempel/aktiviteter/e-tjanster/", "ansvar/anna-ek/"):
            html = server.page(path)
            assert DATA_ERROR_TITLE in html and "data/planer/exempel/aktiviteter.yml:21" in html, path
        assert sum(MESSAGE in line for line in server.log) == 1
        assert not any("appear stuck" in line for line in server.log)
    finally:
        _edit(data, BROKEN[1], BROKEN[0])
        server.wait_for("Reloading browsers")
    assert "Inför e-tjänster" in server.page("exempel/aktiviteter/e-tjanster/")
