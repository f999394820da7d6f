"""Fuzz every selected OpenAPI operation: boundary cases, auth probes, then random cases."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, Callable

from speclint.errors import InputError
from speclint.fuzz.context import RunContext
from speclint.fuzz.http_checks import ResponseJudge
from speclint.fuzz.http_run import OperationRun
from speclint.fuzz.http_session import CaseSession
from speclint.fuzz.rest.cases import boundary_cases
from speclint.fuzz.rest.spec import SpecFacts, read_spec
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
    judge = ResponseJudge(ctx.collector)
    paths_tried: set[str] = set()
    skipped: dict[str, str] = {}  # operation -> why the spec stopped its generation
    runs = []
    total = 2 * len(selected)  # progress: the deterministic pass over all, then the random one
    for index, operation in enumerate(selected):
        ctx.progress.step(index + 1, total, operation.label)
        is_secured = (operation.method.upper(), operation.path) in facts.secured
        cases = boundary_cases(operation, options.header_dict)
        run = OperationRun(ctx, operation, session, judge, cases, secured=is_secured)
        runs.append(run)
        _guarded(run.deterministic, run, facts, skipped)
        if operation.path not in paths_tried and run.baseline is not None:
            paths_tried.add(operation.path)
            others = [m for m in _OTHER_METHODS if m not in documented[operation.path]]
            _guarded(partial(run.try_other_methods, others), run, facts, skipped)
    for index, run in enumerate(runs):
        if run.label not in skipped:
            ctx.progress.step(len(runs) + index + 1, total, run.label)
            _guarded(run.random, run, facts, skipped)
    if selected and len(skipped) == len(selected):
        raise InputError(next(iter(skipped.values())))  # nothing could be tested: exit 2, one line
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


def _first_line(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def _is_ok(result: Any) -> bool:
    try:
        result.ok()
    except Exception:
        return False
    return True
