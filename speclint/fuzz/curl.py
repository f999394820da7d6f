"""A ``curl`` command that replays one HTTP request, credentials redacted."""

from __future__ import annotations

from typing import Iterable

from speclint.fuzz.redact import Redactor

# Headers every client sends on its own; they only make a reproduction longer.
_IMPLICIT = frozenset(
    {"user-agent", "accept-encoding", "accept", "connection", "content-length", "x-schemathesis-testcaseid"}
)


def curl_command(
    method: str,
    url: str,
    headers: Iterable[tuple[str, str]],
    body: bytes | str | None,
    redactor: Redactor,
) -> str:
    """``curl -X METHOD 'url' -H 'Name: value' ... -d 'body'``."""
    parts = ["curl", "-X", method.upper(), _quote(redactor.text(url))]
    for name, value in headers:
        if name.lower() in _IMPLICIT:
            continue
        parts += ["-H", _quote(f"{name}: {redactor.header_value(name, value)}")]
    if body:
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        parts += ["-d", _quote(redactor.text(text))]
    return " ".join(parts)


def _quote(text: str) -> str:
    """Always single-quoted, so a reader sees one argument per value."""
    return "'" + text.replace("'", "'\\''") + "'"
