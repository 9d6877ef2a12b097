"""The rule for content pages: text and calls of registered macros with fixed values, nothing else.

mkdocs-macros renders every page as an unsandboxed Jinja2 template, so anything else written
between `{{ }}` or `{% %}` would run as code in CI and at publishing. The page is parsed with
Jinja2's own parser and only this is allowed:

- text, `{# kommentarer #}` and `{% raw %}…{% endraw %}` (which Jinja2 turns into text);
- `{{ makro(namn="värde", …) }}` where `makro` is registered in `macros.render.MACROS` and every
  argument is named and a literal: text, an integer, True, False, None or a list of those.

The front matter may not switch mkdocs-macros' page settings, hide a macro behind a variable of
the same name, or carry template code (mkdocs-macros renders the page title as a template too).
"""

from __future__ import annotations

import difflib
import inspect
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, nodes

from macros.loading.pages import PageSource, page_files, read_page
from macros.render import MACROS, render_call
from macros.render.context import MacroError, Site
from macros.render.registry import MacroSpec
from macros.validation.findings import Finding, Severity, error, warning
from macros.validation.placeholders import page_placeholders

ALLOWED = (
    'bara anrop av registrerade makron med fasta värden är tillåtna, t.ex. {{ aktivitetslista(plan="it-och-telekom") }}'
)
"""What a page may contain, said in every message about a construct that is refused."""

LITERALS = "text inom citattecken, ett heltal, True, False, None eller en lista av sådana"

MARKERS = ("{{", "{%", "{#")
"""The start of any Jinja2 construct (mkdocs-macros' `has_j2`)."""

PLUGIN_PAGE_SETTINGS = frozenset({"render_macros", "ignore_macros"})
"""Front matter keys mkdocs-macros reads to decide how to render the page."""

_PARSER = Environment()
"""Parses only; the same syntax as mkdocs-macros' environment (default delimiters, no extensions)."""

_STATEMENTS: dict[type[nodes.Node], str] = {
    nodes.For: "for",
    nodes.If: "if",
    nodes.Macro: "macro",
    nodes.CallBlock: "call",
    nodes.FilterBlock: "filter",
    nodes.With: "with",
    nodes.Extends: "extends",
    nodes.Block: "block",
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from … import",
    nodes.Assign: "set",
    nodes.AssignBlock: "set",
    nodes.ScopedEvalContextModifier: "autoescape",
    nodes.EvalContextModifier: "autoescape",
    nodes.ExprStmt: "do",
    nodes.Continue: "continue",
    nodes.Break: "break",
}


def check_content(folder: Path, display_root: Path | None = None, site: Site | None = None) -> list[Finding]:
    """Check every Markdown page under `folder`; paths are shown relative to `display_root`.

    With `site` (the loaded data), every macro call of a page that passes the rule is also
    rendered once, as the build will render it, so that a call the data cannot answer (an id
    or a name that is not in the data) is found by the check and not first by the build.
    """
    root = display_root or _default_display_root(folder)
    if not folder.is_dir():
        return [error(display_path(folder, "", root).rstrip("/"), 0, "innehållsmappen finns inte")]
    findings: list[Finding] = []
    for path in page_files(folder):
        shown = display_path(folder, path.relative_to(folder).as_posix(), root)
        raw = path.read_bytes()
        try:
            source = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            findings.append(error(shown, line, "filen är inte UTF-8; spara den som UTF-8 i din editor"))
            continue
        page_findings = check_page(shown, source) + page_placeholders(shown, source)
        if site is not None and not any(f.severity is Severity.ERROR for f in page_findings):
            page_findings += render_calls(shown, read_page(source), site, path.relative_to(folder).as_posix())
        findings += page_findings
    return findings


def render_calls(file: str, page: PageSource, site: Site, page_path: str) -> list[Finding]:
    """Render every macro call of a page that follows the rule; a call that fails is a finding at its line."""
    findings = []
    for node in _PARSER.parse(page.body).find_all(nodes.Call):
        if not isinstance(node.node, nodes.Name):
            continue
        arguments = {keyword.key: keyword.value.as_const() for keyword in node.kwargs}
        try:
            render_call(site, page_path, node.node.name, arguments)
        except MacroError as exc:
            line = page.body_line + (node.lineno or 1) - 1
            findings.append(error(file, line, f"anropet {node.node.name}(…) går inte att visa med datat: {exc}"))
    return findings


def display_path(folder: Path, relative: str, root: Path) -> str:
    """`content/sida.md`: the page's path from the project root, or from its folder's name."""
    try:
        base = folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        base = folder.name
    return f"{base}/{relative}" if base not in ("", ".") else relative


def _default_display_root(folder: Path) -> Path:
    """Show paths relative to the working directory when the folder lies below it."""
    cwd = Path.cwd()
    return cwd if folder.resolve().is_relative_to(cwd) else folder.parent


