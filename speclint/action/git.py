"""The git questions the Action asks: which files and lines a pull request changes."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_SHA = re.compile(r"[0-9a-fA-F]{7,64}")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class GitError(Exception):
    """A git command failed; the message is git's own last line."""


def git(*args: str, cwd: Path | None = None) -> str:
    process = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if process.returncode != 0:
        lines = (process.stderr or process.stdout).strip().splitlines()
        raise GitError(lines[-1] if lines else f"git {args[0]} failed")
    return process.stdout


def has_commit(sha: str, cwd: Path | None = None) -> bool:
    try:
        git("cat-file", "-e", f"{sha}^{{commit}}", cwd=cwd)
    except GitError:
        return False
    return True


def ensure_commit(sha: str, cwd: Path | None = None) -> bool:
    """Make ``sha`` available (shallow checkouts lack the base); False when it cannot be."""
    if has_commit(sha, cwd):
        return True
    try:
        git("fetch", "--no-tags", "--depth=1", "origin", sha, cwd=cwd)
    except GitError:
        return False
    return has_commit(sha, cwd)


def resolve_base(sha: str | None, ref: str | None, cwd: Path | None = None) -> str | None:
    """The base commit of the pull request: the event's sha, else ``origin/<base ref>``."""
    if sha and _SHA.fullmatch(sha) and ensure_commit(sha, cwd):
        return sha
    if ref:
        for candidate in (f"origin/{ref}", ref):
            try:
                return git("rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}", cwd=cwd).strip()
            except GitError:
                continue
    return None


def changed_files(base: str, cwd: Path | None = None) -> list[str]:
    """Files changed between ``base`` and HEAD, deleted ones included (a rename is a deletion
    and an addition), under the current folder and relative to it."""
    output = git("diff", "--name-only", "--no-renames", "--relative", "-z", base, "HEAD", cwd=cwd)
    return [name for name in output.split("\0") if name]


def changed_lines(base: str, files: list[str], cwd: Path | None = None) -> dict[str, set[int]]:
    """For each file (relative to the current folder), the HEAD line numbers that the change
    added or modified."""
    result: dict[str, set[int]] = {}
    for file in files:
        diff = git("diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", base, "HEAD", "--", file,
                   cwd=cwd)
        lines: set[int] = set()
        for match in _HUNK.finditer(diff):
            start, count = int(match.group(1)), int(match.group(2) or "1")
            lines.update(range(start, start + count))
        result[file] = lines
    return result


def extract(rev: str, folder: Path, cwd: Path | None = None) -> bool:
    """The whole tree of ``rev`` written into ``folder`` (``git archive``); False when it cannot be."""
    import io
    import tarfile

    process = subprocess.run(["git", "archive", "--format=tar", rev], cwd=cwd, capture_output=True, check=False)
    if process.returncode != 0:
        return False
    with tarfile.open(fileobj=io.BytesIO(process.stdout)) as tar:
        try:
            tar.extractall(folder, filter="data")
        except TypeError:  # Python without extraction filters: git archives hold plain files
            tar.extractall(folder)
    return True


def toplevel(cwd: Path | None = None) -> Path | None:
    try:
        return Path(git("rev-parse", "--show-toplevel", cwd=cwd).strip())
    except (GitError, OSError):
        return None
