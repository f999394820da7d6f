"""A change that names several members (of a union, of the interfaces a type implements) is
one change per member, never folded into one because they share a place."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

BASE = """\
type Query { r: R }
type A { id: ID }
type B { id: ID }
type C { id: ID }
type D { id: ID }
interface Node { id: ID }
interface Named { id: ID }
type E implements Node & Named { id: ID }
union R = A | B | C | D
"""


def _changes(tmp_path: Path, old: str, new: str) -> list[tuple[str, str, str]]:
    (tmp_path / "old.graphql").write_text(old)
    (tmp_path / "new.graphql").write_text(new)
    result = run_cli("diff", tmp_path / "old.graphql", tmp_path / "new.graphql", "--format", "json")
    assert result.code in (0, 1), result.stderr
    return sorted((c["rule"], c["level"], c["message"]) for c in result.json()["changes"])


def test_each_removed_union_member_is_a_breaking_change(tmp_path: Path) -> None:
    changes = _changes(tmp_path, BASE, BASE.replace("union R = A | B | C | D", "union R = A"))
    assert changes == [
        ("union-member-removed", "breaking", f"union 'R' no longer includes '{member}'") for member in "BCD"
    ]


def test_each_added_union_member_is_a_change(tmp_path: Path) -> None:
    changes = _changes(tmp_path, BASE.replace("union R = A | B | C | D", "union R = A"), BASE)
    assert [c for c in changes if c[0] == "union-member-added"] == [
        ("union-member-added", "potentially-breaking", f"union 'R' now includes '{member}'") for member in "BCD"
    ]


def test_each_dropped_interface_is_a_change(tmp_path: Path) -> None:
    changes = _changes(tmp_path, BASE, BASE.replace("type E implements Node & Named", "type E"))
    assert [c[2] for c in changes if c[0] == "interface-removed"] == [
        "'E' no longer implements 'Named'",
        "'E' no longer implements 'Node'",
    ]
