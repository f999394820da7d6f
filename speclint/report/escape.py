"""Control characters from specs never reach a terminal, a log or a parser raw.

A spec can hold any character in a name or a description, and findings quote them: an ESC
would drive the reader's terminal, a newline would forge a line (``::error`` in a GitHub log),
and most C0 characters make XML invalid. :func:`visible` writes each as an escape a person can
read (``\\x1b``, ``\\n``); :func:`json_safe` keeps JSON text exact for parsers while writing the
characters JSON allows raw (DEL, C1, line separators, bidirectional overrides) as ``\\u`` escapes.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional
# embeddings, overrides and isolates that can reorder what a reader sees ("Trojan Source").
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character written as a visible escape."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def json_safe(text: str) -> str:
    """JSON text with the characters JSON leaves raw (DEL, C1, separators, bidi controls)
    written as ``\\uXXXX``: the same data for a parser, nothing active for a terminal. Those
    characters can only stand inside JSON strings, so the whole text can be rewritten."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _JSON_RAW.search(text) else text


__all__ = ["json_safe", "visible"]
