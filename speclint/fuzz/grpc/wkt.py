"""Well-known types whose JSON form differs from their fields: edge values and strategies.

Timestamp, Duration, Struct, Value, ListValue, FieldMask and Any are made whole, within the
ranges their JSON mapping accepts (so every case has a grpcurl reproduction). Messages are
filled field by field, never through the well-known-type helpers, because the run's classes
come from a pool of its own. Wrappers and Empty are plain messages and need nothing here.
"""

from __future__ import annotations

import math
from typing import Any, Callable

from speclint.fuzz.grpc import fields as f

Json = Any  # None, bool, float, str, list, dict


def fill_value(value: Any, data: Json) -> None:
    """Set a ``google.protobuf.Value`` message from a JSON-like Python value."""
    if data is None:
        value.null_value = 0
    elif isinstance(data, bool):
        value.bool_value = data
    elif isinstance(data, (int, float)):
        value.number_value = float(data)
    elif isinstance(data, str):
        value.string_value = data
    elif isinstance(data, list):
        fill_list(value.list_value, data)
    else:
        fill_struct(value.struct_value, data)


def fill_struct(struct: Any, data: dict[str, Json]) -> None:
    struct.SetInParent()
    for key, item in data.items():
        fill_value(struct.fields[key], item)


def fill_list(values: Any, data: list[Json]) -> None:
    values.SetInParent()
    for item in data:
        fill_value(values.values.add(), item)


def _time(cls: Any, seconds: int, nanos: int = 0) -> Any:
    return cls(seconds=seconds, nanos=nanos)


def _json_filler(name: str) -> Callable[[Any, Any], None]:
    fillers: dict[str, Callable[[Any, Any], None]] = {
        f.WKT_STRUCT: fill_struct, f.WKT_VALUE: fill_value, f.WKT_LIST: fill_list,
    }
    return fillers[name]


_JSON_EDGES: dict[str, list[tuple[str, Json]]] = {
    f.WKT_STRUCT: [("{}", {}), ('{"a": null}', {"a": None}), ('{"": ""}', {"": ""}),
                   ('{"a": {"b": [1, "x", true]}}', {"a": {"b": [1, "x", True]}})],
    f.WKT_VALUE: [("null", None), ("0", 0), ("-1", -1), ('""', ""), ("true", True), ("[]", []), ("{}", {})],
    f.WKT_LIST: [("[]", []), ("[null]", [None]), ('[1, "a"]', [1, "a"])],
}  # fmt: skip


def edges(descriptor: Any, cls: Any) -> list[tuple[str, Any]]:
    """Labelled edge messages of the special well-known type ``descriptor``."""
    name = descriptor.full_name
    if name == f.WKT_TIMESTAMP:
        low, high = f.TIMESTAMP_SECONDS
        return [("1970-01-01T00:00:00Z", _time(cls, 0)), ("1969-12-31T23:59:59Z", _time(cls, -1)),
                ("0001-01-01T00:00:00Z", _time(cls, low)),
                ("9999-12-31T23:59:59.999999999Z", _time(cls, high, f.NANOS_MAX))]  # fmt: skip
    if name == f.WKT_DURATION:
        low, high = f.DURATION_SECONDS
        return [("0s", _time(cls, 0)), ("-1s", _time(cls, -1)), ("0.000000001s", _time(cls, 0, 1)),
                (f"{high}s", _time(cls, high)), (f"{low}s", _time(cls, low))]  # fmt: skip
    if name == f.WKT_FIELD_MASK:
        return [(f"paths {paths}", cls(paths=paths)) for paths in ([], ["a"], ["a.b", "c"])]
    if name in _JSON_EDGES:
        made = []
        for label, data in _JSON_EDGES[name]:
            message = cls()
            _json_filler(name)(message, data)
            made.append((label, message))
        return made
    return [("{}", cls())]  # Any: only the empty one, a type URL would have to resolve


def typical(descriptor: Any, cls: Any) -> Any | None:
    """A plain value of the type, or None to leave such a field unset."""
    if descriptor.full_name == f.WKT_TIMESTAMP:
        return _time(cls, 1704067200)  # 2024-01-01T00:00:00Z
    if descriptor.full_name == f.WKT_DURATION:
        return _time(cls, 1)
    return None


def strategy(descriptor: Any, cls: Any) -> Any:
    """A hypothesis strategy of whole messages of the special well-known type ``descriptor``."""
    from hypothesis import strategies as st

    name = descriptor.full_name
    if name in (f.WKT_TIMESTAMP, f.WKT_DURATION):
        low, high = f.TIMESTAMP_SECONDS if name == f.WKT_TIMESTAMP else f.DURATION_SECONDS
        if name == f.WKT_TIMESTAMP:
            return st.builds(lambda s, n: _time(cls, s, n), st.integers(low, high), st.integers(0, f.NANOS_MAX))
        # a Duration's nanos carry the sign of its seconds
        return st.builds(
            lambda s, n: _time(cls, s, int(math.copysign(n, s)) if s else n),
            st.integers(low, high), st.integers(0, f.NANOS_MAX),
        )
    if name == f.WKT_FIELD_MASK:
        path = st.from_regex(r"[a-z][a-z0-9]{0,7}(_[a-z][a-z0-9]{0,7})?(\.[a-z][a-z0-9]{0,7})?", fullmatch=True)
        return st.lists(path, max_size=3).map(lambda paths: cls(paths=paths))
    if name in _JSON_EDGES:
        leaves = (st.none() | st.booleans() | st.floats(allow_nan=False, allow_infinity=False)
                  | st.text(max_size=10))  # fmt: skip
        data = st.recursive(
            leaves, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
            max_leaves=8,
        )
        shaped = {f.WKT_STRUCT: st.dictionaries(st.text(max_size=5), data, max_size=4),
                  f.WKT_LIST: st.lists(data, max_size=4), f.WKT_VALUE: data}[name]  # fmt: skip
        return shaped.map(lambda value: _made(cls, name, value))
    return st.just(cls())


def _made(cls: Any, name: str, data: Json) -> Any:
    message = cls()
    _json_filler(name)(message, data)
    return message
