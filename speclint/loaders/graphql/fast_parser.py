"""A hand-written parser for SDL documents: graphql-core's AST, in light nodes, faster.

graphql-core's parser spends most of its time in per-token method calls and keyword-argument
node constructors. For the type-system subset of GraphQL (schema, type, interface, union,
enum, input, scalar and directive definitions and their ``extend`` forms), this module lexes
the whole text with one regular expression and builds light nodes shaped like graphql-core's
(``nodes.py``: same kinds, attributes and ``loc`` offsets; ``loc.start_token``/``end_token``
are None: nothing reads them, see ``build.py``), without importing graphql-core at all.

It never decides an error: :func:`parse_type_system` returns None for anything it does not
handle plainly (executable definitions, ``$``, escapes it cannot read, unusual numbers, deep
nesting, too many tokens, any syntax error), and the caller then parses with graphql-core, so
error messages and positions stay graphql-core's own.
"""

from __future__ import annotations

import re
from typing import Any

from speclint.loaders.graphql import nodes as ast
from speclint.loaders.graphql.fast_lexer import dedent_block_lines

_IGNORED = r"(?:[ \t\n\r,\ufeff]++|#[^\n\r]*+)*+"
_TOKEN = re.compile(
    _IGNORED
    + r"(?:([_A-Za-z][_0-9A-Za-z]*)"  # 1 name
    r"|([!&():=@\[\]{|}])"  # 2 punctuator
    r'|("""(?:[^"\\]++|\\"""|\\|"(?!""))*+""")'  # 3 block string (possessive: no backtracking)
    r'|("(?!"")[^"\\\n\r]*")'  # 4 string without escapes
    r"|(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)(?![._0-9A-Za-z]))"  # 5 float
    r"|(-?(?:0|[1-9][0-9]*)(?![._0-9A-Za-z]))"  # 6 int
    r"|(\Z)"  # 7 end
    r"|([\s\S]))"  # 8 anything else
)
_SKIP_IGNORED = re.compile(_IGNORED)
_LINE_BREAK = re.compile(r"\r\n|[\n\r]")
_Loc = ast.Loc
_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_DEPTH = 48
_NAME, _BLOCK, _STRING, _FLOAT, _INT, _EOF = "N", "B", "S", "F", "I", "E"
_KIND_OF_GROUP = (None, _NAME, None, _BLOCK, _STRING, _FLOAT, _INT, _EOF)
_TYPE_KEYWORDS = frozenset({"schema", "scalar", "type", "interface", "union", "enum", "input", "directive"})


class _Unsupported(Exception):
    """Not for the fast path: parse with graphql-core instead."""


def tokenize(text: str) -> tuple[list[str], list[int], list[int], list[Any]] | None:
    """Kinds, starts, ends and values of the tokens of ``text`` (EOF last), or None."""
    kinds: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    values: list[Any] = []
    match = _TOKEN.match
    kinds_of = _KIND_OF_GROUP
    position = 0
    lexer: Any = None
    while True:
        found = match(text, position)
        assert found is not None  # the last alternative matches any character or the end
        group = found.lastindex or 8
        start, position = found.span(group)
        if group == 2:
            kinds.append(found.group(2))
            values.append(None)
        elif group == 1 or group == 5 or group == 6:
            kinds.append(kinds_of[group])  # type: ignore[arg-type]
            values.append(found.group(group))
        elif group == 3:
            raw = text[start + 3 : position - 3]
            if '\\"""' in raw:
                raw = raw.replace('\\"""', '"""')
            kinds.append(_BLOCK)
            values.append("\n".join(dedent_block_lines(_LINE_BREAK.split(raw))))
        elif group == 4:
            kinds.append(_STRING)
            values.append(text[start + 1 : position - 1])
        elif group == 7:
            kinds.append(_EOF)
            values.append(None)
            starts.append(start)
            ends.append(position)
            return kinds, starts, ends, values
        elif text[start] == '"':  # a string with escapes: graphql-core's lexer reads it
            from graphql.error import GraphQLError
            from graphql.language.lexer import Lexer
            from graphql.language.source import Source

            if lexer is None:
                lexer = Lexer(Source(text))
            try:
                token = lexer.read_string(start)
            except GraphQLError:
                return None
            position = token.end
            kinds.append(_STRING)
            values.append(token.value)
        else:
            return None
        starts.append(start)
        ends.append(position)


