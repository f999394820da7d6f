"""The pull request's one speclint comment, created once and then updated in place.

The comment carries a hidden marker (per working directory, so two speclint steps of one
workflow keep one comment each); each run edits the comment that has it, or creates it.
Calls go to ``$GITHUB_API_URL`` with the job's token; a refusal (a fork's read-only token, a
missing ``pull-requests: write`` permission) is reported, never fatal.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

MAX_PAGES = 20
MAX_BODY = 65_000  # GitHub refuses comments over 65,536 characters


class CommentError(Exception):
    """The GitHub API refused or could not be reached; the message says which."""


@dataclass(frozen=True)
class PullRequest:
    api_url: str  # https://api.github.com, or a GitHub Enterprise server's
    repository: str  # owner/name
    number: int
    token: str


def marker(working_directory: str) -> str:
    """The hidden first line of the comment; a digest, since a folder name could end an HTML comment."""
    digest = hashlib.sha256((working_directory or ".").encode()).hexdigest()[:12]
    return f"<!-- speclint-action {digest} -->"


def upsert_comment(pr: PullRequest, body: str, mark: str) -> str:
    """Edit the comment holding ``mark``, or create one; "updated" or "created"."""
    text = body if len(body) <= MAX_BODY else body[:MAX_BODY] + "\n\n… (cut; the job summary has all of it)\n"
    text = f"{mark}\n{text}"
    existing = _find(pr, mark)
    if existing is not None:
        _call(pr, "PATCH", f"/repos/{pr.repository}/issues/comments/{existing}", {"body": text})
        return "updated"
    _call(pr, "POST", f"/repos/{pr.repository}/issues/{pr.number}/comments", {"body": text})
    return "created"


def _find(pr: PullRequest, mark: str) -> int | None:
    for page in range(1, MAX_PAGES + 1):
        comments = _call(pr, "GET", f"/repos/{pr.repository}/issues/{pr.number}/comments?per_page=100&page={page}")
        if not isinstance(comments, list):
            return None
        for comment in comments:
            if isinstance(comment, dict) and str(comment.get("body", "")).startswith(mark):
                identifier = comment.get("id")
                return identifier if isinstance(identifier, int) else None
        if len(comments) < 100:
            return None
    return None


def _call(pr: PullRequest, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(
        pr.api_url.rstrip("/") + path,
        data=data,
        method=method,
        headers={
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {pr.token}",
            "X-GitHub-Api-Version": "2022-11-28",
            "Content-Type": "application/json",
            "User-Agent": "speclint-action",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
    except urllib.error.HTTPError as error:
        raise CommentError(f"GitHub answered {error.code} {error.reason} to {method} {path.split('?')[0]}") from None
    except (urllib.error.URLError, OSError) as error:
        raise CommentError(f"GitHub's API could not be reached: {error}") from None
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        raise CommentError(f"GitHub's answer to {method} {path.split('?')[0]} was not JSON") from None
