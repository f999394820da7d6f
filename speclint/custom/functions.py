"""Spectral's core functions, in Python, with Spectral's input checks and messages.

Each function takes the target value, the ``functionOptions`` and a :class:`FunctionContext`,
and returns results: a message (with Spectral's ``#{{print(...)}}`` placeholders already
filled) and, when it is not the target itself, the path of the offending node.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable

from speclint.custom.expr import UNDEFINED, js_truthy
from speclint.custom.jsonpath import Cursor, PathKey
from speclint.custom.patterns import pattern_search


@dataclass(frozen=True)
class Result:
    message: str
    path: tuple[PathKey, ...] | None = None  # absolute; None means the target's path


@dataclass
class FunctionContext:
    """What a function may read besides its target."""

    path: tuple[PathKey, ...]  # the target's path
    given: Cursor
    tree: Any  # a DocumentTree
    raw_tree: Any  # the same document, unresolved
    spec_format: str  # oas2, oas3_0, oas3_1
    rule_id: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def property(self) -> PathKey | None:
        return self.path[-1] if self.path else None


Function = Callable[[Any, Any, FunctionContext], Iterable[Result]]
FUNCTIONS: dict[str, Function] = {}
INPUT_TYPES: dict[str, tuple[str, ...]] = {}


class OptionsError(ValueError):
    """``functionOptions`` a function cannot use."""


def function(name: str, input_types: tuple[str, ...] = ()) -> Callable[[Function], Function]:
    """Register a Spectral function; ``input_types`` (JSON types) gate the input, as Spectral does."""

    def decorate(fn: Function) -> Function:
        FUNCTIONS[name] = fn
        INPUT_TYPES[name] = input_types
        return fn

    return decorate


def json_type(value: Any) -> str:
    if value is UNDEFINED:
        return "undefined"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def accepts(name: str, value: Any) -> bool:
    types = INPUT_TYPES.get(name) or ()
    if not types:
        return True
    kind = json_type(value)
    return kind in types or (kind == "integer" and "number" in types)


def print_value(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is UNDEFINED:
        return "undefined"
    if isinstance(value, (dict, list)):
        return "Object{}" if isinstance(value, dict) else "Array[]"
    return json.dumps(value)


def prop(ctx: FunctionContext) -> str:
    """Spectral's ``#{{print("property")}}``: ``"name" property `` or nothing."""
    key = ctx.property
    return f'"{key}" property ' if key is not None and key != "" else ""


# -- presence ----------------------------------------------------------------------------------


