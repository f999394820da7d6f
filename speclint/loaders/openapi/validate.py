"""Structural validation against the official OpenAPI JSON Schemas.

The schemas are the OpenAPI Initiative's, shipped in ``schemas/`` (the copies openapi-spec-validator
distributes; a test keeps them equal); jsonschema-rs checks the GitHub description against them
in about 0.01 s, where a pure-Python validator takes seconds.
Every error is reported at the node that fails, with a message about that node.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from speclint.sources.pointers import join_pointer
from speclint.sources.tree_positions import escape_token

MAX_ERRORS = 200


@dataclass(frozen=True)
class StructureError:
    pointer: str
    message: str


def _schema_folder(version: str) -> str | None:
    if version.startswith("2."):
        return "v2.0"
    if version.startswith("3.0"):
        return "v3.0"
    if version.startswith("3.1"):
        return "v3.1"
    if version.startswith("3.2"):
        return "v3.2"
    return None


SCHEMAS = Path(__file__).parent / "schemas"


@lru_cache(maxsize=8)
def _schema(folder: str) -> dict[str, Any]:
    return dict(json.loads((SCHEMAS / folder / "schema.json").read_text(encoding="utf-8")))


@lru_cache(maxsize=64)
def _validator(folder: str, branch: str | None = None) -> Any:
    import jsonschema_rs

    schema = _schema(folder)
    if branch is not None:
        sub = json.loads(branch)
        schema = {k: v for k, v in schema.items() if k in _KEEP} | sub
    return jsonschema_rs.validator_for(schema)


_KEEP = frozenset({"$schema", "$id", "definitions", "$defs"})


def validate(root: Any, version: str) -> list[StructureError]:
    """The structural errors of an OpenAPI document, each at its failing node."""
    folder = _schema_folder(version)
    if folder is None:
        message = (
            f"OpenAPI version '{version}' is none that speclint knows (2.0, 3.0, 3.1, 3.2): "
            "the document's structure was not validated"
        )
        return [StructureError("/swagger" if isinstance(root, dict) and "swagger" in root else "/openapi", message)]
    validator = _validator(folder)  # a failure here is speclint's: an internal error, never "valid"
    errors = list(_explain(folder, validator, root, "", depth=0))
    unique: dict[tuple[str, str], StructureError] = {}
    for error in errors:
        unique.setdefault((error.pointer, error.message), error)
    return list(unique.values())[:MAX_ERRORS]


def _pointer(prefix: str, path: Any) -> str:
    return prefix + join_pointer(path)


def _explain(folder: str, validator: Any, root: Any, prefix: str, depth: int) -> Iterator[StructureError]:
    for error in validator.iter_errors(root):
        pointer = _pointer(prefix, error.instance_path)
        kind = type(error.kind).__name__
        if kind in ("OneOfNotValid", "AnyOfNotValid") and depth < 3:
            yield from _best_branch(folder, error, pointer, depth)
            continue
        unexpected = (
            getattr(error.kind, "unexpected", None)
            if kind in ("AdditionalProperties", "UnevaluatedProperties")
            else None
        )
        if unexpected:
            for name in unexpected:
                yield StructureError(
                    f"{pointer}/{escape_token(str(name))}", f"property '{name}' is not allowed here"
                )
            continue
        yield StructureError(pointer, _message(error, kind))


def _best_branch(folder: str, error: Any, pointer: str, depth: int) -> Iterator[StructureError]:
    """For a failed oneOf/anyOf, report the errors of the branch that came closest."""
    schema: Any = _schema(folder)
    for part in error.schema_path:
        schema = schema[part] if isinstance(schema, dict) else schema[int(part)]
    best: list[StructureError] | None = None
    for branch in schema if isinstance(schema, list) else []:
        if isinstance(branch, dict) and "$ref" in branch and _is_reference_branch(branch):
            continue
        validator = _validator(folder, json.dumps(branch, sort_keys=True))
        found = list(_explain(folder, validator, error.instance, pointer, depth + 1))
        if found and (best is None or len(found) < len(best)):
            best = found
    if best:
        yield from best
    else:
        yield StructureError(pointer, "does not match any of the allowed forms")


def _is_reference_branch(branch: dict[str, Any]) -> bool:
    ref = str(branch.get("$ref", ""))
    return ref.rsplit("/", 1)[-1] in ("Reference", "reference")


def _message(error: Any, kind: str) -> str:
    message = str(error.message)
    if kind == "Required":
        prop = getattr(error.kind, "property", None)
        if prop is not None:
            return f"required property {prop!r} is missing"
    if len(message) > 160:
        message = message[:157] + "..."
    return message
