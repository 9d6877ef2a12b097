"""The short report of a browser run: reports/browser-report.md and .json (kept by CI)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

from tests.browser.harness import AXE_TAGS, GATES, SCHEMES, Crawl

MAX_LISTED = 200


def summary(crawl: Crawl) -> dict[str, Any]:
    """The run as plain data (the JSON report)."""
    by_gate = Counter(problem.gate for problem in crawl.problems)
    return {
        "webbplats": crawl.site.name,
        "sidor": crawl.site.pages,
        "antal_sidor": len(crawl.site.pages),
        "lägen": [{"namn": s.name, "färgschema": s.color_scheme, "bredd": s.width, "höjd": s.height} for s in SCHEMES],
        "axe_taggar": AXE_TAGS,
        "lokala_förfrågningar": crawl.requests,
        "blockerade_förfrågningar": [{"sida": page, "url": url} for page, url in crawl.blocked],
        "axe_per_regel": {scheme: dict(rules) for scheme, rules in crawl.axe_rules.items()},
        "axe_regeltexter": crawl.axe_help,
        "kontrollerat": dict(crawl.counts),
        "problem_per_kontroll": {gate: by_gate.get(gate, 0) for gate in GATES},
        "problem": [{"kontroll": p.gate, "sida": p.page, "text": p.message, "regel": p.rule} for p in crawl.problems],
        "externa_länkar": {url: sorted(pages) for url, pages in sorted(crawl.external_links.items())},
        "sökningar": crawl.searches,
        "sekunder": round(crawl.seconds, 1),
    }


def markdown(data: dict[str, Any]) -> str:
    """The run as a short Markdown report."""
    lines = [
        "# Webbläsarkontroller",
        "",
        f"Körd {dt.datetime.now().astimezone().isoformat(timespec='seconds')} på webbplatsen *{data['webbplats']}*.",
        "",
        f"- Sidor kontrollerade: **{data['antal_sidor']}**, i "
        + " och ".join(f"{m['namn']} ({m['bredd']}×{m['höjd']} px)" for m in data["lägen"]),
        f"- Förfrågningar till den lokala servern: {data['lokala_förfrågningar']}",
        f"- Blockerade förfrågningar till andra värdar: **{len(data['blockerade_förfrågningar'])}**",
        f"- axe-core med taggarna {', '.join(data['axe_taggar'])}",
        f"- Tid för genomgången: {data['sekunder']} s",
        "",
        "## Resultat per kontroll",
        "",
        "| Kontroll | Problem |",
        "|---|---|",
    ]
    lines += [f"| {GATES[gate]} | {count} |" for gate, count in data["problem_per_kontroll"].items()]
    lines += ["", "## axe-core-överträdelser per regel", ""]
    rules = sorted({rule for counts in data["axe_per_regel"].values() for rule in counts})
    if rules:
        names = [m["namn"] for m in data["lägen"]]
        lines += [
            "| Regel | " + " | ".join(f"Sidor, {n}" for n in names) + " | Beskrivning |",
            "|---" * (len(names) + 2) + "|",
        ]
        for rule in rules:
            counts = [str(data["axe_per_regel"].get(n, {}).get(rule, 0)) for n in names]
            lines.append(f"| {rule} | " + " | ".join(counts) + f" | {data['axe_regeltexter'].get(rule, '')} |")
    else:
        lines.append("Inga överträdelser.")
    lines += ["", "## Kontrollerat", ""]
    lines += [f"- {what}: {count}" for what, count in sorted(data["kontrollerat"].items())]
    if data["sökningar"]:
        lines += ["", "## Sökningar", "", "| Sökord | Förväntade sidor | Första träffarna | Ok |", "|---|---|---|---|"]
        for item in data["sökningar"]:
            ok = "ja" if item["ok"] else "**nej**"
            lines.append(
                f"| {item['sökord']} | {', '.join(item['förväntat'])} | {', '.join(item['träffar'][:5])} | {ok} |"
            )
    if data["blockerade_förfrågningar"]:
        lines += ["", "## Blockerade förfrågningar", ""]
        lines += [f"- {b['sida']}: {b['url']}" for b in data["blockerade_förfrågningar"][:MAX_LISTED]]
    lines += ["", "## Problem", ""]
    if data["problem"]:
        for problem in data["problem"][:MAX_LISTED]:
            lines.append(f"- [{GATES[problem['kontroll']]}] {problem['sida']}: {problem['text']}")
        if len(data["problem"]) > MAX_LISTED:
            lines.append(f"- … och {len(data['problem']) - MAX_LISTED} till (se JSON-rapporten)")
    else:
        lines.append("Inga.")
    lines += ["", "## Externa länkar (listas, hämtas inte)", ""]
    if data["externa_länkar"]:
        for url, pages in data["externa_länkar"].items():
            lines.append(
                f"- <{url}> på {', '.join(pages[:5])}" + (f" och {len(pages) - 5} sidor till" if len(pages) > 5 else "")
            )
    else:
        lines.append("Inga.")
    return "\n".join(lines) + "\n"


def write_report(folder: Path, crawl: Crawl | None, *, build_error: str | None = None) -> Path:
    """Write browser-report.md and browser-report.json into `folder`; return the Markdown file."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "browser-report.md"
    if crawl is None:
        data: dict[str, Any] = {"bygget_misslyckades": True, "logg": build_error or ""}
        text = "# Webbläsarkontroller\n\nDen riktiga webbplatsen gick inte att bygga, så inga sidor kontrollerades.\n\n```text\n"
        text += (build_error or "").strip() + "\n```\n"
    else:
        data = summary(crawl)
        text = markdown(data)
    (folder / "browser-report.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    target.write_text(text, encoding="utf-8")
    return target
