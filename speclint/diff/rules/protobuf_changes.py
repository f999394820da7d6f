"""Protocol Buffers changes, after buf's FILE and WIRE_JSON categories.

Fields are matched by number, as the wire does: a number whose name or type changed means old
and new clients read each other's data wrongly. A field deleted without reserving its number
and name lets a later field take them. Enum values are matched by name, RPCs by service and
name. Types are compared by their name inside the package, so a renamed package is one change.
"""

from __future__ import annotations

from typing import Any

from speclint.diff.change import Level
from speclint.diff.context import DiffContext
from speclint.diff.registry import change_rule, comparator
from speclint.diff.rules.graphql_types import (
    DEPRECATED_ENUM_VALUE_REMOVED,
    ENUM_VALUE_ADDED,
    ENUM_VALUE_REMOVED,
    FIELD_ADDED,
    TYPE_ADDED,
    TYPE_KIND_CHANGED,
    TYPE_REMOVED,
)
from speclint.diff.rules.openapi_operations import DEPRECATED_OPERATION_REMOVED, OPERATION_ADDED, OPERATION_REMOVED
from speclint.model import Api, Field, Location, Operation, SpecFormat, TypeDef, VersionPlace

_PROTO = [SpecFormat.PROTOBUF]
B, P, N = Level.BREAKING, Level.POTENTIALLY_BREAKING, Level.NON_BREAKING
PACKAGE_CHANGED = change_rule("proto-package-changed", B, "The package was renamed.", _PROTO)
SERVICE_RENAMED = change_rule("proto-service-renamed", B, "A service was renamed.", _PROTO)
SERVICE_REMOVED = change_rule("proto-service-removed", B, "A service was removed, with its RPCs.", _PROTO)
FIELD_DELETED_UNRESERVED = change_rule(
    "proto-field-deleted-unreserved",
    B,
    "A field was deleted without reserving its number and name: a later field may reuse them.",
    _PROTO,
)
FIELD_DELETED_RESERVED = change_rule(
    "proto-field-deleted-reserved",
    P,
    "A field was deleted and reserved: safe on the wire, but generated code loses the field.",
    _PROTO,
)
FIELD_NUMBER_REUSED = change_rule(
    "proto-field-number-reused", B, "A field number now means another field (other name and type).", _PROTO
)
RESERVED_NUMBER_REUSED = change_rule(
    "proto-reserved-number-reused", B, "A new field uses a number the old version reserved.", _PROTO
)
RESERVATION_REMOVED = change_rule(
    "proto-reservation-removed", B, "A reserved number or name is no longer reserved.", _PROTO
)
FIELD_RENAMED = change_rule(
    "proto-field-renamed", B, "A field kept its number but changed its name (breaks JSON and text formats).", _PROTO
)
FIELD_TYPE_CHANGED = change_rule("proto-field-type-changed", B, "A field kept its number but changed type.", _PROTO)
FIELD_LABEL_CHANGED = change_rule(
    "proto-field-label-changed", B, "A field changed cardinality (repeated, optional, required) or oneof.", _PROTO
)
JSON_NAME_CHANGED = change_rule("proto-json-name-changed", B, "A field's JSON name changed.", _PROTO)
ENUM_VALUE_RENUMBERED = change_rule("proto-enum-value-renumbered", B, "An enum value changed its number.", _PROTO)
RPC_REQUEST_CHANGED = change_rule("proto-rpc-request-changed", B, "An RPC takes another request message.", _PROTO)
RPC_RESPONSE_CHANGED = change_rule(
    "proto-rpc-response-changed", B, "An RPC returns another response message.", _PROTO
)
RPC_STREAMING_CHANGED = change_rule(
    "proto-rpc-streaming-changed", B, "An RPC changed client or server streaming.", _PROTO
)


def _package(api: Api) -> str:
    packages = {str(t.extensions.get("package") or "") for t in api.types}
    return packages.pop() if len(packages) == 1 else ""


