"""Fuzz every selected OpenAPI operation: boundary cases, auth probes, random cases, then the
stateful phase over the spec's links."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, Callable

from speclint.errors import InputError
from speclint.fuzz.context import RunContext
from speclint.fuzz.http_run import OperationRun
from speclint.fuzz.http_session import CaseSession
from speclint.fuzz.rest.cases import boundary_cases
from speclint.fuzz.rest.links import find_links
from speclint.fuzz.rest.plans import Plan, cleanups, plans
from speclint.fuzz.rest.spec import SpecFacts, read_spec
from speclint.fuzz.rest.stateful import StatefulPhase
from speclint.fuzz.rest.successes import RecordingJudge, Successes
from speclint.fuzz.select import select


def load_schema(spec: Path, url: str) -> Any:
    import schemathesis

    try:
        schema = schemathesis.openapi.from_path(str(spec))
    except Exception as error:
        raise InputError(f"cannot load {spec}: {_first_line(error)}") from None
    schema.config.update(base_url=url.rstrip("/"))
    return schema


_OTHER_METHODS = ("PATCH", "PUT", "DELETE", "POST", "GET")  # sent bodiless; a 2xx to any is a failure


def run_openapi(ctx: RunContext) -> None:
    options = ctx.options
    facts = read_spec(options.spec)
    ctx.warnings.extend(facts.warnings())
    schema = load_schema(options.spec, options.url)
    operations = []
    for result in schema.get_all_operations():
        if _is_ok(result):
            operations.append(result.ok())
        else:  # schemathesis cannot read this operation at all
            ctx.warnings.append(f"cannot fuzz an operation (skipped): {_first_line(result.err())}")
    selected = select(options, operations, lambda op: str(op.label))
    ctx.tested.extend(op.label for op in selected)
    documented: dict[str, set[str]] = {}
    for op in operations:
        documented.setdefault(op.path, set()).add(op.method.upper())
    session = CaseSession(ctx.collector.redactor)
    paths_tried: set[str] = set()
    skipped: dict[str, str] = {}  # operation -> why the spec stopped its generation
    runs = []
    links = find_links(schema.raw_schema, infer=options.infer_links)
    by_label = {str(op.label): op for op in operations}
    chosen = {str(op.label) for op in selected}
    # a link belongs to the shard of the operation it leads to; every request it sends must be
    # one the --operation patterns allow
    known_links = [link for link in links if link.source in by_label and link.target in by_label]
    sequence_plans = [
        plan for plan in plans(known_links)
        if plan.labels[-1] in chosen and all(options.selects(name) for name in plan.labels)
    ]
    judge = RecordingJudge(ctx.collector, Successes({plan.labels[0] for plan in sequence_plans}))
    # progress: the deterministic pass over all, then the random one, then the sequences
    total = 2 * len(selected) + len(sequence_plans)
    for index, operation in enumerate(selected):
        ctx.progress.step(index + 1, total, operation.label)
        is_secured = (operation.method.upper(), operation.path) in facts.secured
        cases = boundary_cases(operation, options.header_dict)
        run = OperationRun(ctx, operation, session, judge, cases, secured=is_secured)
        runs.append(run)
        if "boundary" not in options.phases:
            continue
        _guarded(run.deterministic, run, facts, skipped)
        if operation.path not in paths_tried and run.baseline is not None:
            paths_tried.add(operation.path)
            others = [m for m in _OTHER_METHODS if m not in documented[operation.path]]
            _guarded(partial(run.try_other_methods, others), run, facts, skipped)
    for index, run in enumerate(runs):
        if run.label not in skipped and "random" in options.phases:
            ctx.progress.step(len(runs) + index + 1, total, run.label)
            _guarded(run.random, run, facts, skipped)
    if selected and len(skipped) == len(selected):
        raise InputError(next(iter(skipped.values())))  # nothing could be tested: exit 2, one line
    runs_by_label = {run.label: run for run in runs}

    def run_for(name: str) -> OperationRun | None:
        """The operation's run (one made on first need for an operation of another shard), with
        its baseline: the first valid boundary case, sent or not."""
        if name in skipped:
            return None
        if name not in runs_by_label:
            runs_by_label[name] = OperationRun(ctx, by_label[name], session, judge, [], secured=False)
        run = runs_by_label[name]
        if run.baseline is None and not ("boundary" in options.phases and name in chosen):
            valid = [case for case in boundary_cases(run.operation, options.header_dict) if not case.negative][:1]
            run.baseline = valid[0].case if valid else None
        return run

    phase = StatefulPhase(run_for, judge, ctx.collector, options.seed, options.max_examples,
                          cleanups([link for link in known_links if options.selects(link.target)]))
    for index, plan in enumerate(sequence_plans if "stateful" in options.phases else ()):
        ctx.progress.step(2 * len(selected) + index + 1, total, plan.labels[-1])
        _guarded_plan(phase, plan, facts, skipped)
    ctx.warnings.extend(f"{line} (skipped)" for line in skipped.values())


def _guarded(phase: Callable[[], None], run: OperationRun, facts: SpecFacts, skipped: dict[str, str]) -> None:
    """Run one phase; a spec problem that stops generation skips the operation, saying where."""
    from schemathesis.core.errors import SchemathesisError

    try:
        phase()
    except SchemathesisError as error:
        operation = run.operation
        where = facts.locate(operation.method, operation.path)
        skipped[run.label] = f"cannot fuzz {run.label}: {_first_line(error)}" + (f"; {where}" if where else "")


def _guarded_plan(phase: StatefulPhase, plan: Plan, facts: SpecFacts, skipped: dict[str, str]) -> None:
    """One plan's sequences; a spec problem that stops generation skips the plan, saying where."""
    from schemathesis.core.errors import SchemathesisError

    try:
        phase.run(plan)
    except SchemathesisError as error:
        where = next((facts.locate(*name.split(" ", 1)) for name in plan.labels), "")
        sequence = " -> ".join(plan.labels)
        skipped[f"sequence {sequence}"] = (f"cannot fuzz the sequence {sequence}: {_first_line(error)}"
                                           + (f"; {where}" if where else ""))


def _first_line(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def _is_ok(result: Any) -> bool:
    try:
        result.ok()
    except Exception:
        return False
    return True
