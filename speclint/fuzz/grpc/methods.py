"""The RPC methods a run can call, from a descriptor pool."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

_SKIPPED_PACKAGES = ("grpc.reflection.",)


@dataclass(frozen=True)
class GrpcMethod:
    """One RPC; ``input`` and ``output`` are message descriptors."""

    service: str  # fully qualified: shop.v1.ItemService
    name: str
    input: Any
    output: Any
    client_streaming: bool
    server_streaming: bool

    @property
    def label(self) -> str:
        """The contract's operation name: ``package.Service/Method``."""
        return f"{self.service}/{self.name}"

    @property
    def path(self) -> str:
        """The HTTP/2 path grpcio calls: ``/package.Service/Method``."""
        return f"/{self.service}/{self.name}"


def service_methods(services: Iterable[Any]) -> list[GrpcMethod]:
    """Every method of ``services`` (service descriptors), in declaration order."""
    methods: list[GrpcMethod] = []
    for service in services:
        if service.full_name.startswith(_SKIPPED_PACKAGES):
            continue
        for method in service.methods:
            methods.append(
                GrpcMethod(
                    service=service.full_name,
                    name=method.name,
                    input=method.input_type,
                    output=method.output_type,
                    client_streaming=bool(method.client_streaming),
                    server_streaming=bool(method.server_streaming),
                )
            )
    return methods