def parse_type_system(text: str, max_tokens: int | None = None) -> Any:
    """The ``DocumentNode`` of an SDL ``text``, or None to let graphql-core parse it."""
    if _SURROGATE.search(text):
        return None
    tokens = tokenize(text)
    if tokens is None or (max_tokens is not None and len(tokens[0]) - 1 > max_tokens):
        return None
    try:
        return _Parser(text, *tokens).document()
    except (_Unsupported, IndexError, RecursionError):
        return None


class _Parser:
    """Recursive descent over the token lists, mirroring graphql-core's ``Parser``."""

    def __init__(self, text: str, kinds: list[str], starts: list[int], ends: list[int], values: list[Any]) -> None:
        self.kinds = kinds
        self.starts = starts
        self.ends = ends
        self.values = values
        self.i = 0
        self.depth = 0

    # -- nodes ----------------------------------------------------------------------------
    def loc(self, start: int) -> Any:
        """The Location from token ``start`` to the last token read."""
        return _Loc(self.starts[start], self.ends[self.i - 1])

    # -- tokens ---------------------------------------------------------------------------
    def node(self, cls: Any, start: int, **fields: Any) -> Any:
        """A node of ``cls`` from token ``start`` to the last token read."""
        return cls(self.loc(start), **fields)

    def expect(self, kind: str) -> None:
        if self.kinds[self.i] != kind:
            raise _Unsupported
        self.i += 1

    def optional(self, kind: str) -> bool:
        if self.kinds[self.i] == kind:
            self.i += 1
            return True
        return False

    def keyword(self, value: str) -> None:
        if self.kinds[self.i] != _NAME or self.values[self.i] != value:
            raise _Unsupported
        self.i += 1

    def optional_keyword(self, value: str) -> bool:
        if self.kinds[self.i] == _NAME and self.values[self.i] == value:
            self.i += 1
            return True
        return False

    # -- document -------------------------------------------------------------------------
    def document(self) -> Any:
        definitions = [self.definition()]
        while self.kinds[self.i] != _EOF:
            definitions.append(self.definition())
        self.i += 1  # EOF
        return ast.DocumentNode(_Loc(0, self.ends[-1]), tuple(definitions))

    def definition(self) -> Any:
        kinds, values, i = self.kinds, self.values, self.i
        keyword_at = i + 1 if kinds[i] in (_STRING, _BLOCK) else i
        if kinds[keyword_at] != _NAME:
            raise _Unsupported
        keyword = values[keyword_at]
        if keyword in _TYPE_KEYWORDS:
            return getattr(self, f"{keyword}_definition")()
        if keyword == "extend" and keyword_at == i:
            return self.extension()
        raise _Unsupported  # operations, fragments and errors are graphql-core's

    def description(self) -> Any:
        kind = self.kinds[self.i]
        if kind == _STRING or kind == _BLOCK:
            return self.string()
        return None

    def string(self) -> Any:
        start = self.i
        self.i += 1
        return ast.StringValueNode(self.loc(start), self.values[start], self.kinds[start] == _BLOCK)

    def name(self) -> Any:
        start = self.i
        if self.kinds[start] != _NAME:
            raise _Unsupported
        self.i += 1
        return ast.NameNode(self.loc(start), self.values[start])

    # -- type system ----------------------------------------------------------------------
    def schema_definition(self) -> Any:
        start = self.i
        description = self.description()
        self.keyword("schema")
        directives = self.directives()
        self.expect("{")
        operation_types = [self.operation_type_definition()]
        while not self.optional("}"):
            operation_types.append(self.operation_type_definition())
        return self.node(
            ast.SchemaDefinitionNode, start, description=description, directives=directives,
            operation_types=tuple(operation_types),
        )

    def operation_type_definition(self) -> Any:
        start = self.i
        if self.kinds[start] != _NAME or self.values[start] not in ("query", "mutation", "subscription"):
            raise _Unsupported
        self.i += 1
        operation = ast.OperationType(self.values[start])
        self.expect(":")
        named = self.named_type()
        return self.node(ast.OperationTypeDefinitionNode, start, operation=operation, type=named)

    def scalar_definition(self) -> Any:
        start = self.i
        description = self.description()
        self.keyword("scalar")
        name = self.name()
        return self.node(
            ast.ScalarTypeDefinitionNode, start, description=description, name=name,
            directives=self.directives(),
        )

    def type_definition(self) -> Any:
        return self._object_like(ast.ObjectTypeDefinitionNode, "type")

    def interface_definition(self) -> Any:
        return self._object_like(ast.InterfaceTypeDefinitionNode, "interface")

    def _object_like(self, cls: type, keyword: str) -> Any:
        start = self.i
        description = self.description()
        self.keyword(keyword)
        name = self.name()
        interfaces = self.implements()
        directives = self.directives()
        fields = self.fields()
        return self.node(
            cls, start, description=description, name=name, interfaces=interfaces, directives=directives,
            fields=fields,
        )

    def implements(self) -> tuple[Any, ...]:
        if not self.optional_keyword("implements"):
            return ()
        self.optional("&")
        types = [self.named_type()]
        while self.optional("&"):
            types.append(self.named_type())
        return tuple(types)

    def fields(self) -> tuple[Any, ...]:
        if not self.optional("{"):
            return ()
        fields = [self.field()]
        while not self.optional("}"):
            fields.append(self.field())
        return tuple(fields)

    def field(self) -> Any:
        start = self.i
        description = self.description()
        name = self.name()
        arguments = self.argument_definitions()
        self.expect(":")
        type_ = self.type_reference()
        directives = self.directives()
        return ast.FieldDefinitionNode(self.loc(start), description, name, directives, arguments, type_)

    def argument_definitions(self) -> tuple[Any, ...]:
        if not self.optional("("):
            return ()
        arguments = [self.input_value()]
        while not self.optional(")"):
            arguments.append(self.input_value())
        return tuple(arguments)

    def input_value(self) -> Any:
        start = self.i
        description = self.description()
        name = self.name()
        self.expect(":")
        type_ = self.type_reference()
        default_value = self.value() if self.optional("=") else None
        directives = self.directives()
        return ast.InputValueDefinitionNode(self.loc(start), description, name, directives, type_, default_value)

    def union_definition(self) -> Any:
        start = self.i
        description = self.description()
        self.keyword("union")
        name = self.name()
        directives = self.directives()
        types = self.union_members()
        return self.node(
            ast.UnionTypeDefinitionNode, start, description=description, name=name, directives=directives,
            types=types,
        )

    def union_members(self) -> tuple[Any, ...]:
        if not self.optional("="):
            return ()
        self.optional("|")
        types = [self.named_type()]
        while self.optional("|"):
            types.append(self.named_type())
        return tuple(types)

    def enum_definition(self) -> Any:
        start = self.i
        description = self.description()
        self.keyword("enum")
        name = self.name()
        directives = self.directives()
        values = self.enum_values()
        return self.node(
            ast.EnumTypeDefinitionNode, start, description=description, name=name, directives=directives,
            values=values,
        )

    def enum_values(self) -> tuple[Any, ...]:
        if not self.optional("{"):
            return ()
        values = [self.enum_value()]
        while not self.optional("}"):
            values.append(self.enum_value())
        return tuple(values)

    def enum_value(self) -> Any:
        start = self.i
        description = self.description()
        if self.values[self.i] in ("true", "false", "null"):
            raise _Unsupported
        name = self.name()
        directives = self.directives()
        return self.node(
            ast.EnumValueDefinitionNode, start, description=description, name=name, directives=directives
        )

    def input_definition(self) -> Any:
        start = self.i
        description = self.description()
        self.keyword("input")
        name = self.name()
        directives = self.directives()
        fields = self.input_fields()
        return self.node(
            ast.InputObjectTypeDefinitionNode, start, description=description, name=name,
            directives=directives, fields=fields,
        )

    def input_fields(self) -> tuple[Any, ...]:
        if not self.optional("{"):
            return ()
        fields = [self.input_value()]
        while not self.optional("}"):
            fields.append(self.input_value())
        return tuple(fields)

    def directive_definition(self) -> Any:
        start = self.i
        description = self.description()
        self.keyword("directive")
        self.expect("@")
        name = self.name()
        arguments = self.argument_definitions()
        repeatable = self.optional_keyword("repeatable")
        self.keyword("on")
        self.optional("|")
        locations = [self.name()]
        while self.optional("|"):
            locations.append(self.name())
        if any(location.value not in ast.DIRECTIVE_LOCATIONS for location in locations):
            raise _Unsupported
        return self.node(
            ast.DirectiveDefinitionNode, start, description=description, name=name, arguments=arguments,
            directives=(), repeatable=repeatable, locations=tuple(locations),
        )

    # -- extensions -----------------------------------------------------------------------
    def extension(self) -> Any:
        start = self.i
        self.i += 1  # extend
        if self.kinds[self.i] != _NAME:
            raise _Unsupported
        keyword = self.values[self.i]
        self.i += 1
        if keyword == "schema":
            directives = self.directives()
            operation_types: list[Any] = []
            if self.optional("{"):
                operation_types.append(self.operation_type_definition())
                while not self.optional("}"):
                    operation_types.append(self.operation_type_definition())
            if not directives and not operation_types:
                raise _Unsupported
            return self.node(
                ast.SchemaExtensionNode, start, directives=directives, operation_types=tuple(operation_types)
            )
        name = self.name()
        if keyword == "scalar":
            directives = self.directives()
            if not directives:
                raise _Unsupported
            return self.node(ast.ScalarTypeExtensionNode, start, name=name, directives=directives)
        if keyword in ("type", "interface"):
            interfaces = self.implements()
            directives = self.directives()
            fields = self.fields()
            if not (interfaces or directives or fields):
                raise _Unsupported
            cls = ast.ObjectTypeExtensionNode if keyword == "type" else ast.InterfaceTypeExtensionNode
            return self.node(cls, start, name=name, interfaces=interfaces, directives=directives, fields=fields)
        if keyword == "union":
            directives = self.directives()
            types = self.union_members()
            if not (directives or types):
                raise _Unsupported
            return self.node(ast.UnionTypeExtensionNode, start, name=name, directives=directives, types=types)
        if keyword == "enum":
            directives = self.directives()
            values = self.enum_values()
            if not (directives or values):
                raise _Unsupported
            return self.node(ast.EnumTypeExtensionNode, start, name=name, directives=directives, values=values)
        if keyword == "input":
            directives = self.directives()
            fields = self.input_fields()
            if not (directives or fields):
                raise _Unsupported
            return self.node(ast.InputObjectTypeExtensionNode, start, name=name, directives=directives, fields=fields)
        raise _Unsupported

    # -- directives, types, values --------------------------------------------------------
    def directives(self) -> tuple[Any, ...]:
        if self.kinds[self.i] != "@":
            return ()
        directives = []
        while self.kinds[self.i] == "@":
            start = self.i
            self.i += 1
            name = self.name()
            arguments: tuple[Any, ...] = ()
            if self.optional("("):
                found = [self.argument()]
                while not self.optional(")"):
                    found.append(self.argument())
                arguments = tuple(found)
            directives.append(ast.DirectiveNode(self.loc(start), name, arguments))
        return tuple(directives)

    def argument(self) -> Any:
        start = self.i
        name = self.name()
        self.expect(":")
        value = self.value()
        return ast.ArgumentNode(self.loc(start), name, value)

    def type_reference(self) -> Any:
        start = self.i
        if self.optional("["):
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                raise _Unsupported
            inner = self.type_reference()
            self.expect("]")
            self.depth -= 1
            type_ = ast.ListTypeNode(self.loc(start), inner)
        else:
            type_ = self.named_type()
        if self.optional("!"):
            return ast.NonNullTypeNode(self.loc(start), type_)
        return type_

    def named_type(self) -> Any:
        start = self.i
        name = self.name()
        return ast.NamedTypeNode(self.loc(start), name)

    def value(self) -> Any:
        """A constant value literal."""
        start = self.i
        kind = self.kinds[start]
        if kind == _NAME:
            self.i += 1
            value = self.values[start]
            if value == "true" or value == "false":
                return self.node(ast.BooleanValueNode, start, value=value == "true")
            if value == "null":
                return self.node(ast.NullValueNode, start)
            return self.node(ast.EnumValueNode, start, value=value)
        if kind == _STRING or kind == _BLOCK:
            return self.string()
        if kind == _INT or kind == _FLOAT:
            self.i += 1
            cls = ast.IntValueNode if kind == _INT else ast.FloatValueNode
            return self.node(cls, start, value=self.values[start])
        if kind == "[" or kind == "{":
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                raise _Unsupported
            self.i += 1
            items = []
            if kind == "[":
                while not self.optional("]"):
                    items.append(self.value())
                node = self.node(ast.ListValueNode, start, values=tuple(items))
            else:
                while not self.optional("}"):
                    field_start = self.i
                    name = self.name()
                    self.expect(":")
                    items.append(self.node(ast.ObjectFieldNode, field_start, name=name, value=self.value()))
                node = self.node(ast.ObjectValueNode, start, fields=tuple(items))
            self.depth -= 1
            return node
        raise _Unsupported
