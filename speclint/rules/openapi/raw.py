"""Raw access to an OpenAPI document, for the rules that need more than the model."""

from __future__ import annotations

from typing import Any, Iterator

from speclint.model import Api, Location

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


_MISSING = object()


def value_at(root: Any, pointer: str, default: Any = None) -> Any:
    """The value that the JSON pointer ``pointer`` reaches from ``root``, or ``default``."""
    from speclint.sources.pointers import unescape_pointer

    value: Any = root
    for token in unescape_pointer(pointer):
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            return default
    return value


def node_at(ws: Any, location: Location) -> Any:
    """The raw ``Node`` at ``location`` (a model location of one of ``ws``'s documents), or None."""
    from speclint.loaders.openapi.refs import Node

    for document in ws.documents.values():
        if document.display == location.file:
            value = value_at(document.root, location.pointer, _MISSING)
            return None if value is _MISSING else Node(value, document, location.pointer)
    return None
