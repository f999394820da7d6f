"""Control characters quoted from a spec reach no report raw: no terminal escape, no forged
log line, no invalid XML; the JSON formats still carry the exact text."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from speclint.report.base import REPORTERS
from tests.conftest import run_cli
from tests.helpers import shop_spec
from tests.report.helpers import RULESET

# ESC, CR/LF with a forged workflow command, NUL, DEL, a C1 control (NEL) and a bidi override.
OPERATION_ID = "list\x1b[31mPets\r\n::error file=x::forged\x00\x7f\x85\u202e"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]")
JSON_FORMATS = ("json", "sarif", "gitlab", "rdjson")


@pytest.fixture
def spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    quoted = '"list\\e[31mPets\\r\\n::error file=x::forged\\x00\\x7f\\u0085\\u202e"'
    path = tmp_path / "openapi.yaml"
    path.write_text(shop_spec(quoted), encoding="utf-8")
    return path


def _report(fmt: str) -> str:
    result = run_cli("check", "--ruleset", RULESET, "openapi.yaml", "--format", fmt)
    assert result.code == 1, result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_no_raw_control_character_in_any_format(spec: Path, fmt: str) -> None:
    output = _report(fmt)
    assert "forged" in output
    assert RAW.findall(output) == []
    lines = output.splitlines()
    assert not any(line.startswith("::error file=x") for line in lines), "a forged workflow command"
    if fmt in {"junit", "checkstyle"}:
        ET.fromstring(output)  # well-formed XML


def test_text_shows_the_characters_as_escapes(spec: Path) -> None:
    line = next(line for line in _report("text").splitlines() if "casing" in line)
    assert "operationId 'list\\x1b[31mPets\\r\\n::error file=x::forged\\x00\\x7f\\x85\\u202e'" in line


@pytest.mark.parametrize("fmt", [f for f in JSON_FORMATS if f in REPORTERS])
def test_json_formats_keep_the_exact_text(spec: Path, fmt: str) -> None:
    assert any(OPERATION_ID in text for text in _strings(json.loads(_report(fmt))))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []
