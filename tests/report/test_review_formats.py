"""rdjson (reviewdog), Checkstyle XML, Azure Pipelines logging commands and Markdown, each read
by its published schema or by its consumer's own parser."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from tests.conftest import run_cli
from tests.report.helpers import CASING_COLUMN, CASING_LINE, RULESET, SECURITY_LINE, write_spec

SCHEMAS = Path(__file__).resolve().parent / "schemas"


@pytest.fixture
def spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_spec(tmp_path)


def _report(fmt: str, *paths: str, code: int = 1) -> str:
    result = run_cli("check", "--ruleset", RULESET, *(paths or ("openapi.yaml",)), "--format", fmt)
    assert result.code == code, result.stderr
    return result.stdout


# --- rdjson ----------------------------------------------------------------------------------


def _strict(schema: Any) -> Any:
    """reviewdog's schema allows any extra key; a typo in ours should not pass."""
    if isinstance(schema, dict):
        strict = {key: _strict(value) for key, value in schema.items()}
        if schema.get("type") == "object":
            strict["additionalProperties"] = False
        return strict
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    return schema


def _rdjson_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / "rdjson-DiagnosticResult.json").read_text(encoding="utf-8"))
    return schema


def test_rdjson_validates_against_reviewdogs_schema(spec: Path) -> None:
    result = json.loads(_report("rdjson"))
    for schema in (_rdjson_schema(), _strict(_rdjson_schema())):
        assert [e.message for e in Draft4Validator(schema).iter_errors(result)] == []
    assert result["source"]["name"] == "speclint"
    casing = next(d for d in result["diagnostics"] if d["code"]["value"] == "openapi-operation-id-casing")
    assert casing["severity"] == "ERROR"
    assert casing["message"] == "operationId 'Create_Pet' is not camelCase"
    assert casing["location"]["path"] == "openapi.yaml"
    start, end = casing["location"]["range"]["start"], casing["location"]["range"]["end"]
    assert (start["line"], start["column"]) == (CASING_LINE, CASING_COLUMN)
    assert end["line"] == CASING_LINE and end["column"] == CASING_COLUMN + len("operationId: Create_Pet")


