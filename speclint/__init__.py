"""speclint: lint, diff and fuzz OpenAPI, GraphQL SDL and Protocol Buffers specs."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
