"""Build the format-neutral model straight from parsed SDL documents (no ``build_schema``).

Every definition and extension of a type, in whichever file, merges into one ``TypeDef``; each
part keeps the location in its own file. Problems graphql-core's schema validation would raise
(duplicates, unknown types, wrong kinds of types) are collected as structure problems, and the
model is built anyway.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from speclint.loaders.graphql.document import GraphQLDocument
from speclint.loaders.graphql.security import (
    DEFAULT_AUTH_DIRECTIVES,
    DEFAULT_PUBLIC_DIRECTIVES,
    Use,
    directive_names,
    operation_security,
)
from speclint.loaders.graphql.source import NodeSpan, SourceFile
from speclint.model import (
    Api,
    Deprecation,
    DirectiveDef,
    EnumValue,
    Field,
    Location,
    MediaType,
    Operation,
    OperationKind,
    Parameter,
    Response,
    Schema,
    SecurityScheme,
    Span,
    SpecFormat,
    TypeDef,
    VersionMark,
    VersionPlace,
)

FORMAT_VERSION = "October 2021"  # the edition of the GraphQL spec graphql-core 3.2 parses
RESPONSE_MEDIA_TYPE = "application/graphql-response+json"
BUILTIN_SCALARS = frozenset({"Int", "Float", "String", "Boolean", "ID"})
ROOT_KINDS = {
    "query": OperationKind.READ,
    "mutation": OperationKind.WRITE,
    "subscription": OperationKind.STREAM,
}
DEFAULT_ROOTS = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}
_KINDS = {
    "object_type": "object",
    "interface_type": "interface",
    "union_type": "union",
    "input_object_type": "input",
    "enum_type": "enum",
    "scalar_type": "scalar",
}
_OUTPUT_KINDS = frozenset({"object", "interface", "union", "enum", "scalar"})
_INPUT_KINDS = frozenset({"input", "enum", "scalar"})
_IGNORED = re.compile(r"(?:[ \t\n\r,\ufeff]+|#[^\n\r]*)*")  # what GraphQL skips between tokens
_VERSION_NAME = re.compile(r"(?:(?<=[a-z0-9])V|_[vV])(\d+)(?=$|[A-Z_])")


@dataclass(frozen=True)
class StructureProblem:
    location: Location
    message: str


@dataclass
class _TypeParts:
    """Everything the files say about one named type, merged."""

    name: str
    kind: str
    file: SourceFile
    node: Any
    defined: bool
    description: str | None = None
    fields: dict[str, Field] = field(default_factory=dict)
    field_nodes: dict[str, tuple[SourceFile, Any]] = field(default_factory=dict)
    values: dict[str, EnumValue] = field(default_factory=dict)
    members: dict[str, None] = field(default_factory=dict)
    directives: list[Use] = field(default_factory=list)


@dataclass
class _Ref:
    """A use of a named type, checked once every file is read."""

    file: SourceFile
    node: Any  # NamedTypeNode
    pointer: str
    role: str  # output | input | member | interface | root


class SchemaBuilder:
    """Turns the parsed files of one schema into an :class:`Api` and a list of problems."""

    def __init__(self, files: Sequence[SourceFile], settings: dict[str, object]) -> None:
        self.files = list(files)
        self.parsed = [f for f in self.files if f.document is not None]
        self.problems: list[StructureProblem] = []
        self.types: dict[str, _TypeParts] = {}
        self.directives: dict[str, tuple[SourceFile, Any]] = {}
        self.directive_uses: dict[str, Use] = {}
        self.directive_defs: list[DirectiveDef] = []
        self.roots: dict[str, tuple[str, SourceFile, Any]] = {}
        self.has_schema_definition = False
        self.refs: list[_Ref] = []
        self.marks: list[VersionMark] = []
        self.auth = directive_names(settings.get("graphql_auth_directives"), DEFAULT_AUTH_DIRECTIVES)
        self.public = directive_names(settings.get("graphql_public_directives"), DEFAULT_PUBLIC_DIRECTIVES)

    # -- entry ----------------------------------------------------------------------------
    def build(self, check_references: bool = True) -> Api:
        extensions = []
        for file in self.parsed:  # definitions first, so that extensions apply to them
            for definition in file.document.definitions:
                if definition.kind.endswith("_extension"):
                    extensions.append((file, definition))
                else:
                    self._definition(file, definition)
        for file, definition in extensions:
            self._definition(file, definition)
        if check_references:
            self._check_references()
        self._check_empty_types()
        roots = self._root_names()
        files = self._ordered_files(roots)
        entry = files[0] if files else self.files[0]
        return Api(
            format=SpecFormat.GRAPHQL,
            format_version=FORMAT_VERSION,
            location=Location(entry.display, "", span=Span(1, 1, 1, 1)),
            files=tuple(f.display for f in files),
            version_marks=tuple(self.marks),
            operations=tuple(self._operations(roots)),
            types=tuple(self._typedef(parts) for parts in self.types.values()),
            security_schemes=tuple(self._schemes()),
            directives=tuple(self.directive_defs),
            document=GraphQLDocument(tuple(files), roots),
        )

    def _definition(self, file: SourceFile, node: Any) -> None:
        kind: str = node.kind
        if kind.endswith("_definition") and kind[: -len("_definition")] in _KINDS:
            self._type(file, node, _KINDS[kind[: -len("_definition")]], defined=True)
        elif kind.endswith("_extension") and kind[: -len("_extension")] in _KINDS:
            self._type(file, node, _KINDS[kind[: -len("_extension")]], defined=False)
        elif kind == "schema_definition":
            if self.has_schema_definition:
                self._problem(file, "schema", node, "the schema is defined more than once")
            self.has_schema_definition = True
            self._schema(file, node)
            if "query" not in self.roots:
                self._problem(file, "schema", node, "the schema must set a query root type")
        elif kind == "schema_extension":
            self._schema(file, node)
        elif kind == "directive_definition":
            self._directive(file, node)

    # -- types ----------------------------------------------------------------------------
    def _type(self, file: SourceFile, node: Any, kind: str, defined: bool) -> None:
        name = node.name.value
        parts = self.types.get(name)
        if parts is None:
            parts = _TypeParts(name, kind, file, node, defined)
            self.types[name] = parts
            self._mark(name, file, node.name, name)
        elif defined and parts.defined:
            where = f"{parts.file.display}:{parts.file.location(name, parts.node.name).line}"
            self._problem(file, name, node.name, f"type '{name}' is defined more than once (first at {where})")
            return
        elif parts.kind != kind:
            verb = "define" if defined else "extend"
            self._problem(file, name, node.name, f"cannot {verb} {parts.kind} type '{name}' as {kind}")
            return
        elif defined:
            parts.file, parts.node, parts.defined = file, node, True
        if defined and getattr(node, "description", None) is not None:
            parts.description = node.description.value
        parts.directives.extend((file, d) for d in node.directives or ())
        self._note_directives(file, node.directives)
        if kind in ("object", "interface"):
            for interface in getattr(node, "interfaces", None) or ():
                self._member(file, parts, interface, "interface")
            for field_node in node.fields or ():
                self._output_field(file, parts, field_node)
        elif kind == "input":
            for field_node in node.fields or ():
                self._input_field(file, parts, field_node)
        elif kind == "union":
            for member in node.types or ():
                self._member(file, parts, member, "member")
        elif kind == "enum":
            for value in node.values or ():
                self._enum_value(file, parts, value)

    def _member(self, file: SourceFile, parts: _TypeParts, named: Any, role: str) -> None:
        name = named.name.value
        if name in parts.members:
            what = "implements" if role == "interface" else "includes"
            self._problem(file, parts.name, named, f"'{parts.name}' {what} '{name}' more than once")
            return
        parts.members[name] = None
        self.refs.append(_Ref(file, named, parts.name, role))

    def _output_field(self, file: SourceFile, parts: _TypeParts, node: Any) -> None:
        name = node.name.value
        pointer = f"{parts.name}.{name}"
        if not self._new_field(file, parts, node, pointer):
            return
        arguments = tuple(self._arguments(file, pointer, node.arguments))
        schema, required = self._schema_of(file, pointer, node.type, "output")
        parts.fields[name] = Field(
            name=name,
            location=self._located(file, pointer, node),
            schema=schema,
            required=required,
            description=_description(node),
            deprecation=self._deprecation(file, pointer, node.directives),
            arguments=arguments,
        )
        parts.field_nodes[name] = (file, node)
        self._mark(name, file, node.name, pointer)

    def _input_field(self, file: SourceFile, parts: _TypeParts, node: Any) -> None:
        name = node.name.value
        pointer = f"{parts.name}.{name}"
        if not self._new_field(file, parts, node, pointer):
            return
        schema, non_null = self._schema_of(file, pointer, node.type, "input")
        parts.fields[name] = Field(
            name=name,
            location=self._located(file, pointer, node),
            schema=schema,
            required=non_null and node.default_value is None,
            description=_description(node),
            deprecation=self._deprecation(file, pointer, node.directives),
            extensions=_default_extension(node.default_value),
        )
        parts.field_nodes[name] = (file, node)
        self._mark(name, file, node.name, pointer)

    def _new_field(self, file: SourceFile, parts: _TypeParts, node: Any, pointer: str) -> bool:
        self._note_directives(file, node.directives)
        earlier = parts.field_nodes.get(node.name.value)
        if earlier is None:
            return True
        first = earlier[0].location(pointer, earlier[1].name)
        self._problem(
            file, pointer, node.name,
            f"field '{pointer}' is defined more than once (first at {first.file}:{first.line})",
        )
        return False

    def _enum_value(self, file: SourceFile, parts: _TypeParts, node: Any) -> None:
        name = node.name.value
        pointer = f"{parts.name}.{name}"
        self._note_directives(file, node.directives)
        if name in parts.values:
            self._problem(file, pointer, node.name, f"enum value '{pointer}' is defined more than once")
            return
        parts.values[name] = EnumValue(
            name=name,
            location=self._located(file, pointer, node),
            description=_description(node),
            deprecation=self._deprecation(file, pointer, node.directives),
        )

    def _arguments(self, file: SourceFile, owner: str, nodes: Iterable[Any] | None) -> Iterable[Parameter]:
        seen: set[str] = set()
        for node in nodes or ():
            name = node.name.value
            pointer = f"{owner}({name}:)"
            self._note_directives(file, node.directives)
            if name in seen:
                self._problem(file, pointer, node.name, f"argument '{pointer}' is defined more than once")
                continue
            seen.add(name)
            schema, non_null = self._schema_of(file, pointer, node.type, "input")
            default = node.default_value
            yield Parameter(
                name=name,
                place="argument",
                required=non_null and default is None,
                location=self._located(file, pointer, node),
                schema=schema,
                description=_description(node),
                deprecation=self._deprecation(file, pointer, node.directives),
                default=_value(default),
                has_default=default is not None,
            )

    def _schema_of(self, file: SourceFile, pointer: str, node: Any, role: str) -> tuple[Schema, bool]:
        """The Schema of a type reference, and whether it is non-null; records the named type."""
        non_null = node.kind == "non_null_type"
        is_list = False
        named = node
        while named.kind != "named_type":
            if named.kind == "list_type":
                is_list = True
            named = named.type
        self.refs.append(_Ref(file, named, pointer, role))
        loc = node.loc
        raw = {"type": file.text[loc.start : loc.end]} if loc is not None else None
        schema = Schema(
            location=file.location(pointer, node),
            type_name=named.name.value,
            raw=raw,
            is_list=is_list,
            nullable=not non_null,
        )
        return schema, non_null

    # -- schema and directives --------------------------------------------------------------
    def _schema(self, file: SourceFile, node: Any) -> None:
        self._note_directives(file, node.directives)
        for operation_type in node.operation_types or ():
            operation = operation_type.operation.value
            pointer = f"schema.{operation}"
            if operation in self.roots:
                self._problem(file, pointer, operation_type, f"the {operation} root type is set more than once")
                continue
            self.roots[operation] = (operation_type.type.name.value, file, operation_type)
            self.refs.append(_Ref(file, operation_type.type, pointer, "root"))

    def _directive(self, file: SourceFile, node: Any) -> None:
        name = node.name.value
        pointer = f"@{name}"
        if name in self.directives:
            self._problem(file, pointer, node.name, f"directive '@{name}' is defined more than once")
            return
        self.directives[name] = (file, node)
        arguments = tuple(self._arguments(file, pointer, node.arguments))
        located = self._located(file, pointer, node)
        self.directive_defs.append(DirectiveDef(name, located, arguments, _description(node)))

    def _note_directives(self, file: SourceFile, nodes: Iterable[Any] | None) -> None:
        for node in nodes or ():
            name = node.name.value
            if name in self.auth and name not in self.directive_uses:
                self.directive_uses[name] = (file, node)

    def _schemes(self) -> Iterable[SecurityScheme]:
        for name in sorted(self.auth & (self.directives.keys() | self.directive_uses.keys())):
            if name in self.directives:
                file, node = self.directives[name]
                yield SecurityScheme(
                    name, "directive", self._located(file, f"@{name}", node), description=_description(node)
                )
            else:
                file, node = self.directive_uses[name]
                yield SecurityScheme(name, "directive", file.location(f"@{name}", node))

    # -- operations -------------------------------------------------------------------------
    def _root_names(self) -> dict[str, str]:
        if self.has_schema_definition or self.roots:
            return {op: name for op, (name, _, _) in self.roots.items()}
        return {op: name for op, name in DEFAULT_ROOTS.items() if name in self.types}

    def _operations(self, roots: dict[str, str]) -> Iterable[Operation]:
        for operation, type_name in roots.items():
            parts = self.types.get(type_name)
            if parts is None or parts.kind != "object":
                continue
            kind = ROOT_KINDS[operation]
            for name, typed_field in parts.fields.items():
                file, node = parts.field_nodes[name]
                pointer = f"{type_name}.{name}"
                schema = typed_field.schema
                assert schema is not None
                media = MediaType(RESPONSE_MEDIA_TYPE, schema.location, schema)
                uses = [(file, d) for d in node.directives or ()]
                yield Operation(
                    name=name,
                    kind=kind,
                    location=typed_field.location,
                    parent=type_name,
                    parameters=typed_field.arguments,
                    responses=(Response("default", schema.location, media_types=(media,)),),
                    security=operation_security(uses, parts.directives, pointer, self.auth, self.public),
                    deprecation=typed_field.deprecation,
                    description=typed_field.description,
                    name_location=file.location(pointer, node.name),
                    server_streaming=kind is OperationKind.STREAM,
                )

    # -- checks -------------------------------------------------------------------------------
    def _check_references(self) -> None:
        for ref in self.refs:
            name = ref.node.name.value
            parts = self.types.get(name)
            if parts is None:
                if name not in BUILTIN_SCALARS:
                    self._problem(ref.file, ref.pointer, ref.node, f"unknown type '{name}' in '{ref.pointer}'")
                continue
            message = _kind_problem(ref.role, parts.kind, name, ref.pointer)
            if message:
                self._problem(ref.file, ref.pointer, ref.node, message)
        for parts in self.types.values():
            if not parts.defined:
                self._problem(
                    parts.file, parts.name, parts.node.name,
                    f"cannot extend type '{parts.name}': it is not defined",
                )

    def _check_empty_types(self) -> None:
        for parts in self.types.values():
            if not parts.defined:
                continue
            what = {"object": "fields", "interface": "fields", "input": "fields", "enum": "values",
                    "union": "member types"}.get(parts.kind)
            empty = {"fields": not parts.fields, "values": not parts.values,
                     "member types": not parts.members}.get(what or "", False)
            if empty:
                self._problem(
                    parts.file, parts.name, parts.node.name,
                    f"{parts.kind} type '{parts.name}' must define one or more {what}",
                )

    # -- helpers ------------------------------------------------------------------------------
    def _typedef(self, parts: _TypeParts) -> TypeDef:
        file, node = parts.file, parts.node
        return TypeDef(
            name=parts.name,
            kind=parts.kind,
            location=self._located(file, parts.name, node),
            fields=tuple(parts.fields.values()),
            enum_values=tuple(parts.values.values()),
            members=tuple(parts.members),
            description=parts.description,
            deprecation=self._deprecation_of(parts.directives, parts.name),
            name_location=file.location(parts.name, node.name),
            extensions={"defined": parts.defined},
        )

    def _located(self, file: SourceFile, pointer: str, node: Any) -> Location:
        """A definition's location, from its first token after any description to its end."""
        description = getattr(node, "description", None)
        loc = node.loc
        if description is None or loc is None or description.loc is None:
            return file.location(pointer, node)
        skipped = _IGNORED.match(file.text, description.loc.end)  # always matches, maybe empty
        start = skipped.end() if skipped else loc.start  # the next token
        return Location(file.display, pointer, resolver=NodeSpan(file.lines, start, loc.end))

    def _deprecation(self, file: SourceFile, pointer: str, nodes: Iterable[Any] | None) -> Deprecation | None:
        return self._deprecation_of([(file, d) for d in nodes or ()], pointer)

    def _deprecation_of(self, uses: list[Use], pointer: str) -> Deprecation | None:
        for file, node in uses:
            if node.name.value != "deprecated":
                continue
            reason = None
            for argument in node.arguments or ():
                if argument.name.value == "reason" and argument.value.kind == "string_value":
                    reason = argument.value.value
            # The element's coordinate, the directive's span.
            return Deprecation(reason, file.location(pointer, node))
        return None

    def _mark(self, name: str, file: SourceFile, name_node: Any, pointer: str) -> None:
        match = _VERSION_NAME.search(name)
        if match:
            self.marks.append(
                VersionMark(VersionPlace.NAME, f"v{match.group(1)}", file.location(pointer, name_node))
            )

    def _problem(self, file: SourceFile, pointer: str, node: Any, message: str) -> None:
        self.problems.append(StructureProblem(file.location(pointer, node), message))

    def _ordered_files(self, roots: dict[str, str]) -> list[SourceFile]:
        """Every file of the schema; the one that defines the schema or the query type first."""
        entry = None
        if "query" in self.roots:
            entry = self.roots["query"][1]
        elif "query" in roots and roots["query"] in self.types:
            entry = self.types[roots["query"]].file
        files = list(self.files)
        if entry is not None and entry in files:
            files.remove(entry)
            files.insert(0, entry)
        return files