def _package_location(api: Api) -> Location:
    marks = [m.location for m in api.version_marks if m.place is VersionPlace.PACKAGE]
    return marks[0] if marks else api.location


class _Names:
    """Names inside the package: ``acme.v1.User`` -> ``User``, so a renamed package still matches."""

    def __init__(self, package: str) -> None:
        self.prefix = f"{package}." if package else ""

    def local(self, name: str) -> str:
        return name[len(self.prefix) :] if self.prefix and name.startswith(self.prefix) else name


@comparator(SpecFormat.PROTOBUF)
def compare_protobuf(ctx: DiffContext) -> None:
    old_package, new_package = _package(ctx.old), _package(ctx.new)
    old_names, new_names = _Names(old_package), _Names(new_package)
    if old_package != new_package:
        text = f"package '{old_package}' was renamed to '{new_package}'"
        ctx.report(PACKAGE_CHANGED, text, _package_location(ctx.old), _package_location(ctx.new))
    old_types = {old_names.local(t.name): t for t in ctx.old.types}
    new_types = {new_names.local(t.name): t for t in ctx.new.types}
    renamed = _renamed_services(old_types, new_types)
    for name, old in old_types.items():
        new = new_types.get(name)
        if new is None:
            if old.kind == "service":
                _service_gone(ctx, old, renamed.get(name))
            else:
                ctx.report(TYPE_REMOVED, f"{old.kind} '{old.name}' was removed", old.location, None, ctx.new.location)
        elif new.kind != old.kind:
            text = f"'{old.name}' changed from {old.kind} to {new.kind}"
            ctx.report(TYPE_KIND_CHANGED, text, old.name_location or old.location, new.name_location or new.location)
        elif old.kind == "message":
            _fields(ctx, old, new, old_names, new_names)
        elif old.kind == "enum":
            _enum_values(ctx, old, new)
    renamed_to = {new.name for new in renamed.values()}
    for name, new in new_types.items():
        if name not in old_types and new.name not in renamed_to:
            ctx.report(TYPE_ADDED, f"{new.kind} '{new.name}' was added", None, new.location)
    _rpcs(ctx, old_names, new_names, {k: v.name for k, v in renamed.items()})


def _renamed_services(old_types: dict[str, TypeDef], new_types: dict[str, TypeDef]) -> dict[str, TypeDef]:
    """Services gone from the old version whose RPCs all live on in one new service."""
    added = [t for name, t in new_types.items() if t.kind == "service" and name not in old_types]
    renamed: dict[str, TypeDef] = {}
    for name, old in old_types.items():
        if old.kind != "service" or name in new_types:
            continue
        match = [t for t in added if set(old.members) <= set(t.members)]
        if len(match) == 1:
            renamed[name] = match[0]
    return renamed


def _service_gone(ctx: DiffContext, old: TypeDef, new: TypeDef | None) -> None:
    if new is not None:
        text = f"service '{old.name}' was renamed to '{new.name}'"
        ctx.report(SERVICE_RENAMED, text, old.name_location or old.location, new.name_location or new.location)
    else:
        ctx.report(SERVICE_REMOVED, f"service '{old.name}' was removed", old.location, None, ctx.new.location)


def _reserved(typedef: TypeDef) -> tuple[list[tuple[int, int]], set[str]]:
    ranges = [(int(a), int(b)) for a, b in typedef.extensions.get("reserved_ranges") or ()]
    names = {str(n) for n in typedef.extensions.get("reserved_names") or ()}
    return ranges, names


def _in(number: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= number <= end for start, end in ranges)


def _type(field: Field, names: _Names) -> str:
    kind = str(field.extensions.get("type") or "")
    map_ = field.extensions.get("map")
    if isinstance(map_, dict):
        return f"map<{names.local(str(map_.get('key')))}, {names.local(str(map_.get('value')))}>"
    type_name = field.schema.type_name if field.schema and field.schema.type_name else kind
    return names.local(type_name)


