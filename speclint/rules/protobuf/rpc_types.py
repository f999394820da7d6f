"""Protobuf request and response messages that belong to one RPC each."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Iterator

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
    both request and response) also uses it, at the RPC. RPCs of every package linted in
    the same run count, as in buf: a message of one package that another package's RPC
    takes is shared too.
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
    uses = _uses(api, allow_same)
    for operation in api.operations:
        for role, name in zip(("input_type", "output_type"), _types(operation)):
            if not name or uses[name] < 2 or (name == _EMPTY and allowed_empty[role]):
                continue
            kind = "request" if role == "input_type" else "response"
            message = f"{kind} type '{name}' of {operation.name} is used by more than one RPC"
            yield Problem(operation.location, message)


def _uses(api: Api, allow_same: bool) -> Counter[str]:
    """How many RPCs use each message: those of every package linted in the same run (a message
    shared with another package's RPC is shared too), or of this package alone."""
    document = api.document
    known = getattr(document, "known", None) or {}
    linted: frozenset[str] = getattr(document, "linted", frozenset())
    if not linted:
        return _count((_types(o) for o in api.operations), allow_same)
    global _LAST
    key = (id(known), linted, allow_same)
    if _LAST is None or _LAST[0] != key:
        pairs = (
            (method.input_type.lstrip("."), method.output_type.lstrip("."))
            for name in linted
            if name in known
            for service in known[name].service
            for method in service.method
        )
        _LAST = (key, known, _count(pairs, allow_same))  # known is kept so that its id stays its own
    return _LAST[2]


_LAST: tuple[tuple[int, frozenset[str], bool], object, Counter[str]] | None = None


def _count(pairs: Iterable[tuple[str, str]], allow_same: bool) -> Counter[str]:
    uses: Counter[str] = Counter()
    for request, response in pairs:
        uses[request] += 1
        if request != response or not allow_same:
            uses[response] += 1
    return uses


def _types(operation: Operation) -> tuple[str, str]:
    extensions = operation.extensions
    return str(extensions.get("input_type") or ""), str(extensions.get("output_type") or "")
