"""The JSONPath-Plus evaluator and its filter expressions, on the test vectors of jsonpath-plus's
README (Goessner's bookstore) and on ``given`` paths from Spectral's own rulesets."""

from __future__ import annotations

from typing import Any

import pytest

from speclint.custom.expr import ExprError, parse_expression
from speclint.custom.jsonpath import Cursor, PathError, PathKey, evaluate, parse_path

STORE: dict[str, Any] = {
    "store": {
        "book": [
            {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
            {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
            {
                "category": "fiction",
                "author": "Herman Melville",
                "title": "Moby Dick",
                "isbn": "0-553-21311-3",
                "price": 8.99,
            },
            {
                "category": "fiction",
                "author": "J. R. R. Tolkien",
                "title": "The Lord of the Rings",
                "isbn": "0-395-19395-8",
                "price": 22.99,
            },
        ],
        "bicycle": {"color": "red", "price": 19.95},
    }
}
BOOKS = STORE["store"]["book"]


class DataTree:
    """A :class:`~speclint.custom.jsonpath.Tree` over plain data, for the evaluator alone."""

    def __init__(self, data: Any) -> None:
        self._root = Cursor(data, (), None)

    def root(self) -> Cursor:
        return self._root

    def children(self, cursor: Cursor) -> list[Cursor]:
        value = cursor.value
        keys: list[PathKey] = (
            list(value) if isinstance(value, dict) else list(range(len(value))) if isinstance(value, list) else []
        )
        return [Cursor(value[k], (*cursor.path, k), None, cursor) for k in keys]

    def child(self, cursor: Cursor, key: PathKey) -> Cursor | None:
        value = cursor.value
        if isinstance(value, dict) and key in value:
            return Cursor(value[key], (*cursor.path, key), None, cursor)
        if isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
            return Cursor(value[key], (*cursor.path, key), None, cursor)
        return None

    def identity(self, cursor: Cursor) -> Any:
        return cursor.path


def values(data: Any, path: str) -> list[Any]:
    return [c.value for c in evaluate(DataTree(data), path)]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("$.store.book[*].author", [b["author"] for b in BOOKS]),
        ("$..author", [b["author"] for b in BOOKS]),
        ("$.store.*", [BOOKS, STORE["store"]["bicycle"]]),
        ("$.store..price", [8.95, 12.99, 8.99, 22.99, 19.95]),
        ("$..book[2]", [BOOKS[2]]),
        ("$..book[-1]", [BOOKS[3]]),
        ("$..book[0,1]", BOOKS[:2]),
        ("$..book[?(@.isbn)]", BOOKS[2:]),
        ("$..book[?(@.price<10)]", [BOOKS[0], BOOKS[2]]),
        ("$..book[?(@property !== 0)]", BOOKS[1:]),
        ('$..book[?(@parent.bicycle && @parent.bicycle.color === "red")].category', []),
        ('$..book.*[?(@property === "category" && @.match(/TION$/i))]', ["fiction"] * 3),
        ("$..book[?(@.author.startsWith('J.'))].title", ["The Lord of the Rings"]),
        ("$.store['bicycle']['color']", ["red"]),
        ("$..[?(@.color)]", [STORE["store"]["bicycle"]]),
        (
            "$.store.book[?(@.price > 20 || @.category === 'reference')].title",
            ["Sayings of the Century", "The Lord of the Rings"],
        ),
    ],
)
def test_jsonpath_plus_readme_vectors(path: str, expected: list[Any]) -> None:
    assert values(STORE, path) == expected


OPENAPI: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Shop", "version": "1.0.0", "contact": {"name": "Team"}},
    "paths": {
        "/items/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True}],
            "get": {"description": "One item.", "parameters": [{"name": "q", "in": "query"}]},
            "put": {"operationId": "putItem"},
            "x-internal": {"get": {}},
        }
    },
}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # given paths of Spectral's oas ruleset and its documentation
        ("$.info.contact", [{"name": "Team"}]),
        (
            "$.paths[*][?(@property === 'get' || @property === 'put')]",
            [OPENAPI["paths"]["/items/{id}"]["get"], OPENAPI["paths"]["/items/{id}"]["put"]],
        ),
        ("$..parameters[?(@.in === 'path')].name", ["id"]),
        ("$.paths.*[?( @property === 'get' )].description", ["One item."]),
        ("$.paths[*][?(@property.startsWith('x-'))]", [{"get": {}}]),
        ("$.paths[*][?(@property !== 'parameters' && !@property.startsWith('x-'))]~", ["get", "put"]),
        ("$..[?(@property === 'operationId')]", ["putItem"]),
        ("$.paths[?(@property.includes('{'))]", [OPENAPI["paths"]["/items/{id}"]]),
        ("$..parameters[?(@.name.length > 1)].in", ["path"]),
    ],
)
def test_spectral_given_vectors(path: str, expected: list[Any]) -> None:
    assert values(OPENAPI, path) == expected


@pytest.mark.parametrize("path", ["$.store.book[", "$.store.book['title'", "$.a[?(@.b)", "store.book", "$.a[1:2]"])
def test_paths_it_cannot_read_are_a_path_error(path: str) -> None:
    with pytest.raises(PathError):
        parse_path(path)


def test_a_filter_it_cannot_read_is_an_expression_error() -> None:
    with pytest.raises(ExprError):
        parse_path("$..book[?(@.price <)]")


@pytest.mark.parametrize(
    ("expression", "scope", "expected"),
    [
        ("@ === 'a'", {"@": "a"}, True),
        ("@ == 1", {"@": "1"}, True),  # loose equality converts, strict does not
        ("@ === 1", {"@": "1"}, False),
        ("!@.deprecated", {"@": {"deprecated": False}}, True),
        ("@.length > 2", {"@": [1, 2, 3]}, True),
        ("@.length > 2", {"@": "ab"}, False),
        ("@.match(/^get/)", {"@": "getItem"}, True),
        ("@.endsWith('Id') && @.includes('item')", {"@": "itemId"}, True),
        ("@property === 'x' || @property === 'y'", {"@property": "y"}, True),
        ("@.missing === undefined", {"@": {}}, True),
        ("@.missing.deeper === undefined", {"@": {}}, False),  # a TypeError in JavaScript: false, not a crash
        ("typeof @ === 'string'", {"@": "s"}, True),
    ],
)
def test_expression_subset(expression: str, scope: dict[str, Any], expected: bool) -> None:
    assert parse_expression(expression).truthy(scope) is expected
