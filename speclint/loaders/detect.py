"""Which format a file is in: content first, extension second."""

from __future__ import annotations

import re
from pathlib import Path

from speclint.model import SpecFormat
from speclint.sources.overlay import read_bytes, read_head

GRAPHQL_SUFFIXES = frozenset({".graphql", ".graphqls", ".gql"})
PROTO_SUFFIXES = frozenset({".proto"})
DATA_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
SPEC_SUFFIXES = GRAPHQL_SUFFIXES | PROTO_SUFFIXES | DATA_SUFFIXES

_OPENAPI_KEY = re.compile(rb"""(?m)^(?:["']?(?:openapi|swagger)["']?\s*:|\s*\{?\s*"(?:openapi|swagger)"\s*:)""")
_PROTO_HINT = re.compile(rb"""(?m)^\s*(?:syntax|edition)\s*=\s*["']|^\s*(?:message|service|package)\s+[\w.]+""")
_GRAPHQL_HINT = re.compile(rb"""(?m)^\s*(?:extend\s+)?(?:type|schema|interface|input|enum|union|scalar|directive)\b""")
_HEAD = 1 << 16


def detect_format(path: Path, head: bytes | None = None) -> SpecFormat | None:
    """The format of ``path``, or None when it is not a spec file.

    ``head`` is the start of the file (read when not given). YAML and JSON files are OpenAPI
    only when they have a top-level ``openapi`` or ``swagger`` key.
    """
    suffix = path.suffix.lower()
    if suffix in GRAPHQL_SUFFIXES:  # their suffix says it all: the content is not read
        return SpecFormat.GRAPHQL
    if suffix in PROTO_SUFFIXES:
        return SpecFormat.PROTOBUF
    if head is None:
        try:
            head = read_head(path, _HEAD)
        except OSError:
            return None
    if _OPENAPI_KEY.search(head) or (suffix in DATA_SUFFIXES and _openapi_later(path, head)):
        return SpecFormat.OPENAPI
    if suffix in DATA_SUFFIXES:
        return None
    if _PROTO_HINT.search(head):
        return SpecFormat.PROTOBUF
    if _GRAPHQL_HINT.search(head):
        return SpecFormat.GRAPHQL
    return None


def _openapi_later(path: Path, head: bytes) -> bool:
    """A JSON document may put its ``openapi`` key after a large ``info`` or ``paths``."""
    if len(head) < _HEAD:
        return False
    try:
        data = read_bytes(path)
    except OSError:
        return False
    return bool(re.search(rb'"(?:openapi|swagger)"\s*:\s*"', data))
