"""Keep secrets out of every report, message and log line.

Secrets are the ``--header`` values (credentials), their words and cookie values, what a
``Basic`` credential decodes to, and every value the server sets as a cookie during the run
(learnt with :meth:`Redactor.learn`). A server may echo a secret in another form, so each is
matched regardless of case, JSON-escaped, URL-encoded and HTML-escaped too.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import re
from typing import Iterable
from urllib.parse import quote, quote_plus

REDACTED = "[redacted]"
_MIN_PART = 6  # a word or cookie value this long is scrubbed on its own ("Bearer <token>", "sid=<id>")
_MIN_VALUE = 4  # shorter whole values would mangle unrelated text
_SCHEMES = frozenset({"bearer", "basic", "digest", "token", "apikey", "negotiate"})
_SEPARATORS = re.compile(r"[\s;,]+")
# headers that describe the request, never a credential: shown as they are
PLAIN_HEADERS = frozenset(
    {"accept", "accept-language", "accept-encoding", "content-type", "content-language", "user-agent", "cache-control"}
)


def secret_parts(value: str) -> set[str]:
    """The pieces of one header value that are secrets on their own."""
    found: set[str] = set()
    if len(value) >= _MIN_VALUE:
        found.add(value)
    words = [w for w in _SEPARATORS.split(value) if w]
    for word in words:
        name, sep, after = word.partition("=")
        piece = after if sep and name and after.rstrip("=") else word  # of ``name=value`` only the value
        if len(piece) >= _MIN_PART and piece.lower() not in _SCHEMES:
            found.add(piece)
    if len(words) == 2 and words[0].lower() == "basic":
        found |= _basic_parts(words[1])
    return found


def _basic_parts(token: str) -> set[str]:
    try:
        decoded = base64.b64decode(token, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return set()
    password = decoded.partition(":")[2]
    return {p for p in (decoded, password) if len(p) >= _MIN_VALUE}


def _forms(secret: str) -> set[str]:
    """The ways a server may echo ``secret``."""
    forms = {secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]}
    forms |= {quote(secret, safe=""), quote_plus(secret, safe=""), html.escape(secret)}
    return {f for f in forms if f}


class Redactor:
    """Knows the user's header names and every secret, and scrubs them from text.

    A server may set a new cookie on every response, so secrets keep coming: each is kept with
    its echo forms, lower-cased, and a text is searched for each with a plain substring test
    before any replacement (no pattern to rebuild as the list grows).
    """

    def __init__(self, headers: Iterable[tuple[str, str]]) -> None:
        pairs = [(n, v) for n, v in headers if n.lower() not in PLAIN_HEADERS]
        self.names = frozenset(name.lower() for name, _ in pairs)
        self._secrets: set[str] = set()
        self._forms: list[str] = []  # lower-cased echo forms, longest first
        for _, value in pairs:
            for part in secret_parts(value):
                self._add(part)

    def learn(self, value: str) -> None:
        """Treat ``value`` (a cookie value the server set) as a secret from now on."""
        value = value.strip().strip('"')
        if len(value) >= _MIN_PART:
            self._add(value)

    def _add(self, secret: str) -> None:
        if secret in self._secrets:
            return
        self._secrets.add(secret)
        known = set(self._forms)
        self._forms.extend(f for f in {form.lower() for form in _forms(secret)} if f not in known)
        # longest first, so a whole value is replaced before its parts
        self._forms.sort(key=lambda f: (-len(f), f))

    def header_value(self, name: str, value: str) -> str:
        """The value to show for header ``name``."""
        return REDACTED if name.lower() in self.names else self.text(value)

    def text(self, text: str) -> str:
        lowered = text.lower()
        found = [form for form in self._forms if form in lowered]
        if not found:
            return text
        pattern = re.compile("|".join(map(re.escape, found)), re.IGNORECASE)
        return pattern.sub(REDACTED, text)
