"""Deterministic edge values for a JSON Schema: the cases random generation may miss.

``boundary_values`` lists candidates (bounds, one past them, -1, 0, empty string, each enum
value, null); the runner asks the schema's own validator which of them are valid, so an
invalid candidate becomes negative data the server must reject. ``typical_value`` gives one
plain valid value to hold the other inputs steady while one input is varied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

_FORMAT_SAMPLES = {
    "date": "2024-01-01",
    "date-time": "2024-01-01T00:00:00Z",
    "time": "00:00:00Z",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "hostname": "example.com",
    "ipv4": "127.0.0.1",
    "ipv6": "::1",
    "byte": "YQ==",
}
_NOT_IN_ENUM = "speclint-not-in-enum"
_MAX_STRING = 4096  # a maxLength above this is probed with a shorter string only
MISSING = object()  # "leave this input out"


# Where a schema sets no bound, values past the usual machine integers (int32, int64) and a
# huge float: servers that parse into fixed-size numbers break on them.
_HIGH_INTEGERS = (2**31, 2**63)
_LOW_INTEGERS = (-(2**31) - 1, -(2**63) - 1)
_HIGH_NUMBERS = (2**63, 1e308)
_LOW_NUMBERS = (-1e308,)


@dataclass(frozen=True, slots=True)
class Boundary:
    value: Any  # MISSING to omit the input
    label: str
    implied: bool = False  # an edge the spec does not declare (a machine limit): only crashes count


def _types(schema: Mapping[str, Any]) -> list[str]:
    kind = schema.get("type")
    if isinstance(kind, list):
        return [str(k) for k in kind]
    if isinstance(kind, str):
        return [kind]
    if "properties" in schema:
        return ["object"]
    if "items" in schema:
        return ["array"]
    return []


def _first_variant(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    for key in ("oneOf", "anyOf"):
        variants = schema.get(key)
        if isinstance(variants, list) and variants and isinstance(variants[0], Mapping):
            return variants[0]
    merged: dict[str, Any] = {}
    for part in schema.get("allOf") or ():
        if isinstance(part, Mapping):
            for name, value in part.items():
                if name == "properties" and isinstance(merged.get("properties"), dict):
                    merged["properties"] = {**merged["properties"], **value}
                elif name == "required" and isinstance(merged.get("required"), list):
                    merged["required"] = [*merged["required"], *value]
                else:
                    merged[name] = value
    if merged:
        return {**merged, **{k: v for k, v in schema.items() if k != "allOf"}}
    return schema


def _bounds(schema: Mapping[str, Any]) -> tuple[float | None, float | None]:
    low, high = schema.get("minimum"), schema.get("maximum")
    ex_low, ex_high = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    if isinstance(ex_low, (int, float)) and not isinstance(ex_low, bool):
        low = ex_low + 1
    elif ex_low is True and low is not None:
        low = low + 1
    if isinstance(ex_high, (int, float)) and not isinstance(ex_high, bool):
        high = ex_high - 1
    elif ex_high is True and high is not None:
        high = high - 1
    return low, high


# Values for a free-form map (additionalProperties of strings, e.g. a query map): servers that
# copy them somewhere narrower (response headers, latin-1 text) break on them; a line break is
# what header writers refuse (werkzeug: "Header values must not contain newline characters").
_AWKWARD_MAP_VALUES = (
    ("line\nbreak", "a value with a line break"),
    ("\u2603", "a non-Latin-1 value"),
    ("\u00e9", "a non-ASCII value"),
    ("", "an empty value"),
)


def is_free_form_map(schema: Mapping[str, Any]) -> bool:
    """An object with no declared properties whose other properties may be strings."""
    extra = schema.get("additionalProperties", True)
    if schema.get("properties") or extra is False:
        return False
    return extra is True or (isinstance(extra, Mapping) and "string" in (_types(extra) or ["string"]))


def typical_value(schema: Mapping[str, Any] | None) -> Any:
    """One plain value the schema accepts (as far as a quick look can tell)."""
    if not isinstance(schema, Mapping):
        return "a"
    schema = _first_variant(schema)
    for key in ("example", "default", "const"):
        if key in schema:
            return schema[key]
    examples = schema.get("examples")
    if isinstance(examples, list) and examples:
        return examples[0]
    enum = schema.get("enum")
    if isinstance(enum, list) and enum:
        return enum[0]
    types = [t for t in _types(schema) if t != "null"] or ["string"]
    kind = types[0]
    if kind in ("integer", "number"):
        low, high = _bounds(schema)
        value = low if low is not None else (1 if high is None or high >= 1 else high)
        return int(value) if kind == "integer" else value
    if kind == "boolean":
        return True
    if kind == "array":
        count = int(schema.get("minItems") or 0)
        return [typical_value(schema.get("items")) for _ in range(max(count, 1))]
    if kind == "object":
        properties = schema.get("properties") or {}
        return {name: typical_value(properties.get(name)) for name in schema.get("required") or ()}
    if "format" in schema and schema["format"] in _FORMAT_SAMPLES:
        return _FORMAT_SAMPLES[schema["format"]]
    length = max(int(schema.get("minLength") or 0), 1)
    if schema.get("maxLength") is not None:
        length = min(length, int(schema["maxLength"]))
    return "a" * length


def boundary_values(schema: Mapping[str, Any] | None) -> list[Boundary]:
    """Edge values for one input, valid and invalid alike, without duplicates."""
    if not isinstance(schema, Mapping):
        return []
    schema = _first_variant(schema)
    found: list[Boundary] = []
    seen: set[str] = set()

    def add(value: Any, label: str, implied: bool = False) -> None:
        key = repr((type(value).__name__, value))
        if key not in seen:
            seen.add(key)
            found.append(Boundary(value, label, implied))

    enum = schema.get("enum")
    if isinstance(enum, list) and enum:
        for value in enum:
            add(value, f"enum {value!r}")
        add(_NOT_IN_ENUM, "not in enum")
        return found
    types = _types(schema)
    for kind in types:
        if kind in ("integer", "number"):
            low, high = _bounds(schema)
            cast = int if kind == "integer" else float
            for name, bound in (("minimum", low), ("maximum", high)):
                if bound is not None:
                    add(cast(bound), name)
                    add(cast(bound - 1), f"{name}-1")
                    add(cast(bound + 1), f"{name}+1")
            for value in (-1, 0):
                add(cast(value), "negative" if value < 0 else "zero")
            integer = kind == "integer"
            if high is None:
                for big in _HIGH_INTEGERS if integer else _HIGH_NUMBERS:
                    add(big, f"{big:g} (no maximum declared)", implied=True)
            if low is None:
                for big in _LOW_INTEGERS if integer else _LOW_NUMBERS:
                    add(big, f"{big:g} (no minimum declared)", implied=True)
        elif kind == "string":
            add("", "empty string")
            low_len = int(schema.get("minLength") or 0)
            if low_len:
                add("a" * low_len, "minLength")
                add("a" * (low_len - 1), "minLength-1")
            if schema.get("maxLength") is not None and int(schema["maxLength"]) < _MAX_STRING:
                high_len = int(schema["maxLength"])
                add("a" * high_len, "maxLength")
                add("a" * (high_len + 1), "maxLength+1")
            if schema.get("format") in _FORMAT_SAMPLES:
                add(_FORMAT_SAMPLES[schema["format"]], f"format {schema['format']}")
        elif kind == "boolean":
            add(True, "true")
            add(False, "false")
        elif kind == "array":
            add([], "empty array")
            low_items = int(schema.get("minItems") or 0)
            item = typical_value(schema.get("items"))
            if low_items > 1:
                add([item] * (low_items - 1), "minItems-1")
            if schema.get("maxItems") is not None and int(schema["maxItems"]) < 100:
                add([item] * (int(schema["maxItems"]) + 1), "maxItems+1")
        elif kind == "object" and is_free_form_map(schema):
            for value, label in _AWKWARD_MAP_VALUES:
                add({"speclint": value}, f"free-form map: {label}", implied=True)
        elif kind == "null":
            add(None, "null")
    if schema.get("nullable") is True:
        add(None, "null")
    return found
