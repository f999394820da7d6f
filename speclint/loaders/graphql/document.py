"""Raw access to the parsed SDL, for GraphQL-specific rules (``Api.document``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from speclint.loaders.graphql.source import SourceFile
from speclint.model import Location


@dataclass(frozen=True)
class GraphQLDocument:
    """The files of one schema and their parsed documents.

    A document is the hand-written parser's light AST (``nodes.py``: graphql-core's node kinds,
    attribute names and ``loc`` offsets, without tokens), or graphql-core's own ``DocumentNode``
    for the documents that parser leaves to graphql-core: read them by attribute and ``kind``.

    ``root_types`` maps ``query``/``mutation``/``subscription`` to the root type names in use.
    """

    files: tuple[SourceFile, ...]
    root_types: Mapping[str, str]

    @property
    def documents(self) -> dict[str, Any]:
        """Display path to ``DocumentNode``, for each file that could be parsed."""
        return {f.display: f.document for f in self.files if f.document is not None}

    def text(self, file: str) -> str:
        for source in self.files:
            if source.display == file:
                return source.text
        raise KeyError(file)

    def location(self, file: str, pointer: str, node: Any) -> Location:
        """The location of any AST node of ``file``, named by ``pointer``."""
        for source in self.files:
            if source.display == file:
                return source.location(pointer, node)
        raise KeyError(file)
