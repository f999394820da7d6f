"""OpenAPI schemas as self-contained JSON Schemas, for validating examples.

OpenAPI 3.0 and Swagger 2.0 schemas are not quite JSON Schema; the conversion adds ``null`` for
``nullable``, checks ``oneOf`` as ``anyOf``, drops ``readOnly``/``writeOnly`` properties from
``required`` and (optionally) relaxes ``additionalProperties: false``. A schema and the local
``$ref`` targets it reaches are copied into one bundle; refs to other files are not followed.

``additionalProperties: false`` is read the way ``allOf`` compositions are written: a closed
schema that is a branch of an ``allOf`` (directly or through a ``$ref``) is converted open,
under ``/speclint-open`` in the bundle, and the ``allOf`` as a whole is closed over the union
of the properties its branches declare. So ``allOf: [{$ref: Pet}, {properties: {bark: ...}}]``
with a closed ``Pet`` accepts ``bark`` and still refuses a property no branch declares.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote

from speclint.rules.openapi.formats import VALIDATOR_FORMATS
from speclint.rules.openapi.plain_valid import PlainCheck, plainly_valid_raw
from speclint.rules.openapi.raw import value_at
from speclint.sources.pointers import escape_token, unescape_token

_DROP = frozenset(
    {
        "discriminator",
        "xml",
        "externalDocs",
        "example",
        "examples",
        "nullable",
        "x-nullable",
        "deprecated",
        "description",
        "title",
    }
)


_OPEN = "/speclint-open"  # where the open variant of a schema lives in a bundle
_NAMED_POINTER = re.compile(r"(?:/speclint-open)?/(?:components/schemas|definitions)/[^/]+")
_MAX_DEPTH = 64
_TARGETS = "speclint-targets"
_UNSAID = object()  # no additionalProperties (nor unevaluatedProperties) keyword


class _Skip(Exception):
    """The schema cannot be checked on its own (a ref to another file, a broken ref)."""


class SchemaBundler:
    def __init__(self, ws: Any, format_version: str, relax_additional: bool, close_undeclared: bool = False) -> None:
        self.ws = ws
        self.modern = format_version.startswith("3.1")
        self.relax = relax_additional
        # an object schema that declares properties and says nothing of others allows no others
        self.close_undeclared = close_undeclared and not relax_additional
        self._converted: dict[tuple[str, str], tuple[Any, frozenset[str]]] = {}
        self._validators: dict[tuple[str, str], Any] = {}
        self._by_text: dict[bytes, Any] = {}
        self._named: dict[tuple[str, str], bool] = {}

    def errors(self, schema: Any, instance: Any) -> list[tuple[list[str | int], str]]:
        """Each place in ``instance`` that breaks ``schema`` (the path to it, and why), at most
        one message per place; nothing when the schema cannot be checked on its own."""
        if plainly_valid_raw(schema.value, instance):
            return []
        key = (str(schema.document.path), schema.pointer)
        validator = self._validators.get(key, False)
        if validator is False:
            if self._plainly_valid(schema, instance):
                return []  # no validator needed (yet) for this schema
            validator = self._validators[key] = self._build(schema)
        if validator is None:
            return []
        found: dict[tuple[str | int, ...], str] = {}
        try:
            for error in validator.iter_errors(instance):
                path = tuple(error.instance_path)
                kind = error.kind
                if type(kind).__name__ == "AdditionalProperties":
                    for name in kind.unexpected:
                        found.setdefault((*path, name), self._undeclared(name))
                else:
                    found.setdefault(path, str(error.message))
        except ValueError:  # a value JSON has no place for (a date, a non-string key): not checked
            return []
        return [(list(path), message) for path, message in found.items()]

    def _plainly_valid(self, schema: Any, instance: Any) -> bool:
        """Whether ``instance`` certainly matches ``schema`` (see :mod:`plain_valid`).

        Only for a schema whose whole ``$ref`` closure is named schemas of its own document
        (``#/components/schemas/X``), so that the bundle a validator would get holds exactly
        the converted targets this check follows.
        """
        document = schema.document
        try:
            converted, refs = self._convert_at(document, schema.pointer, schema.value)
        except _Skip:
            return False
        if refs and not self._named_closure(document, refs):
            return False

        def resolve(ref: str) -> Any:
            pointer = _target_of(ref)
            try:
                return self._convert_at(document, pointer, self._resolve(document, pointer))[0]
            except _Skip:
                return None

        return PlainCheck(resolve).valid(converted, instance)

    def _named_closure(self, document: Any, refs: frozenset[str]) -> bool:
        """Whether every reference reachable from ``refs`` names a schema of ``document``."""
        path = str(document.path)
        pending, done = list(refs), set()
        while pending:
            pointer = pending.pop()
            if pointer in done:
                continue
            known = self._named.get((path, pointer))
            if known is False:
                return False
            done.add(pointer)
            if known:
                continue  # its whole closure was found to be named before
            if not _NAMED_POINTER.fullmatch(pointer):
                self._named[(path, pointer)] = False
                return False
            try:
                _, more = self._convert_at(document, pointer, self._resolve(document, pointer))
            except _Skip:
                self._named[(path, pointer)] = False
                return False
            pending.extend(more - done)
        for pointer in done:
            self._named[(path, pointer)] = True
        return True

    def _build(self, schema: Any) -> Any:

        try:
            converted, refs = self._convert_at(schema.document, schema.pointer, schema.value)
            # Schemas repeat a lot ({type: string}, {$ref: '#/components/schemas/user'}): the same
            # converted schema in the same document has the same ref closure, so compile it once.
            import orjson

            text = str(schema.document.path).encode() + b"\0" + orjson.dumps(converted, option=orjson.OPT_SORT_KEYS)
            if text in self._by_text:
                return self._by_text[text]
            if not refs:
                self._by_text[text] = self._validator(converted)
                return self._by_text[text]
            targets: dict[str, Any] = {}
            bundle: dict[str, Any] = {"allOf": [converted], _TARGETS: targets}
            pending, done = list(refs), set()
            while pending:
                pointer = pending.pop()
                if pointer in done:
                    continue
                done.add(pointer)
                value = self._resolve(schema.document, pointer)
                target, more = self._convert_at(schema.document, pointer, value)
                targets[escape_token(pointer)] = target
                pending.extend(more - done)
            self._by_text[text] = self._validator(bundle)
            return self._by_text[text]
        except _Skip:
            return None
        except (ValueError, TypeError):
            # jsonschema-rs refuses a schema that is not valid JSON Schema (ValidationError, a
            # ValueError), and orjson one with non-string keys (TypeError): invalid-structure
            # reports the schema; its examples cannot be checked against it.
            return None

    def _undeclared(self, name: str) -> str:
        if self.close_undeclared:
            return f"property {name!r} is not declared by the schema"
        return f"property {name!r} is not allowed by the schema (additionalProperties: false)"

    def _validator(self, schema: Any) -> Any:
        import jsonschema_rs

        cls = jsonschema_rs.Draft202012Validator if self.modern else jsonschema_rs.Draft4Validator
        return cls(schema, validate_formats=True, formats=VALIDATOR_FORMATS)

    def _resolve(self, document: Any, pointer: str) -> Any:
        value = value_at(document.root, pointer.removeprefix(_OPEN), _Skip)
        if value is _Skip:
            raise _Skip
        return value

    def _convert_at(self, document: Any, pointer: str, value: Any) -> tuple[Any, frozenset[str]]:
        """The converted schema at ``pointer`` (its open variant under ``/speclint-open``)."""
        key = (str(document.path), pointer)
        cached = self._converted.get(key)
        if cached is None:
            refs: set[str] = set()
            converted = self._convert(document, value, refs, 0, pointer.startswith(_OPEN))
            cached = self._converted[key] = (converted, frozenset(refs))
        return cached

    def _convert(self, document: Any, value: Any, refs: set[str], depth: int, open_: bool = False) -> Any:
        """``value`` as JSON Schema; ``open_`` for a branch of an ``allOf``, whose parent decides
        about extra properties."""
        if depth > _MAX_DEPTH:
            raise _Skip
        if isinstance(value, list):
            return [self._convert(document, v, refs, depth + 1) for v in value]
        if not isinstance(value, dict):
            return value
        ref = value.get("$ref")
        if isinstance(ref, str):
            if not ref.startswith("#"):
                raise _Skip
            pointer = _local_pointer(ref)
            target = _OPEN + pointer if open_ and not self.relax else pointer
            refs.add(target)
            return {"$ref": _ref_to(target)}
        result: dict[str, Any] = {}
        for key, item in value.items():
            if key in _DROP or (isinstance(key, str) and key.startswith("x-")):
                continue
            if key == "properties" and isinstance(item, dict):
                result[key] = {k: self._convert(document, v, refs, depth + 1) for k, v in item.items()}
            elif key == "oneOf":
                result["anyOf"] = self._convert(document, item, refs, depth + 1)
            elif key == "allOf" and isinstance(item, list):
                result[key] = [self._convert(document, v, refs, depth + 1, True) for v in item]
            elif key in ("additionalProperties", "unevaluatedProperties") and item is False:
                continue  # decided below
            elif key in ("enum", "const", "default", "required", "type", "pattern", "format"):
                result[key] = item
            else:
                result[key] = self._convert(document, item, refs, depth + 1)
        may_close = "allOf" in value or _says_closed(value) or (self.close_undeclared and "properties" in value)
        if not self.relax and not open_ and may_close:
            names = self._closed_names(document, value, 0)
            if names is not None:
                result["properties"] = {**{name: {} for name in names}, **result.get("properties", {})}
                result["additionalProperties"] = False
        required = result.get("required")
        props = value.get("properties")
        if isinstance(required, list) and isinstance(props, dict):
            hidden = {k for k, v in props.items() if isinstance(v, dict) and (v.get("readOnly") or v.get("writeOnly"))}
            result["required"] = [r for r in required if r not in hidden]
            if not result["required"] and not self.modern:
                del result["required"]
        if value.get("nullable") is True or value.get("x-nullable") is True:
            result = _nullable(result)
        return result

    def _closed_names(self, document: Any, value: dict[str, Any], depth: int) -> set[str] | None:
        """The property names a closed schema allows: its own and its ``allOf`` branches'
        (through local refs), when it or one of those branches says ``additionalProperties:
        false`` and none allows extra properties another way; None when it is open."""
        closed, names = self._closure(document, value, depth)
        return names if closed is True else None

    def _closure(self, document: Any, value: Any, depth: int) -> tuple[bool | None, set[str]]:
        """(closed: True, open: False, open-ended — extra properties allowed by a schema or
        a pattern, or not known: None; the property names declared)."""
        if depth > _MAX_DEPTH or not isinstance(value, dict):
            return None, set()
        ref = value.get("$ref")
        if isinstance(ref, str):
            if not ref.startswith("#"):
                return None, set()
            try:
                return self._closure(document, self._resolve(document, _local_pointer(ref)), depth + 1)
            except _Skip:
                return None, set()
        additional = value.get("unevaluatedProperties", value.get("additionalProperties", _UNSAID))
        if additional is _UNSAID:
            additional = not (self.close_undeclared and isinstance(value.get("properties"), dict))
        if (additional is not False and additional is not True) or "patternProperties" in value:
            return None, set()
        closed: bool | None = additional is False
        props = value.get("properties")
        names = set(props) if isinstance(props, dict) else set()
        for key in ("anyOf", "oneOf"):
            for branch in value.get(key) or ():
                _, more = self._closure(document, branch, depth + 1)
                names |= more
        branches = value.get("allOf")
        for branch in branches if isinstance(branches, list) else ():
            sub, more = self._closure(document, branch, depth + 1)
            names |= more
            if sub is None:
                closed = None
            elif sub and closed is not None:
                closed = True
        return closed, names


def _says_closed(value: dict[str, Any]) -> bool:
    return value.get("additionalProperties") is False or value.get("unevaluatedProperties") is False


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    kind = schema.get("type")
    if isinstance(kind, str):
        schema = {**schema, "type": [kind, "null"]}
        if isinstance(schema.get("enum"), list) and None not in schema["enum"]:
            schema["enum"] = [*schema["enum"], None]
        return schema
    if isinstance(kind, list):
        return {**schema, "type": [*kind, "null"]} if "null" not in kind else schema
    return {"anyOf": [schema, {"type": "null"}]}


def _local_pointer(ref: str) -> str:
    """The JSON pointer of a local ``$ref`` (``#/paths/~1a~1%7Bid%7D``: URI-escaped, as a
    fragment may be)."""
    return unquote(ref[1:]) if "%" in ref else ref[1:]


def _ref_to(pointer: str) -> str:
    """The reference to the converted schema at ``pointer``, which a bundle keeps under
    ``speclint-targets`` (targets can lie inside one another: a flat map keeps them apart),
    percent-encoded as a URI fragment must be."""
    return f"#/{_TARGETS}/{quote(escape_token(escape_token(pointer)), safe='~')}"


def _target_of(ref: str) -> str:
    """The pointer that :func:`_ref_to` made ``ref`` from (``ref`` without its leading ``#``)."""
    return unescape_token(unescape_token(unquote(ref.removeprefix(f"/{_TARGETS}/"))))