def check_page(file: str, source: str) -> list[Finding]:
    """Every problem of one page's text (front matter included), as `file:line` findings."""
    page = read_page(source)
    findings = check_rendered(file, page)
    if page.meta_error:
        message = f"sidhuvudet mellan raderna --- går inte att läsa som YAML och visas som text: {page.meta_error}"
        findings.append(warning(file, 1, message))
    return sorted(set(findings))


def check_rendered(file: str, page: PageSource, *, front_matter: bool = True) -> list[Finding]:
    """What mkdocs-macros will render of `page` (body and title) and, unless told not to, its front matter."""
    findings = check_template(file, page.body, page.body_line) + check_title(file, *page.title)
    if front_matter:
        findings += check_front_matter(file, page.meta, page.meta_lines)
    return sorted(set(findings))


def check_title(file: str, title: object, line: int) -> list[Finding]:
    """mkdocs-macros renders a title holding template code as a template of its own: the same rule applies."""
    if isinstance(title, str) and any(marker in title for marker in MARKERS):
        return check_template(file, title, line)
    return []


_SCALAR = r"""(?:"[^"\\{}\n]*"|'[^'\\{}\n]*'|\d{1,9}|True|False|None)"""
_VALUE = rf"(?:{_SCALAR}|\[\s*(?:{_SCALAR}(?:\s*,\s*{_SCALAR})*)?\s*\])"
_ARGUMENT = rf"[a-z_][a-z0-9_]*\s*=\s*{_VALUE}"
_SIMPLE_CALL = re.compile(
    rf"\{{\{{ ?([a-z_][a-z0-9_]*)\(((?:\s*{_ARGUMENT}(?:\s*,\s*{_ARGUMENT})*\s*,?)?)\s*\) ?\}}\}}"
)
_SIMPLE_ARGUMENT = re.compile(rf"([a-z_][a-z0-9_]*)\s*=\s*{_VALUE}")


def _only_simple_calls(text: str) -> bool:
    """True when every template construct in `text` is a plain call of a registered macro with
    literal arguments, all of them known and the required ones given: the rule holds without
    parsing. Anything else (and anything unusual) is left to the full check with Jinja2's parser."""
    if "{%" in text or "{#" in text or "{{{" in text:
        return False
    for match in _SIMPLE_CALL.finditer(text):
        spec = MACROS.get(match.group(1))
        if spec is None:
            return False
        given = _SIMPLE_ARGUMENT.findall(match.group(2))
        if len(given) != len(set(given)) or not set(given) <= set(spec.parameters) or not _required(spec) <= set(given):
            return False
    return "{{" not in _SIMPLE_CALL.sub("", text)


def check_template(file: str, text: str, first_line: int = 1) -> list[Finding]:
    """Refuse every Jinja2 construct in `text` but registered macro calls with literal arguments."""
    if _only_simple_calls(text):
        return []
    return parsed_template_problems(file, text, first_line)


def parsed_template_problems(file: str, text: str, first_line: int = 1) -> list[Finding]:
    """The full rule, with Jinja2's own parser: every construct but an allowed call is a finding."""
    try:
        template = _PARSER.parse(text)
    except TemplateSyntaxError as exc:
        reason = exc.message or "okänt fel"
        message = f"mallkoden går inte att tolka ({reason}); {ALLOWED}"
        return [error(file, first_line + (exc.lineno or 1) - 1, message)]
    except RecursionError:
        return [error(file, first_line, f"mallkoden är för djupt nästlad; {ALLOWED}")]
    findings = []
    for node in template.body:
        line = first_line + _line_of(node) - 1
        if not isinstance(node, nodes.Output):
            findings.append(error(file, line, f"{{% {_tag(node)} %}} är inte tillåtet på sidorna; {ALLOWED}"))
            continue
        for part in node.nodes:
            if not isinstance(part, nodes.TemplateData):
                findings += [error(file, first_line + at - 1, problem) for at, problem in _expression(part)]
    return findings


def _tag(node: nodes.Node) -> str:
    """The tag of a `{% … %}` statement (`set`, `for`, …), looking inside the scope some are wrapped in."""
    if isinstance(node, nodes.Scope) and len(node.body) == 1:
        return _tag(node.body[0])
    return _STATEMENTS.get(type(node), "…")


def _line_of(node: nodes.Node) -> int:
    """The line of `node` in the template, or of the first node inside it that knows its line."""
    if node.lineno:
        return int(node.lineno)
    return next((int(child.lineno) for child in node.find_all(nodes.Node) if child.lineno), 1)


Problem = tuple[int, str]
"""A problem in a template: the line in the template's text and the Swedish message."""


def _expression(node: nodes.Node) -> Iterator[Problem]:
    """What is wrong with the expression inside `{{ … }}`; nothing for an allowed macro call."""
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        yield from _call(node, node.node.name)
    elif isinstance(node, nodes.Name) and node.name in MACROS:
        example = MACROS[node.name].example
        yield node.lineno, f"makrot {node.name} ska anropas med parenteser, t.ex. {{{{ {example} }}}}"
    elif isinstance(node, nodes.Name):
        yield node.lineno, f"'{node.name}' är inget makroanrop{_suggestion(node.name, MACROS)}; {ALLOWED}"
    else:
        yield node.lineno, f"{_construct(node)} är inte tillåtet i {{{{ … }}}}; {ALLOWED}"


