"""The editors' macro reference, generated from the registered macros themselves: name,
description (the docstring), parameters (the signature) and an example call."""

from __future__ import annotations

import inspect

from macros.render.context import Site
from macros.render.html import swedish_key
from macros.render.registry import MACROS, MacroSpec, macro
from macros.render.text import table


def _parameters(spec: MacroSpec) -> list[str]:
    """The macro's parameters in words: name, whether required, default value."""
    described = []
    for name, parameter in spec.parameters.items():
        if parameter.default is inspect.Parameter.empty:
            described.append(f"`{name}` (krävs)")
        elif parameter.default is None:
            described.append(f"`{name}` (valfri)")
        else:
            described.append(f"`{name}` (valfri, standard: `{parameter.default!r}`)")
    return described


def _entry(spec: MacroSpec) -> str:
    """One macro: heading, description, parameters and the example as a code block."""
    description = inspect.getdoc(spec.function) or ""
    parameters = _parameters(spec)
    lines = [f"### `{spec.name}` {{#{spec.name.replace('_', '-')}}}", "", description.strip(), ""]
    lines.append("**Parametrar:** " + (", ".join(parameters) if parameters else "inga") + "\n")
    lines += ["**Exempel:**", "", "```text", f"{{{{ {spec.example} }}}}", "```", ""]
    return "\n".join(lines)


@macro("makroreferens", "makroreferens()")
def macro_reference(site: Site) -> str:
    """Förteckning över alla makron med beskrivning, parametrar och exempel (den här sidan)."""
    specs = sorted(MACROS.values(), key=lambda spec: swedish_key(spec.name))
    overview = table(
        ["Makro", "Vad det gör"], [[f"[`{s.name}`](#{s.name.replace('_', '-')})", s.summary] for s in specs]
    )
    intro = (
        f"Webbplatsen har {len(specs)} makron. Ett makro skrivs i sidans Markdown inom dubbla klammerparenteser, "
        "med argumenten som namn=värde. Listan skapas ur makrona själva och är därför alltid aktuell.\n"
    )
    return intro + "\n" + overview + "\n" + "\n".join(_entry(spec) for spec in specs)
