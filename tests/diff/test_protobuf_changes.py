"""Protobuf change rules (buf's FILE and WIRE_JSON): one change from base.proto per fixture, both ways."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, run_cli
from tests.diff.helpers import BOTH_WAYS, Cases, assert_changes

SPECS = FIXTURES / "diff" / "proto"

# variant: (changes base -> variant, changes variant -> base); each (rule, level, old line, new line)
CASES: Cases = {
    "field-deleted": (
        [("proto-field-deleted-unreserved", "breaking", 9, None)],
        [("field-added", "non-breaking", None, 9)],
    ),
    "field-deleted-reserved": (
        [("proto-field-deleted-reserved", "potentially-breaking", 9, None)],
        [("proto-reserved-number-reused", "breaking", 6, 9)],
    ),
    "field-number-reused": (
        [("proto-field-number-reused", "breaking", 9, 9)],
        [("proto-field-number-reused", "breaking", 9, 9)],
    ),
    "field-type-changed": (
        [("proto-field-type-changed", "breaking", 9, 9)],
        [("proto-field-type-changed", "breaking", 9, 9)],
    ),
    "field-renamed": (
        [("proto-field-renamed", "breaking", 8, 8)],
        [("proto-field-renamed", "breaking", 8, 8)],
    ),
    "json-name-changed": (
        [("proto-json-name-changed", "breaking", 8, 8)],
        [("proto-json-name-changed", "breaking", 8, 8)],
    ),
    "label-changed": (
        [("proto-field-label-changed", "breaking", 10, 10)],
        [("proto-field-label-changed", "breaking", 10, 10)],
    ),
    "enum-value-removed": (
        [("enum-value-removed", "breaking", 19, None)],
        [("enum-value-added", "potentially-breaking", None, 19)],
    ),
    "enum-value-renumbered": (
        [("proto-enum-value-renumbered", "breaking", 19, 19)],
        [("proto-enum-value-renumbered", "breaking", 19, 19)],
    ),
    "rpc-removed": (
        [("operation-removed", "breaking", 36, None)],
        [("operation-added", "non-breaking", None, 36)],
    ),
    "rpc-request-changed": (
        [("proto-rpc-request-changed", "breaking", 35, 35)],
        [("proto-rpc-request-changed", "breaking", 35, 35)],
    ),
    "rpc-streaming-changed": (
        [("proto-rpc-streaming-changed", "breaking", 36, 36)],
        [("proto-rpc-streaming-changed", "breaking", 36, 36)],
    ),
    "reserved-number-reused": (
        [("proto-reserved-number-reused", "breaking", 6, 12)],
        [("proto-field-deleted-unreserved", "breaking", 12, None)],
    ),
    "package-renamed": (
        [("proto-package-changed", "breaking", 3, 3)],
        [("proto-package-changed", "breaking", 3, 3)],
    ),
    "service-renamed": (
        [("proto-service-renamed", "breaking", 34, 34)],
        [("proto-service-renamed", "breaking", 34, 34)],
    ),
}


@BOTH_WAYS
@pytest.mark.parametrize("variant", sorted(CASES))
def test_change(variant: str, forward: bool) -> None:
    assert_changes(SPECS / "base.proto", SPECS / f"{variant}.proto", CASES[variant], forward)


def test_package_major_version_bump() -> None:
    result = run_cli("diff", SPECS / "base.proto", SPECS / "package-major.proto", "--format", "json")
    report = result.json()
    assert result.code == 1
    assert [c["rule"] for c in report["changes"]] == ["proto-package-changed"]
    assert report["version"] == {"old": "v1", "new": "v2", "major_changed": True}
    assert report["notes"] == []


def test_breaking_change_within_a_major_version_gets_a_note() -> None:
    report = run_cli("diff", SPECS / "base.proto", SPECS / "field-deleted.proto", "--format", "json").json()
    assert report["version"] == {"old": "v1", "new": "v1", "major_changed": False}
    assert [n["rule"] for n in report["notes"]] == ["major-version-unchanged"]
