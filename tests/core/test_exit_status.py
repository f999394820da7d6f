"""Exit statuses and option handling, as users' CI sees them."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

SELECT = ("--select", "openapi-operation-id-casing,security-scheme-defined")


def test_clean_spec_exits_0(fixtures: Path) -> None:
    result = run_cli("check", fixtures / "openapi/petstore/openapi.yaml")
    assert result.code == 0
    assert "No problems found in 1 file." in result.stdout


def test_findings_exit_1_and_fail_on(fixtures: Path) -> None:
    spec = fixtures / "openapi/planted/openapi.yaml"
    assert run_cli("check", spec).code == 1
    assert run_cli("check", "--select", "security-scheme-defined", spec).code == 1
    assert run_cli("check", "--select", "documentation", "--fail-on", "error", spec).code == 0
    assert run_cli("check", "--fail-on", "never", spec).code == 0


def test_missing_path_exits_2_with_one_line(tmp_path: Path) -> None:
    result = run_cli("check", tmp_path / "nope.yaml")
    assert result.code == 2
    assert result.stderr.count("\n") == 1
    assert "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_option_exits_2(fixtures: Path) -> None:
    result = run_cli("check", "--format", "xml", fixtures / "openapi/petstore")
    assert result.code == 2


def test_unknown_rule_in_select_exits_2(fixtures: Path) -> None:
    result = run_cli("check", "--select", "no-such-rule", fixtures / "openapi/petstore")
    assert result.code == 2
    assert "no-such-rule" in result.stderr


def test_select_and_ignore(fixtures: Path) -> None:
    spec = fixtures / "openapi/planted/openapi.yaml"
    only_naming = run_cli("check", "--format", "json", "--select", "naming", spec).json()
    assert {d["category"] for d in only_naming["diagnostics"]} == {"naming"}
    everything = run_cli("check", "--format", "json", spec).json()["diagnostics"]
    ignored = run_cli("check", "--format", "json", "--ignore", "openapi-operation-id-casing,auth", spec).json()
    assert {d["rule"] for d in ignored["diagnostics"]} == {
        d["rule"] for d in everything if d["category"] != "auth" and d["rule"] != "openapi-operation-id-casing"
    }


def test_text_report_and_output_file(fixtures: Path, tmp_path: Path) -> None:
    spec = fixtures / "openapi/planted/openapi.yaml"
    report = tmp_path / "out.json"
    result = run_cli("check", *SELECT, "--format", "json", "--output", report, "--format", "text", spec)
    assert result.code == 1
    assert "openapi.yaml:32:7" in result.stdout
    assert "error" in result.stdout and "openapi-operation-id-casing" in result.stdout
    assert "2 problems (" in result.stdout
    assert "\033[" not in result.stdout
    assert report.read_text().startswith("{")


def test_quiet_prints_findings_only(fixtures: Path) -> None:
    result = run_cli("check", "-q", *SELECT, fixtures / "openapi/planted/openapi.yaml")
    assert len(result.stdout.strip().splitlines()) == 2


def test_directory_discovery_skips_ref_targets(fixtures: Path) -> None:
    result = run_cli("check", "--format", "json", "--select", "syntax,structure", fixtures / "openapi")
    files = {d["file"] for d in result.json()["diagnostics"]}
    assert not any(f.endswith("params.yaml") for f in files)


def test_check_never_imports_the_fuzzing_stack(fixtures: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from speclint.cli.main import main\n"
        f"main(['check', '--no-cache', '-q', {str(fixtures / 'openapi/petstore')!r}])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'schemathesis', 'hypothesis', 'grpc', 'httpx'})\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
