"""GraphQL schema changes, judged by where a type flows.

Output positions (fields of objects and interfaces) are read by clients: a field that may now
be null breaks them, one that becomes non-null does not. Input positions (arguments, fields of
input objects) are written by clients: a value that becomes non-null breaks them unless it has
a default, one that becomes nullable does not. Root fields are fields of the root types, so
``Query.user`` removed is a removed field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, Protocol, TypeVar

from speclint.diff.change import Level
from speclint.diff.context import DiffContext
from speclint.diff.registry import change_rule, comparator
from speclint.model import Deprecation, Field, Parameter, Schema, SpecFormat, TypeDef

_GQL = [SpecFormat.GRAPHQL]
B, P, N = Level.BREAKING, Level.POTENTIALLY_BREAKING, Level.NON_BREAKING
TYPE_REMOVED = change_rule("type-removed", B, "A type, message or enum was removed.")
TYPE_ADDED = change_rule("type-added", N, "A type, message or enum was added.")
TYPE_KIND_CHANGED = change_rule("type-kind-changed", B, "A type changed kind (object to interface, enum to scalar...).")
FIELD_REMOVED = change_rule("field-removed", B, "A field was removed.")
DEPRECATED_FIELD_REMOVED = change_rule(
    "deprecated-field-removed",
    P,
    "A field that was deprecated was removed: announced, but clients that still use it break.",
)
FIELD_ADDED = change_rule("field-added", N, "A field was added.")
FIELD_TYPE_CHANGED = change_rule("field-type-changed", B, "A field's type changed.", _GQL)
FIELD_BECAME_NULLABLE = change_rule(
    "field-became-nullable", B, "An output field that was non-null may now be null.", _GQL
)
FIELD_BECAME_NON_NULL = change_rule("field-became-non-null", N, "An output field is now non-null.", _GQL)
INPUT_TYPE_CHANGED = change_rule(
    "input-type-changed", B, "An argument or input field changed type, or accepts fewer values.", _GQL
)
INPUT_BECAME_REQUIRED = change_rule(
    "input-became-required",
    B,
    "An argument or input field became non-null without a default: clients must now send it.",
    _GQL,
)
INPUT_TYPE_WIDENED = change_rule(
    "input-type-widened",
    N,
    "An argument or input field accepts more (nullable now, or non-null with a default).",
    _GQL,
)
ARGUMENT_REMOVED = change_rule("argument-removed", B, "An argument was removed.", _GQL)
DEPRECATED_ARGUMENT_REMOVED = change_rule(
    "deprecated-argument-removed", P, "An argument that was deprecated was removed.", _GQL
)
ARGUMENT_ADDED_REQUIRED = change_rule(
    "argument-added-required", B, "A required argument (non-null, no default) was added.", _GQL
)
ARGUMENT_ADDED = change_rule("argument-added", N, "An optional argument was added.", _GQL)
DEFAULT_CHANGED = change_rule(
    "default-value-changed", P, "The default of an argument or input field changed.", _GQL
)
INPUT_FIELD_ADDED_REQUIRED = change_rule(
    "input-field-added-required", B, "An input type has a new required field (non-null, no default).", _GQL
)
ENUM_VALUE_REMOVED = change_rule("enum-value-removed", B, "An enum value was removed.")
DEPRECATED_ENUM_VALUE_REMOVED = change_rule(
    "deprecated-enum-value-removed", P, "An enum value that was deprecated was removed."
)
ENUM_VALUE_ADDED = change_rule(
    "enum-value-added", P, "An enum has a new value; clients that switch over it may not handle it."
)
UNION_MEMBER_REMOVED = change_rule("union-member-removed", B, "A union lost a member type.", _GQL)
UNION_MEMBER_ADDED = change_rule(
    "union-member-added", P, "A union has a new member type clients may not handle.", _GQL
)
INTERFACE_REMOVED = change_rule("interface-removed", B, "A type no longer implements an interface.", _GQL)
INTERFACE_ADDED = change_rule("interface-added", N, "A type implements a new interface.", _GQL)

_WRAPPER = re.compile(r"\s+")


class _HasName(Protocol):
    @property
    def name(self) -> str: ...


_Named = TypeVar("_Named", bound=_HasName)


@comparator(SpecFormat.GRAPHQL)
def compare_graphql(ctx: DiffContext) -> None:
    old_types = {t.name: t for t in ctx.old.types}
    new_types = {t.name: t for t in ctx.new.types}
    for name, old in old_types.items():
        new = new_types.get(name)
        if new is None:
            ctx.report(TYPE_REMOVED, f"{old.kind} type '{name}' was removed", old.location, None, ctx.new.location)
        elif new.kind != old.kind:
            text = f"type '{name}' changed from {old.kind} to {new.kind}"
            ctx.report(TYPE_KIND_CHANGED, text, old.name_location or old.location, new.name_location or new.location)
        else:
            _compare_type(ctx, old, new)
    for name, new in new_types.items():
        if name not in old_types:
            ctx.report(TYPE_ADDED, f"{new.kind} type '{name}' was added", None, new.location)


def _compare_type(ctx: DiffContext, old: TypeDef, new: TypeDef) -> None:
    if old.kind == "input":
        _input_fields(ctx, old, new)
    else:
        _output_fields(ctx, old, new)
    _enum_values(ctx, old, new)
    _members(ctx, old, new)


def _removed(
    ctx: DiffContext, what: str, old: Any, deprecation: Deprecation | None, rules: tuple[Any, Any], anchor: Any
) -> None:
    plain, deprecated = rules
    if deprecation is not None:
        ctx.report(deprecated, f"{what} was removed (it was deprecated)", old.location, None, anchor)
    else:
        ctx.report(plain, f"{what} was removed", old.location, None, anchor)


def _output_fields(ctx: DiffContext, old: TypeDef, new: TypeDef) -> None:
    for coordinate, field, other in _kept_fields(ctx, old, new, "field"):
        _output_type(ctx, coordinate, field, other)
        _arguments(ctx, coordinate, field.arguments, other.arguments, other)
    for field in _added(old.fields, new.fields):
        ctx.report(FIELD_ADDED, f"field '{new.name}.{field.name}' was added", None, field.location)


def _input_fields(ctx: DiffContext, old: TypeDef, new: TypeDef) -> None:
    for coordinate, field, other in _kept_fields(ctx, old, new, "input field"):
        _input_type(ctx, f"input field '{coordinate}'", field.schema, other.schema, field, other)
        if "default" in field.extensions and "default" in other.extensions:
            before, after = field.extensions["default"], other.extensions["default"]
            _default(ctx, f"input field '{coordinate}'", before, after, field, other)
    for field in _added(old.fields, new.fields):
        what = f"input field '{new.name}.{field.name}'"
        if field.required:
            ctx.report(INPUT_FIELD_ADDED_REQUIRED, f"required {what} was added", None, field.location)
        else:
            ctx.report(FIELD_ADDED, f"optional {what} was added", None, field.location)


def _kept_fields(ctx: DiffContext, old: TypeDef, new: TypeDef, label: str) -> Iterator[tuple[str, Field, Field]]:
    """The fields of ``old`` that ``new`` still has, as (coordinate, old field, new field).

    The others are reported removed as they come, named ``label`` (``field``, ``input field``).
    """
    new_fields = {f.name: f for f in new.fields}
    for field in old.fields:
        other = new_fields.get(field.name)
        coordinate = f"{old.name}.{field.name}"
        if other is None:
            rules = (FIELD_REMOVED, DEPRECATED_FIELD_REMOVED)
            _removed(ctx, f"{label} '{coordinate}'", field, field.deprecation, rules, new.location)
        else:
            yield coordinate, field, other


def _added(old: Iterable[_Named], new: Iterable[_Named]) -> list[_Named]:
    """The elements of ``new`` whose name no element of ``old`` has, in ``new``'s order."""
    old_names = {element.name for element in old}
    return [element for element in new if element.name not in old_names]


