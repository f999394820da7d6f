"""Did the major version move? Read from every place a version can show."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from speclint.model import Api, VersionPlace

_MAJOR = re.compile(r"(?i)(?:^|[^a-z0-9])v?(\d+)")
_PACKAGE_VERSION = re.compile(r"(?i)(?:^|\.)v(\d+)(?:(?:alpha|beta|test)\d*)?(?:\.|$)")


@dataclass(frozen=True)
class VersionInfo:
    old: str | None
    new: str | None
    major_changed: bool
    known: bool = True  # both versions show a major version somewhere

    def as_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "major_changed": self.major_changed}


def majors(api: Api) -> dict[str, str]:
    """The major version seen at each kind of place: ``{"declared": "1", "path-prefix": "1"}``."""
    found: dict[str, str] = {}
    for mark in api.version_marks:
        if mark.place is VersionPlace.NAME:
            continue  # a versioned type name (UserV2) is not the API's version
        pattern = _PACKAGE_VERSION if mark.place is VersionPlace.PACKAGE else _MAJOR
        match = pattern.search(mark.value)
        if match:
            found.setdefault(mark.place.value, str(int(match.group(1))))
    if "declared" not in found and api.version:
        match = _MAJOR.search(api.version)
        if match:
            found["declared"] = str(int(match.group(1)))
    return found


def version_info(old: Api, new: Api) -> VersionInfo:
    """The declared versions, and whether any major version (declared, URL, path, package) moved."""
    old_majors, new_majors = majors(old), majors(new)
    changed = any(new_majors.get(place) != value for place, value in old_majors.items() if place in new_majors)
    if not changed and not (old_majors.keys() & new_majors.keys()):
        old_set, new_set = set(old_majors.values()), set(new_majors.values())
        changed = bool(old_set and new_set and not old_set & new_set)
    known = bool(old_majors and new_majors)
    return VersionInfo(old.version or _first_mark(old), new.version or _first_mark(new), changed, known)


def _first_mark(api: Api) -> str | None:
    marks = [m for m in api.version_marks if m.place is not VersionPlace.NAME]
    return marks[0].value if marks else None
