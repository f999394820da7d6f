"""Fuzz every selected GraphQL root field: boundary queries, then schemathesis' random queries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from speclint.errors import InputError
from speclint.fuzz.context import RunContext
from speclint.fuzz.graphql.cases import boundary_cases
from speclint.fuzz.http_checks import ResponseJudge, graphql_checks
from speclint.fuzz.http_run import OperationRun
from speclint.fuzz.http_session import CaseSession
from speclint.fuzz.select import select


def _load(spec: Path, url: str) -> tuple[Any, Any]:
    import graphql
    import schemathesis

    try:
        sdl = spec.read_text(encoding="utf-8")
        schema = schemathesis.graphql.from_file(sdl)
        client_schema = graphql.build_schema(sdl)
    except Exception as error:
        first = str(error).splitlines()[0] if str(error) else repr(error)
        locations = getattr(error, "locations", None) or getattr(getattr(error, "__cause__", None), "locations", None)
        where = f"{spec}:{locations[0].line}:{locations[0].column}: " if locations else f"{spec}: "
        raise InputError(f"cannot load {where}{first}") from None
    schema.config.update(base_url=url)
    return schema, client_schema


def run_graphql(ctx: RunContext) -> None:
    schema, client_schema = _load(ctx.options.spec, ctx.options.url)
    operations = []
    for result in schema.get_all_operations():
        try:
            operations.append(result.ok())
        except Exception:
            continue
    selected = select(ctx.options, operations, lambda op: str(op.label))
    ctx.tested.extend(op.label for op in selected)
    session = CaseSession(ctx.collector.redactor)
    judge = ResponseJudge(ctx.collector, graphql_checks())
    secured = bool(selected) and bool(ctx.options.headers) and _refuses_anonymous(ctx, session)
    runs = []
    for index, operation in enumerate(selected):  # every field's deterministic cases first
        ctx.progress.step(index + 1, 2 * len(selected), operation.label)
        cases = boundary_cases(operation, client_schema)
        runs.append(OperationRun(ctx, operation, session, judge, cases, secured=secured, graphql=True))
        if "boundary" in ctx.options.phases:
            runs[-1].deterministic()
    for index, run in enumerate(runs):
        ctx.progress.step(len(runs) + index + 1, 2 * len(runs), run.label)
        if "random" in ctx.options.phases:
            run.random()


def _refuses_anonymous(ctx: RunContext, session: CaseSession) -> bool:
    """Whether the endpoint refuses ``{ __typename }`` sent with no credentials at all: then
    every field is meant to be protected, and the auth probes run on each of them."""
    import requests

    ctx.collector.count_request()
    session.start_case(ctx.options.timeout)
    try:
        response = session.session.post(ctx.options.url, json={"query": "{ __typename }"},
                                        timeout=ctx.options.timeout)
    except requests.RequestException:
        return False
    finally:
        session.finish_case()
    if response.status_code in (401, 403) or session.went_to_login():
        return True
    try:
        body = response.json()
    except ValueError:
        return response.status_code >= 400
    return not (isinstance(body, dict) and body.get("data"))
