"""``--output`` and ``--format``: one report follows its ``--output`` wherever it stands; several
pair explicitly; two reports never share standard output or a file."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.report.helpers import RULESET, write_spec


@pytest.fixture
def spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_spec(tmp_path)


def _check(*args: str) -> tuple[int, str, str]:
    result = run_cli("check", "--ruleset", RULESET, "openapi.yaml", *args)
    return result.code, result.stdout, result.stderr


@pytest.mark.parametrize("order", ["output-first", "format-first"])
def test_one_format_follows_its_output_wherever_it_stands(spec: Path, tmp_path: Path, order: str) -> None:
    args = ["--output", "r.json", "--format", "json"]
    if order == "format-first":
        args = args[2:] + args[:2]
    code, stdout, _ = _check(*args)
    assert code == 1
    assert stdout == ""
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["error"] == 2


def test_output_without_format_writes_the_text_report(spec: Path, tmp_path: Path) -> None:
    code, stdout, _ = _check("--output", "r.txt")
    assert code == 1 and stdout == ""
    assert "2 problems (2 errors" in (tmp_path / "r.txt").read_text()


def test_several_formats_pair_with_the_output_right_after_them(spec: Path, tmp_path: Path) -> None:
    code, stdout, _ = _check(
        "--format", "text", "--format", "sarif", "--output", "r.sarif", "--format", "junit", "--output", "r.xml"
    )
    assert code == 1
    assert "openapi-operation-id-casing" in stdout and not stdout.lstrip().startswith("{")
    assert json.loads((tmp_path / "r.sarif").read_text())["version"] == "2.1.0"
    assert ET.parse(tmp_path / "r.xml").getroot().tag == "testsuites"


def test_format_equals_file_pairs_explicitly_in_any_order(spec: Path, tmp_path: Path) -> None:
    code, stdout, _ = _check(
        "--output", "sarif=r.sarif", "--output", "json=r.json", "--format", "json", "--format", "text"
    )
    assert code == 1
    assert "2 problems" in stdout
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["error"] == 2
    assert json.loads((tmp_path / "r.sarif").read_text())["version"] == "2.1.0"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "json", "--format", "sarif"), "2 reports on standard output (json, sarif)"),
        (("--format", "json", "--output", "a.json", "--output", "b.json"), "several --output files for one report"),
        (("--output", "r", "--format", "json", "--format", "sarif"), "put each --output right after its --format"),
        (("--format", "json", "--output", "r", "--format", "sarif", "--output", "r"), "two reports would be written"),
        (("--output", "json=",), "no file after 'json='"),
    ],
)
def test_ambiguous_outputs_are_exit_2_with_one_line(spec: Path, args: tuple[str, ...], message: str) -> None:
    code, stdout, stderr = _check(*args)
    assert code == 2
    assert stdout == ""
    assert message in stderr and len(stderr.strip().splitlines()) == 1
