"""Send one HTTP operation's cases through schemathesis and judge the responses (REST, GraphQL)."""

from __future__ import annotations

from typing import Any, Callable, Iterable

from speclint.errors import ConnectionFailed
from speclint.fuzz import results as ids
from speclint.fuzz.context import TIMEOUTS_PER_OPERATION, BoundaryCase, RunContext
from speclint.fuzz.curl import curl_command
from speclint.fuzz.driver import drive
from speclint.fuzz.http_checks import ResponseJudge, reason, request_curl
from speclint.fuzz.http_session import CaseSession
from speclint.fuzz.rest.auth import auth_probes


class OperationRun:
    """Boundary cases, then auth probes (secured operations), then random cases, for one operation."""

    def __init__(
        self,
        ctx: RunContext,
        operation: Any,
        session: CaseSession,
        judge: ResponseJudge,
        cases: Iterable[BoundaryCase],
        *,
        secured: bool = False,
        graphql: bool = False,
    ) -> None:
        self.ctx = ctx
        self.operation = operation
        self.label: str = operation.label
        self.session = session
        self.judge = judge
        self.secured = secured
        self.cases = cases
        self.graphql = graphql  # GraphQL: no negative data, and a refusal may come as errors
        self.stopped = False
        self.headers = ctx.options.header_dict
        self.baseline: Any = None  # the first valid boundary case, once sent
        self.fatal: ConnectionFailed | None = None  # the server stopped responding
        self.timeouts = 0  # requests of this operation that timed out

    def run(self) -> None:
        """Both phases; raises ConnectionFailed when the server stopped responding."""
        self.deterministic()
        self.random()

    def deterministic(self) -> None:
        """Boundary cases, then the auth probes: what finds most failures soonest. Runners send
        this phase for every operation before any random case."""
        self.boundary_phase()
        if self.secured and self.baseline is not None:
            self.probe_auth(self.baseline)
        self._raise_fatal()

    def random(self) -> None:
        self.random_phase()
        self._raise_fatal()

    def _raise_fatal(self) -> None:
        if self.fatal is not None:
            raise self.fatal

    def boundary_phase(self) -> None:
        for item in self.cases:
            if self.stopped:
                return
            self.baseline = self.baseline or (None if item.negative else item.case)
            response = self.send(item.case)
            if response is not None:
                self.judge.judge(self.label, item.case, response, self.session.first_request,
                                 negative=item.negative, boundary=True, firm=item.firm)

    def send(self, case: Any, headers: dict[str, str] | None = None, **extra: Any) -> Any | None:
        """One request in a fresh cookie jar; None when it timed out or failed (then recorded).

        A failed request stops the operation (``fatal`` is set when the server stopped
        responding); a timed-out one does not while the server still answers a cheap request:
        the operation is slow, its other cases may still fail otherwise (up to a few timeouts)."""
        import requests

        if self.stopped:
            return None
        self.ctx.collector.count_request()
        headers = self.headers if headers is None else headers
        timeout = self.ctx.options.timeout
        self.session.start_case(timeout)
        try:
            response = case.call(session=self.session.session, headers=headers, timeout=timeout, **extra)
        except requests.RequestException as error:
            if not (isinstance(error, requests.Timeout) or self.session.out_of_time):
                self.failed(case, headers, extra, error)
                return None
            message = f"no complete response within {timeout:g} s"
            self.ctx.collector.add(self.label, ids.TIMEOUT, message, None, self.curl_for(case, headers, extra))
            self.timeouts += 1
        else:
            self.ctx.answered()
            return response
        finally:
            self.session.finish_case()
        if self.timeouts < TIMEOUTS_PER_OPERATION and self.ctx.server_responds():
            self.ctx.answered()
        else:
            self.unanswered()
        return None

    def failed(self, case: Any, headers: dict[str, str], extra: dict[str, Any], error: Exception) -> None:
        """A request that failed in time: a dead connection, a broken answer, or nothing to judge."""
        import requests

        if isinstance(error, requests.ConnectionError):
            if self.unanswered():
                return
            message = f"no response: the connection failed ({type(error).__name__})"
        elif isinstance(error, (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)):
            self.ctx.answered()  # the server is there, its answer is broken
            message = f"a broken response: {type(error).__name__}"
        else:  # too many redirects and the like: nothing to judge
            self.ctx.answered()
            return
        self.ctx.collector.add(self.label, ids.SERVER_ERROR, message, None, self.curl_for(case, headers, extra))

    def unanswered(self) -> bool:
        """Stop this operation; True when the server is gone (raised after the phase, not
        from inside hypothesis, which would replay the case to see it fail again)."""
        self.stopped = True
        try:
            self.ctx.unanswered(self.label)
        except ConnectionFailed as error:
            self.fatal = error
            return True
        return False

    def curl_for(self, case: Any, headers: dict[str, str], extra: dict[str, Any]) -> str:
        import requests

        kwargs = case.as_transport_kwargs(headers=headers)
        request = requests.Request(
            method=kwargs["method"], url=kwargs["url"], headers=kwargs.get("headers"),
            params={**(kwargs.get("params") or {}), **(extra.get("params") or {})},
            json=kwargs.get("json"), data=kwargs.get("data"),
            cookies={**(kwargs.get("cookies") or {}), **(extra.get("cookies") or {})},
        ).prepare()
        sent = [(str(name), str(value)) for name, value in request.headers.items()]
        body = request.body if isinstance(request.body, (bytes, str)) else None
        return curl_command(str(request.method), str(request.url), sent, body, self.ctx.collector.redactor)

    def probe_auth(self, baseline: Any) -> None:
        """The valid baseline request again, with no credentials at all and with invalid ones.

        Only a served request (2xx, not a login page reached by redirect) is a failure: a
        refusal may be 401, 403, a redirect to a login page, or a 4xx of the server's choosing.
        """
        for probe in auth_probes(self.operation, self.headers):
            response = self.send(baseline, probe.headers, params=probe.query, cookies=probe.cookies)
            if response is None:
                return
            status = int(response.status_code)
            if self.served(response):
                message = f"answered {reason(status)} {probe.label} (expected a refusal: 401 or 403)"
                self.ctx.collector.add(
                    self.label, ids.AUTH_NOT_ENFORCED, message, status,
                    request_curl(self.session.first_request or response.request, self.ctx.collector),
                    boundary=True,
                )

    def served(self, response: Any) -> bool:
        """Whether the server did what was asked: a 2xx that is not a login page, and for
        GraphQL, data with no errors."""
        if not 200 <= int(response.status_code) < 300 or self.session.went_to_login():
            return False
        if not self.graphql:
            return True
        try:
            body = response.json()
        except ValueError:
            return False
        return isinstance(body, dict) and not body.get("errors") and body.get("data") is not None

    def random_phase(self) -> None:
        from schemathesis import GenerationMode

        budget = self.ctx.options.max_examples
        seed = self.ctx.options.seed
        shares = [(GenerationMode.POSITIVE, budget - budget // 2), (GenerationMode.NEGATIVE, budget // 2)]
        if self.graphql:
            shares = [(GenerationMode.POSITIVE, budget)]
        for mode, share in shares:
            if self.stopped or share <= 0:
                return
            # the user's headers are sent as given: never negated, so a case that only "breaks"
            # a credential the user overrides is not taken for invalid data
            strategy = self.operation.as_strategy(generation_mode=mode, headers=dict(self.headers) or None)
            drive(strategy, share, seed, self.handle_random)

    def handle_random(self, case: Any) -> None:
        response = self.send(case)
        if response is not None:
            self.judge.judge(self.label, case, response, self.session.first_request, negative=None, boundary=False)

    def try_other_methods(self, methods: Iterable[str]) -> None:
        """The baseline request with each method the path does not document: the answer must be
        a refusal, and a 405 must say ``Allow`` (said once per path)."""
        allow_checked = False
        for method in methods:
            if self.baseline is None or self.stopped:
                return
            response, repro = self._send_as(method)
            if response is None:
                continue
            label = f"{method} {self.operation.path}"
            status = int(response.status_code)
            if status >= 500:
                self.ctx.collector.add(label, ids.SERVER_ERROR, reason(status), status, repro(), boundary=True)
            elif 200 <= status < 300 and not self.session.went_to_login():
                message = (f"answered {reason(status)} to {method}, which the path does not document "
                           "(expected 405 Method Not Allowed)")
                self.ctx.collector.add(label, ids.UNSUPPORTED_METHOD, message, status, repro(), boundary=True)
            elif status == 405 and not allow_checked:
                allow_checked = True
                if not response.headers.get("Allow"):
                    message = f"{reason(status)} without an Allow header (RFC 9110 requires one)"
                    self.ctx.collector.add(label, ids.RESPONSE_HEADERS, message, status, repro(), boundary=True)

    def _send_as(self, method: str) -> tuple[Any | None, Callable[[], str]]:
        """The baseline request, bodiless, with another method; its reproduction made on demand."""
        import requests

        kwargs = self.baseline.as_transport_kwargs(headers=self.headers)
        kwargs["method"] = method
        kwargs.pop("json", None)
        kwargs.pop("data", None)
        self.ctx.collector.count_request()
        self.session.start_case(self.ctx.options.timeout)
        try:
            response = self.session.session.request(**kwargs, timeout=self.ctx.options.timeout)
        except requests.RequestException:
            return None, str
        finally:
            self.session.finish_case()
        self.ctx.answered()
        first = self.session.first_request or response.request
        return response, lambda: request_curl(first, self.ctx.collector)
