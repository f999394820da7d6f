"""OpenAPI schemas that say something other than what their authors meant."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from speclint.findings import Category, Severity
from speclint.loaders.openapi.refs import Node
from speclint.model import Api, SpecFormat
from speclint.rules.openapi.raw import value_at, workspace
from speclint.rules.openapi.schema_walk import NO_KEYWORD, Found, walk
from speclint.rules.registry import Problem, RuleContext, rule
from speclint.sources.pointers import escape_token

_MISSING = object()


def _node(found: Found, *tokens: str | int) -> Node:
    suffix = "".join("/" + escape_token(str(t)) for t in tokens)
    return Node(None, found.document, found.pointer + suffix)


def _version(api: Api) -> str:
    return api.format_version or ""


@rule(
    "openapi-enum-unique",
    category=Category.STRUCTURE,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def enum_unique(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Enum values are listed once.

    ## What it does
    Reports each value of a schema's `enum` that repeats an earlier value of the same list, at
    the repeated value.

    ## Why is this bad?
    JSON Schema asks for unique enum values; a repeated value is usually a copy-paste slip that
    hides a missing one, and code generators that make one constant per value fail on it.

    ## Example
    ```yaml
    status:
      type: string
      enum: [active, paused, active]
    ```

    ## Use instead
    ```yaml
    status:
      type: string
      enum: [active, paused, closed]
    ```
    """
    ws = workspace(api)
    if ws is None:
        return
    for found in walk(ws).schemas_with("enum"):
        values = found.value.get("enum")
        if not isinstance(values, list) or len(values) < 2:
            continue
        seen: set[str] = set()
        for index, value in enumerate(values):
            key = repr(value) if not isinstance(value, (dict, list)) else _canonical(value)
            if key in seen:
                yield Problem(_node(found, "enum", index).location, f"enum value {_show(value)} is listed twice")
            seen.add(key)


def _canonical(value: Any) -> str:
    import json

    return json.dumps(value, sort_keys=True, default=str)


