"""Independent proto trees are compiled apart: linting them together gives what each gives alone.

Two unrelated packages that both extend ``google.protobuf.MethodOptions`` with number 50001
(the range every company uses) used to share one protoc run and one descriptor pool, where the
second extension could not be added: its options were read as the first one's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli

OPTION = """\
syntax = "proto3";
package {package};
import "google/protobuf/descriptor.proto";
extend google.protobuf.MethodOptions {{ string {name} = {number}; }}
"""

ATLAS = """\
syntax = "proto3";
package atlas.v1;
import "atlas/v1/options.proto";
service TraceService {
  rpc GetTrace(GetTraceRequest) returns (Trace) { option (trace_tag) = "t"; }
}
message GetTraceRequest { string name = 1; }
message Trace { string name = 1; }
"""

BOOKS = """\
syntax = "proto3";
package books.v1;
import "books/v1/policy.proto";
import "books/v1/scopes.proto";
service BookService {
  rpc GetBook(GetBookRequest) returns (Book) { option (auth_policy) = "reader"; }
  rpc ListBooks(ListBooksRequest) returns (ListBooksResponse) { option (auth_scope) = "books.read"; }
}
message GetBookRequest { string name = 1; }
message Book { string name = 1; }
message ListBooksRequest { int32 page_size = 1; }
message ListBooksResponse { repeated Book books = 1; }
"""


@pytest.fixture
def trees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = {
        "atlas/v1/options.proto": OPTION.format(package="atlas.v1", name="trace_tag", number=50001),
        "atlas/v1/atlas.proto": ATLAS,
        "books/v1/policy.proto": OPTION.format(package="books.v1", name="auth_policy", number=50001),
        "books/v1/scopes.proto": OPTION.format(package="books.v1", name="auth_scope", number=50002),
        "books/v1/books.proto": BOOKS,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(*args: str) -> tuple[int, list[tuple[str, str, int, int]], dict[str, Any]]:
    result = run_cli("check", "--format", "json", "--proto-path", ".", "--ruleset", "strict", *args)
    assert result.code in (0, 1), result.stderr
    report = result.json()
    found = sorted((d["rule"], d["file"], d["line"], d["column"]) for d in report["diagnostics"])
    return result.code, found, report["summary"]


def test_two_trees_together_give_what_each_gives_alone(trees: Path) -> None:
    _, together, _ = _check("--no-cache", ".")
    _, atlas, _ = _check("--no-cache", "atlas")
    _, books, _ = _check("--no-cache", "books")
    assert together == sorted(atlas + books)
    assert not [f for f in together if f[0] in ("protobuf-rpc-auth", "internal-error", "syntax-error")]


def test_each_tree_is_a_unit_of_its_own(trees: Path) -> None:
    _, together, _ = _check("--no-cache", ".")
    parts = [_check("--no-cache", "--shard", f"{k}/2", ".")[1] for k in (1, 2)]
    assert all(parts) and sorted(parts[0] + parts[1]) == together
    assert {f[1].split("/")[0] for f in parts[0]} != {f[1].split("/")[0] for f in parts[1]}
    _check(".")
    assert len(list(Path(".speclint_cache").rglob("*.json"))) == 2  # cached tree by tree


def test_files_that_import_each_other_or_share_a_package_stay_together(trees: Path) -> None:
    shelf = 'syntax = "proto3";\npackage books.v1;\nmessage Shelf { string id = 1; }\n'
    (trees / "books/v1/extra.proto").write_text(shelf)  # imports nothing, imported by nothing
    _check(".")
    assert len(list(Path(".speclint_cache").rglob("*.json"))) == 2


def test_the_summary_counts_linted_files_not_their_imports(trees: Path) -> None:
    _, _, summary = _check("--no-cache", "books/v1/books.proto")
    assert summary["files"] == 1
    result = run_cli("check", "--no-cache", "--proto-path", ".", "books/v1/books.proto")
    assert "in 1 file." in result.stdout


def test_a_missing_import_that_appears_is_seen_by_a_cached_run(trees: Path) -> None:
    (trees / "books/v1/scopes.proto").unlink()
    code, found, _ = _check("books/v1/books.proto")
    assert code == 1 and [f for f in found if f[0] == "unresolved-ref"] == [
        ("unresolved-ref", "books/v1/books.proto", 4, 8)
    ]
    (trees / "books/v1/scopes.proto").write_text(OPTION.format(package="books.v1", name="auth_scope", number=50002))
    cached = _check("books/v1/books.proto")[1]
    assert cached == _check("--no-cache", "books/v1/books.proto")[1]
    assert not [f for f in cached if f[0] == "unresolved-ref"]


SMALL = """\
syntax = "proto3";
package {package};
{imports}
service {service} {{
  rpc get_thing(GetThingRequest) returns (Thing);
}}
message GetThingRequest {{ string thingName = 1; }}
message Thing {{ string name = 1; }}
"""


def test_many_small_trees_linted_together_give_what_each_gives_alone(trees: Path) -> None:
    # Small trees share protoc runs; one that cannot be compiled beside the others (the two that
    # use 50001, a syntax error, a missing import) must not change anyone's findings.
    for index in range(6):
        folder = trees / f"small{index}" / "v1"
        folder.mkdir(parents=True)
        imports = 'import "google/api/missing.proto";' if index == 4 else 'import "google/protobuf/empty.proto";'
        text = SMALL.format(package=f"small{index}.v1", imports=imports, service=f"Small{index}Service")
        if index == 2:
            text = text.replace("string name = 1;", "string name = 1")  # a syntax error
        (folder / "small.proto").write_text(text)
    roots = ["atlas", "books", *(f"small{index}" for index in range(6))]
    alone = sorted(f for root in roots for f in _check("--no-cache", root)[1])
    assert {f[0] for f in alone} >= {"syntax-error", "unresolved-ref", "field-name-casing"}
    for jobs in ("1", "2"):
        assert _check("--no-cache", "--jobs", jobs, ".")[1] == alone
    assert _check(".")[1] == alone  # and through the cache, tree by tree
    assert len(list(Path(".speclint_cache").rglob("*.json"))) == len(roots)


def test_imports_in_block_comments_are_not_followed(trees: Path) -> None:
    # the tree split reads imports with a pattern, not protoc: a commented-out import must not
    # join trees or be looked for, and `/*` in later text (resource patterns) must not hide one
    text = (
        'syntax = "proto3";\n'
        "package maps.v1;\n"
        '/* import "gone/v1/old.proto";\n'
        "   still commented */\n"
        'import "missing/v1/new.proto";\n'
        + 'message Place { string name = 1; } // "projects/*/places/*"\n' * 200
    )
    (trees / "maps/v1").mkdir(parents=True)
    (trees / "maps/v1/maps.proto").write_text(text)
    _, found, _ = _check("--no-cache", "maps")
    assert [f for f in found if f[0] == "unresolved-ref"] == [("unresolved-ref", "maps/v1/maps.proto", 5, 8)]
