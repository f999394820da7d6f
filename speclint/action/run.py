"""The Action's one step: pick the specs, lint them, annotate, summarise, compare with the base.

Run as ``python -m speclint.action`` from the repository root, with the Action's inputs in
``INPUT_*`` variables and the runner's ``GITHUB_*`` variables. It calls the ``speclint`` CLI
(the same interpreter's), prints workflow-command annotations for the findings on the lines a
pull request changes, appends a Markdown job summary, writes a SARIF file, and sets the outputs
``findings``, ``breaking`` and ``sarif-file``. Exit status: 0 pass, 1 findings at or above
``fail-on`` or breaking changes, 2 speclint or git could not do the job.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Mapping, Sequence, TextIO

from speclint.action import git
from speclint.action.summary import Outcome, render
from speclint.action.workflow import Event, Inputs, set_outputs, write_summary
from speclint.report.github import annotation

EMPTY_SARIF = {
    "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
    "version": "2.1.0",
    "runs": [{"tool": {"driver": {"name": "speclint", "rules": []}}, "results": []}],
}
_COMMANDS = {"error": "error", "warning": "warning", "info": "notice", "hint": "notice"}


def speclint(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the speclint CLI of this interpreter."""
    command = [sys.executable, "-m", "speclint", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


def spec_files(files: Sequence[str]) -> list[str]:
    """The files among ``files`` that speclint lints as specs."""
    from speclint.loaders.detect import SPEC_SUFFIXES, detect_format

    return [f for f in files if Path(f).suffix.lower() in SPEC_SUFFIXES and detect_format(Path(f)) is not None]


def _under(file: str, roots: Sequence[str]) -> bool:
    if not roots:
        return True
    path = Path(os.path.abspath(file))
    return any(path == Path(os.path.abspath(r)) or Path(os.path.abspath(r)) in path.parents for r in roots)


def main(env: Mapping[str, str] | None = None, out: TextIO | None = None) -> int:
    env = os.environ if env is None else env
    out = out or sys.stdout
    inputs = Inputs.from_env(env)
    event = Event.from_env(env)
    notes: list[str] = []
    root = git.toplevel()

    base: str | None = None
    changed: list[str] | None = None  # None: not a pull request, everything is "changed"
    if event.is_pull_request:
        base = git.resolve_base(event.base_sha, event.base_ref)
        if base is None:
            notes.append("The pull request's base commit is not available: all specs were linted.")
        else:
            changed = [f for f in git.changed_files(base) if os.path.exists(f)]

    if inputs.paths:
        targets = list(inputs.paths)
        scope = "the configured paths"
    elif changed is not None:
        targets = spec_files(changed)
        scope = f"the {len(targets)} spec file{'s' * (len(targets) != 1)} this pull request changes"
    else:
        targets = ["."]
        scope = "all specs"

    sarif_file = ""
    if inputs.sarif:
        folder = env.get("RUNNER_TEMP") or tempfile.gettempdir()
        sarif_file = str(Path(folder) / "speclint.sarif")

    if not targets:
        notes.append("This pull request changes no spec file.")
        if sarif_file:
            Path(sarif_file).write_text(json.dumps(EMPTY_SARIF, indent=2) + "\n", encoding="utf-8")
        write_summary(render(Outcome(0, [], 0, notes=notes, scope=scope)), env)
        set_outputs({"findings": "0", "breaking": "0", "sarif-file": sarif_file}, env)
        return 0

    code, report = _lint(targets, inputs, sarif_file, out)
    if report is None:
        return 2
    findings: list[dict[str, Any]] = report.get("diagnostics", [])

    lines = git.changed_lines(base, changed) if base is not None and changed is not None else None
    annotated = 0
    for finding in findings:
        if lines is None or _on_changed_line(finding, lines, root):
            annotated += 1
            out.write(_finding_annotation(finding) + "\n")

    changes: list[dict[str, Any]] = []
    breaking = 0
    if inputs.breaking and base is not None and changed is not None:
        candidates = [f for f in spec_files(changed) if _under(f, inputs.paths)]
        changes, breaking = _breaking_changes(base, candidates, notes, out)

    file_count = int(report.get("summary", {}).get("files", 0))
    outcome = Outcome(file_count, findings, annotated, changes, breaking, notes, scope)
    write_summary(render(outcome), env)
    set_outputs({"findings": str(len(findings)), "breaking": str(breaking), "sarif-file": sarif_file}, env)
    if code == 1 or (inputs.breaking and breaking):
        return 1
    return 0


def _lint(targets: list[str], inputs: Inputs, sarif_file: str, out: TextIO) -> tuple[int, dict[str, Any] | None]:
    """Run ``speclint check``; its exit status and JSON report (None when it could not run)."""
    with tempfile.TemporaryDirectory(prefix="speclint-action-") as folder:
        json_file = str(Path(folder) / "report.json")
        args = ["check", *targets, "--no-color", "--fail-on", inputs.fail_on, "--format", "json", "--output", json_file]
        if sarif_file:
            args += ["--format", "sarif", "--output", sarif_file]
        if inputs.ruleset:
            args += ["--ruleset", inputs.ruleset]
        process = speclint(*args)
        if process.returncode not in (0, 1):
            out.write(annotation("error", f"speclint could not run: {_last_line(process.stderr)}") + "\n")
            return process.returncode, None
        report: dict[str, Any] = json.loads(Path(json_file).read_text(encoding="utf-8"))
    return process.returncode, report


def _repo_path(file: str, root: Path | None) -> str:
    if root is None:
        return Path(file).as_posix()
    try:
        return Path(os.path.abspath(file)).relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(file).as_posix()


def _on_changed_line(finding: dict[str, Any], lines: dict[str, set[int]], root: Path | None) -> bool:
    changed = lines.get(_repo_path(finding["file"], root))
    if not changed:
        return False
    first, last = int(finding["line"]), max(int(finding.get("end_line") or finding["line"]), int(finding["line"]))
    return any(line in changed for line in range(first, min(last, first + 200) + 1))


def _finding_annotation(finding: dict[str, Any]) -> str:
    end_line = max(int(finding.get("end_line") or finding["line"]), int(finding["line"]))
    return annotation(
        _COMMANDS.get(finding["severity"], "warning"),
        finding["message"],
        file=finding["file"],
        line=finding["line"],
        col=finding["column"],
        end_line=end_line,
        title=f"speclint: {finding['rule']} ({finding['category']})",
    )


def _breaking_changes(base: str, files: list[str], notes: list[str], out: TextIO) -> tuple[list[dict[str, Any]], int]:
    """Compare each changed spec that existed at ``base`` with ``speclint diff --base``."""
    compared = [f for f in files if git.exists_at(base, _repo_path(f, git.toplevel()))]
    if not compared:
        return [], 0
    if speclint("diff", "--help").returncode != 0:
        notes.append("Breaking changes were not checked: this speclint has no 'diff' command.")
        return [], 0
    changes: list[dict[str, Any]] = []
    for file in compared:
        process = speclint("diff", "--base", base, file, "--format", "json")
        if process.returncode not in (0, 1):
            message = f"speclint diff could not compare {file}: {_last_line(process.stderr)}"
            notes.append(message)
            out.write(annotation("warning", message, file=file) + "\n")
            continue
        try:
            document = json.loads(process.stdout)
        except ValueError:
            notes.append(f"speclint diff printed no JSON report for {file}.")
            continue
        for change in document.get("changes", []):
            changes.append(change)
            if change.get("level") == "breaking":
                where = change.get("new") or {}
                out.write(
                    annotation(
                        "error",
                        change.get("message", "breaking change"),
                        file=where.get("file") or file,
                        line=where.get("line"),
                        title=f"speclint diff: {change.get('rule', 'breaking-change')}",
                    )
                    + "\n"
                )
    breaking = sum(1 for change in changes if change.get("level") == "breaking")
    return changes, breaking
