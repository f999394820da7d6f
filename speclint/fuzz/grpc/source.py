"""Where a gRPC run's methods come from: a ``.proto`` file compiled by protoc, or server reflection."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from speclint.errors import ConnectionFailed, InputError
from speclint.fuzz.grpc.methods import GrpcMethod, service_methods
from speclint.loaders.display import display_path

_REFLECTION_PATHS = (
    "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
    "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",  # the same messages, renamed
)
_MAX_FILES = 2000


@dataclass
class GrpcSpec:
    """The methods to test, and the grpcurl flags that let grpcurl find the same descriptors."""

    methods: list[GrpcMethod]
    grpcurl_flags: tuple[str, ...] = ()  # empty under reflection: grpcurl asks the server too


def from_proto(spec: Path, proto_paths: Sequence[Path]) -> GrpcSpec:
    """Compile ``spec`` with its imports; the methods of its services (of all files if it has none)."""
    from google.protobuf.descriptor_pb2 import FileDescriptorSet

    from speclint.loaders.base import LoadOptions
    from speclint.loaders.protobuf.protoc import run_protoc
    from speclint.loaders.protobuf.roots import plan_layout, well_known_root

    path = spec.resolve()
    layout = plan_layout([path], LoadOptions(proto_paths=tuple(proto_paths), explicit=frozenset({path})))
    batch = next((b for b in layout.batches if any(f.path == path for f in b.files)), None)
    if batch is None:
        raise InputError(f"cannot compile {spec}: another file of the same name is found first on the import path")
    file = next(f for f in batch.files if f.path == path)
    run = run_protoc([file.virtual], batch.roots)
    if not run.ok:
        first = run.messages[0] if run.messages else None
        where = f"{first.file}:{first.line}: " if first and first.file and first.line else ""
        raise InputError(f"cannot compile {spec}: {where}{first.message if first else 'protoc failed'}")
    files = FileDescriptorSet.FromString(run.descriptor_set).file
    pool = _pool(files)
    own = [proto for proto in files if proto.name == file.virtual]
    chosen = own if own and own[0].service else [p for p in files if not p.name.startswith("google/protobuf/")]
    services = [pool.FindServiceByName(_qualified(p.package, s.name)) for p in chosen for s in p.service]
    wkt = well_known_root()
    flags: list[str] = []
    for root in batch.roots:
        if root != wkt:
            flags += ["-import-path", display_path(root)]
    flags += ["-proto", file.virtual]
    return GrpcSpec(service_methods(services), tuple(flags))


def from_reflection(channel: Any, target: str, metadata: Sequence[tuple[str, str]], timeout: float) -> GrpcSpec:
    """Ask the server's reflection service (v1alpha, else v1) for its services and their files."""
    import grpc

    last: Exception | None = None
    for path in _REFLECTION_PATHS:
        try:
            return _reflect(channel, path, metadata, timeout)
        except grpc.RpcError as error:
            last = error
            if error.code() != grpc.StatusCode.UNIMPLEMENTED:
                break
    code = last.code().name if isinstance(last, grpc.RpcError) else "?"
    if code == "UNIMPLEMENTED":
        raise InputError(f"{target} does not offer server reflection: give the .proto file as SPEC")
    raise ConnectionFailed(f"cannot read the services of {target} by server reflection: {code}")


class _Reflector:
    """One reflection call per question, each with the deadline."""

    def __init__(self, channel: Any, path: str, metadata: Sequence[tuple[str, str]], timeout: float) -> None:
        from grpc_reflection.v1alpha import reflection_pb2

        self.pb = reflection_pb2
        self.call = channel.stream_stream(
            path,
            request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
            response_deserializer=reflection_pb2.ServerReflectionResponse.FromString,
        )
        self.metadata = list(metadata)
        self.timeout = timeout

    def ask(self, **question: str) -> Any:
        request = self.pb.ServerReflectionRequest(**question)
        responses = self.call(iter([request]), timeout=self.timeout, metadata=self.metadata)
        answer = next(iter(responses))
        responses.cancel()
        return answer


def _reflect(channel: Any, path: str, metadata: Sequence[tuple[str, str]], timeout: float) -> GrpcSpec:
    from google.protobuf.descriptor_pb2 import FileDescriptorProto

    reflector = _Reflector(channel, path, metadata, timeout)
    listed = reflector.ask(list_services="").list_services_response.service
    names = [s.name for s in listed if not s.name.startswith("grpc.reflection.")]
    files: dict[str, Any] = {}
    wanted: list[str] = []

    def take(answer: Any) -> None:
        for data in answer.file_descriptor_response.file_descriptor_proto:
            proto = FileDescriptorProto.FromString(data)
            if proto.name not in files:
                files[proto.name] = proto
                wanted.extend(d for d in proto.dependency if d not in files)

    for name in names:
        take(reflector.ask(file_containing_symbol=name))
    while wanted and len(files) < _MAX_FILES:
        name = wanted.pop()
        if name not in files:
            take(reflector.ask(file_by_filename=name))
    pool = _pool(_ordered(files), strict=False)
    services = []
    for name in names:
        try:
            services.append(pool.FindServiceByName(name))
        except KeyError:
            continue  # listed but not described: nothing to call it with
    return GrpcSpec(service_methods(services))


def _ordered(files: dict[str, Any]) -> list[Any]:
    """Dependencies before the files that import them, as DescriptorPool.Add needs."""
    done: dict[str, Any] = {}

    def visit(name: str, trail: frozenset[str]) -> None:
        proto = files.get(name)
        if proto is None or name in done or name in trail:
            return
        for dependency in proto.dependency:
            visit(dependency, trail | {name})
        done[name] = proto

    for name in files:
        visit(name, frozenset())
    return list(done.values())


def _pool(files: Sequence[Any], strict: bool = True) -> Any:
    """A pool of its own; a server's broken file is left out (its services then are too)."""
    from google.protobuf import descriptor_pool

    pool = descriptor_pool.DescriptorPool()
    for proto in files:
        try:
            pool.Add(proto)
        except Exception as error:  # a conflicting or broken file
            if strict:
                raise InputError(f"cannot use the descriptor of {proto.name}: {error}") from None
    return pool


def _qualified(package: str, name: str) -> str:
    return f"{package}.{name}" if package else name
