"""Judge one HTTP response: schemathesis' checks, mapped to the contract's check ids."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any, Callable

from speclint.fuzz import results as ids
from speclint.fuzz.collect import Collector
from speclint.fuzz.curl import curl_command

CheckTable = list[tuple[Callable[..., Any], str]]


def rest_checks() -> CheckTable:
    """Every response check of an OpenAPI operation."""
    from schemathesis import checks

    return [
        (checks.not_a_server_error, ids.SERVER_ERROR),
        (checks.status_code_conformance, ids.UNDOCUMENTED_STATUS),
        (checks.content_type_conformance, ids.CONTENT_TYPE),
        (checks.response_headers_conformance, ids.RESPONSE_HEADERS),
        (checks.response_schema_conformance, ids.RESPONSE_SCHEMA),
    ]


def graphql_checks() -> CheckTable:
    """GraphQL answers 200 with ``errors``: resolver errors are server errors."""
    from schemathesis import checks

    return [
        (checks.not_a_server_error, ids.SERVER_ERROR),
        (checks.response_schema_conformance, ids.RESPONSE_SCHEMA),
    ]


def reason(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


# valid data may still meet these (no such resource, a conflict, no credentials, rate limits)
_ACCEPTABLE_REFUSALS = frozenset({401, 403, 404, 409, 429})


def _refuses(status: int) -> bool:
    """A 4xx that says the request itself is wrong (not "no such item", not "who are you")."""
    return 400 <= status < 500 and status not in _ACCEPTABLE_REFUSALS


def _query_takes_any_pairs(case: Any) -> bool:
    """Every query parameter is an exploded free-form map of strings, so any ``name=value`` pairs
    are valid: a negated query (numbers, nulls, odd names) is valid once it is on the wire."""
    from speclint.fuzz.boundary import is_free_form_map
    from speclint.fuzz.rest.cases import declared_schema, exploded_form

    parameters = list(getattr(case.operation, "query", None) or ())
    for parameter in parameters:
        schema = declared_schema(case.operation, parameter)
        if not exploded_form(parameter) or not isinstance(schema, dict) or not is_free_form_map(schema):
            return False
    return bool(parameters)


def _negated_only_where_anything_goes(case: Any) -> bool:
    """A random negative case whose only negated part is a query that takes any pairs."""
    meta = getattr(case, "meta", None)
    components = getattr(meta, "components", None) or {}
    negated = {str(getattr(location, "value", location)) for location, component in components.items()
               if component.mode.is_negative}
    return negated == {"query"} and _query_takes_any_pairs(case)


def request_curl(request: Any, collector: Collector) -> str:
    """``curl`` for a sent request (a ``requests.PreparedRequest``)."""
    return curl_command(
        str(request.method), str(request.url), list(request.headers.items()), request.body, collector.redactor
    )


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def _message(check: str, failure: Any, status: int) -> str:
    detail = _first_line(str(getattr(failure, "message", "") or ""))
    errors = getattr(failure, "errors", None)
    if check == ids.SERVER_ERROR and errors:
        return "GraphQL error: " + "; ".join(sorted({str(e.get("message", "")) for e in errors}))
    if check == ids.SERVER_ERROR:
        return reason(status)
    if check == ids.UNDOCUMENTED_STATUS:
        documented = ", ".join(getattr(failure, "defined_status_codes", []) or [])
        return f"status {status} is not documented (documented: {documented})"
    if check == ids.RESPONSE_HEADERS and getattr(failure, "missing_headers", None):
        return "missing required response headers: " + ", ".join(failure.missing_headers)
    if check == ids.POSITIVE_DATA_REJECTED:
        return f"valid data rejected with {reason(status)}" + (f": {detail}" if detail else "")
    if check == ids.NEGATIVE_DATA_ACCEPTED:
        return f"invalid data accepted with {reason(status)}" + (f": {detail}" if detail else "")
    title = str(getattr(failure, "title", "") or check)
    return f"{title}: {detail}" if detail else title


class ResponseJudge:
    """Runs the response checks on one case and response and records what fails."""

    def __init__(self, collector: Collector, table: CheckTable | None = None) -> None:
        from schemathesis import checks

        self.collector = collector
        self.table = rest_checks() if table is None else table
        self.negative_check = checks.negative_data_rejection
        self.positive_check = checks.positive_data_acceptance
        self.judges_data = table is None  # REST: valid data must be accepted, invalid refused

    def judge(
        self, operation: str, case: Any, response: Any, request: Any, *, negative: bool | None, boundary: bool,
        firm: bool = True,
    ) -> None:
        """``negative``: True for data the schema rejects, False for valid data, None to let
        schemathesis decide from the case's own metadata (randomly generated cases).
        ``request``: the request the case sent first (before redirects), for the reproduction.
        ``firm``: False for valid data at an edge the spec never declared (refusing it is fine)."""
        from schemathesis.core.failures import FailureGroup

        status = int(response.status_code)
        table = list(self.table)
        made: list[str] = []

        def curl() -> str:  # built only for a failure: most responses pass
            if not made:
                last = getattr(response, "request", None)  # judged after redirects: curl follows them too
                followed = " -L" if request is not None and last is not None and request.url != last.url else ""
                made.append(request_curl(request or response.request, self.collector) + followed)
            return made[0]

        if negative is None and self.judges_data:
            if not _negated_only_where_anything_goes(case):
                table.append((self.negative_check, ids.NEGATIVE_DATA_ACCEPTED))
            table.append((self.positive_check, ids.POSITIVE_DATA_REJECTED))
        elif negative and 200 <= status < 300:
            message = f"invalid data accepted with {reason(status)}"
            self.collector.add(operation, ids.NEGATIVE_DATA_ACCEPTED, message, status, curl(), boundary=boundary)
        elif negative is False and firm and self.judges_data and _refuses(status):
            message = f"valid data rejected with {reason(status)}"
            self.collector.add(operation, ids.POSITIVE_DATA_REJECTED, message, status, curl(), boundary=boundary)
        if status >= 500:  # the server error says it already
            table = [(check, check_id) for check, check_id in table if check_id != ids.UNDOCUMENTED_STATUS]
        try:  # one pass over every check: most responses pass them all
            case.validate_response(response, checks=[check for check, _ in table])
        except FailureGroup:
            pass
        else:
            return
        for check, check_id in table:  # which checks failed, each with its own message
            try:
                case.validate_response(response, checks=[check])
            except FailureGroup as group:
                failure = group.exceptions[0]
                self.collector.add(
                    operation, check_id, _message(check_id, failure, status), status, curl(), boundary=boundary
                )
