"""Valid synthetic data at a chosen scale, built from the project's own pydantic models.

Every file is assembled as the Swedish-keyed mapping the editors write, validated with
the model that `macros/loading/files.py` names for it, and dumped from the validated
model, so what the generator writes is exactly the schema `python -m macros check`
enforces. The same seed gives byte-identical files.

Given the real model as a template, the generator takes over the real plan's ids:
the goal structure (effektmål, strategier, underkategorier, the first aktiviteter), so
that the real plan's pages can be copied to a synthetic plan with only the plan id
replaced, and the ids the analysis pages look up (lists, figures, dates, pictures,
governing signals, documents). All text and figures stay synthetic.

Command line: `python -m benchmarks.generator --out DIR [--factor 10] [--seed 1]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from macros.loading.files import GUIDANCE_DIR, PLAN_FILES, PLANS_DIR, SHARED_DIR, SHARED_FILES, FileKind
from macros.loading.loader import load
from macros.model.catalog import Municipality

# --------------------------------------------------------------------------- scale


@dataclass(frozen=True)
class Scale:
    """How much data to make: N plans × M activities × K procurement needs, and the rest in proportion."""

    plans: int = 1
    activities: int = 22
    needs: int = 60
    subcategories: int = 8
    strategies: int = 22
    indicators: int = 14
    people_per_plan: int = 30
    reports_per_activity: int = 15
    """Ten times the follow-up fixture's reports per activity (tests/fixtures/followup: 12 for 8 activities)."""
    measurements_per_indicator: int = 20
    """Ten times the follow-up fixture's measured values per nyckeltal (6 for 3)."""
    notes: int = 6

    @property
    def label(self) -> str:
        """Short description, e.g. `10 planer × 110 aktiviteter × 300 behov`."""
        return f"{self.plans} planer × {self.activities} aktiviteter × {self.needs} upphandlingsbehov"

    def times(self, factor: int, max_plans: int = 10) -> Scale:
        """`factor` times this scale: more plans up to `max_plans`, then bigger plans with longer history.

        A municipality has around ten category plans; beyond that, each plan grows:
        more activities, procurement needs, people, status reports and measurements.
        """
        plans = max(1, min(factor * self.plans, max_plans))
        per_plan = factor * self.plans / plans
        grow = lambda n: max(1, round(n * per_plan))  # noqa: E731
        return replace(
            self,
            plans=plans,
            activities=grow(self.activities),
            needs=grow(self.needs),
            people_per_plan=grow(self.people_per_plan),
            reports_per_activity=self.reports_per_activity,
            measurements_per_indicator=grow(self.measurements_per_indicator),
        )


def real_scale(model: Municipality | None) -> Scale:
    """The size of the real plan (1×), or the size the source document describes when it does not load."""
    if model is None or not model.plans:
        return Scale()
    plan = next(iter(model.plans.values()))
    reports = len(plan.follow_up.reports)
    return Scale(
        plans=1,
        activities=len(plan.activities) or 22,
        needs=len(plan.procurement_needs) or 60,
        subcategories=len(plan.subcategories) or 8,
        strategies=len(plan.strategies) or 22,
        indicators=len(plan.indicators) or 14,
        people_per_plan=max(len(model.people), 10),
        reports_per_activity=max(2, round(reports / max(len(plan.activities), 1))),
        measurements_per_indicator=2,
        notes=max(len(plan.notes), 1),
    )


# --------------------------------------------------------------------------- shared organisation

ADMINISTRATIONS = [
    ("ksf", "Kommunstyrelsens förvaltning", "KSF"),
    ("buf", "Barn- och utbildningsförvaltningen", "BUF"),
    ("gaf", "Grundskoleförvaltningen", "GAF"),
    ("sof", "Socialförvaltningen", "SOF"),
    ("kuf", "Kultur- och fritidsförvaltningen", "KUF"),
    ("mbf", "Miljö- och samhällsbyggnadsförvaltningen", "MBF"),
]
COMMITTEES = [
    ("kommunstyrelsen", "Kommunstyrelsen"),
    ("grundskolenamnden", "Grundskolenämnden"),
    ("vard-och-omsorgsnamnden", "Vård- och omsorgsnämnden"),
]
ROLES = [
    ("kategoriledare", "Kategoriledare", True),
    ("sponsor", "Sponsor", True),
    ("dataskyddsombud", "Dataskyddsombud", False),
    ("upphandlare", "Upphandlare", False),
    ("it-strateg", "IT-strateg", False),
    ("informationssakerhetssamordnare", "Informationssäkerhetssamordnare", False),
    ("controller", "Controller", False),
    ("avtalsforvaltare", "Avtalsförvaltare", False),
]
UNITS = [
    ("upphandlingssektionen", "Upphandlingssektionen", "ksf"),
    ("it-avdelningen", "IT-avdelningen", "ksf"),
    ("digitaliseringsavdelningen", "Digitaliseringsavdelningen", "ksf"),
    ("ekonomiavdelningen", "Ekonomiavdelningen", "ksf"),
    ("kommunikationsavdelningen", "Kommunikationsavdelningen", "ksf"),
    ("arbetsgrupp-informationssakerhet", "Arbetsgrupp informationssäkerhet", None),
    ("digitaliseringsforum", "Digitaliseringsforum", None),
    ("inkopsradet", "Inköpsrådet", None),
    ("valfardsteknikgruppen", "Välfärdsteknikgruppen", "sof"),
    ("skolans-it-grupp", "Skolans IT-grupp", "gaf"),
]

