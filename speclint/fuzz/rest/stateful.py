"""The stateful phase: sequences of requests along the spec's links (declared or inferred).

Every link gets a deterministic sequence (the operations' baseline data) and then up to
``--max-examples`` random ones (hypothesis draws every request's own data; the linked values
come from the previous response). A sequence stops at the first answer that is not a success.
Every response is judged by the same checks as the other phases, plus two that need a sequence:

- ``ensure-resource-availability``: right after a successful ``POST``, a ``GET`` of what it
  created (every path parameter from the link) must not be ``404``;
- ``use-after-free``: after a successful ``DELETE`` of what the first request created, a
  ``GET`` of it must not succeed.

A failure's reproduction is a shell script of every request of the sequence (``replay.py``):
values taken from a response are read from the replayed response, not written out.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from speclint.fuzz import results as ids
from speclint.fuzz.collect import Collector
from speclint.fuzz.driver import drive
from speclint.fuzz.http_checks import ResponseJudge, reason, request_curl
from speclint.fuzz.http_run import OperationRun
from speclint.fuzz.rest.expressions import ABSENT, Exchange, Message, evaluate
from speclint.fuzz.rest.links import Link
from speclint.fuzz.rest.replay import Read, Step, response_reference, sequence_script

ENSURE_RESOURCE_AVAILABILITY = ids.ENSURE_RESOURCE_AVAILABILITY
USE_AFTER_FREE = ids.USE_AFTER_FREE


@dataclass(frozen=True)
class Plan:
    """One kind of sequence: the first operation, then each link's target in turn. Each link
    starts at the request before it; in a ``frees`` plan both links start at the first request
    (it created a resource: ``links[0]`` deletes it, ``links[1]`` then gets it)."""

    links: tuple[Link, ...]
    frees: bool = False

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.links[0].source, *(link.target for link in self.links))

    def source_step(self, index: int) -> int:
        """The step whose exchange the ``index``-th link reads."""
        return 0 if self.frees else index

    def describe(self) -> str:
        return "; ".join(link.describe() for link in self.links)


def plans(links: list[Link]) -> list[Plan]:
    """One plan per link; a chain of two where a link leads to a create whose own links lead
    deeper (a part of what it created); DELETE-then-GET plans where one source links to both."""
    found = [Plan((link,)) for link in links]
    for first in links:
        if not first.target.startswith(("POST ", "PUT ")):
            continue
        found += [Plan((first, second)) for second in links
                  if second.source == first.target and _deeper(second.target, second.source)
                  and second.target != first.source]
    for delete in links:
        if not delete.target.startswith("DELETE "):
            continue
        for get in links:
            if (get.source == delete.source and get.target.startswith("GET ")
                    and _path(get.target) == _path(delete.target) and _same_binding(get, delete)):
                found.append(Plan((delete, get), frees=True))
                break
    return found


def _path(operation_label: str) -> str:
    return operation_label.partition(" ")[2]


def _deeper(target: str, source: str) -> bool:
    return _path(target).startswith(_path(source).rstrip("/") + "/")


def _same_binding(first: Link, second: Link) -> bool:
    def path_values(link: Link) -> set[tuple[str, str]]:
        return {(name, str(value)) for location, name, value in link.parameters if location in ("path", "")}

    return path_values(first) == path_values(second)


class Successes:
    """Cases of the operations links start from that the server answered with a success, in
    any phase: the stateful phase starts sequences from them (random data seldom creates
    anything on a real server: a file needs a folder that exists, a session a valid kernel)."""

    KEEP = 8  # cases kept per operation: the first ones

    def __init__(self, sources: set[str]) -> None:
        self.sources = sources
        self._cases: dict[str, list[Any]] = {}

    def note(self, operation: str, case: Any, status: int) -> None:
        if operation in self.sources and 200 <= status < 300:
            kept = self._cases.setdefault(operation, [])
            if len(kept) < self.KEEP:
                kept.append(case)

    def of(self, operation: str) -> list[Any]:
        return list(self._cases.get(operation, ()))


class RecordingJudge(ResponseJudge):
    """The run's judge, which also notes the successes of the operations links start from."""

    def __init__(self, collector: Collector, successes: Successes) -> None:
        super().__init__(collector)
        self.successes = successes

    def judge(self, operation: str, case: Any, response: Any, request: Any, *, negative: bool | None,
              boundary: bool, firm: bool = True) -> None:
        self.successes.note(operation, case, int(response.status_code))
        super().judge(operation, case, response, request, negative=negative, boundary=boundary, firm=firm)


