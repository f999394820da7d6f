"""The Action's one step: pick the units, lint them, annotate, summarise, compare with the base.

Run as ``python -m speclint.action`` with the Action's inputs in ``INPUT_*`` variables and the
runner's ``GITHUB_*`` variables. It calls the ``speclint`` CLI (its entry point, in-process): on a pull
request, ``speclint affected`` and ``check --changed`` turn the changed files into the units that
read them (a changed ``$ref`` target brings in its documents, one GraphQL file its schema), and
``diff --base`` compares those units with the base. It prints workflow-command annotations for
the findings on changed lines, appends a Markdown job summary (and, if asked, keeps one pull
request comment up to date), writes a SARIF file, and sets the outputs ``findings``, ``breaking``
and ``sarif-file``. Exit status: 0 pass, 1 findings at or above ``fail-on`` or breaking changes,
2 speclint or git could not do the job. File names always follow ``--``.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any, Mapping, Sequence, TextIO

from speclint.action import git
from speclint.action.annotations import Annotations
from speclint.action.summary import Outcome, plural, render
from speclint.action.workflow import Event, Inputs, set_outputs, write_summary

EMPTY_SARIF = {
    "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
    "version": "2.1.0",
    "runs": [{"tool": {"driver": {"name": "speclint", "rules": []}}, "results": []}],
}
_COMMANDS = {"error": "error", "warning": "warning", "info": "notice", "hint": "notice"}


def speclint(*args: str, cwd: str | Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the speclint CLI's entry point in this process (one interpreter start for the whole
    step), in ``cwd``, with its standard output and error captured."""
    from speclint.cli.main import main as cli

    out, err = io.StringIO(), io.StringIO()
    previous = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = cli(list(args))
            except SystemExit as stop:  # argparse's --help and usage errors
                code = stop.code if isinstance(stop.code, int) else 2
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


def _under(file: str, roots: Sequence[str]) -> bool:
    if not roots:
        return True
    path = Path(os.path.abspath(file))
    return any(path == Path(os.path.abspath(r)) or Path(os.path.abspath(r)) in path.parents for r in roots)


def main(env: Mapping[str, str] | None = None, out: TextIO | None = None) -> int:
    env = os.environ if env is None else env
    notes = Annotations(out or sys.stdout)
    try:
        inputs = Inputs.from_env(env)
    except ValueError as error:
        notes.write("error", f"the args input cannot be split into arguments: {error}")
        return 2
    if inputs.working_directory:
        try:
            os.chdir(inputs.working_directory)
        except OSError as error:
            notes.write("error", f"working-directory {inputs.working_directory}: {error.strerror}")
            return 2
    return _run(inputs, Event.from_env(env), env, notes)


