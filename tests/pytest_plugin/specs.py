"""Spec files the plugin tests write into their pytester folders."""

from __future__ import annotations

import pytest

# An error in a $ref target (which is not a test item itself) and a warning in the document.
SHOP = """\
openapi: 3.0.3
info:
  title: Shop
  version: 1.0.0
  description: A shop.
paths:
  /v1/items:
    get:
      operationId: listItems
      summary: List items
      description: Every item.
      responses:
        "200":
          description: The items
          content:
            application/json:
              schema:
                $ref: "./schemas/item.yaml#/Item"
        "400":
          description: Bad request
"""

ITEM = """\
Item:
  type: object
  description: An item.
  properties:
    id:
      type: integer
    owner:
      $ref: "./missing.yaml#/Owner"
"""

# Warnings and a hint, no error.
PETS = """\
openapi: 3.0.3
info:
  title: Pets
  version: 1.0.0
paths:
  /v1/pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: The pets
"""

# One GraphQL schema over two files: neither is complete alone.
QUERY_SDL = """\
type Query {
  product(id: ID!): Product
}
"""

TYPES_SDL = '''\
"""A product."""
type Product {
  id: ID!
}
'''

NOT_A_SPEC = "name: a config file\nitems: [1, 2]\n"


def write_tree(pytester: pytest.Pytester) -> None:
    """api/openapi.yaml (+ its $ref target), pets.yaml, a two-file GraphQL schema, a plain YAML file."""
    path = pytester.path
    (path / "api" / "schemas").mkdir(parents=True)
    (path / "api" / "openapi.yaml").write_text(SHOP)
    (path / "api" / "schemas" / "item.yaml").write_text(ITEM)
    (path / "pets.yaml").write_text(PETS)
    (path / "graph").mkdir()
    (path / "graph" / "query.graphql").write_text(QUERY_SDL)
    (path / "graph" / "types.graphql").write_text(TYPES_SDL)
    (path / "settings.yaml").write_text(NOT_A_SPEC)
