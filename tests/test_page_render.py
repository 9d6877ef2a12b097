"""Pages rendered without Jinja2 (`macros.adapter.page_render`) read as Jinja2 renders them.

The macros are stand-ins that print their name and arguments, so the comparison is of the
text around the calls and of the arguments the calls receive; the real macros' output is
compared on whole sites by the build tests.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.adapter import page_render
from macros.validation.pages import simple_calls


def _stand_in(name: str) -> Any:
    def call(**arguments: object) -> str:
        return f"<{name} {sorted(arguments.items())!r}>"

    return call


MACROS = ("tidslinje", "aktivitet_lankar", "personansvar")
"""Registered macros with a required text argument, an optional one and a number."""

_calls = st.one_of(
    st.builds(
        lambda plan, aktivitet, space: (
            f"{{{{{space}tidslinje(plan={plan!r}{f', aktivitet={aktivitet!r}' if aktivitet else ''}){space}}}}}"
        ),
        st.from_regex(r"[a-zåäö0-9-]{1,12}", fullmatch=True),
        st.none() | st.from_regex(r"[a-z0-9 -]{0,10}", fullmatch=True),
        st.sampled_from(["", " "]),
    ),
    st.builds(
        lambda plan, indrag: f'{{{{ aktivitet_lankar(plan="{plan}", indrag={indrag}) }}}}',
        st.from_regex(r"[a-z-]{1,8}", fullmatch=True),
        st.integers(0, 999),
    ),
    st.builds(
        lambda person: f"{{{{ personansvar( person = '{person}' ) }}}}",
        st.from_regex(r"[A-Za-zÅÄÖåäö .]{0,10}", fullmatch=True),
    ),
)
_prose = st.lists(
    st.sampled_from([*"abc åäö\n\r\t#*|-}%)(]'\"\\", "\r\n", "}}", "%}", "#}"]),
    max_size=30,
).map("".join)
_pages = st.lists(st.tuples(_prose, _calls), max_size=4).map(lambda parts: "".join(p + c for p, c in parts)) | _prose


@settings(max_examples=150, deadline=None)
@given(_pages, _prose)
def test_plain_calls_render_as_jinja2_renders_them(page: str, tail: str) -> None:
    """For any page of text and plain macro calls, substituting the calls gives Jinja2's text exactly."""
    source = page + tail
    environment = jinja2.Environment()
    expected = environment.from_string(source).render(**{name: _stand_in(name) for name in MACROS})
    text = page_render.jinja_text(source)
    calls = simple_calls(text)
    assert calls is not None, source
    with mock.patch.object(page_render, "call_macro", lambda site, uri, name, arguments: _stand_in(name)(**arguments)):
        assert page_render.substitute(text, calls, None, "index.md") == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "{% if x %}{% endif %}",
        "{{ tidslinje(plan=x) }}",
        "{{ tidslinje(plan='a') | upper }}",
        "{{ okänd(plan='a') }}",
        "{# kommentar #}",
        "{{- tidslinje(plan='a') }}",
    ],
)
def test_anything_but_plain_calls_is_left_to_jinja2(text: str) -> None:
    """A page with any other template construct is not rendered here (simple_calls gives None)."""
    assert simple_calls(text) is None