def _arguments(
    ctx: DiffContext, coordinate: str, old: tuple[Parameter, ...], new: tuple[Parameter, ...], owner: Field
) -> None:
    new_args = {a.name: a for a in new}
    for argument in old:
        other = new_args.get(argument.name)
        what = f"argument '{coordinate}({argument.name}:)'"
        if other is None:
            rules = (ARGUMENT_REMOVED, DEPRECATED_ARGUMENT_REMOVED)
            _removed(ctx, what, argument, argument.deprecation, rules, owner.location)
            continue
        _input_type(ctx, what, argument.schema, other.schema, argument, other)
        if argument.has_default and other.has_default:
            _default(ctx, what, argument.default, other.default, argument, other)
    for argument in _added(old, new):
        what = f"argument '{coordinate}({argument.name}:)'"
        if argument.required:
            ctx.report(ARGUMENT_ADDED_REQUIRED, f"required {what} was added", None, argument.location)
        else:
            ctx.report(ARGUMENT_ADDED, f"optional {what} was added", None, argument.location)


def _output_type(ctx: DiffContext, coordinate: str, old: Field, new: Field) -> None:
    before, after = _wrapped(old.schema), _wrapped(new.schema)
    if before == after:
        return
    text = f"type of field '{coordinate}' changed from {_show(old.schema)} to {_show(new.schema)}"
    if _shape(before) != _shape(after):
        ctx.report(FIELD_TYPE_CHANGED, text, old.location, new.location)
    elif any(was and not now for was, now in zip(_nulls(before), _nulls(after))):
        ctx.report(FIELD_BECAME_NULLABLE, f"field '{coordinate}' may now be null: {text}", old.location, new.location)
    else:
        ctx.report(FIELD_BECAME_NON_NULL, text, old.location, new.location)


