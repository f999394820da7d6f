"""Examples that obviously match their schema, recognised without building a validator.

Building a jsonschema-rs validator for a schema and everything it references costs far more
than validating one example; on GitHub's description almost every example is valid. These
checks answer "valid" only when the example plainly satisfies a schema made of a small set
of keywords whose meaning is the same in every draft (``type``, ``properties``,
``required``, ``items``, ``enum``, ``allOf``, ``anyOf``, lengths, bounds...). Anything else,
and every doubt or mismatch, is left to the real validator, so findings and their messages
come from it alone.
"""

from __future__ import annotations

import re
from math import isfinite
from typing import Any, Callable

from speclint.rules.openapi.formats import format_ok

_SAFE_INT = 2**53
_MAX_DEPTH = 48

# Keys a validator ignores here: annotations.
_PASSIVE = frozenset({"default", "readOnly", "writeOnly"})
# Keys of a raw OpenAPI schema that its conversion to JSON Schema drops.
_DROPPED = frozenset(
    {"discriminator", "xml", "externalDocs", "example", "examples", "deprecated", "description", "title"}
)
# A reference this check follows: a named schema, whose converted form is the reference target
# (as schema_bundle spells it: the target's pointer, escaped twice, under /speclint-targets).
_NAMED_REF = re.compile(
    r"#/speclint-targets/(?:~01speclint-open)?~01(?:components~01schemas|definitions)~01(?:(?!~01)[^/])+"
)


def _is_int(value: Any) -> bool:
    return type(value) is int and -_SAFE_INT < value < _SAFE_INT


def _is_number(value: Any) -> bool:
    return _is_int(value) or (type(value) is float and isfinite(value))


_TYPE_CHECKS: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: type(v) is str,
    "boolean": lambda v: type(v) is bool,
    "null": lambda v: v is None,
    "object": lambda v: type(v) is dict,
    "array": lambda v: type(v) is list,
    "integer": _is_int,
    "number": _is_number,
}


def _type_ok(kind: Any, instance: Any) -> bool:
    if type(kind) is str:
        check = _TYPE_CHECKS.get(kind)
        return check is not None and check(instance)
    if type(kind) is list and all(type(name) is str and name in _TYPE_CHECKS for name in kind):
        return any(_TYPE_CHECKS[name](instance) for name in kind)
    return False


def _in_enum(enum: Any, instance: Any) -> bool:
    """Membership with JSON equality, for the values where Python's ``==`` agrees with it."""
    if type(enum) is not list or not (instance is None or type(instance) in (str, bool) or _is_int(instance)):
        return False
    kind = type(instance)
    return any(type(item) is kind and item == instance for item in enum)


def plainly_valid_raw(schema: Any, instance: Any) -> bool:
    """For a raw OpenAPI schema without references or nesting: ``{type: string, example: x}``."""
    if type(schema) is not dict:
        return False
    kind = enum = None
    for key, value in schema.items():
        if key == "type":
            kind = value
        elif key == "enum":
            enum = value
        elif key == "format":
            if not format_ok(value, instance):
                return False
        elif key not in _PASSIVE and key not in _DROPPED and not key.startswith("x-"):
            return False  # $ref, properties, nullable, constraints...
    if enum is not None and not _in_enum(enum, instance):
        return False
    return kind is None or _type_ok(kind, instance)


