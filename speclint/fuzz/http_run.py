"""Send one HTTP operation's cases through schemathesis and judge the responses (REST, GraphQL)."""

from __future__ import annotations

from typing import Any, Iterable

from speclint.fuzz import results as ids
from speclint.fuzz.context import BoundaryCase, RunContext
from speclint.fuzz.curl import curl_command
from speclint.fuzz.driver import drive
from speclint.fuzz.http_checks import ResponseJudge, reason, reproduction
from speclint.fuzz.rest.auth import auth_probes

_REFUSED = (401, 403)


class OperationRun:
    """Boundary cases, then auth probes (secured operations), then random cases, for one operation."""

    def __init__(
        self,
        ctx: RunContext,
        operation: Any,
        session: Any,
        judge: ResponseJudge,
        cases: Iterable[BoundaryCase],
        *,
        secured: bool = False,
        negative: bool = True,
    ) -> None:
        self.ctx = ctx
        self.operation = operation
        self.label: str = operation.label
        self.session = session
        self.judge = judge
        self.secured = secured
        self.cases = cases
        self.negative = negative
        self.stopped = False
        self.headers = ctx.options.header_dict

    def run(self) -> None:
        baseline = None
        for item in self.cases:
            baseline = baseline or (None if item.negative else item.case)
            response = self.send(item.case)
            if response is not None:
                self.judge.judge(self.label, item.case, response, negative=item.negative, boundary=True)
        if self.secured and baseline is not None:
            self.probe_auth(baseline)
        self.random_phase()

    def send(self, case: Any, headers: dict[str, str] | None = None, **extra: Any) -> Any | None:
        """One request; None when it timed out or failed (then recorded and the operation stopped)."""
        import requests

        if self.stopped:
            return None
        self.ctx.collector.count_request()
        headers = self.headers if headers is None else headers
        try:
            return case.call(session=self.session, headers=headers, timeout=self.ctx.options.timeout, **extra)
        except requests.Timeout:
            message = f"no response within {self.ctx.options.timeout:g} s"
            self.ctx.collector.add(self.label, ids.TIMEOUT, message, None, self.curl_for(case, headers, extra))
        except requests.ConnectionError as error:
            message = f"no response: the connection failed ({type(error).__name__})"
            self.ctx.collector.add(self.label, ids.SERVER_ERROR, message, None, self.curl_for(case, headers, extra))
        self.stopped = True
        return None

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
        for probe in auth_probes(self.operation, self.headers):
            response = self.send(baseline, probe.headers, params=probe.query, cookies=probe.cookies)
            if response is None:
                return
            status = int(response.status_code)
            if status not in _REFUSED:
                message = f"answered {reason(status)} {probe.label} (expected 401 or 403)"
                self.ctx.collector.add(
                    self.label, ids.AUTH_NOT_ENFORCED, message, status,
                    reproduction(response, self.ctx.collector), boundary=True,
                )

    def random_phase(self) -> None:
        from schemathesis import GenerationMode

        budget = self.ctx.options.max_examples
        seed = self.ctx.options.seed
        shares = [(GenerationMode.POSITIVE, budget - budget // 2), (GenerationMode.NEGATIVE, budget // 2)]
        if not self.negative:
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
            self.judge.judge(self.label, case, response, negative=None, boundary=False)
