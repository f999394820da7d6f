"""The elements of a package's proto files, read from their descriptors with their source paths.

For rules that need what the neutral model leaves out: imports, file options, oneofs, comments.
Paths are SourceCodeInfo paths (field numbers of ``descriptor.proto``), so a finding lands on the
line protoc recorded for the element.
"""

from __future__ import annotations

from typing import Any, Container, Iterator, NamedTuple

from speclint.model import Api, Location

# Field numbers in descriptor.proto.
FILE_PACKAGE, FILE_DEPENDENCY, FILE_MESSAGE, FILE_ENUM, FILE_SERVICE, FILE_EXTENSION, FILE_OPTIONS = 2, 3, 4, 5, 6, 7, 8
MESSAGE_FIELD, MESSAGE_NESTED, MESSAGE_ENUM, MESSAGE_EXTENSION, MESSAGE_ONEOF = 2, 3, 4, 6, 8
ENUM_VALUE, ENUM_OPTIONS, ENUM_OPTIONS_ALLOW_ALIAS = 2, 3, 2
SERVICE_METHOD = 2
NAME = 1


class Element(NamedTuple):
    kind: str  # message, field, oneof, enum, enum_value, service, rpc
    name: str  # fully qualified
    path: tuple[int, ...]
    descriptor: Any
    file: str  # display path


class ProtoFile(NamedTuple):
    display: str
    proto: Any  # FileDescriptorProto
    source: Any  # FileSourceMap


def files(api: Api) -> list[ProtoFile]:
    document = api.document
    if document is None or not hasattr(document, "source_maps"):
        return []
    return [ProtoFile(d, proto, document.source_maps[d]) for d, proto in document.files.items()]


def known(api: Api) -> dict[str, Any]:
    """Every descriptor protoc produced for the package's run, by import name."""
    return dict(getattr(api.document, "known", {}) or {})


def location(file: ProtoFile, pointer: str, path: tuple[int, ...], *, name: bool = False) -> Location:
    """The location of the element at ``path`` (its name, with ``name``)."""
    return file.source.location(pointer, path, file.source.name if name else None)


KINDS = frozenset({"message", "field", "oneof", "enum", "enum_value", "service", "rpc"})


def elements(file: ProtoFile, kinds: Container[str] = KINDS) -> Iterator[Element]:
    """The file's elements of the ``kinds`` asked for (all by default), in declaration order."""
    proto = file.proto
    prefix = proto.package + "." if proto.package else ""
    for index, message in enumerate(proto.message_type):
        yield from _message(file.display, message, (FILE_MESSAGE, index), prefix, kinds)
    for index, enum in enumerate(proto.enum_type):
        yield from _enum(file.display, enum, (FILE_ENUM, index), prefix, kinds)
    for index, service in enumerate(proto.service if "service" in kinds or "rpc" in kinds else ()):
        name = prefix + service.name
        if "service" in kinds:
            yield Element("service", name, (FILE_SERVICE, index), service, file.display)
        for number, method in enumerate(service.method if "rpc" in kinds else ()):
            path = (FILE_SERVICE, index, SERVICE_METHOD, number)
            yield Element("rpc", f"{name}.{method.name}", path, method, file.display)


def _message(
    display: str, message: Any, path: tuple[int, ...], prefix: str, kinds: Container[str]
) -> Iterator[Element]:
    if ("message" in kinds or "field" in kinds) and message.options.map_entry:
        return  # a map's entry message is protoc's (it has no oneofs, enums or nested messages)
    name = prefix + message.name
    if "message" in kinds:
        yield Element("message", name, path, message, display)
    for index, field in enumerate(message.field if "field" in kinds else ()):
        yield Element("field", f"{name}.{field.name}", (*path, MESSAGE_FIELD, index), field, display)
    if "oneof" in kinds and message.oneof_decl:
        # A oneof whose members are all `optional` fields is protoc's, not the author's.
        real = {f.oneof_index for f in message.field if f.HasField("oneof_index") and not f.proto3_optional}
        for index, oneof in enumerate(message.oneof_decl):
            if index in real:
                yield Element("oneof", f"{name}.{oneof.name}", (*path, MESSAGE_ONEOF, index), oneof, display)
    for index, nested in enumerate(message.nested_type):
        yield from _message(display, nested, (*path, MESSAGE_NESTED, index), name + ".", kinds)
    for index, enum in enumerate(message.enum_type):
        yield from _enum(display, enum, (*path, MESSAGE_ENUM, index), name + ".", kinds)