class _SequenceCollector(Collector):
    """What the judge records for the last request of a sequence goes to the run's collector
    with the whole sequence as its reproduction and the links in its message."""

    def __init__(self, target: Collector, steps: list[Step], note: str) -> None:  # no super(): a view
        self.redactor = target.redactor
        self.target = target
        self.steps = steps
        self.note = note

    def add(self, operation: str, check: str, message: str, status: int | None, reproduction: str, *,
            kind: str = "", boundary: bool = False) -> None:
        self.target.add(operation, check, f"{message} ({self.note})", status,
                        sequence_script(self.steps), kind=kind)


class StatefulPhase:
    """Runs the plans; ``run_for`` gives the OperationRun that sends an operation's requests."""

    def __init__(self, run_for: Callable[[str], OperationRun | None], judge: RecordingJudge, collector: Collector,
                 seed: int, budget: int) -> None:
        self.run_for = run_for
        self.judge = judge
        self.successes = judge.successes
        self.collector = collector
        self.seed = seed
        self.budget = budget

    def run(self, plan: Plan) -> None:
        runs = [self.run_for(name) for name in plan.labels]
        if any(run is None or run.stopped for run in runs):
            return
        ready = [run for run in runs if run is not None]
        baselines = [run.baseline for run in ready]
        known = self.successes.of(plan.labels[0])
        baselines[0] = known[0] if known else baselines[0]  # a first request that worked before
        if all(case is not None for case in baselines):
            self.sequence(plan, ready, [_copy(case) for case in baselines], random=False)
        if self.budget > 0 and not any(run.stopped for run in ready):
            self.random(plan, ready)
        for run in ready:
            if run.fatal is not None:
                raise run.fatal

    def random(self, plan: Plan, runs: list[OperationRun]) -> None:
        from hypothesis import strategies as st
        from schemathesis import GenerationMode

        strategies = [run.operation.as_strategy(generation_mode=GenerationMode.POSITIVE,
                                                headers=dict(run.headers) or None) for run in runs]
        known = self.successes.of(plan.labels[0])
        if known:  # first requests that worked, or new random ones
            strategies[0] = st.one_of(st.sampled_from(known).map(_copy), strategies[0])

        def handle(cases: tuple[Any, ...]) -> None:
            if not any(run.stopped for run in runs):
                self.sequence(plan, runs, list(cases), random=True)

        # a seed of its own per plan: plans from one operation would otherwise all draw the same
        # first requests
        drive(st.tuples(*strategies), self.budget, self.seed ^ zlib.crc32(plan.describe().encode()), handle)

    def sequence(self, plan: Plan, runs: list[OperationRun], cases: list[Any], *, random: bool) -> None:
        """Send the first case, then each linked one while every answer so far is a success."""
        first, *followers = runs
        response = first.send(cases[0])
        if response is None:
            return
        self.judge.judge(first.label, cases[0], response, first.session.first_request,
                         negative=None if random else False, boundary=False)
        exchanges = [_exchange(cases[0], response)]
        steps = [Step(request_curl(first.session.first_request or response.request, self.collector))]
        for index, (link, run) in enumerate(zip(plan.links, followers)):
            origin = exchanges[plan.source_step(index)]
            if not (200 <= exchanges[-1].status < 300 and link.applies(origin.status)):
                return
            case = cases[index + 1]
            bound = _bind(link, run.operation, case, origin)
            if bound is None:
                return  # the response lacks what the link needs
            sent = run.send(case)
            if sent is None:
                return
            steps.append(self.step(run, case, sent, bound, plan.source_step(index)))
            exchanges.append(_exchange(case, sent))
            view = _SequenceCollector(self.collector, list(steps), f"after {plan.describe()}")
            self.successes.note(run.label, case, exchanges[-1].status)
            ResponseJudge(view).judge(run.label, case, sent, run.session.first_request, negative=False,
                                      boundary=False, firm=False)
            self.stateful_checks(plan, index, link, exchanges, steps)

    def step(self, run: OperationRun, case: Any, sent: Any, bound: list[tuple[str, str, Any, Any]],
             source: int) -> Step:
        """The request as sent, and as a template where each value read from a response is a token."""
        curl = request_curl(run.session.first_request or sent.request, self.collector)
        reads: list[Read] = []
        template = _copy(case)
        for where, name, value, expression in bound:
            reference = response_reference(expression)
            if reference is None or where not in _CONTAINERS:
                continue
            token = f"SPECLINTVALUE{len(reads) + 1}X"
            container = dict(getattr(template, _CONTAINERS[where]) or {})
            container[name] = token
            setattr(template, _CONTAINERS[where], container)
            reads.append(Read(token, source, reference[0], reference[1], where, value))
        if not reads:
            return Step(curl)
        return Step(curl, run.curl_for(template, run.headers, {}), tuple(reads))

    def stateful_checks(self, plan: Plan, index: int, link: Link, exchanges: list[Exchange],
                        steps: list[Step]) -> None:
        status = exchanges[-1].status
        creator = plan.labels[plan.source_step(index)]
        reproduction = sequence_script(steps)
        if (not plan.frees and status == 404 and creator.startswith("POST ") and link.target.startswith("GET ")
                and _binds_every_path_parameter(link)):
            message = (f"{link.target} answered {reason(status)} right after {creator} created the resource "
                       f"({link.describe()})")
            self.collector.add(creator, ENSURE_RESOURCE_AVAILABILITY, message, status, reproduction)
        if plan.frees and index == 1 and 200 <= status < 300:
            delete = plan.links[0].target
            message = (f"{link.target} answered {reason(status)} after {delete} succeeded: the deleted resource "
                       f"is still served ({plan.describe()})")
            self.collector.add(delete, USE_AFTER_FREE, message, status, reproduction)


