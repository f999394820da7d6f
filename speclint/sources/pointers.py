"""JSON pointers (RFC 6901): the tokens of a pointer, and a pointer from tokens."""

from __future__ import annotations

from collections.abc import Iterable


def escape_token(token: str) -> str:
    if "~" not in token and "/" not in token:
        return token
    return token.replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(tokens: Iterable[object]) -> str:
    """``("paths", "/items")`` -> ``/paths/~1items``."""
    return "".join("/" + escape_token(str(token)) for token in tokens)


def unescape_pointer(pointer: str) -> list[str]:
    if not pointer or pointer == "/":
        return [] if not pointer else [""]
    return [unescape_token(part) for part in pointer.split("/")[1:]]
