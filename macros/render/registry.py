"""The macros pages can call: each is a pure function from the model to Markdown,
registered under its Swedish name with an example for the editors' reference page."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

from macros.render.context import Site

MacroFunction = Callable[..., str]


@dataclass(frozen=True)
class MacroSpec:
    """A registered macro: its Swedish name, its function and a usage example."""

    name: str
    function: MacroFunction
    example: str

    @property
    def parameters(self) -> dict[str, inspect.Parameter]:
        """The parameters pages pass, by name (the site is supplied, not written)."""
        return {name: p for name, p in inspect.signature(self.function).parameters.items() if name != "site"}

    @property
    def summary(self) -> str:
        """The first line of the function's docstring."""
        return (inspect.getdoc(self.function) or "").splitlines()[0]

    def bind(self, site: Site) -> MacroFunction:
        """The macro as pages call it: keyword arguments only, the site supplied."""

        def call(**arguments: object) -> str:
            return self.function(site, **arguments)

        call.__name__ = self.name
        call.__doc__ = self.function.__doc__
        return call


MACROS: dict[str, MacroSpec] = {}


def macro(name: str, example: str) -> Callable[[MacroFunction], MacroFunction]:
    """Register `function` as the page macro `name`."""

    def register(function: MacroFunction) -> MacroFunction:
        if name in MACROS:
            raise ValueError(f"makrot {name} är redan registrerat")
        MACROS[name] = MacroSpec(name, function, example)
        return function

    return register
