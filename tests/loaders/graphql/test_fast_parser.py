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
