"""The check's output is data, never commands: what a pull request controls (file names, YAML
keys and values, page text) cannot forge GitHub annotations or drive the terminal."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from macros.cli import github_annotation
from macros.validation.findings import Finding, Severity, output_line, shown
from tests.conftest import DataCopy
from tests.sitebuild import ROOT

FORGED = "\n::error file=x::forged\r\x1b[31m%0A\u202e\u2066\x85\x7f\u2028"
"""Every trick at once: a new line starting a workflow command, CR, a colour, an encoded newline,
bidi overrides, a C1 control, DEL and a Unicode line separator."""

YAML_FORGED = "\\n::error file=x::forged\\r\\e[31m%0A\\u202e\\u2066\\N\\x7f\\L"
"""`FORGED` written with YAML double-quoted escapes."""


def invisible(text: str) -> list[str]:
    """The control, format and separator characters left raw in `text`."""
    return [char for char in text if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")]


def test_shown_escapes_every_invisible_character() -> None:
    """Control characters, bidi controls and line separators are written as visible escapes."""
    assert shown(FORGED) == "\\n::error file=x::forged\\r\\x1b[31m%0A\\u202e\\u2066\\x85\\x7f\\u2028"
    assert shown("Åsa Ek – beslut 2024") == "Åsa Ek – beslut 2024"


def test_text_output_is_one_inert_line() -> None:
    """A finding with a hostile file name and message is one line, with nothing raw and no command."""
    line = Finding(f"data/{FORGED}.yml", 3, Severity.ERROR, f"okänd nyckel '{FORGED}'").format()
    assert invisible(line) == [] and "\n" not in line
    assert line.startswith("data/\\n::error file=x::forged\\r\\x1b[31m")


@pytest.mark.parametrize("start", ["::error file=x::forged", "  ::warning::x", "##[error]forged"])
def test_a_line_never_starts_a_workflow_command(start: str) -> None:
    """A file name that starts like a workflow command is escaped at the start of the line."""
    line = Finding(start, 1, Severity.ERROR, "fel").format()
    assert not line.lstrip().startswith(("::", "##["))
    assert output_line(start).lstrip().startswith("\\x")


def test_github_annotation_escapes_data_and_properties() -> None:
    """`--format github` encodes %, CR, LF in the message and also : and , in the file property."""
    finding = Finding(f"data/a,b:{FORGED}.yml", 7, Severity.WARNING, f"värdet '{FORGED}' 100%")
    annotation = github_annotation(finding)
    assert invisible(annotation) == [] and "\n" not in annotation
    head, message = annotation.split("::", 2)[1:]
    assert head.startswith("warning file=data/a%2Cb%3A\\n%3A%3Aerror file=x%3A%3Aforged\\r\\x1b[31m%250A")
    assert head.endswith(",line=7")
    assert message == "värdet '\\n::error file=x::forged\\r\\x1b[31m%250A\\u202e\\u2066\\x85\\x7f\\u2028' 100%25"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m macros check …` as CI runs it."""
    return subprocess.run(
        [sys.executable, "-m", "macros", "check", "--idag", "2024-06-01", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


def assert_inert(output: str, github: bool) -> None:
    """No raw invisible character, and every workflow command is one of the check's own annotations."""
    assert invisible(output.replace("\n", "")) == []
    for line in output.splitlines():
        if line.lstrip().startswith(("::", "##[")):
            assert github and line.startswith(("::error file=", "::warning file=")), line
            assert not line.startswith("::error file=x"), line


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_hostile_yaml_keys_and_values_are_echoed_inert(data: DataCopy, output_format: str) -> None:
    """YAML keys and values full of control characters reach the output escaped, in both formats."""
    data.replace(
        "planer/exempel/aktiviteter.yml",
        "    prioritet: 1\n",
        f'    prioritet: "{YAML_FORGED}"\n    "{YAML_FORGED}": 1\n',
    )
    done = run("--data", str(data.root), "--format", output_format)
    assert done.returncode == 1
    assert_inert(done.stdout + done.stderr, github=output_format == "github")
    assert "okänd nyckel '\\n::error file=x::forged\\r\\x1b[31m" in done.stdout
    assert "'prioritet' ska vara ett heltal, inte '\\n::error file=x::forged\\r\\x1b[31m" in done.stdout


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_hostile_file_names_are_echoed_inert(tmp_path: Path, data: DataCopy, output_format: str) -> None:
    """Page and data file names with new lines, colours and bidi controls are echoed inert."""
    content = tmp_path / "content"
    content.mkdir()
    (content / f"sida{FORGED.replace('/', '')}.md").write_text("# Sida\n\n{{ config }}\n", encoding="utf-8")
    (data.root / f"okand{FORGED}.yml").write_text("a: 1\n", encoding="utf-8")
    done = run("--data", str(data.root), "--innehall", str(content), "--format", output_format)
    assert done.returncode == 1
    assert_inert(done.stdout + done.stderr, github=output_format == "github")
    assert "forged" in done.stdout


def test_usage_errors_are_echoed_inert() -> None:
    """A hostile --idag value is echoed escaped on stderr, with no workflow command."""
    done = run("--idag", "\n::error file=x::forged\x1b[31m")
    assert done.returncode == 2
    assert_inert(done.stdout + done.stderr, github=False)
