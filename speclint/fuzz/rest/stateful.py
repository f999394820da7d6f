"""The stateful phase: sequences of requests along the spec's links (declared or inferred).

Every plan (``plans.py``: a link, a chain of two into a sub-resource, or a DELETE then a GET)
gets a deterministic sequence (the operations' baseline data, or a first request that succeeded
before: ``successes.py``) and then up to ``--max-examples`` random ones (hypothesis draws every
request's own data; the linked values come from the earlier responses: ``binding.py``). A
sequence stops at the first answer that is not a success.
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
from typing import Any, Callable

from speclint.fuzz import results as ids
from speclint.fuzz.collect import Collector
from speclint.fuzz.driver import drive
from speclint.fuzz.http_checks import ResponseJudge, reason, request_curl
from speclint.fuzz.http_run import OperationRun
from speclint.fuzz.rest.binding import CONTAINERS, bind, copy_case, exchange_of
from speclint.fuzz.rest.expressions import Exchange
from speclint.fuzz.rest.links import Link
from speclint.fuzz.rest.plans import Plan, binds_every_path_parameter
from speclint.fuzz.rest.replay import Read, Step, request_reference, response_reference, sequence_script
from speclint.fuzz.rest.successes import RecordingJudge

ENSURE_RESOURCE_AVAILABILITY = ids.ENSURE_RESOURCE_AVAILABILITY
USE_AFTER_FREE = ids.USE_AFTER_FREE


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
                 seed: int, budget: int, cleanups: dict[str, Link]) -> None:
        self.run_for = run_for
        self.cleanups = cleanups
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
            self.sequence(plan, ready, [copy_case(case) for case in baselines], random=False)
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
            strategies[0] = st.one_of(st.sampled_from(known).map(copy_case), strategies[0])

        def handle(cases: tuple[Any, ...]) -> None:
            if not any(run.stopped for run in runs):
                self.sequence(plan, runs, list(cases), random=True)

        # a seed of its own per plan: plans from one operation would otherwise all draw the same
        # first requests
        drive(st.tuples(*strategies), self.budget, self.seed ^ zlib.crc32(plan.describe().encode()), handle)

    def sequence(self, plan: Plan, runs: list[OperationRun], cases: list[Any], *, random: bool) -> None:
        """Send the first case, then each linked one while every answer so far is a success;
        then delete what the first request created, when the spec links it to a DELETE."""
        exchanges: list[Exchange] = []
        self.walk(plan, runs, cases, exchanges, random=random)
        self.clean_up(plan, exchanges)

    def walk(self, plan: Plan, runs: list[OperationRun], cases: list[Any], exchanges: list[Exchange], *,
             random: bool) -> None:
        first, *followers = runs
        response = first.send(cases[0])
        if response is None:
            return
        self.judge.judge(first.label, cases[0], response, first.session.first_request,
                         negative=None if random else False, boundary=False)
        exchanges.append(exchange_of(cases[0], response))
        steps = [Step(request_curl(first.session.first_request or response.request, self.collector))]
        for index, (link, run) in enumerate(zip(plan.links, followers)):
            origin = exchanges[plan.source_step(index)]
            if not (200 <= exchanges[-1].status < 300 and link.applies(origin.status)):
                return
            case = cases[index + 1]
            bound = bind(link, run.operation, case, origin)
            if bound is None:
                return  # the response lacks what the link needs
            sent = run.send(case)
            if sent is None:
                return
            steps.append(self.step(run, case, sent, bound, plan.source_step(index), steps))
            exchanges.append(exchange_of(case, sent))
            view = _SequenceCollector(self.collector, list(steps), f"after {plan.describe()}")
            self.successes.note(run.label, case, exchanges[-1].status)
            ResponseJudge(view).judge(run.label, case, sent, run.session.first_request, negative=False,
                                      boundary=False, firm=False)
            self.stateful_checks(plan, index, link, exchanges, steps)

    def clean_up(self, plan: Plan, exchanges: list[Exchange]) -> None:
        """The created resource's DELETE, unless the sequence deleted it: the server is left as it
        was (a real server keeps what a run creates: files, sessions, processes), and later
        reproductions replay against the state they were found in. Not judged."""
        link = self.cleanups.get(plan.labels[0])
        if link is None or not exchanges or not 200 <= exchanges[0].status < 300:
            return
        if any(label == link.target and 200 <= exchange.status < 300
               for label, exchange in zip(plan.labels[1:], exchanges[1:])):
            return
        run = self.run_for(link.target)
        if run is None or run.baseline is None or run.stopped:
            return
        case = copy_case(run.baseline)
        if bind(link, run.operation, case, exchanges[0]) is not None:
            run.send(case)

    def step(self, run: OperationRun, case: Any, sent: Any, bound: list[tuple[str, str, Any, Any]],
             source: int, earlier: list[Step]) -> Step:
        """The request as sent, and as a template where each value read from a response is a
        token (also a value the source request had itself read from a response before it)."""
        curl = request_curl(run.session.first_request or sent.request, self.collector)
        reads: list[Read] = []
        template = copy_case(case)
        for where, name, value, expression in bound:
            reference = response_reference(expression)
            origin: tuple[int, str, str] | None = (source, *reference) if reference is not None else None
            if reference is None and (passed := request_reference(expression)) is not None:
                origin = next(((read.step, read.source, read.reference) for read in earlier[source].reads
                               if (read.location, read.name) == passed), None)
            if origin is None or where not in CONTAINERS:
                continue
            token = f"SPECLINTVALUE{len(reads) + 1}X"
            container = dict(getattr(template, CONTAINERS[where]) or {})
            container[name] = token
            setattr(template, CONTAINERS[where], container)
            reads.append(Read(token, *origin, where, name, value))
        if not reads:
            return Step(curl)
        return Step(curl, run.curl_for(template, run.headers, {}), tuple(reads))

    def stateful_checks(self, plan: Plan, index: int, link: Link, exchanges: list[Exchange],
                        steps: list[Step]) -> None:
        status = exchanges[-1].status
        creator = plan.labels[plan.source_step(index)]
        reproduction = sequence_script(steps)
        if (not plan.frees and status == 404 and creator.startswith("POST ") and link.target.startswith("GET ")
                and binds_every_path_parameter(link)):
            message = (f"{link.target} answered {reason(status)} right after {creator} created the resource "
                       f"({link.describe()})")
            self.collector.add(creator, ENSURE_RESOURCE_AVAILABILITY, message, status, reproduction)
        if plan.frees and index == 1 and 200 <= status < 300:
            delete = plan.links[0].target
            message = (f"{link.target} answered {reason(status)} after {delete} succeeded: the deleted resource "
                       f"is still served ({plan.describe()})")
            self.collector.add(delete, USE_AFTER_FREE, message, status, reproduction)