# --------------------------------------------------------------------------- text


_WORDS = [
    "upphandling",
    "avtal",
    "leverantör",
    "kategori",
    "verksamhet",
    "digitalisering",
    "förvaltning",
    "kommunen",
    "behov",
    "uppföljning",
    "kostnad",
    "kvalitet",
    "säkerhet",
    "licens",
    "system",
    "tjänst",
    "hårdvara",
    "konsult",
    "miljö",
    "hållbarhet",
    "process",
    "mall",
    "analys",
    "arbetssätt",
    "samverkan",
    "ansvar",
    "resurs",
    "kompetens",
    "inköp",
    "beställare",
    "nämnd",
    "budget",
    "effekt",
    "mål",
    "strategi",
    "riskbedömning",
    "informationssäkerhet",
    "molntjänst",
    "dataskydd",
    "tillgänglighet",
    "återbruk",
    "livslängd",
    "faktura",
    "spend",
    "ramavtal",
    "direktupphandling",
    "krav",
    "marknad",
    "dialog",
    "utveckling",
    "införande",
    "förstudie",
    "kartläggning",
    "styrning",
    "leverans",
    "innovation",
    "konkurrens",
    "samordning",
    "rutin",
    "och",
    "att",
    "för",
    "med",
    "som",
    "på",
    "av",
    "i",
    "till",
    "under",
    "genom",
    "inom",
    "mellan",
    "efter",
    "samt",
    "även",
    "både",
    "eller",
    "ska",
    "kan",
    "bör",
    "behöver",
    "planeras",
    "genomförs",
    "följs",
    "upp",
    "tas",
    "fram",
    "säkerställs",
    "förbättras",
    "minskar",
    "ökar",
]
_FIRST = [
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Anders",
    "Eva",
    "Johan",
    "Sara",
    "Per",
    "Åsa",
    "Mikael",
    "Lena",
    "Björn",
    "Ingrid",
    "Göran",
    "Elin",
    "Jörgen",
    "Sofia",
    "Örjan",
    "Helén",
    "André",
]
_LAST = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jönsson",
    "Lindström",
    "Åberg",
    "Söderberg",
    "Öhman",
    "Bäckström",
    "Lindqvist",
    "Holmén",
    "Fenger-Korg",
]
_SLUG_MAP = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "Å": "a", "Ä": "a", "Ö": "o", "É": "e"})


