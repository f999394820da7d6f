"""The faster parser gives exactly graphql-core's AST, tokens and errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from graphql import GraphQLSyntaxError, parse
from graphql.language import ast
from graphql.language.lexer import Lexer
from graphql.language.source import Source
from graphql.language.token_kind import TokenKind

from speclint.loaders.graphql.fast_lexer import _lexer_class, parse_sdl
from speclint.loaders.graphql.fast_parser import parse_type_system
from speclint.loaders.graphql.nodes import DIRECTIVE_LOCATIONS
from tests.loaders.graphql.test_large_schema import write_large_schema

TRICKY = [
    '"""\n   a \\""" b\n\r\n  c\\\\""" \n"""',
    '""""""\ntype X{a:Int}',
    '"""x\ry"""',
    '"""  \\""" z"""  b1 _x9 ',
    '"""\n\n  hello\n    world\n\n"""\n"""  \n \t \n""" "x\\"" ',
    '"""\\""""""',
    '"""a""""',
    '"""abc',
    'a\n"""\\"""\n\n"""b  c',
    "\ufeff # c\r\n\r\r\n ...x $ -1.5e3 0x \u00e9",
]


def _tokens(lexer_class: Any, text: str) -> list[Any]:
    lexer = lexer_class(Source(text))
    found: list[Any] = []
    try:
        while True:
            token = lexer.advance()
            found.append((token.kind, token.start, token.end, token.line, token.column, token.value))
            if token.kind == TokenKind.EOF:
                return found
    except GraphQLSyntaxError as error:
        return [*found, (error.message, error.locations)]


@pytest.mark.parametrize("text", TRICKY)
def test_same_tokens_as_graphql_core(text: str) -> None:
    assert _tokens(_lexer_class(), text) == _tokens(Lexer, text)


def test_same_ast_on_a_large_schema(tmp_path: Path) -> None:
    write_large_schema(tmp_path, types=300)
    text = "\n".join(p.read_text() for p in sorted(tmp_path.glob("*.graphql")))
    for variant in (text, text.replace("\n", "\r\n")):
        assert parse_sdl(variant) == parse(variant)
        assert _tokens(_lexer_class(), variant) == _tokens(Lexer, variant)


def test_node_init_restored_after_errors() -> None:
    original = ast.Node.__init__
    with pytest.raises(GraphQLSyntaxError):
        parse_sdl("type {")
    assert ast.Node.__init__ is original
    assert ast.NameNode(value="x").value == "x"


# -- the hand-written SDL parser (fast_parser.py) -----------------------------------------------

REPO = Path(__file__).resolve().parents[3]

SDL_CASES = [
    'schema @a(x: 1) { query: Q mutation: M subscription: S }\ntype Q { a: Int }',
    '"""d"""\nschema { query: Q }',
    'extend schema @dir\nextend schema { mutation: M }',
    '"s" scalar Date @specifiedBy(url: "https://x")\nextend scalar Date @foo',
    '"""\n  Block\n    indented\n"""\ntype A implements & B & C @x '
    '{ "f" f(a: Int = 1, b: [String!]! = ["x"]): [[A]!] @deprecated }',
    'interface I implements J { x: ID }\nextend interface I @d\nextend interface I implements K',
    'union U = | A | B\nunion V @d = A\nextend union U = C\nextend union U @e',
    'enum E { A @deprecated(reason: "no") "d" B, C }\nextend enum E { D }\nextend enum E @x',
    'input In { a: Int = -12 b: Float = 1.5e-3 c: E = A d: Boolean = true e: In = {a: 1, b: null} f: [Int] = [] }',
    'extend input In { g: String = "a\\"b\\u00e9\\n" }\nextend input In @d',
    '"dd" directive @a(b: Int = 0) repeatable on FIELD_DEFINITION | OBJECT\ndirective @b on | QUERY',
    '# comment\r\ntype X { a: Int } # trailing\r\n,,, \ufeff type Y{b:[X!]!}',
    'type X { a(x: [[[Int]]] = [[[1]], []], y: In = {o: {p: [true, false]}}): Int }',
    'type X { a: Int = 1 }',
    'type X',
    'extend type X',
    'extend scalar X',
    'enum E { true }',
    'directive @a on NOWHERE',
    'query { a }',
    'type X { a: Int }\nfragment F on X { a }',
    '"d" extend type X @a',
    'type X { a(x: Int = $v): Int }',
    'type X { a(x: Int = 01): Int }',
    'type X { a(x: Int = 1.): Int }',
    'type X { a(x: Float = 1e): Int }',
    'type X { a(x: String = "abc): Int }',
    'type X { a(x: String = """abc"): Int }',
    'type X { a(x: String = "\\q"): Int }',
    'type X { a: Int }}',
    'schema { query: Q, other: O }',
    'type X { a: Int } "dangling"',
    'type X { a: [Int }',
    'type X { a: Int ] }',
    '',
    '   # only a comment',
    'type X { a: Int = 1 ... }',
    'type \u00e9 { a: Int }',
    'type X { a(b: In = {c: }): Int }',
]


