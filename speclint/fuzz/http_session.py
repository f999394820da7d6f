"""One HTTP session for a run, with a fresh cookie jar for every test case.

The connection pool is shared (speed), cookies are not: a cookie the server sets while one
case runs (a login session, an XSRF token) is never sent with another case, and its value
becomes a secret the redactor scrubs from every output. Every exchange of the current case,
redirects included, is kept, so the reproduction is the request that was sent first and a
redirect to a login page can be told from a served request. Each case has a total deadline
(connect, send and the whole response), which a server that trickles its answer cannot stretch.
"""

from __future__ import annotations

import re
from typing import Any

from speclint.fuzz.deadline import Deadline, install
from speclint.fuzz.redact import Redactor

_LOGIN_URL = re.compile(r"(?<![a-z])(?:log-?in|sign-?in|auth|authorize|sso|oauth2?|cas)(?![a-z])", re.IGNORECASE)
_PASSWORD_INPUT = re.compile(rb"""<input[^>]*type\s*=\s*["']?password""", re.IGNORECASE)


class CaseSession:
    """Wraps a ``requests.Session``: call :meth:`start_case` before each case and
    :meth:`finish_case` after it."""

    def __init__(self, redactor: Redactor) -> None:
        import requests

        self.redactor = redactor
        self.session = requests.Session()
        self.session.hooks["response"].append(self._seen)
        self.deadline = Deadline()
        install(self.session, self.deadline)
        self.exchanges: list[Any] = []  # requests.Response objects of the current case, in order

    def start_case(self, seconds: float) -> None:
        """A new case, which must be done (every exchange, bodies read) within ``seconds``."""
        self.session.cookies.clear()
        self.exchanges = []
        self.deadline.arm(seconds)

    @property
    def out_of_time(self) -> bool:
        """Whether the current case's deadline passed (its requests were cut short)."""
        return self.deadline.expired

    def finish_case(self) -> None:
        self.deadline.disarm()
        for cookie in self.session.cookies:
            if cookie.value:
                self.redactor.learn(cookie.value)
        self.session.cookies.clear()

    def _seen(self, response: Any, *args: Any, **kwargs: Any) -> Any:
        self.exchanges.append(response)
        raw = getattr(response, "raw", None)
        headers = getattr(raw, "headers", None)
        values = headers.getlist("Set-Cookie") if headers is not None and hasattr(headers, "getlist") else []
        for header in values:
            _, _, value = header.split(";", 1)[0].partition("=")
            self.redactor.learn(value)
        for cookie in response.cookies:
            if cookie.value:
                self.redactor.learn(cookie.value)
        return response

    @property
    def first_request(self) -> Any | None:
        """The request the case sent (before any redirect), or None."""
        return self.exchanges[0].request if self.exchanges else None

    def went_to_login(self) -> bool:
        """Whether the case was sent to a login page: a redirect to a login URL, or a login form."""
        for response in self.exchanges:
            location = response.headers.get("Location") or ""
            if 300 <= response.status_code < 400 and _LOGIN_URL.search(location):
                return True
        if not self.exchanges:
            return False
        last = self.exchanges[-1]
        if "html" not in (last.headers.get("Content-Type") or ""):
            return False
        redirected = len(self.exchanges) > 1 and bool(_LOGIN_URL.search(str(last.url)))
        return redirected or bool(_PASSWORD_INPUT.search(last.content[:65536] if last.content else b""))