def slug(text: str) -> str:
    """The project's id rule: lower case, å/ä→a, ö→o, é→e, anything else → hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", text.translate(_SLUG_MAP).lower()).strip("-")


class Words:
    """Deterministic Swedish-looking text from a seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def phrase(self, low: int = 2, high: int = 5) -> str:
        """A capitalised phrase, like a heading."""
        words = self.rng.choices(_WORDS, k=self.rng.randint(low, high))
        return " ".join(words).capitalize()

    def sentence(self, low: int = 8, high: int = 18) -> str:
        """A sentence ending with a full stop."""
        return self.phrase(low, high) + "."

    def paragraph(self, sentences: int = 4) -> str:
        """A paragraph of sentences."""
        return " ".join(self.sentence() for _ in range(sentences))

    def text(self, paragraphs: int = 2, sentences: int = 4) -> str:
        """Markdown prose: paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraph(sentences) for _ in range(paragraphs)) + "\n"

    def person_name(self) -> str:
        """A first and last name."""
        return f"{self.rng.choice(_FIRST)} {self.rng.choice(_LAST)}"


# --------------------------------------------------------------------------- template ids


@dataclass
class TemplateIds:
    """What the real plan's pages look up, taken over so that copied pages render.

    The current-state analysis (bilaga 3) does not grow with a plan's activities and its
    pages look items up by id, number and supplier name, so each synthetic plan carries
    the real plan's analysis as it is; the ids of shared data it and the pages name
    (documents, council and national goals, editorial notes) are taken over too.
    """

    documents: list[str] = field(default_factory=list)
    council_goals: list[str] = field(default_factory=list)
    national_goals: list[str] = field(default_factory=list)
    notes: list[tuple[str, str | None]] = field(default_factory=list)
    analysis: dict[str, Any] | None = None
    subcategories: list[str] = field(default_factory=list)
    effect_goals: list[tuple[str, str]] = field(
        default_factory=lambda: [(f"4.1.{n}", f"effektmal-{n}") for n in range(1, 5)]
    )
    """(number, id) of each effektmål; without a real plan, four of its own."""
    strategies: list[tuple[str, str, str]] = field(default_factory=list)
    """(number, id, effektmål id) of each strategi."""
    activities: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, model: Municipality | None) -> TemplateIds:
        """The ids of the real model's first plan, or none."""
        ids = cls()
        if model is None or not model.plans:
            return ids
        plan = next(iter(model.plans.values()))
        ids.documents = [d.id for d in model.documents_file.documents]
        ids.council_goals = [g.id for area in model.governance.goal_areas for g in area.goals]
        ids.national_goals = [g.id for g in model.guidance.national_goals]
        ids.notes = [(n.id, n.section) for n in [*plan.meta.notes, *plan.activities_file.notes]]
        if plan.analysis is not None:
            ids.analysis = plan.analysis.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        ids.subcategories = [s.id for s in plan.subcategories]
        ids.effect_goals = [(g.number, g.id) for g in plan.effect_goals]
        ids.strategies = [(s.number, s.id, s.effect_goal) for s in plan.strategies]
        ids.activities = [a.id for a in plan.activities]
        return ids


# --------------------------------------------------------------------------- generator


def _ids(taken: list[str], noun: str, count: int) -> list[str]:
    """`count` ids: those taken over from the real plan first, then `noun-<n>`."""
    return (taken + [f"{noun}-{n}" for n in range(len(taken) + 1, count + 1)])[:count]


def _amount(value: float, unit: str, qualifier: str = "exakt") -> dict[str, Any]:
    return {"värde": value, "enhet": unit, "precision": qualifier}


