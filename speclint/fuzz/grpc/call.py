"""Send one case to one method through grpcio's generic calls and say what came back.

Requests go out as bytes serialised beforehand and replies come back as bytes, so that
grpcio never (de)serialises: a reply that is not the declared message is seen here as such,
not as a client-side INTERNAL error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from speclint.fuzz.grpc.fields import message_class
from speclint.fuzz.grpc.methods import GrpcMethod

MAX_STREAM = 64  # replies read from a server stream before the call is cancelled


@dataclass(frozen=True)
class Outcome:
    """How a call ended: ``code`` is the gRPC status name (``OK``), ``replies`` how many arrived."""

    code: str
    number: int
    details: str
    replies: int
    undecodable: str | None = None  # why a reply could not be decoded as the declared output type


class Caller:
    """Calls the methods of one channel with the run's metadata and deadline."""

    def __init__(self, channel: Any, metadata: Sequence[tuple[str, str]], timeout: float) -> None:
        self.channel = channel
        self.metadata = list(metadata)
        self.timeout = timeout
        self._stubs: dict[str, Any] = {}

    def call(self, method: GrpcMethod, requests: Sequence[bytes]) -> Outcome:
        import grpc

        stub = self._stub(method)
        replies: list[bytes] = []
        try:
            if method.client_streaming:
                answer = stub(iter(requests), timeout=self.timeout, metadata=self.metadata)
            else:
                answer = stub(requests[0], timeout=self.timeout, metadata=self.metadata)
            if method.server_streaming:
                for reply in answer:
                    replies.append(reply)
                    if len(replies) >= MAX_STREAM:
                        answer.cancel()
                        break
            else:
                replies.append(answer)
        except grpc.RpcError as error:
            code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
            details = (error.details() if hasattr(error, "details") else None) or ""
            return Outcome(code.name, int(code.value[0]), details, len(replies), _undecodable(method, replies))
        return Outcome("OK", 0, "", len(replies), _undecodable(method, replies))

    def _stub(self, method: GrpcMethod) -> Any:
        stub = self._stubs.get(method.path)
        if stub is None:
            factory = {
                (False, False): self.channel.unary_unary,
                (False, True): self.channel.unary_stream,
                (True, False): self.channel.stream_unary,
                (True, True): self.channel.stream_stream,
            }[(method.client_streaming, method.server_streaming)]
            stub = self._stubs[method.path] = factory(method.path)  # no serialisers: bytes both ways
        return stub


def _undecodable(method: GrpcMethod, replies: Sequence[bytes]) -> str | None:
    cls = message_class(method.output)
    for index, reply in enumerate(replies):
        try:
            cls.FromString(reply)
        except Exception as error:
            which = f"reply {index + 1}" if method.server_streaming else "the reply"
            return f"{which} ({len(reply)} bytes) is not a valid {method.output.full_name}: {error}"
    return None