def _call(call: nodes.Call, name: str) -> Iterator[Problem]:
    """What is wrong with a call of `name`: unknown macro, unnamed, unknown or non-literal arguments."""
    spec = MACROS.get(name)
    if spec is None:
        yield call.lineno, f"okänt makro '{name}'{_suggestion(name, MACROS)}; {ALLOWED}"
        return
    if call.args:
        yield call.lineno, f"argumenten till {name} ska ges med namn, t.ex. {{{{ {spec.example} }}}}"
    if call.dyn_args is not None or call.dyn_kwargs is not None:
        yield call.lineno, f"argument med * eller ** är inte tillåtna i anropet av {name}; skriv namn=värde"
    for keyword in call.kwargs:
        yield from _argument(spec, keyword)
    missing = _required(spec) - {keyword.key for keyword in call.kwargs}
    if not call.args and call.dyn_kwargs is None:
        for name in sorted(missing):
            yield call.lineno, f"anropet av {spec.name} saknar argumentet '{name}', t.ex. {{{{ {spec.example} }}}}"


def _argument(spec: MacroSpec, keyword: nodes.Keyword) -> Iterator[Problem]:
    """What is wrong with one named argument: a name the macro lacks, or a value that is not fixed."""
    parameters = spec.parameters
    accepts_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    if keyword.key not in parameters and not accepts_any:
        names = ", ".join(parameters) or "inga"
        hint = _suggestion(keyword.key, parameters)
        yield keyword.lineno, f"makrot {spec.name} har ingen parameter '{keyword.key}'{hint}; parametrar: {names}"
    if not _literal(keyword.value):
        message = f"argumentet '{keyword.key}' till {spec.name} ska vara ett fast värde ({LITERALS}); {ALLOWED}"
        yield keyword.lineno, message


def _required(spec: MacroSpec) -> set[str]:
    """The macro's parameters without a default value."""
    named = (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return {n for n, p in spec.parameters.items() if p.default is inspect.Parameter.empty and p.kind in named}


def _literal(value: nodes.Expr) -> bool:
    """True for a fixed value: text, an integer, a boolean, None, or a list of those."""
    if isinstance(value, nodes.List):
        return all(isinstance(item, nodes.Const) and _scalar(item.value) for item in value.items)
    return isinstance(value, nodes.Const) and _scalar(value.value)


def _scalar(value: object) -> bool:
    """True for the plain values a macro argument may have."""
    return value is None or isinstance(value, str | int)


def _construct(node: nodes.Node) -> str:
    """A Swedish name for the Jinja2 construct `node`, for messages."""
    if isinstance(node, nodes.Call):
        return _construct(node.node)
    if isinstance(node, nodes.Getattr):
        return f"attributet .{node.attr}"
    if isinstance(node, nodes.Getitem):
        return "index ([…])"
    if isinstance(node, nodes.Filter):
        return f"filtret |{node.name}"
    if isinstance(node, nodes.Test):
        return f"testet is {node.name}"
    if isinstance(node, nodes.CondExpr):
        return "villkoret if … else"
    if isinstance(node, nodes.Const | nodes.Literal):
        return "ett fast värde utan makro"
    return "ett uttryck"


def _suggestion(name: str, known: Iterable[str]) -> str:
    """` (menade du 'x'?)` for a close known name, else nothing."""
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.75)
    return f" (menade du '{close[0]}'?)" if close else ""


def check_front_matter(file: str, meta: Mapping[str, Any], lines: Mapping[str, int]) -> list[Finding]:
    """Refuse front matter that sets mkdocs-macros' page settings, hides a macro or holds template code."""
    findings = []
    for key, value in meta.items():
        name, line = str(key), lines.get(str(key), 1)
        if name in PLUGIN_PAGE_SETTINGS:
            message = f"'{name}' får inte stå i sidhuvudet: det styr makrotillägget, och alla sidor renderas och kontrolleras på samma sätt"
            findings.append(error(file, line, message))
        elif name in MACROS:
            message = f"nyckeln '{name}' i sidhuvudet har samma namn som makrot {name} och skulle dölja det; byt namn på nyckeln"
            findings.append(error(file, line, message))
        if _holds_template_code(key) or _holds_template_code(value):
            message = (
                f"'{name}' i sidhuvudet innehåller mallkod ({{{{, {{% eller {{#); makron får bara stå i sidans text"
            )
            findings.append(error(file, line, message))
    return findings


def _holds_template_code(value: object, seen: set[int] | None = None) -> bool:
    """True when a front matter value, at any depth, contains the start of a Jinja2 construct."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return False
    seen.add(id(value))
    if isinstance(value, str):
        return any(marker in value for marker in MARKERS)
    if isinstance(value, dict):
        return any(_holds_template_code(k, seen) or _holds_template_code(v, seen) for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return any(_holds_template_code(item, seen) for item in value)
    return False
