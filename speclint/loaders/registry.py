"""The loader of each format, imported only when a file of that format is met."""

from __future__ import annotations

import importlib

from speclint.loaders.base import Loader
from speclint.model import SpecFormat

_LOADERS = {
    SpecFormat.OPENAPI: "speclint.loaders.openapi:OpenApiLoader",
    SpecFormat.GRAPHQL: "speclint.loaders.graphql:GraphQLLoader",
    SpecFormat.PROTOBUF: "speclint.loaders.protobuf:ProtobufLoader",
}


def loader_for(spec_format: SpecFormat) -> Loader | None:
    """The loader for ``spec_format``, or None when that format has no loader yet."""
    module_name, _, class_name = _LOADERS[spec_format].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name and module_name.startswith(error.name):
            return None
        raise
    loader: Loader = getattr(module, class_name)()
    return loader
