"""What the Action reads from and writes to the GitHub Actions runner."""

from __future__ import annotations

import json
import os
import secrets
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

PULL_REQUEST_EVENTS = frozenset({"pull_request", "pull_request_target"})


@dataclass(frozen=True)
class Inputs:
    """The Action's inputs, passed to the script as ``INPUT_*`` variables through ``env:``."""

    paths: tuple[str, ...]
    ruleset: str
    fail_on: str
    breaking: bool
    sarif: bool
    config: str = ""
    new_findings_only: bool = False
    pr_comment: bool = False
    allow_breaking_label: str = ""
    working_directory: str = ""
    args: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Inputs:
        """The inputs; raises ValueError when ``args`` is not valid shell-like quoting."""
        return cls(
            paths=tuple(env.get("INPUT_PATHS", "").split()),
            ruleset=env.get("INPUT_RULESET", "").strip(),
            fail_on=env.get("INPUT_FAIL_ON", "").strip() or "error",
            breaking=_flag(env.get("INPUT_BREAKING", "true")),
            sarif=_flag(env.get("INPUT_SARIF", "true")),
            config=env.get("INPUT_CONFIG", "").strip(),
            new_findings_only=_flag(env.get("INPUT_NEW_FINDINGS_ONLY", "false")),
            pr_comment=_flag(env.get("INPUT_PR_COMMENT", "false")),
            allow_breaking_label=env.get("INPUT_ALLOW_BREAKING_LABEL", "").strip(),
            working_directory=env.get("INPUT_WORKING_DIRECTORY", "").strip(),
            args=tuple(shlex.split(env.get("INPUT_ARGS", ""))),  # words, never a shell
        )


def _flag(value: str) -> bool:
    return value.strip().lower() not in ("false", "0", "no", "off", "")


@dataclass(frozen=True)
class Event:
    """The triggering event: its name and, for a pull request, the base commit, number and labels."""

    name: str
    base_sha: str | None
    base_ref: str | None
    number: int | None = None
    labels: tuple[str, ...] = ()

    @property
    def is_pull_request(self) -> bool:
        return self.name in PULL_REQUEST_EVENTS or self.name == "merge_group"

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Event:
        name = env.get("GITHUB_EVENT_NAME", "")
        payload: dict[str, object] = {}
        path = env.get("GITHUB_EVENT_PATH")
        if path:
            try:
                loaded = json.loads(Path(path).read_text(encoding="utf-8"))
                payload = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                payload = {}
        base_sha = None
        number = None
        labels: tuple[str, ...] = ()
        pull_request = payload.get("pull_request")
        if isinstance(pull_request, dict):
            base = pull_request.get("base")
            if isinstance(base, dict) and isinstance(base.get("sha"), str):
                base_sha = base["sha"]
            if isinstance(pull_request.get("number"), int):
                number = pull_request["number"]
            found = pull_request.get("labels")
            if isinstance(found, list):
                labels = tuple(x["name"] for x in found if isinstance(x, dict) and isinstance(x.get("name"), str))
        group = payload.get("merge_group")
        if isinstance(group, dict) and isinstance(group.get("base_sha"), str):
            base_sha = group["base_sha"]
        return cls(name, base_sha, env.get("GITHUB_BASE_REF") or None, number, labels)


def set_outputs(outputs: Mapping[str, str], env: Mapping[str, str] | None = None) -> None:
    """Append step outputs to ``$GITHUB_OUTPUT`` (multi-line safe delimiters)."""
    target = (env or os.environ).get("GITHUB_OUTPUT")
    if not target:
        return
    with open(target, "a", encoding="utf-8") as stream:
        for name, value in outputs.items():
            delimiter = f"speclint_{secrets.token_hex(8)}"
            stream.write(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")


def write_summary(markdown: str, env: Mapping[str, str] | None = None) -> None:
    """Append Markdown to the job summary (``$GITHUB_STEP_SUMMARY``)."""
    target = (env or os.environ).get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    with open(target, "a", encoding="utf-8") as stream:
        stream.write(markdown)
