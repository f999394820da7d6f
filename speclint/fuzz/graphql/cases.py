"""Explicit boundary queries for one GraphQL root field.

Each argument in turn takes its edge values (for Int: -1, 0, 1 and the 32-bit limits; for
Float also ±1e308; for String: "" and "a"; every enum value; null and "left out" when it is
optional; inside an input object, each field in turn, optional ones too) while the others
keep a plain valid value. The selection is the field's scalar leaves (or
``__typename``). GraphQL's type system has no ranges, so every such query is valid data.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from speclint.fuzz.context import BoundaryCase

_INT_EDGES = ("-1", "0", "1", "2147483647", "-2147483648")
# GraphQL floats have no bound: huge ones break servers that turn them into dates or fixed-size numbers
_FLOAT_EDGES = ("-1.0", "0.0", "1.5", "1e308", "-1e308")
_STRING_EDGES = ('""', '"a"')
_MISSING = object()
_DEPTH = 3  # input objects and lists nested deeper than this keep their typical value
_FIELD_EDGES = 8  # edges of one input-object field, at most
_ARGUMENT_EDGES = 120  # edges of one argument, at most


def _named(type_: Any) -> Any:
    from graphql import get_named_type

    return get_named_type(type_)


def _edges(type_: Any, depth: int = 0) -> list[str]:
    """Valid edge values of an input type; inside input objects (and lists of them) each field
    in turn, optional ones included, takes its own edges."""
    from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLList, is_non_null_type

    inner = type_.of_type if is_non_null_type(type_) else type_
    if isinstance(inner, GraphQLList):
        items = _edges(inner.of_type, depth + 1) if depth < _DEPTH else []
        return _unique(["[]", f"[{_typical(inner.of_type)}]", *(f"[{item}]" for item in items)])
    named = _named(inner)
    if isinstance(named, GraphQLEnumType):
        return list(named.values)
    if isinstance(named, GraphQLInputObjectType):
        return _object_edges(named, depth)
    return {
        "Int": list(_INT_EDGES),
        "Float": list(_FLOAT_EDGES),
        "String": list(_STRING_EDGES),
        "ID": ['""', '"1"'],
        "Boolean": ["true", "false"],
    }.get(named.name, [])


def _object_edges(type_: Any, depth: int) -> list[str]:
    from graphql import is_non_null_type

    base = {name: _typical(f.type) for name, f in type_.fields.items() if is_non_null_type(f.type)}
    variants: list[dict[str, str]] = [base]
    if depth < _DEPTH:
        for name, field in type_.fields.items():
            edges = _edges(field.type, depth + 1)[:_FIELD_EDGES]
            if not is_non_null_type(field.type):
                edges.append("null")
            variants += [{**base, name: edge} for edge in edges]
    return _unique(_render(fields) for fields in variants)


def _render(fields: dict[str, str]) -> str:
    return "{" + ", ".join(f"{name}: {value}" for name, value in fields.items()) + "}"


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(values))[:_ARGUMENT_EDGES]


def _typical(type_: Any) -> str:
    from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLList, is_non_null_type

    inner = type_.of_type if is_non_null_type(type_) else type_
    if isinstance(inner, GraphQLList):
        return f"[{_typical(inner.of_type)}]"
    if isinstance(inner, GraphQLEnumType):
        return next(iter(inner.values))
    if isinstance(inner, GraphQLInputObjectType):
        return _render({name: _typical(f.type) for name, f in inner.fields.items() if is_non_null_type(f.type)})
    return {"Int": "1", "Float": "1.0", "Boolean": "true", "ID": '"1"'}.get(inner.name, json.dumps("a"))


def _selection(type_: Any) -> str:
    from graphql import GraphQLInterfaceType, GraphQLObjectType, is_leaf_type, is_non_null_type

    named = _named(type_)
    if is_leaf_type(named):
        return ""
    leaves = []
    if isinstance(named, (GraphQLObjectType, GraphQLInterfaceType)):
        for name, field in named.fields.items():
            needs_arguments = any(is_non_null_type(a.type) for a in field.args.values())
            if is_leaf_type(_named(field.type)) and not needs_arguments:
                leaves.append(name)
    return " { " + " ".join(leaves or ["__typename"]) + " }"


def _query(root: str, field_name: str, arguments: dict[str, str], selection: str) -> str:
    keyword = "mutation" if root == "Mutation" else "query"
    args = ", ".join(f"{name}: {value}" for name, value in arguments.items())
    call = f"{field_name}({args})" if args else field_name
    return f"{keyword} {{ {call}{selection} }}"


def boundary_cases(operation: Any, schema: Any) -> Iterator[BoundaryCase]:
    """Queries for the root field ``operation`` (a schemathesis operation) of ``schema``."""
    from graphql import is_non_null_type

    root, _, field_name = str(operation.label).partition(".")
    root_type = {"Query": schema.query_type, "Mutation": schema.mutation_type}.get(root)
    if root_type is None or field_name not in root_type.fields:
        return
    field = root_type.fields[field_name]
    selection = _selection(field.type)
    required = {n: _typical(a.type) for n, a in field.args.items() if is_non_null_type(a.type)}
    everything = {n: _typical(a.type) for n, a in field.args.items()}
    variants: list[tuple[dict[str, str], str]] = [(required, "required arguments"), (everything, "every argument")]
    for name, argument in field.args.items():
        edges = _edges(argument.type)
        if not is_non_null_type(argument.type):
            edges.append("null")
        for edge in edges:
            variants.append(({**required, name: edge}, f"{name}: {edge}"))
    seen: set[str] = set()
    for arguments, label in variants:
        query = _query(root, field_name, arguments, selection)
        if query not in seen:
            seen.add(query)
            yield BoundaryCase(operation.Case(body=query), False, label)
