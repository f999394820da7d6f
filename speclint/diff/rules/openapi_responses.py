"""What a client receives: response statuses, media types, headers and bodies."""

from __future__ import annotations

from speclint.diff.change import Level
from speclint.diff.context import DiffContext
from speclint.diff.registry import change_rule, comparator
from speclint.diff.rules.openapi_media import compare_media_types
from speclint.diff.rules.openapi_pairs import matched_operations
from speclint.diff.rules.openapi_schemas import RESPONSE, SchemaComparer
from speclint.model import Operation, Response, SpecFormat

_OPENAPI = [SpecFormat.OPENAPI]
SUCCESS_STATUS_REMOVED = change_rule(
    "response-success-status-removed",
    Level.BREAKING,
    "A success (2xx/3xx) response an operation returned was removed.",
    _OPENAPI,
)
STATUS_REMOVED = change_rule(
    "response-status-removed", Level.NON_BREAKING, "An error response was removed from the spec.", _OPENAPI
)
STATUS_ADDED = change_rule(
    "response-status-added",
    Level.NON_BREAKING,
    "An operation documents a new response status.",
    _OPENAPI,
)
RESPONSE_MEDIA_TYPE_REMOVED = change_rule(
    "response-media-type-removed", Level.BREAKING, "A response no longer comes in a media type.", _OPENAPI
)
RESPONSE_MEDIA_TYPE_ADDED = change_rule(
    "response-media-type-added", Level.NON_BREAKING, "A response also comes in a new media type.", _OPENAPI
)
RESPONSE_HEADER_REMOVED = change_rule(
    "response-header-removed",
    Level.POTENTIALLY_BREAKING,
    "A response header is no longer documented (breaking for clients that read it).",
    _OPENAPI,
)


@comparator(SpecFormat.OPENAPI)
def compare_responses(ctx: DiffContext) -> None:
    schemas = SchemaComparer.of(ctx)
    for old, new in matched_operations(ctx):
        _responses(ctx, schemas, old, new)


def _responses(ctx: DiffContext, schemas: SchemaComparer, old: Operation, new: Operation) -> None:
    old_responses = {r.status.upper(): r for r in old.responses}
    new_responses = {r.status.upper(): r for r in new.responses}
    op = new.display_name
    for status, response in old_responses.items():
        other = new_responses.get(status)
        if other is None:
            success = status[:1] in ("2", "3")
            rule = SUCCESS_STATUS_REMOVED if success else STATUS_REMOVED
            ctx.report(rule, f"response {status} of {op} was removed", response.location, None, new.location)
            continue
        _response(ctx, schemas, op, response, other)
    for status, response in new_responses.items():
        if status not in old_responses:
            ctx.report(STATUS_ADDED, f"{op} documents a new response {status}", None, response.location)


def _response(ctx: DiffContext, schemas: SchemaComparer, op: str, old: Response, new: Response) -> None:
    compare_media_types(
        ctx,
        schemas,
        old.media_types,
        new.media_types,
        direction=RESPONSE,
        labels=(f"response {old.status} of {op}", f"response {new.status} of {op}"),
        removed=(RESPONSE_MEDIA_TYPE_REMOVED, "no longer comes as"),
        added=(RESPONSE_MEDIA_TYPE_ADDED, "also comes as"),
        anchor=new.location,
    )
    new_headers = {h.name.lower(): h for h in new.headers}
    for header in old.headers:
        if header.name.lower() not in new_headers:
            text = f"header '{header.name}' of response {old.status} of {op} was removed"
            ctx.report(RESPONSE_HEADER_REMOVED, text, header.location, None, new.location)
