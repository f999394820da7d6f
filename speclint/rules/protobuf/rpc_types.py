"""Protobuf request and response messages that belong to one RPC each."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, Operation, SpecFormat
from speclint.rules.registry import Problem, RuleContext, rule

_EMPTY = "google.protobuf.Empty"


@rule(
    "protobuf-rpc-types-unique",
    category=Category.DESIGN,
    severity=Severity.WARNING,
    formats=[SpecFormat.PROTOBUF],
    options={"allow_empty_requests": True, "allow_empty_responses": True, "allow_same_request_response": False},
)
def rpc_types_unique(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Each request and response message serves one RPC.

    ## What it does
    Reports the request or response type of an RPC when another RPC (or the same RPC, as
    both request and response) also uses it, at the RPC.
    `google.protobuf.Empty` may be shared unless `allow_empty_requests` /
    `allow_empty_responses` are false (as in buf's default); an RPC may take and return the
    same message with `allow_same_request_response`.

    ## Why is this bad?
    A message shared by two RPCs cannot grow a field for one of them without the other
    seeing it; every API that evolves ends up splitting it, which breaks clients.

    ## Example
    ```proto
    service BookService {
      rpc GetBook(BookRef) returns (Book);
      rpc DeleteBook(BookRef) returns (Book);
    }
    ```

    ## Use instead
    ```proto
    service BookService {
      rpc GetBook(GetBookRequest) returns (GetBookResponse);
      rpc DeleteBook(DeleteBookRequest) returns (DeleteBookResponse);
    }
    ```

    ## Options
    - `allow_empty_requests`: `true` (default) lets RPCs share `google.protobuf.Empty` requests.
    - `allow_empty_responses`: `true` (default) lets RPCs share `google.protobuf.Empty` responses.
    - `allow_same_request_response`: `false` (default).
    """
    allow_same = bool(ctx.option("allow_same_request_response"))
    allowed_empty = {
        "input_type": bool(ctx.option("allow_empty_requests")),
        "output_type": bool(ctx.option("allow_empty_responses")),
    }
    uses: Counter[str] = Counter()
    for operation in api.operations:
        request, response = _types(operation)
        if request == response and allow_same:
            uses[request] += 1
        else:
            uses[request] += 1
            uses[response] += 1
    for operation in api.operations:
        for role, name in zip(("input_type", "output_type"), _types(operation)):
            if not name or uses[name] < 2 or (name == _EMPTY and allowed_empty[role]):
                continue
            kind = "request" if role == "input_type" else "response"
            message = f"{kind} type '{name}' of {operation.name} is used by more than one RPC"
            yield Problem(operation.location, message)


def _types(operation: Operation) -> tuple[str, str]:
    extensions = operation.extensions
    return str(extensions.get("input_type") or ""), str(extensions.get("output_type") or "")
