"""Options, custom ones included, decoded into plain Python values.

Custom options (``(google.api.http)``, ``(google.api.field_behavior)``, an auth option) are
extensions of the ``google.protobuf.*Options`` messages; in the descriptors protoc writes they
are unknown fields. A descriptor pool built from the files that declare such extensions (and
their imports) reads them back. Standard options keep their field name (``deprecated``),
custom ones are named by their full name (``google.api.http``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, NamedTuple

if TYPE_CHECKING:
    from google.protobuf.descriptor_pb2 import FileDescriptorProto
    from google.protobuf.message import Message

_OPTIONS_PREFIX = ".google.protobuf."


class Option(NamedTuple):
    name: str  # "deprecated", "google.api.http"
    number: int  # its field number in the *Options message
    value: Any


class _Decoding(NamedTuple):
    """The option classes of one set of files that declare options, and what they decoded."""

    classes: dict[str, Any]
    seen: dict[tuple[str, bytes], list[Option]]  # equal options decode once
    mappings: dict[tuple[str, bytes], dict[str, Any]]


Decodings = dict[tuple[Any, ...], _Decoding]  # shared by trees loaded together, by their key


class OptionDecoder:
    """Decodes the options messages of the descriptors of one run.

    ``shared``, with ``roots`` (the import roots the descriptors were compiled with): decodings
    of trees loaded together, which one whose files declaring options have the same names
    under the same roots (so they are the same files: ``google/api/*.proto``) reuses."""

    def __init__(
        self, files: dict[str, FileDescriptorProto], roots: tuple[Any, ...] = (), shared: Decodings | None = None
    ) -> None:
        self._files = files
        self._roots = roots
        self._shared = shared
        self._decoding: _Decoding | None = None

    @property
    def files(self) -> dict[str, FileDescriptorProto]:
        """Every descriptor of the run, by import name (imported files included)."""
        return self._files

    def decode(self, options: Message) -> list[Option]:
        """Every option set in ``options`` (a ``*Options`` message), in field order.

        Equal options share one decoded value: treat the values as read-only.
        """
        return self._decoded(options, (options.DESCRIPTOR.name, options.SerializeToString()))

    def mapping(self, options: Message) -> dict[str, Any]:
        """``{option name: value}``; equal options share one (read-only) dict."""
        key = (options.DESCRIPTOR.name, options.SerializeToString())
        decoding = self._decoding or self._start()
        found = decoding.mappings.get(key)
        if found is None:
            found = decoding.mappings[key] = {o.name: o.value for o in self._decoded(options, key)}
        return found

    def _decoded(self, options: Message, key: tuple[str, bytes]) -> list[Option]:
        """``decode`` of ``options``, whose kind and bytes are ``key``."""
        decoding = self._decoding or self._start()
        decoded = decoding.seen.get(key)
        if decoded is None:
            kind, data = key
            cls = decoding.classes.get(kind)
            message = cls.FromString(data) if cls is not None else options
            decoded = [Option(_option_name(fd), fd.number, _plain(fd, value)) for fd, value in message.ListFields()]
            decoding.seen[key] = decoded
        return decoded

    def _start(self) -> _Decoding:
        declaring = _declaring(self._files)
        key = (self._roots, tuple(sorted(declaring)))
        decoding = self._shared.get(key) if self._shared is not None else None
        if decoding is None:
            decoding = _Decoding(_build_classes(self._files, declaring), {}, {})
            if self._shared is not None:
                self._shared[key] = decoding
        self._decoding = decoding
        return decoding


def _declaring(files: dict[str, FileDescriptorProto]) -> list[str]:
    """The files that declare custom options (extensions of ``google.protobuf.*Options``)."""
    return [
        name
        for name, proto in files.items()
        if _declares_options(proto.extension) or any(_declares_options(m.extension) for m in proto.message_type)
    ]


def _build_classes(files: dict[str, FileDescriptorProto], declaring: list[str]) -> dict[str, Any]:
    """``*Options`` message classes from a pool that knows every custom option in ``files``."""
    from google.protobuf import descriptor_pool, message_factory

    if not declaring:
        return {}
    pool = descriptor_pool.DescriptorPool()
    added: set[str] = set()
    for name in ["google/protobuf/descriptor.proto", *declaring]:
        _add_with_imports(pool, files, name, added)
    classes: dict[str, Any] = {}
    for kind in ("File", "Message", "Field", "Oneof", "Enum", "EnumValue", "Service", "Method"):
        try:
            descriptor = pool.FindMessageTypeByName(f"google.protobuf.{kind}Options")
        except KeyError:
            continue
        classes[f"{kind}Options"] = message_factory.GetMessageClass(descriptor)
    return classes


def _declares_options(extensions: Iterable[Any]) -> bool:
    return any(e.extendee.startswith(_OPTIONS_PREFIX) and e.extendee.endswith("Options") for e in extensions)


def _add_with_imports(pool: Any, files: dict[str, FileDescriptorProto], name: str, added: set[str]) -> None:
    """Add ``name`` after its imports (depth first, without recursion)."""
    stack: list[tuple[str, bool]] = [(name, False)]
    while stack:
        current, ready = stack.pop()
        if current in added:
            continue
        proto = files.get(current)
        if proto is None:
            if current == "google/protobuf/descriptor.proto":
                from google.protobuf import descriptor_pb2

                proto = _descriptor_proto(descriptor_pb2)
                files[current] = proto
            else:
                added.add(current)
                continue
        if ready:
            added.add(current)
            try:
                pool.Add(proto)
            except (TypeError, ValueError):
                pass  # a file the pool cannot take only loses its options' decoding
            continue
        stack.append((current, True))
        stack.extend((dependency, False) for dependency in proto.dependency if dependency not in added)


def _descriptor_proto(descriptor_pb2: Any) -> FileDescriptorProto:
    proto: FileDescriptorProto = descriptor_pb2.FileDescriptorProto()
    descriptor_pb2.DESCRIPTOR.CopyToProto(proto)
    return proto


def _option_name(fd: Any) -> str:
    return _shape(fd).name


class _Shape(NamedTuple):
    """What decoding needs to know of a field, read once per field descriptor."""

    name: str
    repeated: bool
    message: bool
    enum_names: dict[int, str] | None
    map_value: Any  # the value field of a map entry, or None


_SHAPES: dict[Any, _Shape] = {}


def _shape(fd: Any) -> _Shape:
    shape = _SHAPES.get(fd)
    if shape is None:
        message_type = fd.message_type
        is_map = message_type is not None and message_type.GetOptions().map_entry
        enum_type = fd.enum_type
        shape = _Shape(
            name=str(fd.full_name) if fd.is_extension else str(fd.name),
            repeated=bool(fd.is_repeated),
            message=message_type is not None,
            enum_names={v.number: v.name for v in enum_type.values} if enum_type is not None else None,
            map_value=message_type.fields_by_name["value"] if is_map else None,
        )
        _SHAPES[fd] = shape
    return shape


def _plain(fd: Any, value: Any) -> Any:
    """A decoded option value as plain data: dicts, lists, enum names, scalars."""
    shape = _shape(fd)
    if shape.repeated:
        if shape.map_value is not None:
            value_shape = _shape(shape.map_value)
            return {key: _single(value_shape, item) for key, item in value.items()}
        return [_single(shape, item) for item in value]
    return _single(shape, value)


def _single(shape: _Shape, value: Any) -> Any:
    if shape.message:
        return {_shape(field).name: _plain(field, item) for field, item in value.ListFields()}
    if shape.enum_names is not None:
        return shape.enum_names.get(value, value)
    return value