def test_rdjson_columns_count_utf8_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # One long line (as minified specs are); "é" and 5,000 "€" (2 and 3 bytes) stand before the
    # operationId: 10,001 bytes more than characters.
    document = {
        "openapi": "3.0.3",
        "info": {"title": "é", "description": "€" * 5000, "version": "1"},
        "paths": {"/p": {"get": {"operationId": "Bad_Id", "responses": {"200": {"description": "OK"}}}}},
    }
    (tmp_path / "api.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    casing = json.loads(_report("json", "api.json"))["diagnostics"][0]
    rdjson = json.loads(_report("rdjson", "api.json"))["diagnostics"][0]
    assert rdjson["code"]["value"] == casing["rule"] == "openapi-operation-id-casing"
    assert rdjson["location"]["range"]["start"] == {"line": 1, "column": casing["column"] + 10_001}
    assert rdjson["location"]["range"]["end"] == {"line": 1, "column": casing["end_column"] + 10_001}


def test_rdjson_code_links_the_rule_page_when_configured(spec: Path, tmp_path: Path) -> None:
    (tmp_path / "speclint.yaml").write_text(f"ruleset: {RULESET}\ndocs_url: https://docs.example.com/rules/\n")
    result = json.loads(run_cli("check", "openapi.yaml", "--format", "rdjson").stdout)
    codes = {d["code"]["value"]: d["code"].get("url") for d in result["diagnostics"]}
    assert codes["security-scheme-defined"] == "https://docs.example.com/rules/security-scheme-defined"


# --- Checkstyle ------------------------------------------------------------------------------


def test_checkstyle_reads_as_warnings_ng_reads_it(spec: Path, tmp_path: Path) -> None:
    """Jenkins warnings-ng's CheckStyleParser: root ``checkstyle``, ``file@name``, and per
    ``error`` the attributes ``line``, ``column``, ``severity`` (error/warning/info), ``message``
    and ``source``; nothing else is read."""
    (tmp_path / "clean.yaml").write_text("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n")
    root = ET.fromstring(_report("checkstyle", "."))
    assert root.tag == "checkstyle" and root.get("version")
    files = {f.get("name"): f for f in root.findall("file")}
    assert set(files) == {"openapi.yaml", "clean.yaml"}
    assert files["clean.yaml"].findall("error") == []
    errors = files["openapi.yaml"].findall("error")
    assert all(set(e.attrib) == {"line", "column", "severity", "message", "source"} for e in errors)
    assert all(e.get("severity") in {"error", "warning", "info"} for e in errors)
    casing = next(e for e in errors if e.get("source") == "speclint.openapi-operation-id-casing")
    assert (int(casing.get("line", "")), int(casing.get("column", ""))) == (CASING_LINE, CASING_COLUMN)
    assert casing.get("message") == "operationId 'Create_Pet' is not camelCase"
    assert any(int(e.get("line", "")) == SECURITY_LINE for e in errors)


# --- Azure Pipelines -------------------------------------------------------------------------


def _task_lib() -> Path:
    """The Azure Pipelines task library's command parser (``commandFromString``), from npm."""
    from tests.real_specs.conftest import npm_members

    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    return npm_members("azure-pipelines-task-lib", "5.281.0", "taskcommand.js") / "taskcommand.js"


def _parse_commands(lines: list[str]) -> list[dict[str, Any]]:
    script = (
        f"const lib = require({json.dumps(str(_task_lib()))});"
        "const lines = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(lines.map(l => lib.commandFromString(l))));"
    )
    done = subprocess.run(
        ["node", "-e", script], input=json.dumps(lines), capture_output=True, text=True, timeout=60, check=True
    )
    parsed: list[dict[str, Any]] = json.loads(done.stdout)
    return parsed


def test_azure_logging_commands_parse_in_the_task_library(spec: Path) -> None:
    lines = _report("azure").splitlines()
    assert len(lines) == 2 and all(line.startswith("##vso[task.logissue ") for line in lines)
    commands = _parse_commands(lines)
    assert {c["command"] for c in commands} == {"task.logissue"}
    casing = next(c for c in commands if c["properties"]["code"] == "openapi-operation-id-casing")
    assert casing["properties"] == {
        "type": "error",
        "sourcepath": "openapi.yaml",
        "linenumber": str(CASING_LINE),
        "columnnumber": str(CASING_COLUMN),
        "code": "openapi-operation-id-casing",
    }
    assert casing["message"] == "operationId 'Create_Pet' is not camelCase (openapi-operation-id-casing)"


def test_azure_escaping_round_trips_through_the_task_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_spec(tmp_path, name="we;ird]%0A.yaml")
    lines = _report("azure", "we;ird]%0A.yaml").splitlines()
    commands = _parse_commands(lines)
    assert {c["properties"]["sourcepath"] for c in commands} == {"we;ird]%0A.yaml"}
    assert all(c["properties"]["type"] == "error" for c in commands)


# --- Markdown --------------------------------------------------------------------------------


def _tables(markdown: str) -> list[list[list[str]]]:
    """Each table as rows of cell texts, as a GitHub-flavoured Markdown parser reads them."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    tables: list[list[list[str]]] = []
    row: list[str] = []
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and tables and token.map is not None and row is not None:
            row.append("".join(child.content for child in token.children or []))
        elif token.type == "tr_close":
            tables[-1].append(row)
    return tables


def test_markdown_summary_tally_and_findings(spec: Path) -> None:
    markdown = _report("markdown")
    assert "**2 problems (2 errors, 0 warnings, 0 info, 0 hints) in 1 file.**" in markdown.replace("\\", "")
    tally, findings = _tables(markdown)
    assert tally[0] == ["count", "severity", "rule", "category"]
    assert sorted(r[2] for r in tally[1:]) == ["openapi-operation-id-casing", "security-scheme-defined"]
    assert all(len(r) == 4 for r in findings)
    casing = next(r for r in findings if r[2] == "openapi-operation-id-casing")
    assert casing[0] == f"{CASING_LINE}:{CASING_COLUMN}"
    assert casing[3] == "operationId 'Create_Pet' is not camelCase"


def test_markdown_escapes_what_a_spec_could_inject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    spec = write_spec(tmp_path)
    spec.write_text(spec.read_text().replace("Create_Pet", '"A|b<img src=x>*c*[l](http://x)`"'))
    markdown = _report("markdown")
    assert "<img" not in markdown
    findings = _tables(markdown)[1]
    casing = next(r for r in findings if r[2] == "openapi-operation-id-casing")
    assert len(casing) == 4
    assert casing[3] == "operationId 'A|b<img src=x>*c*[l](http://x)`' is not camelCase"


def test_markdown_of_a_clean_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.yaml").write_text("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n")
    markdown = _report("markdown", "ok.yaml", code=0)
    assert "No problems found in 1 file" in markdown.replace("\\", "") and "|" not in markdown
