"""Generated pages reach the theme's menu as plain pages do: without front matter."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.sitebuild import FIXTURE_CONTENT, FIXTURE_DATA, build, write_config

CAPTURE_HOOK = '''
import json, os

def on_page_context(context, page, config, nav):
    """Note, once, the front matter of every page in the menu as the theme's templates see it."""
    target = os.environ["MENY_FRAMSIDOR"]
    if not os.path.exists(target):
        pages = {p.file.src_uri: dict(p.meta) for p in nav.pages}
        with open(target, "w", encoding="utf-8") as out:
            json.dump({"sidor": pages, "genererade": [p.file.src_uri for p in nav.pages if p.file.generated_by]}, out)
    return context
'''


def test_generated_pages_reach_the_menu_without_front_matter(tmp_path: Path, monkeypatch: object) -> None:
    """When the theme renders the menu, a generated page's front matter is empty, as a written page's
    without front matter is, unless the page has settings of its own (the whole plan hides its table of
    contents and stays out of the search): Material's menu asks each entry with front matter for an
    icon, a subtitle and a status on every page, and mkdocs-macros' marker on every generated page made
    our build 1.23 times plain MkDocs at 50 times the real plan."""
    config = write_config(tmp_path, data=FIXTURE_DATA, content=FIXTURE_CONTENT)
    hook = tmp_path / "capture_menu.py"
    hook.write_text(CAPTURE_HOOK, encoding="utf-8")
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["hooks"].append(str(hook))
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    target = tmp_path / "meny.json"
    monkeypatch.setenv("MENY_FRAMSIDOR", str(target))  # type: ignore[attr-defined]
    done = build(config)
    assert done.returncode == 0, done.stderr[-2000:]
    menu = json.loads(target.read_text(encoding="utf-8"))
    generated = menu["genererade"]
    assert len(generated) > 10, generated
    carrying = {page: meta for page in generated if (meta := menu["sidor"][page])}
    assert all(set(meta) <= {"hide", "search"} for meta in carrying.values()), carrying
    assert len(carrying) < len(generated) / 4, carrying
