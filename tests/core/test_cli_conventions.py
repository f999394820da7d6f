"""What users expect of a CLI (as of ruff, buf, Spectral): --debug anywhere, Ctrl-C, pipes, colour,
completion scripts, standard input, and a --version that imports nothing it does not need."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]
PLANTED = ROOT / "fixtures" / "openapi" / "planted" / "openapi.yaml"


def speclint(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "speclint", *args], capture_output=True, text=True, cwd=ROOT, check=False, **kwargs
    )  # type: ignore[call-overload]


def test_debug_is_accepted_after_the_command(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    plain = run_cli("check", missing)
    assert plain.code == 2 and plain.stderr.count("\n") == 1
    with pytest.raises(Exception, match=r"missing\.yaml"):
        run_cli("check", missing, "--debug")  # --debug re-raises: the traceback is shown


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    operations = "".join(
        f"  /p{i}:\n    get:\n      operationId: Get_P{i}\n      responses: {{'200': {{description: OK}}}}\n"
        for i in range(2000)
    )  # a report far larger than a pipe's buffer
    spec = tmp_path / "big.yaml"
    spec.write_text(f"openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{operations}")
    command = f"{sys.executable} -m speclint check --no-cache --format json {spec} | head -c 1"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout == "{"
    assert result.stderr == ""
    assert result.returncode == 141


def test_ctrl_c_exits_130(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "speclint", "check", "-", "--stdin-filename", "a.yaml"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    time.sleep(3.0)  # started, and waiting on standard input
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err.strip() == "speclint: interrupted"


@pytest.mark.parametrize(
    ("variable", "colored"), [("FORCE_COLOR", True), ("CLICOLOR_FORCE", True), ("NO_COLOR", False)]
)
def test_color_can_be_forced(variable: str, colored: bool) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")}
    env[variable] = "1"
    result = speclint("check", "--no-cache", str(PLANTED), env=env)
    assert ("\x1b[" in result.stdout) is colored


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(shell: str) -> None:
    result = run_cli("completion", shell)
    assert result.code == 0
    assert "check" in result.stdout and "--fail-on" in result.stdout.replace("-l fail-on", "--fail-on")
    if shell == "bash" and shutil.which("bash"):
        assert subprocess.run(["bash", "-n"], input=result.stdout, text=True).returncode == 0


def test_check_reads_standard_input_under_its_given_name() -> None:
    result = speclint(
        "check", "-", "--stdin-filename", "specs/shop.yaml", "--format", "json", input=PLANTED.read_text()
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    files = {d["file"] for d in report["diagnostics"]}
    assert files == {"specs/shop.yaml"}
    direct = json.loads(speclint("check", "--no-cache", "--format", "json", str(PLANTED)).stdout)
    assert [(d["rule"], d["line"], d["column"]) for d in report["diagnostics"]] == [
        (d["rule"], d["line"], d["column"]) for d in direct["diagnostics"]
    ]


def test_standard_input_detects_graphql_by_name() -> None:
    result = speclint("check", "-", "--stdin-filename", "schema.graphql", "--format", "json", input="type Query {\n")
    assert result.returncode == 1
    [finding] = json.loads(result.stdout)["diagnostics"]
    assert (finding["rule"], finding["file"], finding["line"]) == ("syntax-error", "schema.graphql", 2)


def test_stdin_filename_needs_the_dash() -> None:
    result = run_cli("check", str(PLANTED), "--stdin-filename", "x.yaml")
    assert result.code == 2 and "'-'" in result.stderr


def test_version_imports_neither_the_model_nor_the_reporters() -> None:
    code = (
        "import sys; from speclint.cli.main import main; main(['--version']); "
        "print(sorted(m for m in sys.modules"
        " if m.startswith(('speclint.model', 'speclint.report', 'speclint.cli.check'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.splitlines() == ["speclint 0.1.0", "[]"]


def without_modules(folder: Path, *names: str) -> dict[str, str]:
    """An environment in which ``names`` cannot be imported, as when they are not installed."""
    (folder / "sitecustomize.py").write_text(
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name.split('.')[0] in {names!r}:\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
    )
    return dict(os.environ, PYTHONPATH=f"{folder}{os.pathsep}{ROOT}")


def test_fuzz_without_the_extra_names_the_install_command(tmp_path: Path) -> None:
    env = without_modules(tmp_path, "schemathesis", "hypothesis")
    spec = ROOT / "fixtures" / "openapi" / "petstore" / "openapi.yaml"
    result = speclint("fuzz", str(spec), "--url", "http://127.0.0.1:9", env=env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "speclint: error: fuzzing needs the fuzz extra (schemathesis, hypothesis missing): pip install 'speclint[fuzz]'"
    ]


def test_yaml_without_yaml_rs_reads_with_pyyaml_and_says_so_once(tmp_path: Path) -> None:
    pytest.importorskip("yaml")
    expected = speclint("check", "--no-cache", "--format", "json", str(PLANTED))
    result = speclint("check", "--no-cache", "--format", "json", str(PLANTED), env=without_modules(tmp_path, "yaml_rs"))
    assert result.returncode == expected.returncode == 1
    assert json.loads(result.stdout)["diagnostics"] == json.loads(expected.stdout)["diagnostics"]
    assert result.stderr.splitlines() == [
        "speclint: notice: yaml-rs cannot be imported; reading YAML with PyYAML's C loader"
    ]
