"""Send one case to one method through grpcio's generic calls and say what came back.

Requests go out as bytes serialised beforehand and replies come back as bytes, so that
grpcio never (de)serialises: a reply that is not the declared message is seen here as such,
not as a client-side INTERNAL error.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Sequence

from speclint.fuzz.grpc.fields import message_class
from speclint.fuzz.grpc.methods import GrpcMethod

MAX_STREAM = 64  # replies read from a server stream before the call is cancelled
STREAM_IDLE = 0.1  # seconds a server stream may stay silent after a reply before it is cut (a live watch)


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
        watch: _IdleWatch | None = None
        try:
            if method.client_streaming:
                answer = stub(iter(requests), timeout=self.timeout, metadata=self.metadata)
            else:
                answer = stub(requests[0], timeout=self.timeout, metadata=self.metadata)
            if method.server_streaming:
                watch = _IdleWatch(answer, min(STREAM_IDLE, self.timeout))
                try:
                    for reply in answer:
                        replies.append(reply)
                        if len(replies) >= MAX_STREAM:
                            answer.cancel()
                            break
                        watch.reply()
                finally:
                    watch.stop()
                if watch.cut:
                    return Outcome("OK", 0, "", len(replies), _undecodable(method, replies))
            else:
                replies.append(answer)
        except grpc.RpcError as error:
            if watch is not None and watch.cut:  # a live stream we hung up on: it worked
                return Outcome("OK", 0, "", len(replies), _undecodable(method, replies))
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


class _IdleWatch:
    """Cancels a server stream that stays silent for ``idle`` seconds after a reply.

    Before the first reply the call's deadline applies (a server that never answers is slow);
    after one, a pause means a live stream (a watch, a feed) that would hold the call open for
    the whole deadline, so it is cut and counted as working.
    """

    def __init__(self, call: Any, idle: float) -> None:
        self.call = call
        self.idle = idle
        self.cut = False
        self._timer: threading.Timer | None = None

    def reply(self) -> None:
        self.stop()
        self._timer = threading.Timer(self.idle, self._cut)
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()

    def _cut(self) -> None:
        self.cut = True
        self.call.cancel()


def _undecodable(method: GrpcMethod, replies: Sequence[bytes]) -> str | None:
    cls = message_class(method.output)
    for index, reply in enumerate(replies):
        try:
            cls.FromString(reply)
        except Exception as error:
            which = f"reply {index + 1}" if method.server_streaming else "the reply"
            return f"{which} ({len(reply)} bytes) is not a valid {method.output.full_name}: {error}"
    return None