class Generator:
    """Builds the mappings of every data file for one scale and seed."""

    def __init__(self, scale: Scale, seed: int = 1, template: TemplateIds | None = None) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        self.words = Words(self.rng)
        self.template = template or TemplateIds()
        self.plan_ids = [f"syntet-{n:02d}" for n in range(1, scale.plans + 1)]
        self.people: list[dict[str, Any]] = []
        self.people_of: dict[str, list[str]] = {}
        self.documents: list[str] = []
        self.council_goals: list[str] = []
        self.national_goals: list[str] = []

    # ---------------------------------------------------------------- shared

    def shared(self) -> dict[str, dict[str, Any]]:
        """The four shared files under `kommun/`."""
        return {
            "organisation.yml": self._organisation(),
            "styrning.yml": self._governance(),
            "styrdokument.yml": self._documents(),
            "personer.yml": self._people(),
        }

    def _organisation(self) -> dict[str, Any]:
        return {
            "förvaltningar": [{"id": i, "namn": n, "förkortning": s} for i, n, s in ADMINISTRATIONS],
            "nämnder": [{"id": i, "namn": n} for i, n in COMMITTEES],
            "enheter": [{"id": i, "namn": n, **({"förvaltning": a} if a else {})} for i, n, a in UNITS],
            "roller": [{"id": i, "namn": n, "per_plan": p} for i, n, p in ROLES],
        }

    def _governance(self) -> dict[str, Any]:
        wanted = self.template.council_goals or [f"fullmaktigemal-{n}" for n in range(1, 13)]
        areas = []
        for index in range(0, len(wanted), 3):
            goals = [{"id": g, "namn": self.words.sentence(6, 12)} for g in wanted[index : index + 3]]
            areas.append(
                {
                    "id": f"malomrade-{index // 3 + 1}",
                    "namn": self.words.phrase(2, 4),
                    "perspektiv": "social hållbarhet",
                    "mål": goals,
                }
            )
        self.council_goals = wanted
        self.national_goals = self.template.national_goals or _library_goals()
        return {"målområden": areas}

    def _documents(self) -> dict[str, Any]:
        ids = list(dict.fromkeys(["upphandlings-och-inkopspolicy", *self.template.documents]))
        ids += [f"styrdokument-{n}" for n in range(1, max(0, 20 - len(ids)) + 1)]
        self.documents = ids
        kinds = ["intern", "nationell", "lag", "eu", "okänd"]
        documents = []
        for index, doc in enumerate(ids):
            record: dict[str, Any] = {"id": doc, "namn": self.words.phrase(2, 6), "typ": kinds[index % len(kinds)]}
            if index % 4 == 1:
                record["förkortning"] = doc[:3].upper()
            if index % 5 == 2 and index > 0:
                record["del_av"] = ids[0]
            documents.append(record)
        return {"styrdokument": documents}

    def _people(self) -> dict[str, Any]:
        seen: set[str] = set()
        for plan in self.plan_ids:
            members = []
            for index in range(self.scale.people_per_plan):
                name = self.words.person_name()
                base = slug(name)
                person_id, n = base, 1
                while person_id in seen:
                    n += 1
                    person_id = f"{base}-{n}"
                seen.add(person_id)
                terms: list[dict[str, Any]] = []
                if index == 0:
                    terms.append({"roll": "kategoriledare", "plan": plan, "från": "2023-10"})
                elif index == 1:
                    terms.append({"roll": "sponsor", "plan": plan})
                else:
                    role = ROLES[2 + index % (len(ROLES) - 2)][0]
                    term: dict[str, Any] = {"roll": role, "från": f"{2019 + index % 5}-{1 + index % 12:02d}"}
                    if index % 9 == 4:
                        term["till"] = "2024-06"
                    terms.append(term)
                person: dict[str, Any] = {
                    "id": person_id,
                    "namn": name,
                    "titel": self.words.phrase(1, 3).lower(),
                    "förvaltning": ADMINISTRATIONS[index % len(ADMINISTRATIONS)][0],
                    "uppdrag": terms,
                }
                if index % 11 == 7:
                    person["slutat"] = "2024-03"
                self.people.append(person)
                members.append(person_id)
            self.people_of[plan] = members
        return {"personer": self.people}

    # ---------------------------------------------------------------- plans

    def plan(self, plan_id: str, number: int) -> dict[str, dict[str, Any]]:
        """Every file of one plan."""
        activities = self._activity_ids()
        files = {
            "plan.yml": self._plan_meta(number),
            "underkategorier.yml": self._subcategories(),
            "effektmal.yml": self._effect_goals(),
            "strategier.yml": self._strategies(),
            "nyckeltal.yml": self._indicators(activities),
            "aktiviteter.yml": self._activities(plan_id, activities),
            "upphandlingsbehov.yml": self._needs(),
            "organisation.yml": self._plan_organisation(plan_id),
            "nulage.yml": self._analysis(),
            "uppfoljning.yml": self._follow_up(plan_id, activities),
        }
        return files

    def _subcategory_ids(self) -> list[str]:
        return _ids(self.template.subcategories, "underkategori", self.scale.subcategories)

    def _strategy_list(self) -> list[tuple[str, str, str]]:
        """(number, id, effect goal id) for every strategy: the real plan's first, then new ones."""
        goals = self.template.effect_goals
        result = list(self.template.strategies)
        for extra in range(len(result), self.scale.strategies):
            goal_index = extra % len(goals)
            result.append((f"5.{goal_index + 1}.{20 + extra}", f"strategi-{extra + 1}", goals[goal_index][1]))
        return result[: self.scale.strategies]

    def _activity_ids(self) -> list[str]:
        return _ids(self.template.activities, "aktivitet", self.scale.activities)

    def _plan_meta(self, number: int) -> dict[str, Any]:
        subcategories = self._subcategory_ids()
        notes = self.template.notes or [(f"not-{n}", f"10.{n}") for n in range(1, self.scale.notes + 1)]
        kinds = ["avskuret", "motsägelse", "saknad bild", "oklart", "stavning"]
        return {
            "namn": f"Kategoriplan Syntet {number:02d}",
            "kategori": f"Syntet {number:02d}",
            "kommun": "Exempelkommun",
            "dokumenttyp": "Bilaga 5 - hela ärendet",
            "beslut": {"beslutas_av": "kommunstyrelsen", "datum": "2023-09-20", "datum_text": "2023-09-20"},
            "period": {"start": "2023-10", "år": 3, "text": "2023-10 – 2026-09"},
            "tas_fram_av": "Kategoriteamet",
            "ägs_av": "Kategoriledaren",
            "beslutas_av_text": "Kommunstyrelsen",
            "uppdateras_av": "Kategoriledaren",
            "ledtider": [{"underkategori": s, "månader": 18 if i % 2 else 24} for i, s in enumerate(subcategories[:3])],
            "ledtider_text": self.words.sentence(),
            "versioner": [
                {
                    "version": f"1.{n}",
                    "datum": f"2023-0{n + 1}-15",
                    "beslutat_av": "kommunstyrelsen",
                    "beskrivning": self.words.sentence(),
                    "git": f"syntet-{number:02d}-1.{n}",
                }
                for n in range(3)
            ],
            "redaktionella_noter": [
                {
                    "id": note_id,
                    **({"avsnitt": section} if section else {}),
                    "typ": kinds[i % len(kinds)],
                    "text": self.words.paragraph(2),
                }
                for i, (note_id, section) in enumerate(notes)
            ],
        }

    def _subcategories(self) -> dict[str, Any]:
        return {
            "underkategorier": [
                {"id": s, "namn": s.replace("-", " ").capitalize(), "definition": self.words.paragraph(3)}
                for s in self._subcategory_ids()
            ]
        }

    def _effect_goals(self) -> dict[str, Any]:
        goals = []
        for number, goal_id in self.template.effect_goals:
            goals.append(
                {
                    "id": goal_id,
                    "nummer": number,
                    "namn": self.words.sentence(6, 12),
                    "syfte": self.words.text(2, 3),
                    "fullmäktigemål": [
                        {"mål": g} for g in self.rng.sample(self.council_goals, k=min(2, len(self.council_goals)))
                    ],
                    "styrdokument": self.rng.sample(self.documents, k=2),
                    "styrdokument_text": self.words.phrase(2, 4),
                }
            )
        return {"effektmål": goals}

    def _strategies(self) -> dict[str, Any]:
        strategies = []
        for number, strategy_id, goal in self._strategy_list():
            strategies.append(
                {
                    "id": strategy_id,
                    "nummer": number,
                    "namn": self.words.phrase(3, 7),
                    "effektmål": goal,
                    "text": self.words.text(2, 4),
                    "åtgärder_inledning": "Detta görs bl.a. genom att:",
                    "åtgärder": [self.words.sentence(6, 14) for _ in range(self.rng.randint(2, 6))],
                    "nationella_mål": [{"mål": self.rng.choice(self.national_goals), "grund": "plan"}]
                    if self.national_goals
                    else [],
                }
            )
        return {"strategier": strategies}

    def _indicators(self, activities: list[str]) -> dict[str, Any]:
        indicators = []
        goals = self.template.effect_goals
        for index in range(self.scale.indicators):
            goal = goals[index % len(goals)]
            indicators.append(
                {
                    "id": f"nyckeltal-{index + 1}",
                    "avsnitt": f"6.{index % len(goals) + 1}",
                    "effektmål": goal[1],
                    "text": self.words.sentence(8, 16),
                    "aktiviteter": self.rng.sample(activities, k=min(2, len(activities))),
                    "målvärde": f"{self.rng.randint(50, 95)} %",
                }
            )
        return {"nyckeltal": indicators}

    def _activities(self, plan_id: str, ids: list[str]) -> dict[str, Any]:
        strategies = self._strategy_list()
        subcategories = self._subcategory_ids()
        members = self.people_of[plan_id]
        activities = []
        for index, activity_id in enumerate(ids):
            start_year = 2023 + (index % 3)
            start_quarter = 4 if start_year == 2023 else 1 + index % 4
            end_year = min(start_year + 1, 2026)
            strategy = self.rng.choice(strategies)
            schedule: dict[str, Any] = {
                "text": f"påbörjas {start_year}-Q{start_quarter} – {end_year} Q{start_quarter}",
                "start": f"{start_year}-Q{start_quarter}",
                "slut": f"{end_year}-Q{start_quarter if end_year > start_year else 4}",
            }
            if index and index % 3 == 0:
                schedule["efter"] = [ids[self.rng.randrange(index)]]
            activity: dict[str, Any] = {
                "id": activity_id,
                "nummer": f"9.2.{index + 1}",
                "namn": self.words.phrase(3, 7),
                "beskrivning": self.words.text(2, 4),
                "delmoment_inledning": self.words.sentence(),
                "delmoment": [
                    {
                        "bokstav": "abcdefgh"[n],
                        "text": self.words.sentence(5, 12),
                        "underpunkter": [self.words.sentence(4, 8)] if n == 1 else [],
                    }
                    for n in range(self.rng.randint(2, 6))
                ],
                "potential": self.words.paragraph(3),
                "ansvar_text": self.words.paragraph(2),
                "ansvar": [
                    {"roll": "kategoriledare", "typ": "ansvarig"},
                    {"person": self.rng.choice(members), "typ": "genomför", "not": self.words.phrase(2, 4)},
                    {"enhet": self.rng.choice(UNITS)[0], "typ": "deltar"},
                ],
                "mål": self.words.paragraph(2),
                "implementering": self.words.paragraph(2),
                "budget": [
                    {"belopp_kr": self.rng.randrange(50_000, 2_000_000, 10_000), "text": self.words.phrase(2, 5)}
                ],
                "tidplan": schedule,
                "prioritet": 1 + index % 3,
                "uppnådd_effekt": self.words.paragraph(2),
                "mätetal": [self.words.sentence(5, 10) for _ in range(2)],
                "bidrar_till": [{"strategi": strategy[1], "grund": "plan", "avsnitt": strategy[0]}],
                "underkategorier": self.rng.sample(subcategories, k=2),
            }
            if index % 4 == 1:
                activity["bidrar_till"].append(
                    {"effektmål": strategy[2], "grund": "förslag", "motivering": self.words.sentence()}
                )
            activities.append(activity)
        return {"inledning": self.words.text(1, 3), "aktiviteter": activities, "redaktionella_noter": []}

    def _needs(self) -> dict[str, Any]:
        subcategories = self._subcategory_ids()
        needs = []
        for index in range(self.scale.needs):
            year = 2023 + index % 4
            subcategory = self.rng.choice(subcategories)
            need: dict[str, Any] = {
                "id": f"{year}-behov-{index + 1}",
                "lista": year,
                "underkategori": subcategory,
                "underkategori_text": subcategory.replace("-", " ").capitalize(),
                "behov": self.words.phrase(2, 7),
            }
            if year > 2023:
                need["förlängning_tom"] = (
                    "Snarast" if index % 10 == 3 else f"{year + 1}-{1 + index % 12:02d}-{1 + index % 28:02d}"
                )
            needs.append(need)
        return {"inledning": self.words.text(2, 3), "upphandlingsbehov": needs}

    def _plan_organisation(self, plan_id: str) -> dict[str, Any]:
        members = self.people_of[plan_id]
        team = []
        for index, person in enumerate(members[: max(2, min(10, len(members)))]):
            member: dict[str, Any] = {"person": person, "förvaltning_text": ADMINISTRATIONS[index % 6][2]}
            if index % 5 == 3:
                member.update({"till": "2023-06", "till_text": "fram till juni 2023"})
            team.append(member)
        return {
            "styrgrupp": self.words.paragraph(2),
            "kategoriledare_text": self.words.paragraph(2),
            "kategoriledare": members[0],
            "kategoriteam_text": self.words.paragraph(2),
            "kategoriteam": team,
            "sponsor": members[1 % len(members)],
            "sponsor_text": "Sponsor: " + self.words.person_name(),
            "referensgrupp": [{"enhet": u[0], "text": u[1]} for u in UNITS[:4]]
            + [{"person": p, "text": self.words.phrase(2, 4)} for p in members[2:4]],
            "intressenter_text": self.words.sentence(),
            "intressenter": [self.words.phrase(1, 3) for _ in range(6)],
        }

    def _analysis(self) -> dict[str, Any]:
        if self.template.analysis is not None:
            return self.template.analysis
        w, rng = self.words, self.rng
        subcategories = self._subcategory_ids()
        years = [2020, 2021, 2022]
        signals = [(f"10.4.{n}", self.documents[n % len(self.documents)]) for n in range(1, 11)]
        lists = [(f"lista-{n}", f"10.{n + 2}") for n in range(1, 7)]
        figures = [(f"tal-{n}", f"10.{1 + n % 9}", ["kr", "procent", "st", "år"][n % 4]) for n in range(1, 21)]
        dates = [(f"datum-{n}", f"10.{1 + n % 9}") for n in range(1, 9)]
        pictures = [(n, f"10.{n}") for n in range(1, 4)]

        def group(with_subcategory: bool) -> dict[str, Any]:
            record: dict[str, Any] = {"punkter": [w.sentence(6, 14) for _ in range(rng.randint(2, 5))]}
            if with_subcategory:
                sub = rng.choice(subcategories)
                record.update({"underkategori": sub, "rubrik": f"Underkategori {sub}"})
            return record

        factors = ["politisk", "ekonomisk", "social", "teknologisk", "legal", "miljö"]
        return {
            "spend_per_år": [
                {
                    "år": y,
                    "belopp": _amount(rng.randint(100, 200), "mnkr", "ca"),
                    "andel_av_kommunen": _amount(round(rng.uniform(5, 15), 1), "procent"),
                    "avsnitt": "10.1",
                }
                for y in years
            ],
            "spend_per_underkategori": [
                {
                    "underkategori": s,
                    "år": y,
                    "belopp": _amount(rng.randint(1, 60), "mnkr"),
                    "andel": _amount(rng.randint(1, 40), "procent"),
                    "avsnitt": "10.1.1",
                }
                for s in subcategories
                for y in years[-2:]
            ],
            "största_leverantörer": [
                {
                    "leverantör": w.phrase(1, 2) + " AB",
                    "underkategori": rng.choice(subcategories),
                    "år": years[-1],
                    "belopp": _amount(rng.randint(1, 30), "mnkr"),
                    "avser": w.phrase(2, 4),
                    "avsnitt": "10.1.2",
                }
                for _ in range(10)
            ],
            "spend_per_köpare": [
                {
                    "köpare": n,
                    "förvaltning": i,
                    "år": years[-1],
                    "andel": _amount(rng.randint(2, 40), "procent"),
                    "avsnitt": "10.1.3",
                }
                for i, n, _ in ADMINISTRATIONS
            ]
            + [
                {
                    "köpare": "Kommunstyrelsen",
                    "nämnd": "kommunstyrelsen",
                    "år": years[-1],
                    "andel": _amount(30, "procent"),
                    "avsnitt": "10.1.3",
                }
            ],
            "antal_leverantörer": [{"år": y, "antal": rng.randint(200, 600), "avsnitt": "10.1.4"} for y in years],
            "fakturor": [
                {
                    "leverantör": w.phrase(1, 2) + " AB",
                    "år": years[-1],
                    "antal": _amount(rng.randint(100, 5000), "st"),
                    "avser": w.phrase(2, 3),
                    "avsnitt": "10.1.5",
                }
                for _ in range(5)
            ],
            "avtalstrohet": [
                {
                    "år": y,
                    "andel_utanför_avtal": _amount(rng.randint(5, 30), "procent"),
                    "belopp_utanför_avtal": _amount(rng.randint(5, 40), "mnkr", "ca"),
                    "avsnitt": "10.2",
                }
                for y in years
            ],
            "avtal": {"antal": rng.randint(40, 120), "avsnitt": "10.3"},
            "kraljic": [
                {
                    "underkategori": s,
                    "kvadranter": rng.sample(["strategisk", "flaskhals", "hävstång", "standard"], k=1 + i % 2),
                    "omfattning": "De flesta avtalen",
                    "avsnitt": "10.3.1",
                }
                for i, s in enumerate(subcategories)
            ],
            "styrsignaler": [
                {"nummer": n, "rubrik": w.phrase(2, 5), "styrdokument": doc, "krav": [w.sentence() for _ in range(2)]}
                for n, doc in signals
            ],
            "styrkor": [group(i % 2 == 0) for i in range(4)],
            "svagheter": [group(i % 2 == 1) for i in range(4)],
            "möjligheter": [group(False) for _ in range(3)],
            "hot": [group(False) for _ in range(3)],
            "omvärldsfaktorer": [
                {**group(False), "faktor": f, "avsnitt": f"10.8.{4 + i}"} for i, f in enumerate(factors)
            ],
            "listor": [
                {
                    "id": i,
                    "avsnitt": s,
                    "punkter": [
                        {
                            "markering": f"{n}.",
                            "text": w.sentence(),
                            "underpunkter": [{"text": w.sentence(4, 8)}] if n == 2 else [],
                        }
                        for n in range(1, rng.randint(3, 7))
                    ],
                }
                for i, s in lists
            ],
            "tal": [
                {"id": i, "avsnitt": s, "beskrivning": w.phrase(3, 6), "värde": rng.randint(2, 900), "enhet": u}
                for i, s, u in figures
            ],
            "datum": [
                {"id": i, "avsnitt": s, "beskrivning": w.phrase(3, 6), "tidpunkt": f"202{n % 4}-{1 + n % 12:02d}"}
                for n, (i, s) in enumerate(dates)
            ],
            "bilder": [{"nummer": n, "avsnitt": s, "bildtext": w.phrase(3, 6)} for n, s in pictures],
            "redaktionella_noter": [],
        }

    def _follow_up(self, plan_id: str, activities: list[str]) -> dict[str, Any]:
        members = self.people_of[plan_id]
        statuses = ["ej påbörjad", "pågår", "pågår", "genomförd", "uppskjuten"]
        reports = []
        for index, activity in enumerate(activities):
            count = self.scale.reports_per_activity
            for n in range(count):
                # spread over the three plan years (2023-10 – 2026-09), so every follow-up period has reports
                day = dt.date(2023, 10, 5) + dt.timedelta(days=(n * 1070) // max(count, 1) + index % 20)
                reports.append(
                    {
                        "aktivitet": activity,
                        "datum": day.isoformat(),
                        "status": statuses[min(n, len(statuses) - 1)] if n < count - 1 else self.rng.choice(statuses),
                        "rapporterad_av": self.rng.choice(members),
                        "kommentar": self.words.sentence(),
                    }
                )
        measurements = []
        for index in range(self.scale.indicators):
            for n in range(self.scale.measurements_per_indicator):
                day = dt.date(2023, 12, 31) + dt.timedelta(
                    days=(n * 1000) // max(self.scale.measurements_per_indicator, 1)
                )
                measurements.append(
                    {
                        "nyckeltal": f"nyckeltal-{index + 1}",
                        "datum": day.isoformat(),
                        "värde": f"{self.rng.randint(30, 99)} %",
                        "rapporterad_av": self.rng.choice(members),
                    }
                )
        return {"rapporter": reports, "mätvärden": measurements}


# --------------------------------------------------------------------------- YAML output


class _Dumper(yaml.SafeDumper):
    """Block scalars (`|`) for multi-line text, as editors write it."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _validated_yaml(kind: FileKind, mapping: dict[str, Any], schema_path: str) -> str:
    """Validate `mapping` with the file's model and dump the model, by alias, as YAML."""
    record = kind.model.model_validate(mapping)
    data = record.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return f"# yaml-language-server: $schema={schema_path}{kind.schema_name}\n# Syntetiskt data för prestandamätning (benchmarks/generator.py).\n{body}"


GUIDANCE = Path(__file__).resolve().parent.parent / "data" / GUIDANCE_DIR
"""The real guidance library: shared by every plan and the same at every scale, so it is copied as it is."""


def _library_goals() -> list[str]:
    """The ids of the national inriktningsmål in the real guidance library (none without it)."""
    file = GUIDANCE / "nationella-upphandlingsstrategin.yml"
    if not file.is_file():
        return []
    return [goal["id"] for goal in yaml.safe_load(file.read_text(encoding="utf-8")).get("inriktningsmål", [])]


def generate(out: Path, scale: Scale, *, seed: int = 1, template: TemplateIds | None = None) -> list[str]:
    """Write a complete data folder for `scale` to `out` (replacing it); return the plan ids."""
    if out.exists():
        shutil.rmtree(out)
    if GUIDANCE.is_dir():
        shutil.copytree(GUIDANCE, out / GUIDANCE_DIR, ignore=shutil.ignore_patterns(".*"))
    generator = Generator(scale, seed, template)
    shared_dir = out / SHARED_DIR
    shared_dir.mkdir(parents=True)
    shared = generator.shared()
    for kind in (kind for kind in SHARED_FILES if kind.name in shared):
        (shared_dir / kind.name).write_text(
            _validated_yaml(kind, shared[kind.name], "../../schemas/kommun-"), encoding="utf-8"
        )
    for number, plan_id in enumerate(generator.plan_ids, 1):
        folder = out / PLANS_DIR / plan_id
        folder.mkdir(parents=True)
        files = generator.plan(plan_id, number)
        for kind in (kind for kind in PLAN_FILES if kind.name in files):
            (folder / kind.name).write_text(
                _validated_yaml(kind, files[kind.name], "../../../schemas/plan-"), encoding="utf-8"
            )
    return generator.plan_ids


def main(argv: list[str] | None = None) -> int:
    """`python -m benchmarks.generator --out DIR [--factor N] [--seed S]`."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generator", description="Skriv syntetiskt data i en given skala."
    )
    parser.add_argument("--out", type=Path, required=True, help="datamapp att skriva (ersätts)")
    parser.add_argument("--factor", type=int, default=1, help="skala i förhållande till den riktiga planen (1, 10, 50)")
    parser.add_argument("--seed", type=int, default=1, help="slumpfrö")
    args = parser.parse_args(argv)
    scale = Scale().times(args.factor)
    real = load(Path(__file__).resolve().parent.parent / "data", today=dt.date.today())
    plans = generate(args.out, scale, seed=args.seed, template=TemplateIds.of(real.model))
    print(f"skrev {args.out}: {scale.label} ({', '.join(plans)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
