"""JUnit, GitHub annotations and GitLab Code Quality, each checked as its consumer reads it."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from tests.conftest import run_cli
from tests.report.helpers import CASING_COLUMN, CASING_LINE, RULESET, SECURITY_LINE, write_spec


@pytest.fixture
def spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    return write_spec(tmp_path / "specs")


def _report(fmt: str, *paths: str) -> str:
    result = run_cli("check", "--ruleset", RULESET, *(paths or ("specs",)), "--format", fmt)
    assert result.code == 1, result.stderr
    return result.stdout


# --- JUnit ---------------------------------------------------------------------------------


def test_junit_has_a_suite_per_file_and_a_case_per_rule(spec: Path) -> None:
    (spec.parent / "clean.yaml").write_text("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n")
    root = ET.fromstring(_report("junit"))
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert set(suites) == {"specs/openapi.yaml", "specs/clean.yaml"}
    suite = suites["specs/openapi.yaml"]
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert int(suite.get("tests", "")) == len(cases) > 2
    assert "openapi-operation-id-unique" in cases and cases["openapi-operation-id-unique"].find("failure") is None
    failure = cases["openapi-operation-id-casing"].find("failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert f"specs/openapi.yaml:{CASING_LINE}:{CASING_COLUMN}" in (failure.text or "")
    assert failure.get("message", "").startswith(f"specs/openapi.yaml:{CASING_LINE}: ")
    assert int(suite.get("failures", "")) == 2
    assert int(root.get("failures", "")) == 2
    clean = suites["specs/clean.yaml"]
    assert clean.findall("testcase/failure") == [] and len(clean.findall("testcase")) > 2


def test_junit_reads_in_junitparser(spec: Path, tmp_path: Path) -> None:
    junitparser = pytest.importorskip("junitparser", reason="junitparser is in the test extras")
    (tmp_path / "report.xml").write_text(_report("junit"), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(tmp_path / "report.xml"))
    failed = {
        case.name: case.result[0].message
        for suite in xml
        for case in suite
        if case.result and isinstance(case.result[0], junitparser.Failure)
    }
    assert set(failed) == {"openapi-operation-id-casing", "security-scheme-defined"}
    assert failed["security-scheme-defined"].startswith(f"specs/openapi.yaml:{SECURITY_LINE}:")


# --- GitHub workflow commands ----------------------------------------------------------------

# The documented syntax: ::{command} {property=value,...}::{message}
_COMMAND = re.compile(r"^::(?P<command>error|warning|notice) (?P<properties>[^:]*)::(?P<data>.*)$")


def _unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(text: str) -> str:
    return _unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    match = _COMMAND.match(line)
    assert match, line
    properties = dict(part.split("=", 1) for part in match.group("properties").split(","))
    return match.group("command"), {k: _unescape_property(v) for k, v in properties.items()}, _unescape_data(
        match.group("data")
    )


def test_github_annotations_follow_the_workflow_command_syntax(spec: Path) -> None:
    lines = _report("github").splitlines()
    assert len(lines) == 2
    parsed = [_parse(line) for line in lines]
    command, properties, message = parsed[0]
    assert command == "error"
    assert properties["file"] == "specs/openapi.yaml"
    assert (properties["line"], properties["col"]) == (str(CASING_LINE), str(CASING_COLUMN))
    assert int(properties["endLine"]) == CASING_LINE and int(properties["endColumn"]) >= CASING_COLUMN
    assert properties["title"] == "speclint: openapi-operation-id-casing (naming)"
    assert "%3A" in lines[0]  # the ':' of the title is escaped
    assert message == "operationId 'Create_Pet' is not camelCase"


def test_github_escaping_rules() -> None:
    from speclint.report.github import annotation

    line = annotation("warning", "100% sure\r\nnext: line, yes", file="a,b:c.yaml", line=3, title="x:y,z%")
    assert line == "::warning file=a%2Cb%3Ac.yaml,line=3,title=x%3Ay%2Cz%25::100%25 sure%0D%0Anext: line, yes"
    properties = {"file": "a,b:c.yaml", "line": "3", "title": "x:y,z%"}
    assert _parse(line) == ("warning", properties, "100% sure\r\nnext: line, yes")


def test_github_severities_map_to_commands() -> None:
    from speclint.findings import Category, Finding, Severity
    from speclint.report.github import finding_annotation

    def command(severity: Severity) -> str:
        finding = Finding("r", Category.DESIGN, severity, "m", "a.yaml", 1, 1, 1, 2, "/x", "openapi")
        return finding_annotation(finding).split(" ", 1)[0]

    assert [command(s) for s in Severity] == ["::error", "::warning", "::notice", "::notice"]


# --- GitLab Code Quality ---------------------------------------------------------------------

# GitLab's documented Code Quality report format (a subset of the Code Climate spec).
_CODE_QUALITY_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/]"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def _gitlab() -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = json.loads(_report("gitlab"))
    assert list(Draft7Validator(_CODE_QUALITY_SCHEMA).iter_errors(issues)) == []
    return issues


def test_gitlab_code_quality_report(spec: Path) -> None:
    issues = {issue["check_name"]: issue for issue in _gitlab()}
    casing = issues["openapi-operation-id-casing"]
    assert casing["location"] == {"path": "specs/openapi.yaml", "lines": {"begin": CASING_LINE, "end": CASING_LINE}}
    assert casing["severity"] == "critical"
    assert casing["description"] == "operationId 'Create_Pet' is not camelCase"
    fingerprints = [issue["fingerprint"] for issue in issues.values()]
    assert len(set(fingerprints)) == len(fingerprints)


def test_gitlab_fingerprints_are_stable_across_line_moves(spec: Path) -> None:
    before = {issue["check_name"]: issue for issue in _gitlab()}
    write_spec(spec.parent, prefix="# moved\n")
    after = {issue["check_name"]: issue for issue in _gitlab()}
    for name, issue in before.items():
        assert after[name]["fingerprint"] == issue["fingerprint"]
        assert after[name]["location"]["lines"]["begin"] == issue["location"]["lines"]["begin"] + 1


# --- several formats in one run ---------------------------------------------------------------


def test_several_formats_in_one_run(spec: Path, tmp_path: Path) -> None:
    result = run_cli(
        "check", "--ruleset", RULESET, "specs",
        "--format", "sarif", "--output", "out.sarif", "--format", "junit", "--output", "out.xml", "--format", "text",
    )
    assert result.code == 1
    assert f"specs/openapi.yaml:{CASING_LINE}:{CASING_COLUMN}" in result.stdout
    assert json.loads((tmp_path / "out.sarif").read_text())["version"] == "2.1.0"
    assert ET.parse(tmp_path / "out.xml").getroot().tag == "testsuites"
