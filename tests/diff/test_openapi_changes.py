"""OpenAPI change rules: each fixture differs from base.yaml in one way, diffed in both directions."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, ROOT, run_cli
from tests.diff.helpers import BOTH_WAYS, Cases, assert_changes

SPECS = FIXTURES / "diff" / "openapi"

# variant: (forward: base -> variant), (reverse: variant -> base); each (rule, level, old line, new line)
CASES: Cases = {
    "param-required": (
        [("request-parameter-added-required", "breaking", None, 20)],
        [("request-parameter-removed", "non-breaking", 20, None)],
    ),
    "operation-removed": (
        [("operation-removed", "breaking", 48, None)],
        [("operation-added", "non-breaking", None, 48)],
    ),
    "request-enum": (
        [("request-enum-value-removed", "breaking", 77, None)],
        [("request-enum-value-added", "non-breaking", None, 77)],
    ),
    "response-enum": (
        [("response-enum-value-added", "potentially-breaking", None, 88)],
        [("response-enum-value-removed", "non-breaking", 88, None)],
    ),
    "max-length": (
        [("request-constraint-narrowed", "breaking", 72, 72)],
        [("request-constraint-widened", "non-breaking", 72, 72)],
    ),
    "response-property-removed": (
        [("response-property-removed", "breaking", 86, None)],
        [("response-property-added", "non-breaking", None, 86)],
    ),
    "response-optional": (
        [("response-property-became-optional", "breaking", 80, 84)],
        [("response-property-became-required", "non-breaking", 84, 80)],
    ),
    "request-type": (
        [("request-type-changed", "breaking", 74, 74)],
        [("request-type-changed", "breaking", 74, 74)],
    ),
    "nullable": (
        [("response-type-changed", "breaking", 83, 83)],
        [("response-type-narrowed", "non-breaking", 83, 83)],
    ),
    "operation-id": (
        [("operation-id-changed", "potentially-breaking", 12, 12)],
        [("operation-id-changed", "potentially-breaking", 12, 12)],
    ),
    "security": (
        [("security-requirement-added", "breaking", 11, 8)],
        [("security-requirement-removed", "non-breaking", 8, 11)],
    ),
    "media-type": (
        [("response-media-type-removed", "breaking", 29, None)],
        [("response-media-type-added", "non-breaking", None, 29)],
    ),
    "request-property-required": (
        [("request-property-added-required", "breaking", None, 70)],
        [("request-property-removed", "potentially-breaking", 70, None)],
    ),
}


@BOTH_WAYS
@pytest.mark.parametrize("variant", sorted(CASES))
def test_change(variant: str, forward: bool) -> None:
    assert_changes(SPECS / "base.yaml", SPECS / f"{variant}.yaml", CASES[variant], forward)


def test_identical_specs_have_no_changes() -> None:
    result = run_cli("diff", SPECS / "base.yaml", SPECS / "base.yaml", "--format", "json")
    assert result.code == 0
    assert result.json()["changes"] == []
    assert result.json()["summary"] == {"breaking": 0, "potentially-breaking": 0, "non-breaking": 0}


def test_json_shape_follows_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run_cli("diff", SPECS / "base.yaml", SPECS / "operation-removed.yaml", "--format", "json")
    assert result.code == 1
    report = result.json()
    assert report["changes"] == [
        {
            "rule": "operation-removed",
            "level": "breaking",
            "message": "DELETE /items/{itemId} was removed",
            "old": {
                "file": "fixtures/diff/openapi/base.yaml",
                "line": 48,
                "pointer": "/paths/~1items~1{itemId}/delete",
            },
            "new": None,
        }
    ]
    assert report["summary"] == {"breaking": 1, "potentially-breaking": 0, "non-breaking": 0}
    assert report["version"] == {"old": "1.2.0", "new": "1.2.0", "major_changed": False}
    assert [n["rule"] for n in report["notes"]] == ["major-version-unchanged"]


def test_major_version_bump_silences_the_note() -> None:
    result = run_cli("diff", SPECS / "base.yaml", SPECS / "major-version.yaml", "--format", "json")
    report = result.json()
    assert result.code == 1
    assert report["version"] == {"old": "1.2.0", "new": "2.0.0", "major_changed": True}
    assert report["notes"] == []
