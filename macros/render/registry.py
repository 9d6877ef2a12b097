"""The macros pages can call: each is a pure function from the model to Markdown,
registered under its Swedish name with an example for the editors' reference page."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from macros.render.context import MacroError, Site

MacroFunction = Callable[..., str]


@dataclass(frozen=True)
class MacroSpec:
    """A registered macro: its Swedish name, its function and a usage example."""

    name: str
    function: MacroFunction
    example: str

    @cached_property
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


def render_call(site: Site, page: str, name: str, arguments: dict[str, object]) -> str:
    """The output of macro `name` called on `page`; a wrong call raises MacroError with a Swedish reason.

    The check (on every page of content/) and the build call macros through this one function,
    so a call that the check accepts renders in the build.
    """
    spec = MACROS.get(name)
    if spec is None:
        raise MacroError(f"okänt makro '{name}'")
    try:
        return spec.bind(site.on_page(page))(**arguments)
    except MacroError:
        raise
    except KeyError as exc:
        raise MacroError(f"okänt id {exc.args[0]!r}") from None
    except TypeError as exc:
        raise MacroError(f"fel argument ({exc})") from None
    except Exception as exc:  # a fault in the engine: say so in Swedish instead of a traceback
        raise MacroError(
            f"oväntat fel i makrot ({type(exc).__name__}: {exc}); det är ett programfel, rapportera det"
        ) from None
