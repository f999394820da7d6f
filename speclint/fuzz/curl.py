"""A ``curl`` command that replays one HTTP request byte for byte, credentials redacted.

A body that is printable text goes in ``--data-raw`` (which, unlike ``-d``, never reads a
file when the body starts with ``@``); any other body is written by ``printf`` with octal
escapes and piped to ``--data-binary @-``, so the command holds no raw control byte and
sends exactly the bytes the fuzzer sent.
"""

from __future__ import annotations

from typing import Iterable

from speclint.fuzz.redact import Redactor

# Headers every client sends on its own; they only make a reproduction longer.
_IMPLICIT = frozenset(
    {"user-agent", "accept-encoding", "accept", "connection", "content-length", "x-schemathesis-testcaseid"}
)
_PRINTF_SPECIAL = {"\\": "\\\\", "%": "%%", "'": "'\\''"}


def curl_command(
    method: str,
    url: str,
    headers: Iterable[tuple[str, str]],
    body: bytes | str | None,
    redactor: Redactor,
) -> str:
    """``curl -X METHOD 'url' -H 'Name: value' ... --data-raw 'body'`` (or ``printf ... | curl ...``)."""
    parts = ["curl", "-X", method.upper(), shell_word(redactor.text(url))]
    for name, value in headers:
        if name.lower() in _IMPLICIT:
            continue
        parts += ["-H", shell_word(f"{name}: {redactor.header_value(name, value)}")]
    prefix = ""
    if body:
        text = redactor.text(body if isinstance(body, str) else body.decode("utf-8", "surrogateescape"))
        if text.isprintable():
            parts += ["--data-raw", shell_word(text)]
        else:
            prefix = f"printf '{printf_format(text)}' | "
            parts += ["--data-binary", "@-"]
    return prefix + " ".join(parts)


def shell_word(text: str) -> str:
    """One shell word: single-quoted, or ``"$(printf '...')"`` when it holds unprintable characters."""
    if text.isprintable():
        return "'" + text.replace("'", "'\\''") + "'"
    return f"\"$(printf '{printf_format(text)}')\""


def printf_format(text: str) -> str:
    """A ``printf`` format (inside single quotes) that prints exactly the bytes of ``text``.

    ``text`` is UTF-8 with undecodable bytes kept as surrogates (``surrogateescape``); every
    unprintable character becomes octal escapes of its bytes.
    """
    out = []
    for char in text:
        if char in _PRINTF_SPECIAL:
            out.append(_PRINTF_SPECIAL[char])
        elif char.isprintable():
            out.append(char)
        else:
            out.extend(f"\\{byte:03o}" for byte in char.encode("utf-8", "surrogateescape"))
    return "".join(out)


def printable(text: str) -> str:
    """``text`` with every unprintable character written as a Python escape (for messages)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii")
                   for c in text)
