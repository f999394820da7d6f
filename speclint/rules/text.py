"""Small text helpers shared by rules."""

from __future__ import annotations

import re

_VERSIONED_NAME = re.compile(r"(?<![Ii][Pp])(?:V|(?<=[a-z0-9])v|_v)\d+(?:$|[A-Z_])")
MAJOR = re.compile(r"^v?(\d+)", re.IGNORECASE)


def has_version_number(name: str) -> bool:
    """``ProductV2``, ``productV2``, ``product_v2``; not ``IPv4Address`` or ``OAuth2Token``."""
    return bool(_VERSIONED_NAME.search(name))


_VERSIONED_WORD = re.compile(r"([A-Za-z][a-z0-9]*?)_?([Vv]\d+)(?=$|[A-Z_])")


def versioned_word(name: str) -> str:
    """The versioned word of ``name``, case- and underscore-blind: ``AddProjectV2ItemInput``,
    ``projectV2`` and ``project_v2`` all give ``projectv2``; empty when there is none."""
    if not has_version_number(name):
        return ""
    match = _VERSIONED_WORD.search(name)
    return (match.group(1) + match.group(2)).lower() if match else name.lower()


def short_name(name: str) -> str:
    """The last dotted part of a fully qualified name."""
    return name.rsplit(".", 1)[-1]


def upper_snake(name: str) -> str:
    """``PhoneType`` -> ``PHONE_TYPE``."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name)
    return spaced.upper()
