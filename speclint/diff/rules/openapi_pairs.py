"""Shared by the OpenAPI comparators: operations paired across versions, model schemas as nodes."""

from __future__ import annotations

import re
from typing import Any

from speclint.diff.context import DiffContext
from speclint.model import Api, Location, Operation, Schema

_TEMPLATE = re.compile(r"\{[^}/]*\}")


def operation_key(operation: Operation) -> tuple[str, str]:
    """``GET /items/{}``: path parameters renamed are the same operation."""
    return (operation.method or "", _TEMPLATE.sub("{}", operation.path or ""))


def operation_pairs(ctx: DiffContext) -> list[tuple[Operation | None, Operation | None]]:
    """Old and new operations matched by method and path; None on the side that lacks one."""
    cached = ctx.cache.get("openapi-pairs")
    if cached is None:
        old = {operation_key(op): op for op in ctx.old.operations}
        new = {operation_key(op): op for op in ctx.new.operations}
        cached = [(old.get(key), new.get(key)) for key in dict.fromkeys([*old, *new])]
        ctx.cache["openapi-pairs"] = cached
    pairs: list[tuple[Operation | None, Operation | None]] = cached
    return pairs


def matched_operations(ctx: DiffContext) -> list[tuple[Operation, Operation]]:
    """The operations both versions have, old and new."""
    return [(old, new) for old, new in operation_pairs(ctx) if old is not None and new is not None]


def schema_node(api: Api, schema: Schema | None) -> Any:
    """The workspace ``Node`` of a model schema (None without one)."""
    if schema is None or schema.raw is None:
        return None
    from speclint.loaders.openapi.refs import Node

    documents = _documents(api)
    document = documents.get(schema.location.file)
    if document is None:
        return None
    return Node(schema.raw, document, schema.location.pointer)


def _documents(api: Api) -> dict[str, Any]:
    workspace = api.document
    return {d.display: d for d in workspace.documents.values()}


def path_anchor(api: Api, path: str | None) -> Location:
    """Where an operation of ``path`` would be in ``api``: its path item, else ``paths``, else the root."""
    root = api.document.root
    paths = root.child("paths")
    if paths is None:
        return api.location
    item = paths.child(path) if path is not None else None
    return (item or paths).location