def _run(inputs: Inputs, event: Event, env: Mapping[str, str], notes: Annotations) -> int:
    messages: list[str] = []
    root = git.toplevel()
    base: str | None = None
    changed: list[str] | None = None  # None: not a pull request, everything is "changed"
    if event.is_pull_request:
        base = git.resolve_base(event.base_sha, event.base_ref)
        if base is None:
            messages.append("The pull request's base commit is not available: all specs were linted.")
        else:
            changed = git.changed_files(base)

    units: list[dict[str, Any]] = []
    if changed is not None:
        found = _affected(changed, notes)
        if found is None:
            return 2
        units = [u for u in found if any(_under(e, inputs.paths) for e in u["entries"])]

    sarif_file = ""
    if inputs.sarif:
        sarif_file = str(Path(env.get("RUNNER_TEMP") or tempfile.gettempdir()) / "speclint.sarif")

    if inputs.paths:
        targets, scope = ["--", *inputs.paths], "the configured paths"
    elif changed is not None:
        targets = ["--changed", "--", *changed]
        scope = f"the {plural(len(units), 'spec unit')} this pull request touches"
    else:
        targets, scope = ["--", "."], "all specs"

    if not inputs.paths and changed is not None and not units:
        messages.append("This pull request touches no spec file, nor any file a spec reads.")
        if sarif_file:
            Path(sarif_file).write_text(json.dumps(EMPTY_SARIF, indent=2) + "\n", encoding="utf-8")
        _finish(Outcome(0, [], 0, notes=messages, scope=scope), inputs, event, env, notes)
        set_outputs({"findings": "0", "breaking": "0", "sarif-file": sarif_file}, env)
        return 0

    with tempfile.TemporaryDirectory(prefix="speclint-action-") as folder:
        options = _check_options(inputs)
        if inputs.new_findings_only:
            if base is not None and changed is not None:
                baseline = _base_baseline(base, changed, root, options, Path(folder), messages)
                if baseline is not None:
                    options += ["--baseline", str(baseline)]
            else:
                messages.append("new-findings-only needs a pull request's base: every finding counts.")
        code, report = _lint([*options, *targets], sarif_file, Path(folder), notes)
    if report is None:
        return 2
    findings: list[dict[str, Any]] = report.get("diagnostics", [])

    lines = git.changed_lines(base, changed) if base is not None and changed is not None else None
    annotated = 0
    for finding in findings:
        if lines is None or _on_changed_line(finding, lines):
            annotated += 1
            _annotate_finding(finding, root, notes)

    changes: list[dict[str, Any]] = []
    breaking = 0
    allowed = bool(inputs.allow_breaking_label) and inputs.allow_breaking_label in event.labels
    if inputs.breaking and base is not None and changed is not None:
        changes, breaking = _breaking_changes(base, units, root, allowed, messages, notes)
        if breaking and allowed:
            messages.append(
                f"The label '{inputs.allow_breaking_label}' allows the {plural(breaking, 'breaking change')}."
            )

    file_count = int(report.get("summary", {}).get("files", 0))
    outcome = Outcome(file_count, findings, annotated, changes, breaking, messages, scope)
    _finish(outcome, inputs, event, env, notes)
    set_outputs({"findings": str(len(findings)), "breaking": str(breaking), "sarif-file": sarif_file}, env)
    if code == 1 or (inputs.breaking and breaking and not allowed):
        return 1
    return 0


def _check_options(inputs: Inputs) -> list[str]:
    options = ["--fail-on", inputs.fail_on]
    if inputs.ruleset:
        options += ["--ruleset", inputs.ruleset]
    if inputs.config:
        options += ["--config", os.path.abspath(inputs.config)]
    return options + list(inputs.args)


def _affected(changed: list[str], notes: Annotations) -> list[dict[str, Any]] | None:
    """``speclint affected``'s units for the changed files (None when it could not run)."""
    if not changed:
        return []
    process = speclint("affected", "--format", "json", "--", *changed)
    if process.returncode != 0:
        notes.write("error", f"speclint could not run: {_last_line(process.stderr)}")
        return None
    units: list[dict[str, Any]] = json.loads(process.stdout)["units"]
    return units


def _base_baseline(
    base: str, changed: list[str], root: Path | None, options: list[str], folder: Path, messages: list[str]
) -> Path | None:
    """The findings the same units had at ``base``, recorded as a baseline file."""
    tree = folder / "base"
    here = Path.cwd()
    inside = here.relative_to(root.resolve()) if root is not None and root.resolve() in (here, *here.parents) else None
    if inside is None or not git.extract(base, tree):
        messages.append("The base revision could not be read: every finding counts as new.")
        return None
    baseline = folder / "baseline.json"
    workdir = tree / inside
    if not workdir.is_dir():
        return None  # the folder is new: every finding in it is
    args = [*options, "--fail-on", "never", "--no-cache", "--write-baseline", str(baseline)]
    process = speclint("check", *args, "--output", os.devnull, "--changed", "--", *changed, cwd=workdir)
    if process.returncode != 0 or not baseline.is_file():
        messages.append(f"The base revision could not be linted ({_last_line(process.stderr)}): every finding counts.")
        return None
    return baseline


def _lint(args: list[str], sarif_file: str, folder: Path, notes: Annotations) -> tuple[int, dict[str, Any] | None]:
    """Run ``speclint check``; its exit status and JSON report (None when it could not run)."""
    json_file = str(folder / "report.json")
    formats = ["--no-color", "--format", "json", "--output", json_file]
    if sarif_file:
        formats += ["--format", "sarif", "--output", sarif_file]
    process = speclint("check", *formats, *args)
    if process.returncode not in (0, 1):
        notes.write("error", f"speclint could not run: {_last_line(process.stderr)}")
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


