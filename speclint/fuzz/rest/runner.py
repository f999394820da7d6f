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
from speclint.fuzz.select import select


def secured_operations(spec: Path) -> set[tuple[str, str]]:
    """``(METHOD, path)`` of every operation the speclint model says needs credentials."""
    from speclint.loaders.base import LoadOptions
    from speclint.loaders.openapi import OpenApiLoader

    result = OpenApiLoader().load_file(spec, LoadOptions(roots=(spec.resolve().parent,)))
    if result.api is None:
        problem = result.findings[0].message if result.findings else "not an OpenAPI document"
        raise InputError(f"cannot load {spec}: {problem}")
    return {
        (op.method or "", op.path or "")
        for op in result.api.operations
        if op.security.requirements and not op.security.is_public
    }


def load_schema(spec: Path, url: str) -> Any:
    import schemathesis

    try:
        schema = schemathesis.openapi.from_path(str(spec))
    except Exception as error:
        raise InputError(f"cannot load {spec}: {str(error).splitlines()[0] if str(error) else error!r}") from None
    schema.config.update(base_url=url.rstrip("/"))
    return schema


_OTHER_METHODS = ("PATCH", "PUT", "DELETE", "POST", "GET")  # least harmful first


def run_openapi(ctx: RunContext) -> None:
    options = ctx.options
    secured = secured_operations(options.spec)
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
        is_secured = (operation.method.upper(), operation.path) in secured
        cases = boundary_cases(operation, options.header_dict)
        run = OperationRun(ctx, operation, session, judge, cases, secured=is_secured)
        run.run()
        if operation.path not in paths_tried:
            other = next((m for m in _OTHER_METHODS if m not in documented[operation.path]), None)
            if other is not None and run.baseline is not None:
                paths_tried.add(operation.path)
                run.try_other_method(other)


def _is_ok(result: Any) -> bool:
    try:
        result.ok()
    except Exception:
        return False
    return True
