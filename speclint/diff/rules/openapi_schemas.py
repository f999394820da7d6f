"""JSON Schema changes, judged by the direction data flows in.

A schema in a request is read by the server: narrowing it (a new required property, a removed
enum value, a lower ``maxLength``, a stricter type) breaks clients that send what was valid.
A schema in a response is read by clients: widening it (a removed or no longer required
property, a new enum value, a looser type) breaks clients that relied on what was promised.

``$ref`` chains are followed on both sides; each pair of schema nodes is compared once per
direction, which keeps shared components cheap and ends recursive schemas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from speclint.diff.change import Level
from speclint.diff.context import DiffContext
from speclint.diff.registry import ChangeRule, change_rule
from speclint.loaders.openapi.refs import Node, Workspace
from speclint.model import SpecFormat
from speclint.sources.pointers import unescape_token

REQUEST, RESPONSE = "request", "response"
_OPENAPI = [SpecFormat.OPENAPI]
_MAX_ALLOF_DEPTH = 8


def _rule(id: str, level: Level, summary: str) -> ChangeRule:
    return change_rule(id, level, summary, _OPENAPI)


B, P, N = Level.BREAKING, Level.POTENTIALLY_BREAKING, Level.NON_BREAKING
REQUEST_TYPE_CHANGED = _rule("request-type-changed", B, "A request value no longer accepts a type it accepted.")
REQUEST_TYPE_WIDENED = _rule("request-type-widened", N, "A request value accepts more types.")
RESPONSE_TYPE_CHANGED = _rule("response-type-changed", B, "A response value may now have a type it did not have.")
RESPONSE_TYPE_NARROWED = _rule("response-type-narrowed", N, "A response value has fewer possible types.")
REQUEST_ENUM_VALUE_REMOVED = _rule("request-enum-value-removed", B, "A request enum lost a value clients may send.")
REQUEST_ENUM_VALUE_ADDED = _rule("request-enum-value-added", N, "A request enum accepts a new value.")
RESPONSE_ENUM_VALUE_ADDED = _rule(
    "response-enum-value-added", P, "A response enum has a new value that clients may not handle."
)
RESPONSE_ENUM_VALUE_REMOVED = _rule("response-enum-value-removed", N, "A response enum lost a value.")
REQUEST_NARROWED = _rule(
    "request-constraint-narrowed", B, "A request value is constrained more (maxLength lowered, minimum raised...)."
)
REQUEST_WIDENED = _rule("request-constraint-widened", N, "A request value is constrained less.")
RESPONSE_WIDENED = _rule(
    "response-constraint-widened", P, "A response value may now fall outside what was promised."
)
RESPONSE_NARROWED = _rule("response-constraint-narrowed", N, "A response value is constrained more.")
REQUEST_PATTERN_CHANGED = _rule("request-pattern-changed", P, "A request value must match a new pattern.")
FORMAT_CHANGED = _rule("format-changed", P, "A value's format changed (date-time to date, int32 to int64...).")
REQUEST_PROPERTY_ADDED_REQUIRED = _rule(
    "request-property-added-required", B, "A request schema has a new required property."
)
REQUEST_PROPERTY_ADDED = _rule("request-property-added", N, "A request schema has a new optional property.")
REQUEST_PROPERTY_REMOVED = _rule(
    "request-property-removed", P, "A request property was removed; servers may reject or ignore it."
)
REQUEST_PROPERTY_REQUIRED = _rule(
    "request-property-became-required", B, "A request property that was optional is now required."
)
REQUEST_PROPERTY_OPTIONAL = _rule(
    "request-property-became-optional", N, "A request property that was required is now optional."
)
RESPONSE_PROPERTY_REMOVED = _rule("response-property-removed", B, "A response property was removed.")
RESPONSE_PROPERTY_ADDED = _rule("response-property-added", N, "A response schema has a new property.")
RESPONSE_PROPERTY_OPTIONAL = _rule(
    "response-property-became-optional", B, "A response property is no longer required: it may be missing."
)
RESPONSE_PROPERTY_REQUIRED = _rule(
    "response-property-became-required", N, "A response property is now always present."
)
REQUEST_VARIANT_REMOVED = _rule("request-variant-removed", B, "A oneOf/anyOf choice of a request was removed.")
REQUEST_VARIANT_ADDED = _rule("request-variant-added", N, "A request oneOf/anyOf has a new choice.")
RESPONSE_VARIANT_ADDED = _rule(
    "response-variant-added", P, "A response oneOf/anyOf has a new choice clients may not handle."
)
RESPONSE_VARIANT_REMOVED = _rule("response-variant-removed", N, "A oneOf/anyOf choice of a response was removed.")

# keyword: True when it is an upper bound (lowering it narrows), False for a lower bound.
_BOUNDS = {
    "maxLength": True,
    "maximum": True,
    "exclusiveMaximum": True,
    "maxItems": True,
    "maxProperties": True,
    "minLength": False,
    "minimum": False,
    "exclusiveMinimum": False,
    "minItems": False,
    "minProperties": False,
}


@dataclass
class _View:
    """A schema with its ``allOf`` parts merged: what a value must satisfy, and where it is said."""

    node: Node
    parts: list[Node] = field(default_factory=list)  # the schema itself first, then allOf parts
    properties: dict[str, Node] = field(default_factory=dict)
    required: dict[str, Node] = field(default_factory=dict)  # name -> its entry in a required list

    def keyword(self, key: str) -> Node | None:
        for part in self.parts:
            child = part.child(key)
            if child is not None:
                return child
        return None


class SchemaComparer:
    """Compares JSON schemas of two OpenAPI workspaces and reports through a context."""

    def __init__(self, ctx: DiffContext) -> None:
        self.ctx = ctx
        self.old_ws: Workspace = ctx.old.document
        self.new_ws: Workspace = ctx.new.document
        self._done: set[tuple[str, str, str, str, str]] = set()

    @classmethod
    def of(cls, ctx: DiffContext) -> SchemaComparer:
        comparer = ctx.cache.get("openapi-schemas")
        if comparer is None:
            comparer = ctx.cache["openapi-schemas"] = cls(ctx)
        assert isinstance(comparer, SchemaComparer)
        return comparer

    def compare(self, old_at: Node, new_at: Node, direction: str, label: str) -> None:
        old, new = self.old_ws.deref(old_at), self.new_ws.deref(new_at)
        if not isinstance(old.value, dict) or not isinstance(new.value, dict):
            return
        key = (str(old.document.path), old.pointer, str(new.document.path), new.pointer, direction)
        if key in self._done:
            return
        self._done.add(key)
        if old.value == new.value and not _has_ref(old.value):
            return
        old_name, new_name = _component_name(old_at), _component_name(new_at)
        if new_name is not None and old_name == new_name:
            label = new_name  # a shared component: name it, whichever way it was reached
        old_view, new_view = self._view(self.old_ws, old), self._view(self.new_ws, new)
        self._types(old_view, new_view, direction, label)
        self._enums(old_view, new_view, direction, label)
        self._bounds(old_view, new_view, direction, label)
        self._strings(old_view, new_view, direction, label)
        self._properties(old_view, new_view, direction, label)
        self._children(old_view, new_view, direction, label)
        self._variants(old_view, new_view, direction, label)

    # -- building views ----------------------------------------------------------------------
    def _view(self, ws: Workspace, node: Node) -> _View:
        view = _View(node)
        self._collect(ws, node, view, 0)
        return view

    def _collect(self, ws: Workspace, node: Node, view: _View, depth: int) -> None:
        view.parts.append(node)
        properties = node.child("properties")
        for name, prop in properties.items() if properties is not None else ():
            view.properties.setdefault(name, prop)
        required = node.child("required")
        for entry in required.elements() if required is not None else ():
            if isinstance(entry.value, str):
                view.required.setdefault(entry.value, entry)
        all_of = node.child("allOf")
        if all_of is None or depth >= _MAX_ALLOF_DEPTH:
            return
        for part in all_of.elements():
            target = ws.deref(part)
            if isinstance(target.value, dict):
                self._collect(ws, target, view, depth + 1)

    # -- one family of keywords each -----------------------------------------------------------
    def _types(self, old: _View, new: _View, direction: str, label: str) -> None:
        old_types, new_types = _types(old), _types(new)
        if old_types == new_types:
            return
        where_old = old.keyword("type") or old.node
        where_new = new.keyword("type") or new.node
        text = f"type of {label} changed from {_show(old_types)} to {_show(new_types)}"
        if direction == REQUEST:
            narrowed = new_types is not None and (old_types is None or not _covers(new_types, old_types))
            rule = REQUEST_TYPE_CHANGED if narrowed else REQUEST_TYPE_WIDENED
            if narrowed and old_types is not None and new_types is not None and old_types - {"null"} == new_types:
                text = f"{label} no longer accepts null in requests"
        else:
            widened = old_types is not None and (new_types is None or not _covers(old_types, new_types))
            rule = RESPONSE_TYPE_CHANGED if widened else RESPONSE_TYPE_NARROWED
            if widened and old_types is not None and new_types is not None and new_types - {"null"} == old_types:
                text = f"{label} may now be null in responses"
        self.ctx.report(rule, text, where_old.location, where_new.location)

    def _enums(self, old: _View, new: _View, direction: str, label: str) -> None:
        old_enum, new_enum = old.keyword("enum"), new.keyword("enum")
        if old_enum is None and new_enum is None:
            return
        if old_enum is None or new_enum is None:
            narrowed = old_enum is None
            text = f"{label} is {'now' if narrowed else 'no longer'} limited to a list of values"
            where = (old_enum or old.node).location, (new_enum or new.node).location
            self.ctx.report(_constraint_rule(direction, narrowed), text, *where)
            return
        old_values = {_hashable(e.value): e for e in old_enum.elements()}
        new_values = {_hashable(e.value): e for e in new_enum.elements()}
        for value, element in old_values.items():
            if value not in new_values:
                rule = REQUEST_ENUM_VALUE_REMOVED if direction == REQUEST else RESPONSE_ENUM_VALUE_REMOVED
                text = f"enum value {_literal(element.value)} was removed from {label} ({direction}s)"
                self.ctx.report(rule, text, element.location, None, anchor=new_enum.location)
        for value, element in new_values.items():
            if value not in old_values:
                rule = REQUEST_ENUM_VALUE_ADDED if direction == REQUEST else RESPONSE_ENUM_VALUE_ADDED
                text = f"enum value {_literal(element.value)} was added to {label} ({direction}s)"
                self.ctx.report(rule, text, None, element.location)

    def _bounds(self, old: _View, new: _View, direction: str, label: str) -> None:
        for keyword, upper in _BOUNDS.items():
            old_node, new_node = old.keyword(keyword), new.keyword(keyword)
            old_value = _number(old_node)
            new_value = _number(new_node)
            if old_value == new_value:
                continue
            if old_value is None:
                narrowed = True
            elif new_value is None:
                narrowed = False
            else:
                narrowed = new_value < old_value if upper else new_value > old_value
            text = f"{keyword} of {label} changed from {_bound(old_value)} to {_bound(new_value)}"
            where = (old_node or old.node).location, (new_node or new.node).location
            self.ctx.report(_constraint_rule(direction, narrowed), text, *where)

    def _strings(self, old: _View, new: _View, direction: str, label: str) -> None:
        old_pattern, new_pattern = old.keyword("pattern"), new.keyword("pattern")
        if direction == REQUEST and new_pattern is not None and (
            old_pattern is None or old_pattern.value != new_pattern.value
        ):
            before = "none" if old_pattern is None else repr(old_pattern.value)
            text = f"pattern of {label} changed from {before} to {new_pattern.value!r}"
            self.ctx.report(REQUEST_PATTERN_CHANGED, text, (old_pattern or old.node).location, new_pattern.location)
        old_format, new_format = old.keyword("format"), new.keyword("format")
        if old_format is not None and new_format is not None and old_format.value != new_format.value:
            text = f"format of {label} changed from {old_format.value!r} to {new_format.value!r}"
            self.ctx.report(FORMAT_CHANGED, text, old_format.location, new_format.location)

    def _properties(self, old: _View, new: _View, direction: str, label: str) -> None:
        skip = "readOnly" if direction == REQUEST else "writeOnly"
        report = self.ctx.report
        for name, old_prop in old.properties.items():
            if _flag(self.old_ws, old_prop, skip):
                continue
            new_prop = new.properties.get(name)
            where = f"'{name}' of {label}"
            if new_prop is None:
                anchor = (new.keyword("properties") or new.node).location
                rule = REQUEST_PROPERTY_REMOVED if direction == REQUEST else RESPONSE_PROPERTY_REMOVED
                report(rule, f"{direction} property {where} was removed", old_prop.location, None, anchor)
                continue
            was, now = name in old.required, name in new.required
            if was != now:
                new_at = (new.required.get(name) or new_prop).location
                old_at = (old.required.get(name) or old_prop).location
                if direction == REQUEST:
                    rule = REQUEST_PROPERTY_REQUIRED if now else REQUEST_PROPERTY_OPTIONAL
                else:
                    rule = RESPONSE_PROPERTY_REQUIRED if now else RESPONSE_PROPERTY_OPTIONAL
                state = "required" if now else "optional"
                report(rule, f"{direction} property {where} became {state}", old_at, new_at)
            if not _flag(self.new_ws, new_prop, skip):
                self.compare(old_prop, new_prop, direction, f"{label}.{name}")
        for name, new_prop in new.properties.items():
            if name in old.properties or _flag(self.new_ws, new_prop, skip):
                continue
            where = f"'{name}' of {label}"
            if direction == REQUEST and name in new.required:
                rule, text = REQUEST_PROPERTY_ADDED_REQUIRED, f"required request property {where} was added"
            elif direction == REQUEST:
                rule, text = REQUEST_PROPERTY_ADDED, f"optional request property {where} was added"
            else:
                rule, text = RESPONSE_PROPERTY_ADDED, f"response property {where} was added"
            report(rule, text, None, new_prop.location)

    def _children(self, old: _View, new: _View, direction: str, label: str) -> None:
        old_items, new_items = old.keyword("items"), new.keyword("items")
        if old_items is not None and new_items is not None:
            self.compare(old_items, new_items, direction, f"{label}[]")
        old_extra, new_extra = old.keyword("additionalProperties"), new.keyword("additionalProperties")
        if old_extra is not None and new_extra is not None:
            if isinstance(old_extra.value, dict) and isinstance(new_extra.value, dict):
                self.compare(old_extra, new_extra, direction, f"{label}{{}}")
        closed_before = old_extra is not None and old_extra.value is False
        closed_now = new_extra is not None and new_extra.value is False
        old_at, new_at = (old_extra or old.node).location, (new_extra or new.node).location
        if closed_now and not closed_before and direction == REQUEST:
            self.ctx.report(REQUEST_NARROWED, f"{label} no longer accepts additional properties", old_at, new_at)
        elif closed_before and not closed_now and direction == RESPONSE:
            self.ctx.report(RESPONSE_WIDENED, f"{label} may now have additional properties", old_at, new_at)

    def _variants(self, old: _View, new: _View, direction: str, label: str) -> None:
        for keyword in ("oneOf", "anyOf"):
            old_list, new_list = old.keyword(keyword), new.keyword(keyword)
            if old_list is None or new_list is None:
                continue
            old_choices = _choices(old_list)
            new_choices = _choices(new_list)
            for name, choice in old_choices.items():
                other = new_choices.get(name)
                if other is not None:
                    self.compare(choice, other, direction, f"{label}|{name}")
                    continue
                rule = REQUEST_VARIANT_REMOVED if direction == REQUEST else RESPONSE_VARIANT_REMOVED
                text = f"{keyword} choice {name} of {label} was removed ({direction}s)"
                self.ctx.report(rule, text, choice.location, None, anchor=new_list.location)
            for name, choice in new_choices.items():
                if name not in old_choices:
                    rule = REQUEST_VARIANT_ADDED if direction == REQUEST else RESPONSE_VARIANT_ADDED
                    text = f"{keyword} choice {name} was added to {label} ({direction}s)"
                    self.ctx.report(rule, text, None, choice.location)


def _constraint_rule(direction: str, narrowed: bool) -> ChangeRule:
    """The rule for a constraint that narrowed or widened, in a request or a response."""
    if direction == REQUEST:
        return REQUEST_NARROWED if narrowed else REQUEST_WIDENED
    return RESPONSE_NARROWED if narrowed else RESPONSE_WIDENED


def _types(view: _View) -> frozenset[str] | None:
    node = view.keyword("type")
    if node is None:
        return None
    value = node.value
    if isinstance(value, str):
        types = {value}
    else:
        types = {t for t in value if isinstance(t, str)} if isinstance(value, list) else set()
    nullable = view.keyword("nullable")
    if nullable is not None and nullable.value is True:
        types.add("null")
    return frozenset(types)


def _covers(wide: frozenset[str], narrow: frozenset[str]) -> bool:
    return all(t in wide or (t == "integer" and "number" in wide) for t in narrow)


def _show(types: frozenset[str] | None) -> str:
    if types is None:
        return "any"
    return "|".join(sorted(types)) if types else "none"


def _number(node: Node | None) -> float | None:
    if node is None or isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
        return None
    return float(node.value)


def _bound(value: float | None) -> str:
    if value is None:
        return "none"
    return str(int(value)) if value == int(value) else str(value)


def _flag(ws: Workspace, prop: Node, key: str) -> bool:
    target = ws.deref(prop)
    return isinstance(target.value, dict) and target.value.get(key) is True


def _hashable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return (type(value).__name__ == "bool", value)
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def _literal(value: Any) -> str:
    return orjson.dumps(value).decode() if not isinstance(value, str) else f"'{value}'"


def _choices(node: Node) -> dict[str, Node]:
    choices: dict[str, Node] = {}
    for index, element in enumerate(node.elements()):
        choices.setdefault(_choice_name(element) or f"#{index}", element)
    return choices


def _choice_name(element: Node) -> str | None:
    """A name for a oneOf/anyOf choice that survives reordering: its $ref, title or allOf refs."""
    name = _component_name(element)
    if name is not None:
        return name
    title = element.get("title")
    if isinstance(title, str):
        return title
    parts = element.child("allOf")
    names = [_component_name(part) for part in parts.elements()] if parts is not None else []
    if names and all(names):
        return "+".join(n for n in names if n)
    return None


def _component_name(node: Node) -> str | None:
    ref = node.get("$ref")
    if isinstance(ref, str) and "/" in ref:
        return unescape_token(ref.rsplit("/", 1)[1])
    return None


def _has_ref(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "$ref" in item:
                return True
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, (dict, list)))
    return False