def _on_changed_line(finding: dict[str, Any], lines: dict[str, set[int]]) -> bool:
    changed = lines.get(finding["file"])
    if not changed:
        return False
    first, last = int(finding["line"]), max(int(finding.get("end_line") or finding["line"]), int(finding["line"]))
    return any(line in changed for line in range(first, min(last, first + 200) + 1))


def _annotate_finding(finding: dict[str, Any], root: Path | None, notes: Annotations) -> None:
    notes.write(
        _COMMANDS.get(finding["severity"], "warning"),
        finding["message"],
        file=_repo_path(finding["file"], root),
        line=finding["line"],
        col=finding["column"],
        end_line=max(int(finding.get("end_line") or finding["line"]), int(finding["line"])),
        title=f"speclint: {finding['rule']} ({finding['category']})",
    )


def _diff_targets(units: list[dict[str, Any]]) -> list[str]:
    """What ``diff --base`` compares: each OpenAPI document and proto, each GraphQL schema's folder."""
    targets: list[str] = []
    for unit in units:
        if unit["format"] == "graphql":
            targets.append(os.path.commonpath([os.path.dirname(e) or "." for e in unit["entries"]]) or ".")
        else:
            targets.extend(unit["entries"])
    return list(dict.fromkeys(targets))


def _breaking_changes(
    base: str, units: list[dict[str, Any]], root: Path | None, allowed: bool, messages: list[str], notes: Annotations
) -> tuple[list[dict[str, Any]], int]:
    """Compare each touched unit with its state at ``base`` (``speclint diff --base``)."""
    changes: list[dict[str, Any]] = []
    for target in _diff_targets(units):
        process = speclint("diff", "--base", base, "--format", "json", "--", target)
        if process.returncode not in (0, 1):
            message = f"speclint diff could not compare {target}: {_last_line(process.stderr)}"
            messages.append(message)
            notes.write("warning", message, file=_repo_path(target, root))
            continue
        try:
            document = json.loads(process.stdout)
        except ValueError:
            messages.append(f"speclint diff printed no JSON report for {target}.")
            continue
        for change in document.get("changes", []):
            changes.append(change)
            if change.get("level") == "breaking":
                where = change.get("new") or {}
                notes.write(
                    "notice" if allowed else "error",
                    change.get("message", "breaking change"),
                    file=_repo_path(where.get("file") or target, root),
                    line=where.get("line"),
                    title=f"speclint diff: {change.get('rule', 'breaking-change')}",
                )
    breaking = sum(1 for change in changes if change.get("level") == "breaking")
    return changes, breaking


def _finish(outcome: Outcome, inputs: Inputs, event: Event, env: Mapping[str, str], notes: Annotations) -> None:
    """The job summary, and the pull request comment when asked for."""
    hidden = notes.hidden()
    if hidden:
        outcome.notes.append(
            f"GitHub shows at most 10 annotations of each kind per step and 50 per job: {hidden} of the "
            f"{notes.total} annotations are not shown on the pull request; every finding is listed here."
        )
    markdown = render(outcome)
    if inputs.pr_comment:
        _comment(markdown, inputs, event, env, notes)
    write_summary(markdown, env)


def _comment(markdown: str, inputs: Inputs, event: Event, env: Mapping[str, str], notes: Annotations) -> None:
    from speclint.action.comment import CommentError, PullRequest, marker, upsert_comment

    repository, token = env.get("GITHUB_REPOSITORY", ""), env.get("GITHUB_TOKEN", "")
    if event.number is None or not repository or not token:
        notes.write("notice", "pr-comment: not a pull request with a token; no comment was written")
        return
    pr = PullRequest(env.get("GITHUB_API_URL") or "https://api.github.com", repository, event.number, token)
    try:
        upsert_comment(pr, markdown, marker(inputs.working_directory))
    except CommentError as error:
        notes.write("warning", f"pr-comment: {error} (the job needs 'pull-requests: write')")