class PlainCheck:
    """Checks examples against converted (JSON Schema) schemas.

    ``resolve`` gives the converted target of a ``$ref`` (a JSON pointer into the document),
    or None when it cannot be followed.
    """

    def __init__(self, resolve: Callable[[str], Any]) -> None:
        self._resolve = resolve

    def valid(self, schema: Any, instance: Any, depth: int = 0) -> bool:
        """True only when ``instance`` certainly matches ``schema``."""
        if depth > _MAX_DEPTH or type(schema) is not dict:
            return False
        ref = schema.get("$ref")
        if ref is not None:
            if len(schema) != 1 or type(ref) is not str or not _NAMED_REF.fullmatch(ref):
                return False
            target = self._resolve(ref[1:])
            return target is not None and self.valid(target, instance, depth + 1)
        for key, rule in schema.items():
            if key in _PASSIVE:
                continue
            if key == "additionalProperties":
                if not self._additional(rule, schema.get("properties"), instance, depth + 1):
                    return False
                continue
            check = _KEYWORDS.get(key)
            if check is None or not check(self, rule, instance, depth + 1):
                return False
        return True

    # -- keywords: each True when the keyword certainly holds for the instance --------------
    def _type(self, rule: Any, instance: Any, depth: int) -> bool:
        return _type_ok(rule, instance)

    def _enum(self, rule: Any, instance: Any, depth: int) -> bool:
        return _in_enum(rule, instance)

    def _format(self, rule: Any, instance: Any, depth: int) -> bool:
        return format_ok(rule, instance)

    def _properties(self, rule: Any, instance: Any, depth: int) -> bool:
        if type(rule) is not dict:
            return False
        if type(instance) is not dict:
            return True
        for name, value in instance.items():
            sub = rule.get(name)
            if sub is not None and not self.valid(sub, value, depth):
                return False
        return True

    def _additional(self, rule: Any, properties: Any, instance: Any, depth: int) -> bool:
        if rule is not True and rule is not False and type(rule) is not dict:
            return False
        if properties is not None and type(properties) is not dict:
            return False
        if type(instance) is not dict or rule is True:
            return True
        extra = [name for name in instance if properties is None or name not in properties]
        if rule is False:
            return not extra
        return all(self.valid(rule, instance[name], depth) for name in extra)

    def _required(self, rule: Any, instance: Any, depth: int) -> bool:
        if type(rule) is not list or not all(type(name) is str for name in rule):
            return False
        return type(instance) is not dict or all(name in instance for name in rule)

    def _items(self, rule: Any, instance: Any, depth: int) -> bool:
        if type(rule) is not dict:
            return False  # tuple form
        return type(instance) is not list or all(self.valid(rule, item, depth) for item in instance)

    def _all_of(self, rule: Any, instance: Any, depth: int) -> bool:
        return type(rule) is list and bool(rule) and all(self.valid(sub, instance, depth) for sub in rule)

    def _any_of(self, rule: Any, instance: Any, depth: int) -> bool:
        return type(rule) is list and any(self.valid(sub, instance, depth) for sub in rule)

    def _min_length(self, rule: Any, instance: Any, depth: int) -> bool:
        return _is_int(rule) and (type(instance) is not str or len(instance) >= rule)

    def _max_length(self, rule: Any, instance: Any, depth: int) -> bool:
        return _is_int(rule) and (type(instance) is not str or len(instance) <= rule)

    def _min_items(self, rule: Any, instance: Any, depth: int) -> bool:
        return _is_int(rule) and (type(instance) is not list or len(instance) >= rule)

    def _max_items(self, rule: Any, instance: Any, depth: int) -> bool:
        return _is_int(rule) and (type(instance) is not list or len(instance) <= rule)

    def _min_properties(self, rule: Any, instance: Any, depth: int) -> bool:
        return _is_int(rule) and (type(instance) is not dict or len(instance) >= rule)

    def _max_properties(self, rule: Any, instance: Any, depth: int) -> bool:
        return _is_int(rule) and (type(instance) is not dict or len(instance) <= rule)

    def _minimum(self, rule: Any, instance: Any, depth: int) -> bool:
        if not _is_number(rule):
            return False
        if type(instance) in (int, float) and type(instance) is not bool:
            return _is_number(instance) and instance >= rule
        return True

    def _maximum(self, rule: Any, instance: Any, depth: int) -> bool:
        if not _is_number(rule):
            return False
        if type(instance) in (int, float) and type(instance) is not bool:
            return _is_number(instance) and instance <= rule
        return True


_Keyword = Callable[[PlainCheck, Any, Any, int], bool]
_KEYWORDS: dict[str, _Keyword] = {
    "type": PlainCheck._type,
    "enum": PlainCheck._enum,
    "format": PlainCheck._format,
    "properties": PlainCheck._properties,
    "required": PlainCheck._required,
    "items": PlainCheck._items,
    "allOf": PlainCheck._all_of,
    "anyOf": PlainCheck._any_of,
    "minLength": PlainCheck._min_length,
    "maxLength": PlainCheck._max_length,
    "minItems": PlainCheck._min_items,
    "maxItems": PlainCheck._max_items,
    "minProperties": PlainCheck._min_properties,
    "maxProperties": PlainCheck._max_properties,
    "minimum": PlainCheck._minimum,
    "maximum": PlainCheck._maximum,
}