def _label(field: Field) -> str:
    label = str(field.extensions.get("label") or "optional")
    if field.extensions.get("proto3_optional"):
        label = "optional (explicit)"
    oneof = field.extensions.get("oneof")
    return f"{label} in oneof {oneof}" if oneof else label


def _fields(ctx: DiffContext, old: TypeDef, new: TypeDef, old_names: _Names, new_names: _Names) -> None:
    new_by_number = {f.number: f for f in new.fields if f.number is not None}
    old_ranges, old_reserved_names = _reserved(old)
    new_ranges, new_reserved_names = _reserved(new)
    for field in old.fields:
        if field.number is None:
            continue
        where = f"'{old_names.local(old.name)}.{field.name}' ({field.number})"
        other = new_by_number.get(field.number)
        if other is None:
            missing = [
                what
                for what, kept in (
                    (f"number {field.number}", _in(field.number, new_ranges)),
                    (f"name '{field.name}'", field.name in new_reserved_names),
                )
                if not kept
            ]
            if missing:
                text = f"field {where} was deleted without reserving its {' and '.join(missing)}"
                ctx.report(FIELD_DELETED_UNRESERVED, text, field.location, None, new.location)
            else:
                text = f"field {where} was deleted (its number and name are reserved)"
                ctx.report(FIELD_DELETED_RESERVED, text, field.location, None, new.location)
            continue
        _field_pair(ctx, where, field, other, old_names, new_names)
    old_numbers = {f.number for f in old.fields}
    for field in new.fields:
        if field.number is None or field.number in old_numbers:
            continue
        where = f"'{new_names.local(new.name)}.{field.name}' ({field.number})"
        if _in(field.number, old_ranges) or field.name in old_reserved_names:
            text = f"field {where} uses a number or name that was reserved"
            ctx.report(RESERVED_NUMBER_REUSED, text, old.location, field.location)
        else:
            ctx.report(FIELD_ADDED, f"field {where} was added", None, field.location)
    _reservations(ctx, old, new, (old_ranges, old_reserved_names), (new_ranges, new_reserved_names))


def _field_pair(ctx: DiffContext, where: str, old: Field, new: Field, old_names: _Names, new_names: _Names) -> None:
    old_type, new_type = _type(old, old_names), _type(new, new_names)
    if old.name != new.name and old_type != new_type:
        text = f"field number {old.number} now means '{new.name}' ({new_type}), not '{old.name}' ({old_type})"
        ctx.report(FIELD_NUMBER_REUSED, text, old.location, new.location)
        return
    if old.name != new.name:
        ctx.report(FIELD_RENAMED, f"field {where} was renamed to '{new.name}'", old.location, new.location)
    elif old.json_name != new.json_name:
        text = f"JSON name of field {where} changed from '{old.json_name}' to '{new.json_name}'"
        ctx.report(JSON_NAME_CHANGED, text, old.location, new.location)
    if old_type != new_type:
        text = f"type of field {where} changed from {old_type} to {new_type}"
        old_at = old.schema.location if old.schema else old.location
        new_at = new.schema.location if new.schema else new.location
        ctx.report(FIELD_TYPE_CHANGED, text, old_at, new_at)
    if _label(old) != _label(new):
        text = f"field {where} changed from {_label(old)} to {_label(new)}"
        ctx.report(FIELD_LABEL_CHANGED, text, old.location, new.location)


def _reservations(
    ctx: DiffContext,
    old: TypeDef,
    new: TypeDef,
    before: tuple[list[tuple[int, int]], set[str]],
    after: tuple[list[tuple[int, int]], set[str]],
) -> None:
    used = {f.number for f in new.fields} | {f.name for f in new.fields}
    lost: list[str] = []
    for start, end in before[0]:
        numbers = [n for n in range(start, min(end, start + 1000) + 1) if not _in(n, after[0]) and n not in used]
        if numbers:
            lost.append(f"{start}" if start == end else f"{start} to {end}")
    lost.extend(f"'{name}'" for name in sorted(before[1] - after[1]) if name not in used)
    if lost:
        text = f"'{old.name}' no longer reserves {', '.join(lost)}"
        ctx.report(RESERVATION_REMOVED, text, old.location, new.location)


