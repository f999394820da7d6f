"""The lint items of two folders, each with its own custom ruleset, run one after the other in
one process: each folder's items show its own ruleset's findings (rulesets are scoped to a run)."""

from __future__ import annotations

import pytest

from tests.custom.test_run_scoped import RULESET_A, RULESET_B, make_project
from tests.pytest_plugin.conftest import BASE_ARGS


def test_pytest_plugin_over_two_folders_with_different_rulesets(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs = {}
    for name, ruleset in (("a", RULESET_A), ("b", RULESET_B), ("a2", RULESET_A)):
        folder = make_project(pytester.path / name, ruleset)
        monkeypatch.chdir(folder)
        result = pytester.runpytest(*BASE_ARGS, "--speclint", str(folder))
        result.assert_outcomes(failed=1)
        outputs[name] = [" ".join(line.split()) for line in result.outlines if line.startswith("pets.yaml:")]
    assert outputs["a"] == ["pets.yaml:3:3 error house-rule title must start with Shop"]
    assert outputs["b"] == [
        "pets.yaml:4:3 warning house-rule version must be 2.x",
        "pets.yaml:8:7 error openapi-operation-id-casing operationId must not contain 'pets'",
    ]
    assert outputs["a2"] == outputs["a"]