def _kind_problem(role: str, kind: str, name: str, pointer: str) -> str | None:
    if role == "output" and kind not in _OUTPUT_KINDS:
        return f"'{pointer}' must have an output type, but '{name}' is an {kind} type"
    if role == "input" and kind not in _INPUT_KINDS:
        return f"'{pointer}' must have an input type, but '{name}' is an {kind} type"
    if role == "member" and kind != "object":
        return f"union '{pointer}' may only include object types, but '{name}' is an {kind} type"
    if role == "interface" and kind != "interface":
        return f"'{pointer}' may only implement interfaces, but '{name}' is an {kind} type"
    if role == "root" and kind != "object":
        return f"the root type '{name}' must be an object type, not an {kind} type"
    return None


def _description(node: Any) -> str | None:
    description = getattr(node, "description", None)
    return None if description is None else str(description.value)


def _value(node: Any) -> Any:
    """A default value literal as plain Python data (None when there is none)."""
    if node is None:
        return None
    try:
        return _value_of(node)
    except (RecursionError, ValueError, TypeError):
        return None


def _value_of(node: Any) -> Any:
    """graphql-core's ``value_from_ast_untyped`` for constant values, by node kind."""
    kind = node.kind
    if kind in ("string_value", "enum_value", "boolean_value"):
        return node.value
    if kind == "int_value":
        return _number(int, node.value)
    if kind == "float_value":
        return _number(float, node.value)
    if kind == "list_value":
        return [_value_of(item) for item in node.values]
    if kind == "object_value":
        return {item.name.value: _value_of(item.value) for item in node.fields}
    if kind == "null_value":
        return None
    raise TypeError(f"unexpected value node: {kind}")  # variables cannot be in SDL


def _number(kind: type, text: str) -> Any:
    try:
        return kind(text)
    except ValueError:
        return math.nan


def _default_extension(node: Any) -> dict[str, Any]:
    return {} if node is None else {"default": _value(node)}
