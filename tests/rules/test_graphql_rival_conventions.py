"""graphql-eslint conventions that speclint does not ask for by default are reachable by options."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

SCHEMA = """\
type Query {
  node(id: ID!): Node
  shop: Shop
}

type Mutation {
  addTag(name: String!): AddTagPayload
  renameShop(input: RenameShopInput!): RenameShopPayload
}

interface Node { id: ID! }

input RenameShopInput { name: String! }

type AddTagPayload { tag: String }

type RenameShopPayload { shop: Shop, query: Query }

type Shop implements Node {
  id: ID!
  shopName: String
  shopping: Boolean
  tags: [String!]!
  products(first: Int, after: String): ProductConnection!
}

type Product { id: ID! }

type ProductConnection {
  edges: [ProductEdge!]!
  pageInfo: PageInfo!
}

type ProductEdge {
  node: Product
  cursor: String!
}

type PageInfo {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}
"""


def _found(tmp_path: Path, rule: str, options: str = "") -> list[tuple[int, str]]:
    schema = tmp_path / "schema.graphql"
    schema.write_text(SCHEMA, encoding="utf-8")
    config = tmp_path / "speclint.yaml"
    config.write_text(f"rules:\n  {rule}:\n    options: {{{options}}}\n" if options else "rules: {}\n")
    result = run_cli("check", schema, "--config", config, "--select", rule, "--format", "json", "--fail-on", "never")
    assert result.code == 0, result.stderr
    return [(d["line"], d["message"]) for d in result.json()["diagnostics"]]


def test_mutation_arguments_named_input(tmp_path: Path) -> None:
    assert _found(tmp_path, "graphql-input-name-suffix") == []
    assert _found(tmp_path, "graphql-input-name-suffix", "argument: input") == [
        (7, "argument 'name' of mutation 'addTag' is not named 'input'")
    ]


def test_payloads_with_a_query_field(tmp_path: Path) -> None:
    assert _found(tmp_path, "graphql-mutation-payload") == []
    assert _found(tmp_path, "graphql-mutation-payload", "query_field: true") == [
        (7, "payload 'AddTagPayload' of mutation 'addTag' has no field of type 'Query'")
    ]


def test_field_names_starting_with_the_type_name(tmp_path: Path) -> None:
    assert _found(tmp_path, "graphql-field-type-prefix") == [(21, "field 'Shop.shopName' repeats its type's name")]
    assert _found(tmp_path, "graphql-field-type-prefix", "whole_word: false") == [
        (21, "field 'Shop.shopName' repeats its type's name"),
        (22, "field 'Shop.shopping' repeats its type's name"),
    ]


def test_edge_conventions(tmp_path: Path) -> None:
    assert _found(tmp_path, "graphql-relay-edge") == []
    assert _found(tmp_path, "graphql-relay-edge", "node_implements_node: true") == [
        (34, "the node 'Product' of edge type 'ProductEdge' does not implement Node")
    ]
    assert _found(tmp_path, "graphql-relay-edge", "lists_only_of_edges: true") == [
        (23, "field 'Shop.tags' returns a list of String, not of edges")
    ]
