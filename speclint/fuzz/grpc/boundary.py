"""Deterministic request messages: every field through its edge values, one field at a time.

First the empty message (every field at its default), then a *typical* message (each scalar a
plain non-zero value, nested messages filled the same way), then, for each field in turn, the
typical message with that field at each of its edges: 0, 1, -1 and the type's limits for
integers; nan, ±inf and the limits for floats; empty, blank, non-ASCII and long strings; each
declared enum value and one undeclared number (open enums); an empty and a one-element list or
map; each member of a oneof; the edges of the well-known types. Fields of nested messages (and
of a list's first element) are varied the same way, down to ``MAX_NESTING`` levels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator

from speclint.fuzz.grpc import fields as f
from speclint.fuzz.grpc import wkt
from speclint.fuzz.grpc.fields import message_class

MAX_NESTING = 2
MAX_CASES = 500  # per method
Apply = Callable[[Any], None]  # sets one field (or path) of a message


@dataclass(frozen=True)
class BoundaryMessage:
    """One deterministic request; ``minimal`` is the same edge on the empty message, when different."""

    label: str
    message: Any
    minimal: Any | None = None


def boundary_messages(descriptor: Any) -> Iterator[BoundaryMessage]:
    """Request messages of type ``descriptor``, without duplicates, smallest first.

    Top-level fields come first, then fields one level down, and so on: a wide, deep message
    gives at most ``MAX_CASES`` cases, and those that remain are the shallow ones.
    """
    cls = message_class(descriptor)
    empty = cls()
    _fill_required(empty, descriptor)
    base = typical_message(descriptor, 0)
    seen: set[bytes] = set()
    for case in _candidates(descriptor, cls, empty, base):
        key = _serialised(case.message)
        if key is not None and key not in seen:
            seen.add(key)
            yield case
            if len(seen) >= MAX_CASES:
                return


def _candidates(descriptor: Any, cls: Any, empty: Any, base: Any) -> Iterator[BoundaryMessage]:
    yield BoundaryMessage("defaults", empty)
    yield BoundaryMessage("typical values", base)
    for level in range(MAX_NESTING + 1):
        for label, apply in _variants(descriptor, 0, level):
            message, minimal = _applied(cls, base, apply), _applied(cls, empty, apply)
            if message is None:
                continue
            smaller = _serialised(minimal) if minimal is not None else None
            keep = minimal if smaller is not None and smaller != _serialised(message) else None
            yield BoundaryMessage(label, message, keep)


def _applied(cls: Any, start: Any, apply: Apply) -> Any | None:
    message = cls()
    message.CopyFrom(start)
    try:
        apply(message)
    except (ValueError, TypeError):  # a value this field refuses (a closed enum, say)
        return None
    return message


def _serialised(message: Any) -> bytes | None:
    try:
        return bytes(message.SerializeToString(deterministic=True))
    except Exception:  # a required field left unset: not a case worth sending
        return None


def typical_message(descriptor: Any, depth: int) -> Any:
    """Every field at a plain value: scalars non-zero, first oneof members, one list element."""
    message = message_class(descriptor)()
    done_oneofs: set[str] = set()
    for field in descriptor.fields:
        oneof = field.containing_oneof
        if oneof is not None:
            if oneof.name in done_oneofs:
                continue
            done_oneofs.add(oneof.name)
        value = _typical(field, depth)
        if value is not None:
            f.assign(message, field, value)
    return message


def _typical(field: Any, depth: int) -> Any:
    if f.is_map(field):
        key_field, value_field = f.map_parts(field)
        value = _typical_single(value_field, depth + 1)
        if value is None and f.is_message(value_field):
            value = message_class(value_field.message_type)()
        return {f.typical_scalar(key_field): value}
    single = _typical_single(field, depth)
    if field.is_repeated:
        return [single] if single is not None else None
    return single


def _typical_single(field: Any, depth: int) -> Any:
    if not f.is_message(field):
        return f.typical_scalar(field)
    descriptor = field.message_type
    if descriptor.full_name in f.SPECIAL:
        return wkt.typical(descriptor, message_class(descriptor))
    if depth >= MAX_NESTING:
        return None
    return typical_message(descriptor, depth + 1)


def _fill_required(message: Any, descriptor: Any) -> None:
    """proto2 ``required`` fields at typical values, so the message can be serialised at all."""
    for field in descriptor.fields:
        if getattr(field, "is_required", False):
            value = _typical_single(field, MAX_NESTING)
            if value is None and f.is_message(field):
                value = message_class(field.message_type)()
                _fill_required(value, field.message_type)
            f.assign(message, field, value)


def _variants(descriptor: Any, depth: int, level: int) -> Iterator[tuple[str, Apply]]:
    """Variants of the fields of ``descriptor`` exactly ``level`` messages further down."""
    for field in descriptor.fields:
        for label, apply in _field_variants(field, depth, level):
            yield f"{field.name}{label}", apply


def _field_variants(field: Any, depth: int, level: int) -> Iterator[tuple[str, Apply]]:
    name = field.name
    if f.is_map(field):
        key_field, value_field = f.map_parts(field)
        key, value = f.typical_scalar(key_field), _typical(value_field, depth + 1)
        if value is None and f.is_message(value_field):
            value = message_class(value_field.message_type)()
        if level == 0:
            yield ": {}", lambda m: m.ClearField(name)
            for edge in f.scalar_edges(key_field):
                yield f": {{{edge!r}: ...}}", _set(field, {edge: value})
        for label, single in _single_values(value_field, depth, level):
            yield f"[{key!r}]{label}", _set(field, {key: single})
        return
    if field.is_repeated:
        if level == 0:
            yield ": []", lambda m: m.ClearField(name)
        for label, single in _single_values(field, depth, level):
            yield f"[0]{label}", _set(field, [single])
        return
    if f.is_message(field):
        descriptor = field.message_type
        if level == 0:
            yield ": unset", lambda m: m.ClearField(name)
            if descriptor.full_name in f.SPECIAL:
                for label, message in wkt.edges(descriptor, message_class(descriptor)):
                    yield f": {label}", _set(field, message)
            else:
                yield ": {}", lambda m: _reset(m, field)
        elif descriptor.full_name not in f.SPECIAL and depth < MAX_NESTING:
            for label, apply in _variants(descriptor, depth + 1, level - 1):
                yield f".{label}", _nested(name, apply)
        return
    if level == 0:
        if field.has_presence:
            yield ": unset", lambda m: m.ClearField(name)
        for edge in f.scalar_edges(field):
            yield f": {edge!r}", _set(field, edge)


def _single_values(field: Any, depth: int, level: int) -> Iterator[tuple[str, Any]]:
    """Edge values of one element of a list or a map value: scalars, or whole messages."""
    if not f.is_message(field):
        if level == 0:
            for edge in f.scalar_edges(field):
                yield f": {edge!r}", edge
        return
    descriptor = field.message_type
    cls = message_class(descriptor)
    if descriptor.full_name in f.SPECIAL:
        if level == 0:
            for label, message in wkt.edges(descriptor, cls):
                yield f": {label}", message
        return
    if level == 0:
        yield ": {}", cls()
        return
    if depth >= MAX_NESTING:
        return
    base = typical_message(descriptor, depth + 1)
    for label, apply in _variants(descriptor, depth + 1, level - 1):
        message = cls()
        message.CopyFrom(base)
        try:
            apply(message)
        except (ValueError, TypeError):
            continue
        yield f".{label}", message


def _set(field: Any, value: Any) -> Apply:
    def apply(message: Any) -> None:
        message.ClearField(field.name)
        f.assign(message, field, value)

    return apply


def _reset(message: Any, field: Any) -> None:
    message.ClearField(field.name)
    getattr(message, field.name).SetInParent()


def _nested(name: str, apply: Apply) -> Apply:
    def nested(message: Any) -> None:
        apply(getattr(message, name))

    return nested
