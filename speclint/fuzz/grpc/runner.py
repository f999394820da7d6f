"""Fuzz every selected gRPC method: boundary messages first, then hypothesis' random messages.

What counts as a failure is ``judge``'s business. Client-streaming methods get short streams
(0 to 3 messages); each distinct failure goes to the run's Collector with a grpcurl command.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from speclint.errors import ConnectionFailed, InputError, UsageError
from speclint.fuzz.context import RunContext
from speclint.fuzz.driver import drive
from speclint.fuzz.grpc.boundary import boundary_messages
from speclint.fuzz.grpc.call import Caller
from speclint.fuzz.grpc.grpcurl import grpcurl_command
from speclint.fuzz.grpc.judge import Judgement, Verdict, judge
from speclint.fuzz.grpc.methods import GrpcMethod
from speclint.fuzz.grpc.source import GrpcSpec, from_proto, from_reflection
from speclint.fuzz.grpc.strategies import StrategyBuilder
from speclint.fuzz.options import FuzzOptions
from speclint.fuzz.select import select
from speclint.loaders.display import display_path

CONNECT_TIMEOUT = 3.0
MAX_STREAM_SENT = 3
_METADATA_KEY = re.compile(r"[0-9a-z_.-]+")


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

    options = ctx.options
    metadata = grpc_metadata(options.headers)
    spec = None if options.reflection else from_proto(options.spec, options.proto_paths)
    channel = _channel(options)
    try:
        _wait_until_ready(channel, options.url, options.tls)
        if spec is None:
            spec = from_reflection(channel, options.url, metadata, options.timeout)
        selected = select(options, spec.methods, lambda method: method.label)
        ctx.tested.extend(method.label for method in selected)
        caller = Caller(channel, metadata, options.timeout)
        builder = StrategyBuilder()
        runs = []
        for index, method in enumerate(selected):  # every method's boundary messages first
            ctx.progress.step(index + 1, 2 * len(selected), method.label)
            runs.append(MethodRun(ctx, method, caller, spec, builder))
            if "boundary" in options.phases:
                runs[-1].deterministic()
        for index, run in enumerate(runs):
            ctx.progress.step(len(runs) + index + 1, 2 * len(runs), run.method.label)
            if "random" in options.phases:
                run.random()
    finally:
        channel.close()


def _channel(options: FuzzOptions) -> Any:
    import grpc

    settings = [("grpc.max_receive_message_length", -1)]
    if not options.tls:
        return grpc.insecure_channel(options.url, options=settings)
    roots = None
    if options.ca_cert is not None:
        try:
            roots = options.ca_cert.read_bytes()
        except OSError as error:
            raise InputError(f"cannot read --ca-cert {options.ca_cert}: {error.strerror}") from None
    return grpc.secure_channel(options.url, grpc.ssl_channel_credentials(root_certificates=roots), options=settings)


def connection_flags(options: FuzzOptions) -> tuple[str, ...]:
    """How grpcurl connects the way the run did."""
    if not options.tls:
        return ("-plaintext",)
    return ("-cacert", display_path(options.ca_cert)) if options.ca_cert is not None else ()


def _wait_until_ready(channel: Any, url: str, tls: bool = False) -> None:
    import grpc

    try:
        grpc.channel_ready_future(channel).result(timeout=CONNECT_TIMEOUT)
    except grpc.FutureTimeoutError:
        how = " over TLS (is the certificate trusted? see --ca-cert)" if tls else ""
        raise ConnectionFailed(
            f"cannot reach {url}: no gRPC server answered{how} within {CONNECT_TIMEOUT:g} s"
        ) from None


class MethodRun:
    """Boundary cases, then random cases, for one method; stops at a timeout or a dead server.

    A boundary case that fails is tried once more on the empty message (the same field at the
    same edge, every other field at its default): when that fails the same way, it is the
    reproduction reported, being the smaller.
    """

    def __init__(self, ctx: RunContext, method: GrpcMethod, caller: Caller, spec: GrpcSpec,
                 builder: StrategyBuilder) -> None:
        self.ctx = ctx
        self.method = method
        self.caller = caller
        self.spec = spec
        self.builder = builder
        self.stopped = False
        self.fatal: ConnectionFailed | None = None  # the server stopped answering (raised after the phases)

    def deterministic(self) -> None:
        """The boundary messages; raises ConnectionFailed when the server stopped answering."""
        if self.method.client_streaming:
            self.send([], boundary=True)  # the empty stream
        for case in boundary_messages(self.method.input):
            minimal = [case.minimal] if case.minimal is not None else None
            self.send([case.message], boundary=True, minimal=minimal)
        self._raise_fatal()

    def random(self) -> None:
        if not self.stopped:
            drive(self.strategy(), self.ctx.options.max_examples, self.ctx.options.seed, self.random_case)
        self._raise_fatal()

    def _raise_fatal(self) -> None:
        if self.fatal is not None:
            raise self.fatal

    def strategy(self) -> Any:
        from hypothesis import strategies as st

        message = self.builder.message(self.method.input)
        if self.method.client_streaming:
            return st.lists(message, max_size=MAX_STREAM_SENT)
        return message.map(lambda one: [one])

    def random_case(self, messages: list[Any]) -> None:
        self.send(messages, boundary=False)

    def send(self, messages: list[Any], *, boundary: bool, minimal: list[Any] | None = None) -> None:
        if self.stopped:
            return
        judgement = self.call(messages)
        if judgement is None:
            return
        self.stopped = judgement.stop
        if minimal is None or not judgement.verdicts or judgement.slow:
            for verdict in judgement.verdicts:
                self.report(verdict, messages, boundary)
            return
        smaller = self.call(minimal)
        again = {(v.check, v.kind): v for v in smaller.verdicts} if smaller is not None else {}
        self.stopped = self.stopped or bool(smaller and smaller.stop)
        for verdict in judgement.verdicts:
            same = again.pop((verdict.check, verdict.kind), None)
            if same is not None:
                self.report(same, minimal, boundary)
            else:
                self.report(verdict, messages, boundary)
        for verdict in again.values():  # the smaller message broke something else too
            self.report(verdict, minimal, boundary)

    def call(self, messages: list[Any]) -> Judgement | None:
        """One call, judged; None when the messages cannot be serialised (nothing was sent)."""
        try:
            payload = [message.SerializeToString() for message in messages]
        except Exception:  # a proto2 required field left unset: not a message the server could get
            return None
        self.ctx.collector.count_request()
        outcome = self.caller.call(self.method, payload)
        if outcome.code == "UNAVAILABLE" and not self.ctx.server_accepts_connections():
            self.stopped = True
            self.fatal = ConnectionFailed(
                f"the server stopped responding: {self.ctx.options.url} refuses connections "
                f"(while testing {self.method.label})"
            )
            return None
        return judge(outcome, self.ctx.options.timeout)

    def report(self, verdict: Verdict, messages: list[Any], boundary: bool) -> None:
        reproduction = grpcurl_command(
            self.ctx.options.url, self.method.label, messages, self.caller.metadata, self.spec.grpcurl_flags,
            self.ctx.collector.redactor, connection_flags(self.ctx.options),
        )
        self.ctx.collector.add(self.method.label, verdict.check, verdict.message, verdict.status, reproduction,
                               kind=verdict.kind, boundary=boundary)
