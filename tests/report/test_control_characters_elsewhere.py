"""Control characters quoted from a spec reach no diff report, fuzz report or Action output raw:
no terminal escape, no forged workflow command, and the JSON reports keep the exact text."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from speclint.action.annotations import Annotations
from speclint.action.summary import Outcome, render
from speclint.fuzz.report.json_report import write_json
from speclint.fuzz.report.text import write_text
from speclint.fuzz.results import ContractFailure, FuzzReport
from tests.conftest import run_cli

# ESC, CR/LF with a forged workflow command, DEL, a C1 control (NEL) and a bidi override.
PATH = "/a\x1b[31mred\r\n::error file=x::forged\x7f\x85\u202e"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]")


def _spec(paths: dict[str, object]) -> str:
    return json.dumps({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths})


@pytest.fixture
def specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    monkeypatch.chdir(tmp_path)
    get = {"get": {"responses": {"200": {"description": "ok"}}}}
    Path("old.json").write_text(_spec({PATH: get, "/b": get}), encoding="utf-8")
    Path("new.json").write_text(_spec({"/b": get}), encoding="utf-8")
    return "old.json", "new.json"


def _clean(output: str) -> None:
    assert "forged" in output
    assert RAW.findall(output) == []
    assert not any(line.startswith("::error file=x") for line in output.splitlines()), "a forged workflow command"


@pytest.mark.parametrize("fmt", ["text", "markdown", "github", "json"])
def test_diff_reports_hold_no_raw_control_character(specs: tuple[str, str], fmt: str) -> None:
    result = run_cli("diff", *specs, "--format", fmt)
    assert result.code == 1, result.stderr
    _clean(result.stdout)


def test_diff_text_shows_escapes_and_json_keeps_the_exact_path(specs: tuple[str, str]) -> None:
    text = run_cli("diff", *specs, "--format", "text").stdout
    assert "GET /a\\x1b[31mred\\r\\n::error file=x::forged\\x7f\\x85\\u202e was removed" in text
    document = json.loads(run_cli("diff", *specs, "--format", "json").stdout)
    assert document["changes"][0]["message"] == f"GET {PATH} was removed"


def test_action_annotations_and_summary_hold_no_raw_control_character() -> None:
    out = io.StringIO()
    Annotations(out).write("error", f"removed {PATH}", file="api\x1b.yaml", line=3, title="t\n::error file=x::t")
    summary = render(
        Outcome(
            file_count=1,
            findings=[{"severity": "error", "rule": "r\x1b", "message": PATH, "file": "a", "line": 1, "column": 1}],
            on_changed_lines=1,
        )
    )
    _clean(out.getvalue() + summary)


def test_fuzz_text_and_json_reports_hold_no_raw_control_character() -> None:
    failure = ContractFailure(f"GET {PATH}", "server-error", f"echoed {PATH}", 500, "curl -X GET 'http://h/a'")
    report = FuzzReport(spec="s.yaml", target="http://h", seed=1, failures=[failure], tested=[f"GET {PATH}"])
    text, document = io.StringIO(), io.StringIO()
    write_text(report, text)
    write_json(report, document)
    _clean(text.getvalue())
    _clean(document.getvalue())
    assert json.loads(document.getvalue())["failures"][0]["message"] == f"echoed {PATH}"