def _enum_values(ctx: DiffContext, old: TypeDef, new: TypeDef) -> None:
    new_values = {v.name: v for v in new.enum_values}
    for value in old.enum_values:
        other = new_values.get(value.name)
        if other is None:
            rule = ENUM_VALUE_REMOVED if value.deprecation is None else DEPRECATED_ENUM_VALUE_REMOVED
            text = f"enum value '{old.name}.{value.name}' was removed"
            ctx.report(rule, text, value.location, None, new.location)
        elif other.number != value.number:
            text = f"enum value '{old.name}.{value.name}' changed number from {value.number} to {other.number}"
            ctx.report(ENUM_VALUE_RENUMBERED, text, value.location, other.location)
    old_names = {v.name for v in old.enum_values}
    for value in new.enum_values:
        if value.name not in old_names:
            ctx.report(ENUM_VALUE_ADDED, f"enum value '{new.name}.{value.name}' was added", None, value.location)


def _message_of(operation: Operation, key: str, names: _Names) -> str:
    return names.local(str(operation.extensions.get(key) or ""))


def _rpcs(ctx: DiffContext, old_names: _Names, new_names: _Names, renamed: dict[str, str]) -> None:
    def key(names: _Names, operation: Operation) -> tuple[str, str]:
        return (names.local(operation.parent or ""), operation.name)

    new_rpcs = {key(new_names, op): op for op in ctx.new.operations}
    new_services = {new_names.local(t.name) for t in ctx.new.types if t.kind == "service"}
    gone_services = {new_names.local(s) for s in renamed.values()}
    for operation in ctx.old.operations:
        service, name = key(old_names, operation)
        target = new_names.local(renamed[service]) if service in renamed else service
        other = new_rpcs.get((target, name))
        if other is None:
            if service in renamed or service not in new_services:
                continue  # reported once for the whole service
            rule = OPERATION_REMOVED if operation.deprecation is None else DEPRECATED_OPERATION_REMOVED
            text = f"RPC {operation.display_name} was removed"
            ctx.report(rule, text, operation.location, None, ctx.new.location)
            continue
        _rpc_pair(ctx, operation, other, old_names, new_names)
    old_rpcs = {key(old_names, op) for op in ctx.old.operations}
    for operation in ctx.new.operations:
        service, name = key(new_names, operation)
        if (service, name) not in old_rpcs and service not in gone_services:
            ctx.report(OPERATION_ADDED, f"RPC {operation.display_name} was added", None, operation.location)


def _rpc_pair(ctx: DiffContext, old: Operation, new: Operation, old_names: _Names, new_names: _Names) -> None:
    what = f"RPC {new.display_name}"
    pairs: list[tuple[Any, str, str]] = [
        (RPC_REQUEST_CHANGED, "input_type", "request"),
        (RPC_RESPONSE_CHANGED, "output_type", "response"),
    ]
    for rule, key, side in pairs:
        before, after = _message_of(old, key, old_names), _message_of(new, key, new_names)
        if before != after:
            old_at = old.request_body.location if side == "request" and old.request_body else old.location
            new_at = new.request_body.location if side == "request" and new.request_body else new.location
            if side == "response":
                old_at = old.responses[0].location if old.responses else old.location
                new_at = new.responses[0].location if new.responses else new.location
            ctx.report(rule, f"{what} {side} changed from {before} to {after}", old_at, new_at)
    if (old.client_streaming, old.server_streaming) != (new.client_streaming, new.server_streaming):
        text = f"{what} changed streaming from {_streaming(old)} to {_streaming(new)}"
        ctx.report(RPC_STREAMING_CHANGED, text, old.location, new.location)


def _streaming(operation: Operation) -> str:
    kinds = {(False, False): "unary", (True, False): "client streaming", (False, True): "server streaming"}
    return kinds.get((operation.client_streaming, operation.server_streaming), "bidirectional streaming")
