"""Keep ``--header`` values (credentials) out of every report, message and log line."""

from __future__ import annotations

from typing import Iterable

REDACTED = "[redacted]"
_MIN_PART = 6  # a word of a header value this long is scrubbed on its own ("Bearer <token>")
_MIN_VALUE = 4
_SCHEMES = frozenset({"bearer", "basic", "digest", "token", "apikey", "negotiate"})


class Redactor:
    """Knows the user's header names and values and scrubs them from text."""

    def __init__(self, headers: Iterable[tuple[str, str]]) -> None:
        pairs = list(headers)
        self.names = frozenset(name.lower() for name, _ in pairs)
        secrets: set[str] = set()
        for _, value in pairs:
            if len(value) >= _MIN_VALUE:  # shorter values would mangle unrelated text
                secrets.add(value)
            secrets.update(p for p in value.split() if len(p) >= _MIN_PART and p.lower() not in _SCHEMES)
        # longest first, so a whole value is replaced before its parts
        self._secrets = sorted(secrets, key=len, reverse=True)

    def header_value(self, name: str, value: str) -> str:
        """The value to show for header ``name``."""
        return REDACTED if name.lower() in self.names else self.text(value)

    def text(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text
