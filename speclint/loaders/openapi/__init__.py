"""The OpenAPI loader: Swagger 2.0, OpenAPI 3.0 and 3.1, YAML or JSON, over several files."""

from __future__ import annotations

from speclint.loaders.openapi.loader import OpenApiLoader

__all__ = ["OpenApiLoader"]
