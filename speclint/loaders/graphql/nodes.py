"""Light AST nodes for the hand-written SDL parser, shaped like graphql-core's.

Each class has graphql-core's ``kind`` and ``keys`` and the same attributes (tuples for lists,
``None`` when absent), so code that reads a graphql-core ``DocumentNode`` by attribute reads
these the same way; ``loc`` has ``start`` and ``end`` (character offsets; no tokens). They are
plain ``__slots__`` classes made without importing graphql-core, whose package import alone
costs about 40 ms (it brings asyncio and the whole type system).
"""

from __future__ import annotations

from enum import Enum
from typing import Any


class Loc:
    """``Location`` of a node: character offsets of its first and last tokens."""

    __slots__ = ("end", "start")
    start_token = None
    end_token = None
    source = None

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"<Location {self.start}:{self.end}>"


class OperationType(Enum):
    QUERY = "query"
    MUTATION = "mutation"
    SUBSCRIPTION = "subscription"


class LightNode:
    """Base of the light nodes (``kind`` and ``keys`` as graphql-core's)."""

    __slots__ = ("loc",)
    loc: Loc
    kind = "ast"
    keys: tuple[str, ...] = ("loc",)

    def __repr__(self) -> str:
        return f"{type(self).__name__} at {self.loc!r}"


def _node_class(name: str, kind: str, fields: tuple[str, ...]) -> Any:
    """A ``LightNode`` subclass whose ``__init__`` takes ``loc`` and then ``fields`` in order."""
    keys = ("loc", *fields)
    parameters = ", ".join(keys)
    body = "".join(f"\n    self.{key} = {key}" for key in keys)
    namespace: dict[str, Any] = {}
    exec(f"def __init__(self, {parameters}):{body}", namespace)  # like dataclasses: a fast plain __init__
    attributes = {"__slots__": fields, "kind": kind, "keys": keys, "__init__": namespace["__init__"]}
    return type(name, (LightNode,), attributes)


NameNode = _node_class("NameNode", "name", ("value",))
DocumentNode = _node_class("DocumentNode", "document", ("definitions",))
StringValueNode = _node_class("StringValueNode", "string_value", ("value", "block"))
SchemaDefinitionNode = _node_class(
    "SchemaDefinitionNode", "schema_definition", ("description", "directives", "operation_types")
)
OperationTypeDefinitionNode = _node_class(
    "OperationTypeDefinitionNode", "operation_type_definition", ("operation", "type")
)
ScalarTypeDefinitionNode = _node_class(
    "ScalarTypeDefinitionNode", "scalar_type_definition", ("description", "name", "directives")
)
ObjectTypeDefinitionNode = _node_class(
    "ObjectTypeDefinitionNode", "object_type_definition", ("description", "name", "directives", "interfaces", "fields")
)
InterfaceTypeDefinitionNode = _node_class(
    "InterfaceTypeDefinitionNode", "interface_type_definition",
    ("description", "name", "directives", "interfaces", "fields"),
)
FieldDefinitionNode = _node_class(
    "FieldDefinitionNode", "field_definition", ("description", "name", "directives", "arguments", "type")
)
InputValueDefinitionNode = _node_class(
    "InputValueDefinitionNode", "input_value_definition", ("description", "name", "directives", "type", "default_value")
)
UnionTypeDefinitionNode = _node_class(
    "UnionTypeDefinitionNode", "union_type_definition", ("description", "name", "directives", "types")
)
EnumTypeDefinitionNode = _node_class(
    "EnumTypeDefinitionNode", "enum_type_definition", ("description", "name", "directives", "values")
)
EnumValueDefinitionNode = _node_class(
    "EnumValueDefinitionNode", "enum_value_definition", ("description", "name", "directives")
)
InputObjectTypeDefinitionNode = _node_class(
    "InputObjectTypeDefinitionNode", "input_object_type_definition", ("description", "name", "directives", "fields")
)
DirectiveDefinitionNode = _node_class(
    "DirectiveDefinitionNode",
    "directive_definition",
    ("description", "name", "arguments", "directives", "repeatable", "locations"),
)
SchemaExtensionNode = _node_class("SchemaExtensionNode", "schema_extension", ("directives", "operation_types"))
ScalarTypeExtensionNode = _node_class("ScalarTypeExtensionNode", "scalar_type_extension", ("name", "directives"))
ObjectTypeExtensionNode = _node_class(
    "ObjectTypeExtensionNode", "object_type_extension", ("name", "directives", "interfaces", "fields")
)
InterfaceTypeExtensionNode = _node_class(
    "InterfaceTypeExtensionNode", "interface_type_extension", ("name", "directives", "interfaces", "fields")
)
UnionTypeExtensionNode = _node_class("UnionTypeExtensionNode", "union_type_extension", ("name", "directives", "types"))
EnumTypeExtensionNode = _node_class("EnumTypeExtensionNode", "enum_type_extension", ("name", "directives", "values"))
InputObjectTypeExtensionNode = _node_class(
    "InputObjectTypeExtensionNode", "input_object_type_extension", ("name", "directives", "fields")
)
DirectiveNode = _node_class("DirectiveNode", "directive", ("name", "arguments"))
ArgumentNode = _node_class("ArgumentNode", "argument", ("name", "value"))
ListTypeNode = _node_class("ListTypeNode", "list_type", ("type",))
NonNullTypeNode = _node_class("NonNullTypeNode", "non_null_type", ("type",))
NamedTypeNode = _node_class("NamedTypeNode", "named_type", ("name",))
BooleanValueNode = _node_class("BooleanValueNode", "boolean_value", ("value",))
NullValueNode = _node_class("NullValueNode", "null_value", ())
EnumValueNode = _node_class("EnumValueNode", "enum_value", ("value",))
IntValueNode = _node_class("IntValueNode", "int_value", ("value",))
FloatValueNode = _node_class("FloatValueNode", "float_value", ("value",))
ListValueNode = _node_class("ListValueNode", "list_value", ("values",))
ObjectFieldNode = _node_class("ObjectFieldNode", "object_field", ("name", "value"))
ObjectValueNode = _node_class("ObjectValueNode", "object_value", ("fields",))

DIRECTIVE_LOCATIONS = frozenset({
    "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "VARIABLE_DEFINITION",
    "INLINE_FRAGMENT", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
    "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION", "DIRECTIVE_DEFINITION",
})  # graphql-core's DirectiveLocation names
