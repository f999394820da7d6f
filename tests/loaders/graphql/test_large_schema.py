"""A large generated schema (2,000 types, split over files) loads fast, with exact positions."""

from __future__ import annotations

import time
from pathlib import Path

from tests.loaders.graphql.helpers import at, check_json, load_api

TYPES = 2_000


def write_large_schema(folder: Path, types: int = TYPES) -> dict[str, int]:
    """Write a schema of ``types`` object types, an enum and an input per 10 types, over 4 files.

    Plants a duplicate field and an unknown type; returns the lines they are on.
    """
    planted: dict[str, int] = {}
    query = ['"""The root of all reads."""', "type Query {"]
    parts: list[list[str]] = [[] for _ in range(4)]
    for i in range(types):
        lines = parts[i % 4]
        query.append(f'  "Fetch one Item{i}."\n  item{i}(id: ID!, filter: Filter{i // 10}): Item{i}')
        lines += [
            f'"""\nAn item of kind {i}.\n\nWith a longer description that spans lines.\n"""',
            f"type Item{i} implements Node {{",
            "  id: ID!",
            f'  "The name of item {i}."\n  name(locale: String = "en"): String!',
            f"  related(first: Int = 10, after: String): [Item{(i + 1) % types}!]!",
            f"  status: Status{i // 10}",
            "  createdAt: DateTime @deprecated(reason: \"Use created.\")",
        ]
        if i == 1234:
            planted["duplicate"], planted["duplicate_file"] = _next_line(lines), i % 4
            lines.append("  name: String")
        if i == 1501:
            planted["unknown"], planted["unknown_file"] = _next_line(lines), i % 4
            lines.append("  owner: Missing")
        lines.append("}")
        if i % 10 == 0:
            lines += [f"enum Status{i // 10} {{\n  ACTIVE\n  RETIRED @deprecated\n}}"]
            lines += [f"input Filter{i // 10} {{\n  status: Status{i // 10}\n  text: String\n}}"]
    query.append("}")
    (folder / "query.graphql").write_text("\n".join([*query, "interface Node { id: ID! }", "scalar DateTime", ""]))
    for n, lines in enumerate(parts):
        text = "\n".join(lines) + "\n"
        (folder / f"types{n}.graphql").write_text(text)
    return planted


def _next_line(blocks: list[str]) -> int:
    """The line number the next block will start on (blocks may hold several lines)."""
    return sum(block.count("\n") + 1 for block in blocks) + 1


def test_large_schema_positions_and_speed(tmp_path: Path) -> None:
    planted = write_large_schema(tmp_path)
    start = time.perf_counter()
    code, diagnostics = check_json(tmp_path)
    elapsed = time.perf_counter() - start
    assert code == 1
    assert at(diagnostics) == sorted([
        ("invalid-structure", f"types{planted['duplicate_file']}.graphql", planted["duplicate"], 3),
        ("invalid-structure", f"types{planted['unknown_file']}.graphql", planted["unknown"], 10),
    ])
    assert elapsed < 30, elapsed


def test_large_schema_model(tmp_path: Path) -> None:
    write_large_schema(tmp_path)
    api = load_api(*sorted(tmp_path.glob("*.graphql")))
    assert len(api.operations) == TYPES
    assert len([t for t in api.types if t.kind == "object"]) == TYPES + 1
    assert Path(api.entry_file).name == "query.graphql"
    item = api.type("Item1999")
    assert item is not None and [f.name for f in item.fields][:3] == ["id", "name", "related"]
    assert item.fields[1].description == "The name of item 1999."