def _enum(display: str, enum: Any, path: tuple[int, ...], prefix: str, kinds: Container[str]) -> Iterator[Element]:
    name = prefix + enum.name
    if "enum" in kinds:
        yield Element("enum", name, path, enum, display)
    for index, value in enumerate(enum.value if "enum_value" in kinds else ()):
        yield Element("enum_value", f"{name}.{value.name}", (*path, ENUM_VALUE, index), value, display)


def leading_comments(file: ProtoFile) -> dict[tuple[int, ...], str]:
    """Leading comments (stripped, blank ones left out) by source path, as the file's source map
    read them once."""
    comments: dict[tuple[int, ...], str] = file.source.leading_comments
    return comments


def top_level_names(proto: Any) -> set[str]:
    """Fully qualified names of the messages, enums and extensions a file defines at its top
    level: every name the file defines is one of them or nested in one."""
    prefix = proto.package + "." if proto.package else ""
    return {prefix + item.name for items in (proto.message_type, proto.enum_type, proto.extension) for item in items}


def enclosing_names(names: set[str]) -> set[str]:
    """``names`` and every scope that encloses one (``a.b.C.D`` gives ``a``, ``a.b``, ``a.b.C``, ``a.b.C.D``)."""
    scopes: set[str] = set()
    for name in names:
        end = len(name)
        while end > 0 and name[:end] not in scopes:
            scopes.add(name[:end])
            end = name.rfind(".", 0, end)
    return scopes


def _messages(proto: Any) -> Iterator[Any]:
    """Every message a file defines, nested ones included."""
    pending = list(proto.message_type)
    while pending:
        item = pending.pop()
        yield item
        pending.extend(item.nested_type)


def defined_extensions(proto: Any) -> set[tuple[str, int]]:
    """(extended message, field number) of every extension a file defines."""
    extensions = [*proto.extension, *(e for item in _messages(proto) for e in item.extension)]
    return {(e.extendee.lstrip("."), e.number) for e in extensions}


def sets_option(proto: Any, extensions: set[tuple[str, int]]) -> bool:
    """Whether a file sets one of the custom options ``extensions`` ((options message, field
    number)), which protoc leaves as unknown fields of the options. Only the elements whose
    options those extensions extend are read, up to the first option found."""
    from google.protobuf.unknown_fields import UnknownFieldSet

    extended = {name for name, _ in extensions}
    for owner in _option_owners(proto, extended):
        if owner.HasField("options"):
            name = owner.options.DESCRIPTOR.full_name
            if any((name, f.field_number) in extensions for f in UnknownFieldSet(owner.options)):
                return True
    return False


def _option_owners(proto: Any, extended: set[str]) -> Iterator[Any]:
    """The elements of a file that have options of one of the ``extended`` messages."""
    kinds = {name.removeprefix("google.protobuf.").removesuffix("Options") for name in extended}
    if "File" in kinds:
        yield proto
    for service in proto.service if kinds & {"Service", "Method"} else ():
        if "Service" in kinds:
            yield service
        if "Method" in kinds:
            yield from service.method
    if "Field" in kinds:
        yield from proto.extension
    enums = list(proto.enum_type)
    for item in _messages(proto) if kinds & {"Message", "Field", "Oneof", "Enum", "EnumValue"} else ():
        if "Message" in kinds:
            yield item
        if "Field" in kinds:
            yield from item.field
            yield from item.extension
        if "Oneof" in kinds:
            yield from item.oneof_decl
        enums += item.enum_type
    for enum in enums if kinds & {"Enum", "EnumValue"} else ():
        if "Enum" in kinds:
            yield enum
        if "EnumValue" in kinds:
            yield from enum.value


def referenced_names(proto: Any) -> set[str]:
    """Fully qualified names (without the leading dot) of the types a file refers to."""
    fields, extensions = [], list(proto.extension)
    for item in _messages(proto):
        fields += item.field
        extensions += item.extension
    methods = [method for service in proto.service for method in service.method]
    written = {field.type_name for field in fields} | {field.type_name for field in extensions}
    written |= {field.extendee for field in extensions}  # only extensions have one
    written |= {method.input_type for method in methods} | {method.output_type for method in methods}
    return {name.lstrip(".") for name in written if name}
