"""Fuzz every selected OpenAPI operation: boundary cases, auth probes, then random cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from speclint.errors import InputError
from speclint.fuzz.context import RunContext
from speclint.fuzz.http_checks import ResponseJudge
from speclint.fuzz.http_run import OperationRun
from speclint.fuzz.http_session import CaseSession
from speclint.fuzz.rest.cases import boundary_cases
from speclint.fuzz.rest.spec import read_spec
from speclint.fuzz.select import select


def load_schema(spec: Path, url: str) -> Any:
    import schemathesis

    try:
        schema = schemathesis.openapi.from_path(str(spec))
    except Exception as error:
        raise InputError(f"cannot load {spec}: {_first_line(error)}") from None
    schema.config.update(base_url=url.rstrip("/"))
    return schema


_OTHER_METHODS = ("PATCH", "PUT", "DELETE", "POST", "GET")  # least harmful first


def run_openapi(ctx: RunContext) -> None:
    from schemathesis.core.errors import SchemathesisError

    options = ctx.options
    facts = read_spec(options.spec)
    ctx.warnings.extend(facts.warnings())
    schema = load_schema(options.spec, options.url)
    operations = [r.ok() for r in schema.get_all_operations() if _is_ok(r)]
    selected = select(options, operations, lambda op: str(op.label))
    ctx.tested.extend(op.label for op in selected)
    documented: dict[str, set[str]] = {}
    for op in operations:
        documented.setdefault(op.path, set()).add(op.method.upper())
    session = CaseSession(ctx.collector.redactor)
    judge = ResponseJudge(ctx.collector)
    paths_tried: set[str] = set()
    for index, operation in enumerate(selected):
        ctx.progress.step(index + 1, len(selected), operation.label)
        is_secured = (operation.method.upper(), operation.path) in facts.secured
        cases = boundary_cases(operation, options.header_dict)
        run = OperationRun(ctx, operation, session, judge, cases, secured=is_secured)
        try:
            run.run()
        except SchemathesisError as error:  # the spec stops generation: say where, in one line
            where = facts.locate(operation.method, operation.path) or _first_line(error)
            raise InputError(f"cannot fuzz {operation.label}: {where}") from None
        if operation.path not in paths_tried:
            other = next((m for m in _OTHER_METHODS if m not in documented[operation.path]), None)
            if other is not None and run.baseline is not None:
                paths_tried.add(operation.path)
                run.try_other_method(other)


def _first_line(error: Exception) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def _is_ok(result: Any) -> bool:
    try:
        result.ok()
    except Exception:
        return False
    return True