def _binds_every_path_parameter(link: Link) -> bool:
    path = _path(link.target)
    templates = {segment[1:-1] for segment in path.split("/") if segment.startswith("{") and segment.endswith("}")}
    bound = {name for location, name, _ in link.parameters if location in ("path", "")}
    return bool(templates) and templates <= bound


def _copy(case: Any) -> Any:
    """A new case with the same data (a baseline is kept as it is for the other phases)."""
    body = case.body
    return case.operation.Case(
        path_parameters=dict(case.path_parameters or {}), query=dict(case.query or {}),
        headers=dict(case.headers or {}), cookies=dict(case.cookies or {}),
        **({"body": body.copy() if isinstance(body, (dict, list)) else body, "media_type": case.media_type}
           if _has_body(case) else {}),
    )


def _has_body(case: Any) -> bool:
    from schemathesis.core import NOT_SET

    return case.body is not NOT_SET


def _exchange(case: Any, response: Any) -> Exchange:
    try:
        body: Any = response.json()
    except ValueError:
        body = ABSENT
    request = response.request
    return Exchange(
        method=str(case.method), url=str(request.url), status=int(response.status_code),
        request=Message(
            headers=dict(request.headers), body=case.body if _has_body(case) else ABSENT,
            path=dict(case.path_parameters or {}), query=dict(case.query or {}),
        ),
        response=Message(headers=dict(response.headers), body=body),
    )


_CONTAINERS = {"path": "path_parameters", "query": "query", "header": "headers", "cookie": "cookies"}


def _bind(link: Link, operation: Any, case: Any, origin: Exchange) -> list[tuple[str, str, Any, Any]] | None:
    """Put the linked values into ``case``; the (location, name, value, expression) list, or None
    when one is missing from the exchange or names no parameter of the operation."""
    bound: list[tuple[str, str, Any, Any]] = []
    for location, name, expression in link.parameters:
        where = location or _location(operation, name)
        if where is None:
            return None
        value = evaluate(expression, origin)
        if value is ABSENT:
            return None
        if where == "path" and isinstance(value, (dict, list)):
            return None
        container = getattr(case, _CONTAINERS[where])
        if container is None:
            container = {}
        updated = dict(container)
        updated[name] = value
        setattr(case, _CONTAINERS[where], updated)
        bound.append((where, name, value, expression))
    if link.body is not None:
        value = evaluate(link.body, origin)
        if value is ABSENT:
            return None
        case.body = value
        bound.append(("body", "", value, link.body))
    return bound


def _location(operation: Any, name: str) -> str | None:
    for location, attribute in _CONTAINERS.items():
        for parameter in _parameters(operation, attribute):
            if parameter.name == name:
                return location
    return None


def _parameters(operation: Any, attribute: str) -> Iterator[Any]:
    yield from getattr(operation, attribute, None) or ()
