"""Play ``action.yml``'s own steps, as the runner would, against a throw-away git repository.

Each ``run:`` step runs in ``bash --noprofile --norc -eo pipefail`` with the step's ``env:``
evaluated from the same contexts GitHub gives it (``inputs``, ``github``, ``steps``), its own
``$GITHUB_OUTPUT``, and the job's ``$GITHUB_STEP_SUMMARY``. ``uses:`` steps (the install cache)
are played as a cache hit: the venv is the test interpreter's, marked with the step's key, so
the install step finds it and skips pip (``cache_hit=False`` leaves the venv to the install step).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT

ACTION = ROOT / "action.yml"
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_TERNARY = re.compile(r"^([\w.-]+) == '([^']*)' && ([\w.-]+) \|\| '([^']*)'$")


@dataclass
class ActionRun:
    code: int
    annotations: list[str]
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str
    sarif: dict[str, Any] | None


GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity; its standard output."""
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def parse_outputs(text: str) -> dict[str, str]:
    """``$GITHUB_OUTPUT`` lines: ``name=value`` and ``name<<DELIMITER`` blocks."""
    outputs: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, _, delimiter = line.partition("<<")
            value = []
            for item in lines:
                if item == delimiter:
                    break
                value.append(item)
            outputs[name] = "\n".join(value)
        elif "=" in line:
            name, _, value = line.partition("=")
            outputs[name] = value
    return outputs


def _lookup(path: str, contexts: dict[str, Any]) -> str:
    value: Any = contexts
    for part in path.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return "" if value is None else str(value)


def evaluate(text: str, contexts: dict[str, Any]) -> str:
    """The ``${{ }}`` expressions action.yml uses: context paths and ``a == 'x' && b || 'y'``."""

    def one(match: re.Match[str]) -> str:
        expression = match.group(1)
        ternary = _TERNARY.match(expression)
        if ternary:
            left, literal, then, otherwise = ternary.groups()
            chosen = _lookup(then, contexts) if _lookup(left, contexts) == literal else otherwise
            return chosen or otherwise
        assert re.fullmatch(r"[\w.-]+", expression), f"expression the player does not know: {expression}"
        return _lookup(expression, contexts)

    return _EXPRESSION.sub(one, text)


def play(
    repo: Path,
    tmp: Path,
    event_name: str,
    payload: dict[str, Any],
    inputs: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
    cache_hit: bool = True,
) -> ActionRun:
    spec = action()
    given = {name: str(meta.get("default", "")) for name, meta in spec["inputs"].items()}
    given.update(inputs or {})
    event = tmp / "event.json"
    event.write_text(json.dumps(payload))
    summary, runner_temp = tmp / "summary.md", tmp / "runner"
    runner_temp.mkdir(exist_ok=True)
    summary.write_text("")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_", "RUNNER_"))}
    base_env.update(
        GITHUB_ACTIONS="true", CI="true", GITHUB_EVENT_NAME=event_name, GITHUB_EVENT_PATH=str(event),
        GITHUB_STEP_SUMMARY=str(summary), GITHUB_WORKSPACE=str(repo), GITHUB_REPOSITORY="acme/shop",
        RUNNER_TEMP=str(runner_temp), GITHUB_ACTION_PATH=str(ROOT),
    )
    if event_name.startswith("pull_request"):
        base_env["GITHUB_BASE_REF"] = "main"
    base_env.update(env or {})
    contexts: dict[str, Any] = {
        "inputs": given,
        "github": {"action_path": str(ROOT), "token": "fake-job-token"},
        "steps": {},
    }
    stdout, stderr, code = "", "", 0
    for index, step in enumerate(spec["runs"]["steps"]):
        if "uses" in step:
            if cache_hit:
                _fake_cached_venv(evaluate(step["with"]["path"], contexts), evaluate(step["with"]["key"], contexts))
            continue
        output = tmp / f"output-{index}.txt"
        output.write_text("")
        step_env = {**base_env, "GITHUB_OUTPUT": str(output)}
        step_env.update({name: evaluate(str(value), contexts) for name, value in step.get("env", {}).items()})
        command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]]
        process = subprocess.run(command, cwd=repo, env=step_env, capture_output=True, text=True, timeout=180)
        stdout, stderr, code = stdout + process.stdout, stderr + process.stderr, process.returncode
        if "id" in step:
            contexts["steps"][step["id"]] = {"outputs": parse_outputs(output.read_text())}
        if code != 0:
            break
    outputs = {name: evaluate(str(meta["value"]), contexts) for name, meta in spec["outputs"].items()}
    sarif_path = outputs.get("sarif-file")
    sarif = json.loads(Path(sarif_path).read_text()) if sarif_path and Path(sarif_path).is_file() else None
    annotations = [line for line in stdout.splitlines() if line.startswith("::")]
    return ActionRun(code, annotations, stdout, stderr, outputs, summary.read_text(), sarif)


def _fake_cached_venv(path: str, key: str) -> None:
    """What a cache hit restores: a venv whose python is the test interpreter (speclint installed)."""
    venv = Path(path)
    (venv / "bin").mkdir(parents=True, exist_ok=True)
    python = venv / "bin" / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    (venv / ".speclint-key").write_text(key)