def _input_type(ctx: DiffContext, what: str, old: Schema | None, new: Schema | None, old_at: Any, new_at: Any) -> None:
    before, after = _wrapped(old), _wrapped(new)
    if before == after:
        return
    text = f"type of {what} changed from {_show(old)} to {_show(new)}"
    if _shape(before) != _shape(after):
        ctx.report(INPUT_TYPE_CHANGED, text, old_at.location, new_at.location)
        return
    tightened = [now and not was for was, now in zip(_nulls(before), _nulls(after))]
    if tightened[0] and not getattr(old_at, "required", False) and getattr(new_at, "required", False):
        ctx.report(INPUT_BECAME_REQUIRED, f"{what} is now required: {text}", old_at.location, new_at.location)
    elif any(tightened[1:]):
        ctx.report(INPUT_TYPE_CHANGED, text, old_at.location, new_at.location)
    else:
        ctx.report(INPUT_TYPE_WIDENED, text, old_at.location, new_at.location)


def _default(ctx: DiffContext, what: str, before: Any, after: Any, old_at: Any, new_at: Any) -> None:
    if before != after:
        text = f"default of {what} changed from {before!r} to {after!r}"
        ctx.report(DEFAULT_CHANGED, text, old_at.location, new_at.location)


def _enum_values(ctx: DiffContext, old: TypeDef, new: TypeDef) -> None:
    new_values = {v.name: v for v in new.enum_values}
    for value in old.enum_values:
        if value.name not in new_values:
            rules = (ENUM_VALUE_REMOVED, DEPRECATED_ENUM_VALUE_REMOVED)
            _removed(ctx, f"enum value '{old.name}.{value.name}'", value, value.deprecation, rules, new.location)
    for value in _added(old.enum_values, new.enum_values):
        ctx.report(ENUM_VALUE_ADDED, f"enum value '{new.name}.{value.name}' was added", None, value.location)


def _members(ctx: DiffContext, old: TypeDef, new: TypeDef) -> None:
    union = old.kind == "union"
    removed_rule, added_rule = (
        (UNION_MEMBER_REMOVED, UNION_MEMBER_ADDED) if union else (INTERFACE_REMOVED, INTERFACE_ADDED)
    )
    for member in old.members:
        if member not in new.members:
            text = (
                f"union '{old.name}' no longer includes '{member}'"
                if union
                else f"'{old.name}' no longer implements '{member}'"
            )
            ctx.report(removed_rule, text, old.location, new.location)
    for member in new.members:
        if member not in old.members:
            text = (
                f"union '{new.name}' now includes '{member}'" if union else f"'{new.name}' now implements '{member}'"
            )
            ctx.report(added_rule, text, old.location, new.location)


# -- wrapped types: "[String!]!" as levels of (non-null, list) down to the named type ----------
def _wrapped(schema: Schema | None) -> str:
    if schema is None:
        return ""
    raw = schema.raw.get("type") if schema.raw else None
    if isinstance(raw, str):
        return _WRAPPER.sub("", raw)
    text = schema.type_name or ""
    text = f"[{text}]" if schema.is_list else text
    return text if schema.nullable else f"{text}!"


def _shape(wrapped: str) -> str:
    return wrapped.replace("!", "")


def _nulls(wrapped: str) -> list[bool]:
    """Non-null flags from the outside in: one per list level, then the named type."""
    flags: list[bool] = []
    depth = wrapped.count("[")
    inner = wrapped
    for _ in range(depth):
        flags.append(inner.endswith("!"))
        inner = inner.rstrip("!")[1:-1]
    flags.append(inner.endswith("!"))
    return flags


def _show(schema: Schema | None) -> str:
    return _wrapped(schema) or "nothing"
