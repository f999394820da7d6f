"""What a client sends: parameters and request bodies."""

from __future__ import annotations

from speclint.diff.change import Level
from speclint.diff.context import DiffContext
from speclint.diff.registry import change_rule, comparator
from speclint.diff.rules.openapi_media import compare_media_types, compare_schemas
from speclint.diff.rules.openapi_pairs import matched_operations
from speclint.diff.rules.openapi_schemas import REQUEST, SchemaComparer
from speclint.model import Operation, Parameter, SpecFormat

_OPENAPI = [SpecFormat.OPENAPI]
PARAMETER_ADDED_REQUIRED = change_rule(
    "request-parameter-added-required", Level.BREAKING, "An operation has a new required parameter.", _OPENAPI
)
PARAMETER_ADDED = change_rule(
    "request-parameter-added", Level.NON_BREAKING, "An operation has a new optional parameter.", _OPENAPI
)
PARAMETER_REMOVED = change_rule(
    "request-parameter-removed",
    Level.NON_BREAKING,
    "A parameter was removed; what clients still send is ignored.",
    _OPENAPI,
)
PARAMETER_REQUIRED = change_rule(
    "request-parameter-became-required", Level.BREAKING, "An optional parameter is now required.", _OPENAPI
)
PARAMETER_OPTIONAL = change_rule(
    "request-parameter-became-optional", Level.NON_BREAKING, "A required parameter is now optional.", _OPENAPI
)
BODY_ADDED_REQUIRED = change_rule(
    "request-body-added-required", Level.BREAKING, "An operation now requires a request body.", _OPENAPI
)
BODY_ADDED = change_rule(
    "request-body-added", Level.NON_BREAKING, "An operation accepts a new, optional request body.", _OPENAPI
)
BODY_REMOVED = change_rule(
    "request-body-removed", Level.POTENTIALLY_BREAKING, "An operation no longer takes a request body.", _OPENAPI
)
BODY_REQUIRED = change_rule(
    "request-body-became-required", Level.BREAKING, "An optional request body is now required.", _OPENAPI
)
BODY_OPTIONAL = change_rule(
    "request-body-became-optional", Level.NON_BREAKING, "A required request body is now optional.", _OPENAPI
)
REQUEST_MEDIA_TYPE_REMOVED = change_rule(
    "request-media-type-removed", Level.BREAKING, "A request body no longer accepts a media type.", _OPENAPI
)
REQUEST_MEDIA_TYPE_ADDED = change_rule(
    "request-media-type-added", Level.NON_BREAKING, "A request body accepts a new media type.", _OPENAPI
)


@comparator(SpecFormat.OPENAPI)
def compare_requests(ctx: DiffContext) -> None:
    schemas = SchemaComparer.of(ctx)
    for old, new in matched_operations(ctx):
        _parameters(ctx, schemas, old, new)
        _body(ctx, schemas, old, new)


def _key(operation: Operation, parameter: Parameter) -> tuple[str, str]:
    if parameter.place == "path" and operation.path:
        names = [part[1:-1] for part in operation.path.split("/") if part.startswith("{") and part.endswith("}")]
        if parameter.name in names:
            return ("path", str(names.index(parameter.name)))
    name = parameter.name.lower() if parameter.place == "header" else parameter.name
    return (parameter.place, name)


def _parameters(ctx: DiffContext, schemas: SchemaComparer, old: Operation, new: Operation) -> None:
    old_params = {_key(old, p): p for p in old.parameters}
    new_params = {_key(new, p): p for p in new.parameters}
    op = new.display_name
    for key, param in new_params.items():
        before = old_params.get(key)
        what = f"{param.place} parameter '{param.name}' of {op}"
        if before is None:
            rule = PARAMETER_ADDED_REQUIRED if param.required else PARAMETER_ADDED
            ctx.report(rule, f"{_state(param.required)} {what} was added", None, param.location)
            continue
        if before.required != param.required:
            rule = PARAMETER_REQUIRED if param.required else PARAMETER_OPTIONAL
            ctx.report(rule, f"{what} became {_state(param.required)}", before.location, param.location)
        compare_schemas(ctx, schemas, before.schema, param.schema, REQUEST, what)
    for key, param in old_params.items():
        if key not in new_params:
            what = f"{param.place} parameter '{param.name}' of {op}"
            ctx.report(PARAMETER_REMOVED, f"{what} was removed", param.location, None, new.location)


def _body(ctx: DiffContext, schemas: SchemaComparer, old: Operation, new: Operation) -> None:
    before, after = old.request_body, new.request_body
    op = new.display_name
    if before is None and after is None:
        return
    if before is None:
        assert after is not None
        rule = BODY_ADDED_REQUIRED if after.required else BODY_ADDED
        ctx.report(rule, f"{op} takes a new {_state(after.required)} request body", None, after.location)
        return
    if after is None:
        ctx.report(BODY_REMOVED, f"{op} no longer takes a request body", before.location, None, new.location)
        return
    label = f"request body of {op}"
    if before.required != after.required:
        rule = BODY_REQUIRED if after.required else BODY_OPTIONAL
        ctx.report(rule, f"{label} became {_state(after.required)}", before.location, after.location)
    compare_media_types(
        ctx,
        schemas,
        before.media_types,
        after.media_types,
        direction=REQUEST,
        labels=(label, label),
        removed=(REQUEST_MEDIA_TYPE_REMOVED, "no longer accepts"),
        added=(REQUEST_MEDIA_TYPE_ADDED, "accepts"),
        anchor=after.location,
    )


def _state(required: bool) -> str:
    return "required" if required else "optional"
