"""Raw access to an OpenAPI document, for the rules that need more than the model."""

from __future__ import annotations

from typing import Any, Iterator

from speclint.model import Api

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def workspace(api: Api) -> Any:
    """The ``speclint.loaders.openapi.refs.Workspace`` of ``api`` (None when absent)."""
    return api.document if hasattr(api.document, "root") and hasattr(api.document, "deref") else None


def path_items(api: Api) -> Iterator[tuple[str, Any]]:
    """``(path, node)`` of each path item, the node being the (unresolved) path key's value."""
    ws = workspace(api)
    if ws is None:
        return
    paths = ws.root.child("paths")
    if paths is None:
        return
    for path, node in paths.items():
        if path.startswith("/"):
            yield path, node


def all_documents(api: Api) -> Iterator[Any]:
    ws = workspace(api)
    if ws is not None:
        yield from list(ws.documents.values())
