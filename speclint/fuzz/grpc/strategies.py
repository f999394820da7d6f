"""Hypothesis strategies of request messages, built from message descriptors.

Scalars cover their whole type (integers to the limits of their width, floats with nan and
±inf, any text, any bytes); enums draw a declared value, or now and then an undeclared number
(open enums only); lists and maps hold up to ``MAX_ITEMS`` entries; a oneof sets one member or
none; fields with presence are sometimes left unset; well-known types come from ``wkt``.
Recursive messages stop at ``MAX_DEPTH``: deeper message fields stay unset.
"""

from __future__ import annotations

from typing import Any

from speclint.fuzz.grpc import fields as f
from speclint.fuzz.grpc import wkt
from speclint.fuzz.grpc.fields import message_class

MAX_DEPTH = 3
MAX_ITEMS = 3
_UNSET = None


class StrategyBuilder:
    """Builds (and caches, per type and depth) the strategy of each message type."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, int], Any] = {}

    def message(self, descriptor: Any, depth: int = 0) -> Any:
        """Whole messages of type ``descriptor``; ``depth`` is how deep this message sits."""
        from hypothesis import strategies as st

        key = (descriptor.full_name, depth)
        if key in self._cache:
            return self._cache[key]
        cls = message_class(descriptor)
        if descriptor.full_name in f.SPECIAL:
            made = wkt.strategy(descriptor, cls)
            self._cache[key] = made
            return made
        parts: dict[str, Any] = {}
        oneofs: dict[str, list[Any]] = {}
        for field in descriptor.fields:
            oneof = field.containing_oneof
            value = self.field(field, depth)
            if value is None:
                continue
            if oneof is not None:
                oneofs.setdefault(oneof.name, []).append(st.tuples(st.just(field), value))
            elif field.has_presence and not getattr(field, "is_required", False):
                parts[field.name] = st.one_of(st.none(), value)
            else:
                parts[field.name] = value
        members = {name: st.one_of(st.none(), *choices) for name, choices in oneofs.items()}
        by_name = {field.name: field for field in descriptor.fields}

        def build(values: dict[str, Any]) -> Any:
            message = cls()
            for name, value in values.items():
                if name.startswith("\0"):  # a oneof: (field, value) or None
                    if value is not None:
                        f.assign(message, value[0], value[1])
                elif value is not _UNSET:
                    f.assign(message, by_name[name], value)
            return message

        everything = {**parts, **{"\0" + name: choice for name, choice in members.items()}}
        made = st.fixed_dictionaries(everything).map(build)
        self._cache[key] = made
        return made

    def field(self, field: Any, depth: int) -> Any | None:
        """Values of ``field`` (lists for repeated fields, dicts for maps); None: leave it unset."""
        from hypothesis import strategies as st

        if f.is_map(field):
            key_field, value_field = f.map_parts(field)
            key, value = self.single(key_field, depth), self.single(value_field, depth)
            if key is None or value is None:
                return None
            return st.dictionaries(key, value, max_size=MAX_ITEMS)
        single = self.single(field, depth)
        if single is None:
            return None
        if field.is_repeated:
            return st.lists(single, max_size=MAX_ITEMS)
        return single

    def single(self, field: Any, depth: int) -> Any | None:
        """One value of the field's type (one element of a list)."""
        from hypothesis import strategies as st

        kind = int(field.type)
        if f.is_message(field):
            special = field.message_type.full_name in f.SPECIAL
            if depth + 1 >= MAX_DEPTH and not special:
                return None
            return self.message(field.message_type, depth + 1)
        if kind in f.INT_RANGES:
            low, high = f.INT_RANGES[kind]
            return st.integers(low, high)
        if kind == f.FLOAT:
            return st.floats(width=32)
        if kind == f.DOUBLE:
            return st.floats()
        if kind == f.BOOL:
            return st.booleans()
        if kind == f.STRING:
            return st.text()
        if kind == f.BYTES:
            return st.binary()
        if kind == f.ENUM:
            declared = [value.number for value in field.enum_type.values]
            known = st.sampled_from(declared) if declared else st.just(0)
            if not f.is_open_enum(field.enum_type):
                return known
            unknown = st.integers(*f.INT_RANGES[f.INT32]).filter(lambda n: n not in declared)
            return st.one_of(known, known, known, unknown)  # mostly declared values
        return None
