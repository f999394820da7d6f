"""Protocol Buffers: ``.proto`` files compiled by grpcio-tools' protoc into the model."""

from __future__ import annotations

from speclint.loaders.protobuf.loader import ProtobufLoader

__all__ = ["ProtobufLoader"]