def assert_same_ast(light: Any, core: Any, path: str = "document") -> None:
    """The light AST equals graphql-core's: node kinds, keys, names, values and locations."""
    from enum import Enum

    from graphql.language.ast import Location, Node

    if isinstance(core, Node):
        assert light.kind == core.kind, path
        assert set(light.keys) == set(core.keys), path
        for key in core.keys:
            assert_same_ast(getattr(light, key), getattr(core, key), f"{path}.{key}")
    elif isinstance(core, Location):
        assert (light.start, light.end) == (core.start, core.end), path
    elif isinstance(core, tuple):
        assert isinstance(light, tuple) and len(light) == len(core), path
        for index, (mine, theirs) in enumerate(zip(light, core)):
            assert_same_ast(mine, theirs, f"{path}[{index}]")
    elif isinstance(core, Enum):
        assert light.value == core.value, path
    elif core is None and light == ():
        pass  # graphql-core 3.3 writes an empty list as None, 3.2 as an empty tuple
    else:
        assert type(light) is type(core) and light == core, (path, light, core)


def assert_fast_path_agrees(text: str) -> bool:
    """The fast parser gives graphql-core's AST, or declines; True when it gave one."""
    light = parse_type_system(text)
    try:
        core = parse(text)
    except GraphQLSyntaxError:
        assert light is None, "the fast path accepted what graphql-core rejects"
        return False
    if light is None:
        return False
    assert_same_ast(light, core)
    return True


@pytest.mark.parametrize("text", SDL_CASES + TRICKY)
def test_fast_parser_same_ast_or_declines(text: str) -> None:
    for variant in (text, text.replace("\n", "\r\n")):
        assert_fast_path_agrees(variant)


def test_fast_parser_takes_the_type_system() -> None:
    for text in SDL_CASES[:13]:
        assert assert_fast_path_agrees(text), text


@pytest.mark.parametrize("path", sorted((REPO / "fixtures" / "graphql").rglob("*.graphql*")), ids=str)
def test_fast_parser_on_fixtures(path: Path) -> None:
    assert_fast_path_agrees(path.read_text(encoding="utf-8"))


def test_fast_parser_on_a_large_schema(tmp_path: Path) -> None:
    write_large_schema(tmp_path, types=300)
    text = "\n".join(p.read_text() for p in sorted(tmp_path.glob("*.graphql")))
    for variant in (text, text.replace("\n", "\r\n")):
        assert assert_fast_path_agrees(variant)


@pytest.mark.parametrize("version", ["15.25.0", "15.26.0"])
def test_fast_parser_on_github_schema(version: str) -> None:
    from tests.real_specs.conftest import npm_members

    path = npm_members("@octokit/graphql-schema", version, "schema.graphql") / "schema.graphql"
    assert assert_fast_path_agrees(path.read_text(encoding="utf-8"))


def test_fast_parser_declines_deep_nesting_and_token_limits() -> None:
    deep = "type X { a(b: Int = " + "[" * 200 + "]" * 200 + "): Int }"
    assert parse_type_system(deep) is None
    text = "type X { a: Int b: Int }"  # 10 tokens
    with pytest.raises(GraphQLSyntaxError):
        parse(text, max_tokens=9)
    assert parse_type_system(text, max_tokens=9) is None
    assert_same_ast(parse_type_system(text, max_tokens=10), parse(text, max_tokens=10))


def test_directive_locations_are_graphql_cores() -> None:
    from graphql.language.directive_locations import DirectiveLocation

    # The fast parser accepts no location graphql-core rejects; locations it does not know (3.3's
    # experimental FRAGMENT_VARIABLE_DEFINITION) send the document to graphql-core.
    assert set(DirectiveLocation.__members__) - DIRECTIVE_LOCATIONS <= {"FRAGMENT_VARIABLE_DEFINITION"}
    assert DIRECTIVE_LOCATIONS <= set(DirectiveLocation.__members__)