@function("truthy")
def truthy(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    if not js_truthy(value):
        yield Result(f"{prop(ctx)}must be truthy")


@function("falsy")
def falsy(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    if js_truthy(value):
        yield Result(f"{prop(ctx)}must be falsy")


@function("defined")
def defined(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    if value is UNDEFINED:
        yield Result(f"{prop(ctx)}must be defined")


@function("undefined")
def undefined(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    if value is not UNDEFINED:
        yield Result(f"{prop(ctx)}must be undefined")


# -- text --------------------------------------------------------------------------------------


@function("pattern", ("string",))
def pattern(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    options = options or {}
    if "match" not in options and "notMatch" not in options:
        raise OptionsError('"pattern" function needs "match" or "notMatch"')
    if "match" in options and pattern_search(str(options["match"]), value, ctx.rule_id) is False:
        yield Result(f'"{value}" must match the pattern "{options["match"]}"')
    if "notMatch" in options and pattern_search(str(options["notMatch"]), value, ctx.rule_id):
        yield Result(f'"{value}" must not match the pattern "{options["notMatch"]}"')


_CASES = {
    "flat": "[a-z][a-z{D}]*",
    "camel": "[a-z][a-z{D}]*(?:[A-Z{D}](?:[a-z{D}]+|$))*",
    "pascal": "[A-Z][a-z{D}]*(?:[A-Z{D}](?:[a-z{D}]+|$))*",
    "kebab": "[a-z][a-z{D}]*(?:-[a-z{D}]+)*",
    "cobol": "[A-Z][A-Z{D}]*(?:-[A-Z{D}]+)*",
    "snake": "[a-z][a-z{D}]*(?:_[a-z{D}]+)*",
    "macro": "[A-Z][A-Z{D}]*(?:_[A-Z{D}]+)*",
}


@lru_cache(maxsize=128)
def casing_regex(kind: str, disallow_digits: bool, char: str | None, leading: bool) -> re.Pattern[str]:
    if kind not in _CASES:
        raise OptionsError(f'"casing" type must be one of {", ".join(_CASES)}')
    body = _CASES[kind].replace("{D}", "" if disallow_digits else "0-9")
    if char is None:
        return re.compile(f"^{body}$")
    sep = f"[{re.escape(char)}]"
    return re.compile(f"^{sep + '?' if leading else ''}{body}(?:{sep}{body})*$")


@function("casing", ("string",))
def casing(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    options = options or {}
    kind = options.get("type")
    separator = options.get("separator") or {}
    char = separator.get("char")
    leading = bool(separator.get("allowLeading"))
    if value == "" or (char is not None and leading and value == char):
        return
    regex = casing_regex(str(kind), bool(options.get("disallowDigits")), char, leading)
    if not regex.match(value):
        yield Result(f"{prop(ctx)}must be {kind} case")


@function("enumeration", ("string", "number", "null", "boolean"))
def enumeration(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    values = (options or {}).get("values")
    if not isinstance(values, list):
        raise OptionsError('"enumeration" function needs "values"')
    if not any(_same(value, v) for v in values):
        allowed = ", ".join(print_value(v) for v in values)
        yield Result(f"{print_value(value)} must be equal to one of the allowed values: {allowed}")


def _same(a: Any, b: Any) -> bool:
    return (type(a) is type(b) and a == b) or (
        isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and a == b
    )


@function("length", ("array", "object", "string", "number"))
def length(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    options = options or {}
    if "min" not in options and "max" not in options:
        raise OptionsError('"length" function needs "min" or "max"')
    size = value if isinstance(value, (int, float)) else len(value)
    if "min" in options and size < options["min"]:
        yield Result(f"{prop(ctx)}must be longer than {options['min']}")
    if "max" in options and size > options["max"]:
        yield Result(f"{prop(ctx)}must be shorter than {options['max']}")


def _js_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(value) if isinstance(value, str) and value.strip() else None
    except ValueError:
        return None


def _compare(a: Any, b: Any) -> float:
    na, nb = _js_number(a), _js_number(b)
    if (isinstance(a, (int, float)) or na is None) and nb is not None and na is not None:
        return max(-1.0, min(1.0, na - nb))
    if not isinstance(a, str) or not isinstance(b, str):
        return 0
    ka, kb = _locale_key(a), _locale_key(b)
    return (ka > kb) - (ka < kb)


def _locale_key(text: str) -> tuple[str, str]:
    """An approximation of ICU's root collation: case-insensitive first, lower case first."""
    letters = re.sub(r"[^0-9A-Za-z]", "", text)
    return (letters.casefold() or text.casefold(), text.swapcase())


@function("alphabetical", ("object", "array"))
def alphabetical(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    items: list[Any] = list(value) if isinstance(value, list) else list(value.keys())
    if len(items) < 2:
        return
    keyed_by = (options or {}).get("keyedBy")
    if keyed_by is not None:
        if not all(isinstance(item, dict) for item in items):
            yield Result(f"{prop(ctx)}must be an object")
            return
        items = [item.get(keyed_by) for item in items]
    if not all(isinstance(item, (str, int, float)) and not isinstance(item, bool) for item in items):
        yield Result(f"{prop(ctx)}must be one of the allowed types: number, string")
        return
    for index in range(len(items) - 1):
        if _compare(items[index], items[index + 1]) >= 1:
            if keyed_by is not None:
                yield Result("properties must follow the alphabetical order")
            else:
                key = index if isinstance(value, list) else items[index]
                message = f"{print_value(items[index])} must be placed after {print_value(items[index + 1])}"
                yield Result(message, (*ctx.path, key))
            return


@function("xor", ("object",))
def xor(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    names = list((options or {}).get("properties") or [])
    present = [name for name in names if name in value]
    listed = " and ".join(f'"{n}"' for n in names) if len(names) == 2 else ", ".join(f'"{n}"' for n in names)
    if not present:
        yield Result(
            f"{listed} must not be both undefined" if len(names) == 2 else f"At least one of {listed} must be defined"
        )
    elif len(present) > 1:
        yield Result(
            f"{listed} must not be both defined" if len(names) == 2 else f"Just one of {listed} must be defined"
        )


@function("or", ("object",))
def or_(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    names = list((options or {}).get("properties") or [])
    if not any(name in value for name in names):
        yield Result(f"At least one of {', '.join(repr(n) for n in names)} must be defined")


# -- schemas -----------------------------------------------------------------------------------


def _to_json(value: Any) -> Any:
    return None if value is UNDEFINED else value


@lru_cache(maxsize=256)
def _validator(schema_json: str, dialect: str) -> Any:
    import jsonschema_rs

    schema = json.loads(schema_json)
    draft = {
        "draft4": jsonschema_rs.Draft4Validator,
        "draft6": jsonschema_rs.Draft6Validator,
        "draft7": jsonschema_rs.Draft7Validator,
        "draft2019-09": jsonschema_rs.Draft201909Validator,
        "draft2020-12": jsonschema_rs.Draft202012Validator,
    }.get(dialect)
    if draft is None:
        return jsonschema_rs.validator_for(schema)
    return draft(schema)


def schema_errors(
    value: Any, schema: Any, dialect: str = "auto", all_errors: bool = False
) -> list[tuple[str, tuple[PathKey, ...]]]:
    """(message, path inside ``value``) for each failure; only the first unless ``all_errors``."""
    validator = _validator(json.dumps(schema, sort_keys=True, default=str), dialect)
    errors = []
    for error in validator.iter_errors(_to_json(value)):
        errors.append((str(error.message), tuple(error.instance_path)))
        if not all_errors:
            break
    return errors


@function("schema")
def schema(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    options = options or {}
    if "schema" not in options:
        raise OptionsError('"schema" function needs "schema"')
    if value is UNDEFINED:
        yield Result(f"{prop(ctx)}must exist")
        return
    for message, inner in schema_errors(
        value, options["schema"], str(options.get("dialect", "auto")), bool(options.get("allErrors"))
    ):
        path = (*ctx.path, *inner)
        key = path[-1] if path else None
        label = f'"{key}" property ' if key is not None else ""
        yield Result(f"{label}{message}", path)


@function("typedEnum", ("object",))
def typed_enum(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    values = value.get("enum")
    declared = value.get("type")
    if not isinstance(values, list) or declared is None:
        return
    types = [declared] if isinstance(declared, str) else list(declared) if isinstance(declared, list) else []
    if ctx.spec_format == "oas3_0" and value.get("nullable") is True and "null" not in types:
        types.append("null")
    for index, item in enumerate(values):
        kind = json_type(item)
        if kind in types or (kind == "integer" and "number" in types):
            continue
        if kind == "number" and "integer" in types and float(item).is_integer():
            continue
        shown = declared if isinstance(declared, str) else ",".join(types)
        yield Result(f'Enum value {print_value(item)} must be "{shown}".', (*ctx.path, "enum", index))


# -- references ----------------------------------------------------------------------------------


def local_refs(root: Any) -> set[str]:
    """Every ``$ref`` string of a document (its fragment for local references)."""
    refs: set[str] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if type(node) is dict:
            ref = node.get("$ref")
            if isinstance(ref, str):
                refs.add(ref)
            stack.extend(v for v in node.values() if type(v) is dict or type(v) is list)
        elif type(node) is list:
            stack.extend(v for v in node if type(v) is dict or type(v) is list)
    return refs


def referenced_pointers(ctx: FunctionContext) -> set[str]:
    """Pointers (``#/a/b``) that any ``$ref`` of the document points to, cached per run."""
    cached = ctx.extra.get("refs")
    if cached is None:
        from urllib.parse import unquote

        cached = set()
        for ref in local_refs(ctx.raw_tree.root().value):
            fragment = ref.split("#", 1)[1] if "#" in ref else ""
            if ref.startswith("#") or not ref.split("#", 1)[0]:
                cached.add("#" + unquote(fragment))
        ctx.extra["refs"] = cached
    result: set[str] = cached
    return result


@function("unreferencedReusableObject", ("object",))
def unreferenced_reusable_object(value: Any, options: Any, ctx: FunctionContext) -> Iterable[Result]:
    location = str((options or {}).get("reusableObjectsLocation") or "")
    if not location.startswith("#"):
        raise OptionsError('"unreferencedReusableObject" needs "reusableObjectsLocation" as a local pointer')
    used = referenced_pointers(ctx)
    for key in value:
        pointer = f"{location}/{str(key).replace('~', '~0').replace('/', '~1')}"
        if pointer not in used:
            yield Result("Potentially orphaned object has been detected", (*ctx.path, key))


from speclint.custom import oas_functions as _oas_functions  # noqa: E402,F401  (registers spectral:oas functions)
