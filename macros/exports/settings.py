"""What the municipality decides about its open data, and the data's date and version.

The licence, the publisher and the OCDS prefix are the municipality's to set, in mkdocs.yml
under `extra: exporter:` (read by the adapter). Until it does, the defaults below apply and
the "Öppna data" page says that they are defaults.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from macros.model.history import History

DEFAULT_LICENCE = "CC0 1.0 Universell"
DEFAULT_LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.sv"
DEFAULT_OCID_PREFIX = "ocds-kategoriplan"
"""A stand-in: OCDS identifiers start with a prefix the Open Contracting Partnership registers for the publisher."""

SETTINGS_KEY = "exporter"
"""The key under `extra` in mkdocs.yml."""


class SettingsError(ValueError):
    """A setting in mkdocs.yml that cannot be used; the message is Swedish."""


@dataclass(frozen=True)
class OpenDataSettings:
    """The municipality's choices for its open data, and whether each is still the default."""

    licence: str = DEFAULT_LICENCE
    licence_url: str | None = DEFAULT_LICENCE_URL
    licence_set: bool = False
    ocid_prefix: str = DEFAULT_OCID_PREFIX
    ocid_prefix_set: bool = False
    publisher: str | None = None
    """Who publishes the data; default: the plan's municipality as plan.yml names it."""
    site_url: str | None = None
    """The site's address (mkdocs.yml `site_url`), when known: makes absolute addresses in the feeds."""


_KNOWN = {"licens", "licens_url", "ocid_prefix", "utgivare"}


def settings_from(extra: dict[str, Any], site_url: str | None) -> OpenDataSettings:
    """The settings under `extra.exporter` in mkdocs.yml; unknown or malformed keys are Swedish errors."""
    raw = extra.get(SETTINGS_KEY) or {}
    if not isinstance(raw, dict):
        raise SettingsError(f"mkdocs.yml: extra.{SETTINGS_KEY} ska vara en samling nycklar")
    unknown = sorted(set(raw) - _KNOWN)
    if unknown:
        raise SettingsError(f"mkdocs.yml: okänd nyckel under extra.{SETTINGS_KEY}: {', '.join(unknown)}")
    for key, value in raw.items():
        if not isinstance(value, str) or not value.strip():
            raise SettingsError(f"mkdocs.yml: extra.{SETTINGS_KEY}.{key} ska vara en text")
    licence_set = "licens" in raw
    return OpenDataSettings(
        licence=raw.get("licens", DEFAULT_LICENCE),
        licence_url=raw.get("licens_url") if licence_set else raw.get("licens_url", DEFAULT_LICENCE_URL),
        licence_set=licence_set,
        ocid_prefix=raw.get("ocid_prefix", DEFAULT_OCID_PREFIX),
        ocid_prefix_set="ocid_prefix" in raw,
        publisher=raw.get("utgivare"),
        site_url=site_url.rstrip("/") + "/" if site_url else None,
    )


@dataclass(frozen=True)
class DataVersion:
    """When the data last changed and which version it is."""

    day: dt.date
    stamp: dt.datetime
    """The moment in UTC (the commit's time; the build day's midnight without one)."""
    version: str
    """The commit's short id, or a sentence saying why there is none."""
    committed: bool


def data_version(history: History, plan_id: str | None, today: dt.date) -> DataVersion:
    """The version of a plan's data (or of the shared data, `plan_id` None) as git records it.

    The newest commit that changed the plan's folder in data/ or the shared data. Without git,
    or with data changed after the last commit, the version says so and the date is the build's.
    """
    midnight = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    if history.unavailable:
        return DataVersion(today, midnight, f"okänd ({history.unavailable})", committed=False)
    prefixes: tuple[str, ...] = (f"{history.data_prefix}kommun/",)
    if plan_id is not None:
        prefixes += (f"{history.data_prefix}planer/{plan_id}/",)
    commits = [c for c in history.commits if any(f.path.startswith(prefixes) for f in c.files)]
    uncommitted = [path for path in history.uncommitted if path.startswith(prefixes)]
    if uncommitted or not commits:
        why = "data som inte är incheckat i git" if uncommitted else "ingen incheckning i git"
        base = f"{commits[0].short_id} och " if commits else ""
        return DataVersion(today, midnight, f"{base}{why}", committed=False)
    newest = commits[0]
    stamp = newest.made.astimezone(dt.UTC)
    return DataVersion(newest.made.date(), stamp, newest.short_id, committed=True)


def tables_created(history: History, plan_ids: Iterable[str | None], today: dt.date) -> dt.datetime:
    """The time the exported tables give as created (the xlsx property): the newest commit that changed
    these plans' or the shared data, as SOURCE_DATE_EPOCH is for a reproducible build.

    Files changed after that commit do not move it: the plan's JSON, calendars and OCDS say that the data
    is not that commit's version, while the tables' bytes stay as they were until the next commit (so the
    preview's first save does not rewrite every table). Without such a commit: the build's day, at midnight.
    """
    committed = dataclasses.replace(history, uncommitted=())
    return max(data_version(committed, plan_id, today).stamp for plan_id in plan_ids)
