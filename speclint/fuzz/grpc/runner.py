"""Fuzz every selected gRPC method: boundary messages first, then hypothesis' random messages.

Checks: ``server-error`` for UNKNOWN, INTERNAL, DATA_LOSS and UNIMPLEMENTED (the method is
declared, so it must be served) and for a server that stops answering; ``timeout`` for
DEADLINE_EXCEEDED before any reply; ``response-schema`` for a reply that does not decode as
the declared output type. Client-streaming methods get short streams (0 to 3 messages).
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Sequence

from speclint.errors import ConnectionFailed, UsageError
from speclint.fuzz import results as ids
from speclint.fuzz.context import RunContext
from speclint.fuzz.driver import drive
from speclint.fuzz.grpc.boundary import boundary_messages
from speclint.fuzz.grpc.call import Caller, Outcome
from speclint.fuzz.grpc.grpcurl import grpcurl_command
from speclint.fuzz.grpc.methods import GrpcMethod
from speclint.fuzz.grpc.source import GrpcSpec, from_proto, from_reflection
from speclint.fuzz.grpc.strategies import StrategyBuilder
from speclint.fuzz.reach import ensure_reachable

CONNECT_TIMEOUT = 3.0
MAX_STREAM_SENT = 3
_SERVER_ERRORS = frozenset({"UNKNOWN", "INTERNAL", "DATA_LOSS", "UNIMPLEMENTED"})
_METADATA_KEY = re.compile(r"[0-9a-z_.-]+")
_MAX_DETAILS = 300


def grpc_metadata(headers: Sequence[tuple[str, str]]) -> list[tuple[str, Any]]:
    """``--header`` values as gRPC metadata: keys lower-cased, checked; ``-bin`` values as bytes."""
    metadata: list[tuple[str, Any]] = []
    for name, value in headers:
        key = name.lower()
        if not _METADATA_KEY.fullmatch(key):
            raise UsageError(f"--header {name!r} is not a valid gRPC metadata key")
        metadata.append((key, value.encode("utf-8") if key.endswith("-bin") else value))
    return metadata


def run_grpc(ctx: RunContext) -> None:
    import grpc

    options = ctx.options
    metadata = grpc_metadata(options.headers)
    spec = None if options.reflection else from_proto(options.spec, options.proto_paths)
    channel = grpc.insecure_channel(options.url, options=[("grpc.max_receive_message_length", -1)])
    try:
        _wait_until_ready(channel, options.url)
        if spec is None:
            spec = from_reflection(channel, options.url, metadata, options.timeout)
        selected = [method for method in spec.methods if options.selects(method.label)]
        ctx.tested.extend(method.label for method in selected)
        caller = Caller(channel, metadata, options.timeout)
        builder = StrategyBuilder()
        for index, method in enumerate(selected):
            ctx.progress.step(index + 1, len(selected), method.label)
            MethodRun(ctx, method, caller, spec, builder).run()
    finally:
        channel.close()


def _wait_until_ready(channel: Any, url: str) -> None:
    import grpc

    try:
        grpc.channel_ready_future(channel).result(timeout=CONNECT_TIMEOUT)
    except grpc.FutureTimeoutError:
        raise ConnectionFailed(f"cannot reach {url}: no gRPC server answered within {CONNECT_TIMEOUT:g} s") from None


class MethodRun:
    """Boundary cases, then random cases, for one method; stops at a timeout or a dead server."""

    def __init__(self, ctx: RunContext, method: GrpcMethod, caller: Caller, spec: GrpcSpec,
                 builder: StrategyBuilder) -> None:
        self.ctx = ctx
        self.method = method
        self.caller = caller
        self.spec = spec
        self.builder = builder
        self.stopped = False

    def run(self) -> None:
        for messages in self.boundary_cases():
            self.send(messages, boundary=True)
        if not self.stopped:
            drive(self.strategy(), self.ctx.options.max_examples, self.ctx.options.seed, self.random_case)

    def boundary_cases(self) -> Iterator[list[Any]]:
        if self.method.client_streaming:
            yield []  # the empty stream
        for _, message in boundary_messages(self.method.input):
            yield [message]

    def strategy(self) -> Any:
        from hypothesis import strategies as st

        message = self.builder.message(self.method.input)
        if self.method.client_streaming:
            return st.lists(message, max_size=MAX_STREAM_SENT)
        return message.map(lambda one: [one])

    def random_case(self, messages: list[Any]) -> None:
        self.send(messages, boundary=False)

    def send(self, messages: list[Any], *, boundary: bool) -> None:
        if self.stopped:
            return
        try:
            payload = [message.SerializeToString() for message in messages]
        except Exception:  # a proto2 required field left unset: not a message the server could get
            return
        self.ctx.collector.count_request()
        outcome = self.caller.call(self.method, payload)
        self.judge(outcome, messages, boundary)

    def judge(self, outcome: Outcome, messages: list[Any], boundary: bool) -> None:
        code = outcome.code
        details = outcome.details[:_MAX_DETAILS]
        if code in _SERVER_ERRORS:
            text = f"{code}: {details}" if details else code
            if code == "UNIMPLEMENTED":
                text = f"{text} (the method is declared in the spec but the server does not serve it)"
                self.stopped = True
            self.report(ids.SERVER_ERROR, text, outcome.number, messages, boundary, kind=code)
        elif code == "DEADLINE_EXCEEDED":
            if outcome.replies == 0:
                text = f"no reply within {self.ctx.options.timeout:g} s (DEADLINE_EXCEEDED)"
                self.report(ids.TIMEOUT, text, None, messages, boundary)
            self.stopped = True
        elif code == "UNAVAILABLE" and not self._reachable():
            text = f"no reply: the server stopped answering (UNAVAILABLE: {details})"
            self.report(ids.SERVER_ERROR, text, None, messages, boundary, kind="connection")
            self.stopped = True
        if outcome.undecodable:
            self.report(ids.RESPONSE_SCHEMA, outcome.undecodable, outcome.number, messages, boundary, kind="decode")

    def report(self, check: str, message: str, status: int | None, messages: list[Any], boundary: bool,
               kind: str = "") -> None:
        reproduction = grpcurl_command(
            self.ctx.options.url, self.method.label, messages, self.caller.metadata, self.spec.grpcurl_flags,
            self.ctx.collector.redactor,
        )
        self.ctx.collector.add(self.method.label, check, message, status, reproduction, kind=kind, boundary=boundary)

    def _reachable(self) -> bool:
        try:
            ensure_reachable(self.ctx.options.url)
        except ConnectionFailed:
            return False
        return True