def _show(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else _canonical(value)


@rule(
    "openapi-nullable-type",
    category=Category.STRUCTURE,
    severity=Severity.ERROR,
    formats=[SpecFormat.OPENAPI],
)
def nullable_type(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """`nullable` stands next to a `type` (OpenAPI 3.0).

    ## What it does
    Reports `nullable` on an OpenAPI 3.0 schema that has no `type` of its own, at `nullable`.

    ## Why is this bad?
    OpenAPI 3.0.3 defines `nullable` as adding `null` to the values `type` allows; without a
    `type` it has no effect, so a schema like `{nullable: true, allOf: [...]}` does not accept
    `null` in validators and generators that follow the specification, although its author
    meant it to.

    ## Example
    ```yaml
    owner:
      nullable: true
      allOf:
        - $ref: '#/components/schemas/User'
    ```

    ## Use instead
    ```yaml
    owner:
      nullable: true
      type: object
      allOf:
        - $ref: '#/components/schemas/User'
    ```
    """
    ws = workspace(api)
    if ws is None or not _version(api).startswith("3.0"):
        return
    for found in walk(ws).schemas_with("nullable"):
        if "type" not in found.value:
            yield Problem(_node(found, "nullable").location, "`nullable` has no effect without `type`")


_ANNOTATIONS = frozenset({"description", "summary", "title", "example", "examples", "deprecated"})


@rule(
    "openapi-ref-siblings",
    category=Category.STRUCTURE,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
    options={"ignore_annotations": False},
)
def ref_siblings(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Nothing stands next to a `$ref` that would be ignored (OpenAPI 2.0 and 3.0).

    ## What it does
    Reports each key written next to `$ref` in an OpenAPI 2.0 or 3.0 document (except in path
    items, where siblings are allowed), at that key. In OpenAPI 3.1, only keys other than
    `summary` and `description` next to a reference outside schemas are reported, since 3.1
    schemas may combine `$ref` with other keywords. With `ignore_annotations` (as in the
    recommended ruleset), annotations (`description`, `summary`, `title`, `example(s)`,
    `deprecated`) and `x-` extensions are let through: many documentation tools honour them.

    ## Why is this bad?
    Before 3.1 a reference object replaces itself with its target: `description`, `nullable`
    or `readOnly` written beside `$ref` are silently dropped by validators, documentation and
    code generators, so the spec says less than its author believes.

    ## Example
    ```yaml
    owner:
      $ref: '#/components/schemas/User'
      nullable: true
    ```

    ## Use instead
    ```yaml
    owner:
      nullable: true
      allOf:
        - $ref: '#/components/schemas/User'
    ```

    ## Options
    - `ignore_annotations`: `false` (default) reports every sibling; `true` only those that
      change what the value may be (`nullable`, `type`, `readOnly`, ...).
    """
    ws = workspace(api)
    if ws is None:
        return
    lenient = bool(ctx.option("ignore_annotations"))
    version = _version(api)
    modern = not (version.startswith("2") or version.startswith("3.0"))
    found_walk = walk(ws)
    reference_keys = frozenset({"summary", "description"})
    candidates: list[tuple[Found, frozenset[str]]] = [(f, reference_keys) for f in found_walk.refs]
    if not modern:
        candidates += [(f, frozenset()) for f in found_walk.schemas_with("$ref") if len(f.value) > 1]
    for found, allowed in candidates:
        if _in_path_map(found.trail):
            continue
        for key in found.value:
            if key == "$ref" or key in allowed or (lenient and (key in _ANNOTATIONS or key.startswith("x-"))):
                continue
            yield Problem(_node(found, key).location, f"`{key}` next to `$ref` is ignored")


def _in_path_map(trail: Any) -> bool:
    """Whether ``trail`` reaches a path item (``/paths/{path}``, webhooks, callbacks)."""
    if trail is None or trail[0] is None:
        return False
    parent = trail[0]
    key = trail[1]
    return parent[1] in ("paths", "webhooks", "x-webhooks") or (isinstance(key, str) and key.startswith("/"))


@rule(
    "openapi-discriminator-mapping",
    category=Category.STRUCTURE,
    severity=Severity.ERROR,
    formats=[SpecFormat.OPENAPI],
)
def discriminator_mapping(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Every `discriminator.mapping` entry names a schema that exists.

    ## What it does
    Resolves each value of a discriminator's `mapping`, a schema name or a `$ref`-style
    reference (into the same document, or to a file next to it), and reports the entries
    whose target does not exist, at the entry. Remote URLs are not fetched.

    ## Why is this bad?
    Clients pick the concrete type of a polymorphic payload through the mapping; an entry
    that names a missing schema makes deserialisation of that variant fail at runtime, and
    documentation shows a dangling link.

    ## Example
    ```yaml
    discriminator:
      propertyName: kind
      mapping:
        dog: '#/components/schemas/Dgo'
    ```

    ## Use instead
    ```yaml
    discriminator:
      propertyName: kind
      mapping:
        dog: '#/components/schemas/Dog'
    ```
    """
    ws = workspace(api)
    if ws is None:
        return
    names = _schema_names(ws)
    for found in walk(ws).schemas_with("discriminator"):
        discriminator = found.value.get("discriminator")
        mapping = discriminator.get("mapping") if isinstance(discriminator, dict) else None
        if not isinstance(mapping, dict):
            continue
        for key, target in mapping.items():
            if not isinstance(target, str) or _resolves(ws, found.document, target, names):
                continue
            yield Problem(
                _node(found, "discriminator", "mapping", key).location,
                f"discriminator mapping '{key}' names '{target}', which does not exist",
            )


def _schema_names(ws: Any) -> frozenset[str]:
    root = ws.root.value
    if not isinstance(root, dict):
        return frozenset()
    components = root.get("components")
    container = components.get("schemas") if isinstance(components, dict) else root.get("definitions")
    return frozenset(container) if isinstance(container, dict) else frozenset()


def _resolves(ws: Any, document: Any, target: str, names: frozenset[str]) -> bool:
    if "#" not in target and "/" not in target and not target.endswith((".yaml", ".yml", ".json")):
        return target in names  # a schema name
    file, _, fragment = target.partition("#")
    if file:
        if "://" in file:
            return True  # remote: not fetched here
        known = {str(d.path) for d in ws.documents.values()}
        path = Path(document.path).parent / file
        return str(path) in known or path.is_file()
    return value_at(document.root, fragment, _MISSING) is not _MISSING


@rule(
    "openapi-required-defined",
    category=Category.STRUCTURE,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def required_defined(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Every name in `required` is a property the schema defines.

    ## What it does
    Reports each entry of an object schema's `required` list that is not among its
    `properties`, nor among the properties of the schemas it combines with `allOf`, `anyOf`
    or `oneOf` (followed through references), nor of its `allOf` siblings, at the entry.
    Schemas that allow extra properties through `additionalProperties` or
    `patternProperties` schemas, or that define no properties at all, are not checked.

    ## Why is this bad?
    A required property that is not defined has no type and no description: clients do not
    know what to send, and a typo in `required` (or a renamed property) silently makes the
    real property optional.

    ## Example
    ```yaml
    User:
      type: object
      required: [id, emial]
      properties:
        id: {type: string}
        email: {type: string}
    ```

    ## Use instead
    ```yaml
    User:
      type: object
      required: [id, email]
      properties:
        id: {type: string}
        email: {type: string}
    ```
    """
    ws = workspace(api)
    if ws is None:
        return
    for found in walk(ws).schemas_with("required"):
        value = found.value
        required = value.get("required")
        if not isinstance(required, list) or not required or not isinstance(value.get("properties"), dict):
            continue
        if isinstance(value.get("additionalProperties"), dict) or value.get("patternProperties"):
            continue
        defined = _defined(ws, Node(value, found.document, found.pointer), set())
        if defined is None:
            continue
        defined |= _allof_siblings(ws, found)
        for index, name in enumerate(required):
            if isinstance(name, str) and name not in defined:
                yield Problem(_node(found, "required", index).location, f"required property '{name}' is not defined")


def _defined(ws: Any, node: Node, seen: set[tuple[str, str]]) -> set[str] | None:
    """The property names ``node`` defines; None when it cannot be known (open or unresolved)."""
    node = ws.deref(node)
    key = (str(node.document.path), node.pointer)
    if key in seen or not isinstance(node.value, dict):
        return set()
    if "$ref" in node.value:
        return None
    seen.add(key)
    names: set[str] = set()
    properties = node.value.get("properties")
    if isinstance(properties, dict):
        names.update(properties)
    for keyword in ("allOf", "anyOf", "oneOf"):
        members = node.child(keyword)
        for member in members.elements() if members is not None else ():
            inner = _defined(ws, member, seen)
            if inner is None:
                return None
            names |= inner
    return names


def _allof_siblings(ws: Any, found: Found) -> set[str]:
    """Properties of the other members of the ``allOf`` that ``found`` is a member of."""
    trail = found.trail
    if trail is None or trail[0] is None or trail[0][1] != "allOf":
        return set()
    parent_pointer = Found(found.value, found.document, trail[0]).pointer
    names: set[str] = set()
    members = value_at(found.document.root, parent_pointer)
    if not isinstance(members, list):
        return names
    for index, member in enumerate(members):
        if index != trail[1]:
            inner = _defined(ws, Node(member, found.document, f"{parent_pointer}/{index}"), set())
            names |= inner or set()
    return names


@rule(
    "openapi-schema-keyword",
    category=Category.STRUCTURE,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def schema_keyword(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """A schema uses at least one schema keyword.

    ## What it does
    Reports a schema object none of whose keys is a JSON Schema or OpenAPI keyword (`type`,
    `properties`, `$ref`, `allOf`, ...) or an `x-` extension, at the schema. An empty schema
    (`{}`, anything) is fine.

    ## Why is this bad?
    Such a "schema" is almost always an example value pasted where the schema belongs. OpenAPI
    3.1 schemas ignore unknown keywords, so it silently accepts anything, and documentation
    and generated clients show an untyped value.

    ## Example
    ```yaml
    schema:
      id: 42
      name: Rex
    ```

    ## Use instead
    ```yaml
    schema:
      type: object
      properties:
        id: {type: integer}
        name: {type: string}
    example:
      id: 42
      name: Rex
    ```
    """
    ws = workspace(api)
    if ws is None:
        return
    for found in walk(ws).schemas_with(NO_KEYWORD):
        keys = found.value.keys()
        if any(k.startswith("x-") for k in keys):
            continue
        shown = ", ".join(sorted(keys)[:3])
        yield Problem(
            Node(None, found.document, found.pointer).location,
            f"schema has no schema keyword (only {shown}): is it an example?",
        )
