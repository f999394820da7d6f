"""Descriptors into the model: one ``Api`` per protobuf package.

All the files of a package make one API (a package is what clients import and what carries
the version, ``acme.v1``); files without a package make one API together.

- Messages and enums are ``TypeDef``s named by their fully qualified name (``acme.v1.User``,
  nested: ``acme.v1.User.Address``), the same name a field's ``Schema.type_name`` uses; map
  entry messages are not types of their own, their field says ``map`` in its extensions.
- Services are ``TypeDef``s of kind ``service`` whose ``members`` are their RPC names; each RPC
  is an ``Operation`` whose ``parent`` is the service's full name.
- ``extensions`` hold what has no neutral place: ``options`` (decoded, custom ones by full
  name; equal options share one read-only dict), on fields ``label``, ``type``, ``oneof``,
  ``proto3_optional`` (with ``synthetic_oneof``), ``map`` (``{"key", "value"}``; the schema is
  then the value type) and ``default``; on types ``reserved_ranges`` (inclusive pairs),
  ``reserved_names``, ``oneofs``, ``file`` and ``package``; on RPCs ``input_type`` and
  ``output_type``.
- An RPC is READ when its name starts with Get, List, Search or BatchGet, STREAM when either
  side streams, WRITE otherwise. Its request message is a ``RequestBody`` and its response one
  ``default`` ``Response``, both ``application/grpc``.
- An option whose name contains one of ``proto_auth_options`` (a setting; default: auth,
  security, scope, permission, policy, iam) is a security requirement naming that option: on
  the method (``declared_on="operation"``) or else on its service (``"global"``).
- Pointers are fully qualified names; locations cover the whole definition and
  ``name_location`` the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import TYPE_CHECKING, Any, Iterable

from speclint.loaders.protobuf.options import Option, OptionDecoder
from speclint.loaders.protobuf.roots import ProtoFile
from speclint.loaders.protobuf.source_map import DescriptorPath, FileSourceMap
from speclint.model import (
    NO_SECURITY,
    Api,
    Deprecation,
    EnumValue,
    Field,
    Location,
    MediaType,
    Operation,
    OperationKind,
    Package,
    RequestBody,
    Response,
    Schema,
    SchemeUse,
    Security,
    SecurityRequirement,
    SecurityScheme,
    SpecFormat,
    TypeDef,
    VersionMark,
    VersionPlace,
)

if TYPE_CHECKING:
    from google.protobuf.descriptor_pb2 import (
        DescriptorProto,
        EnumDescriptorProto,
        FieldDescriptorProto,
        FileDescriptorProto,
        ServiceDescriptorProto,
    )

GRPC_MEDIA_TYPE = "application/grpc"
DEFAULT_AUTH_OPTIONS = ("auth", "security", "scope", "permission", "policy", "iam")
_READ_PREFIX = re.compile(r"^(?:Get|List|Search|BatchGet)(?![a-z])")
_VERSION = re.compile(r"^v\d+(?:[a-z]+\d*)*$")
_SCALARS = {
    1: "double", 2: "float", 3: "int64", 4: "uint64", 5: "int32", 6: "fixed64", 7: "fixed32",
    8: "bool", 9: "string", 10: "group", 11: "message", 12: "bytes", 13: "uint32", 14: "enum",
    15: "sfixed32", 16: "sfixed64", 17: "sint32", 18: "sint64",
}  # fmt: skip
_LABELS = {1: "optional", 2: "required", 3: "repeated"}
_NO_OPTIONS: dict[str, Any] = {}
_TYPE_MESSAGE, _TYPE_GROUP = 11, 10
_LABEL_REQUIRED, _LABEL_REPEATED = 2, 3
# Field numbers of descriptor.proto, the steps of a descriptor path.
_FILE_PACKAGE, _FILE_MESSAGE, _FILE_ENUM, _FILE_SERVICE = 2, 4, 5, 6
_MSG_FIELD, _MSG_NESTED, _MSG_ENUM = 2, 3, 4
_ENUM_VALUE, _SERVICE_METHOD = 2, 2
_METHOD_OPTIONS = 4
_SERVICE_OPTIONS = 3


@dataclass(frozen=True)
class ProtoDocument:
    """``Api.document`` for protobuf: the package's descriptors and their source maps."""

    package: str
    files: dict[str, FileDescriptorProto]  # display path -> descriptor
    source_maps: dict[str, FileSourceMap]
    # import name -> descriptor, for every file of the run (imported ones too)
    known: dict[str, FileDescriptorProto] = dataclass_field(default_factory=dict)
    # import names of the run's linted files (of every package)
    linted: frozenset[str] = frozenset()


def version_of(package: str) -> str | None:
    """The trailing version segment of a package (``v1``, ``v1beta1``, ``v2alpha``)."""
    last = package.rsplit(".", 1)[-1]
    return last if _VERSION.match(last) else None


class PackageBuilder:
    """Builds the ``Api`` of one package from its files' descriptors."""

    def __init__(
        self,
        package: str,
        members: list[tuple[ProtoFile, FileDescriptorProto]],
        decoder: OptionDecoder,
        auth_names: Iterable[str] = DEFAULT_AUTH_OPTIONS,
        linted: frozenset[str] = frozenset(),
    ) -> None:
        self.package = package
        self.linted = linted
        self.members = sorted(members, key=lambda m: m[0].display)
        self.decoder = decoder
        self.auth_names = tuple(n.lower() for n in auth_names if n)
        self.types: list[TypeDef] = []
        self.operations: list[Operation] = []
        self.schemes: dict[str, SecurityScheme] = {}
        self.marks: list[VersionMark] = []

    def build(self) -> Api:
        maps: dict[str, FileSourceMap] = {}
        for file, proto in self.members:
            source = FileSourceMap(file.path, file.display, proto.source_code_info)
            maps[file.display] = source
            self._file(source, proto)
        first_file, first = self.members[0]
        entry = maps[first_file.display]
        version = version_of(self.package) if self.package else None
        return Api(
            format=SpecFormat.PROTOBUF,
            format_version=_syntax(first),
            location=entry.location("", ()),
            files=tuple(m[0].display for m in self.members),
            title=self.package or None,
            version=version,
            version_location=self.marks[0].location if self.marks else None,
            version_marks=tuple(self.marks),
            operations=tuple(self.operations),
            types=tuple(self.types),
            security_schemes=tuple(self.schemes.values()),
            package=self._package(maps),
            document=ProtoDocument(
                self.package, {m[0].display: m[1] for m in self.members}, maps, self.decoder.files, self.linted
            ),
        )

    def _package(self, maps: dict[str, FileSourceMap]) -> Package | None:
        if not self.package:
            return None
        files = [m[0].display for m in self.members]
        return Package(self.package, tuple(maps[f].location(self.package, (_FILE_PACKAGE,)) for f in files))

    # files, messages, fields

    def _file(self, source: FileSourceMap, proto: FileDescriptorProto) -> None:
        package = proto.package
        version = version_of(package) if package else None
        if version:
            location = source.location(package, (_FILE_PACKAGE,))
            self.marks.append(VersionMark(VersionPlace.PACKAGE, version, location))
        context = {"file": source.display, "package": package}
        for index, message in enumerate(proto.message_type):
            self._message(source, message, (_FILE_MESSAGE, index), package, proto.syntax, context)
        for index, enum in enumerate(proto.enum_type):
            self._enum(source, enum, (_FILE_ENUM, index), package, context)
        for index, service in enumerate(proto.service):
            self._service(source, service, (_FILE_SERVICE, index), package, context)

    def _message(
        self,
        source: FileSourceMap,
        message: DescriptorProto,
        path: DescriptorPath,
        scope: str,
        syntax: str,
        context: dict[str, str],
    ) -> None:
        if message.options.map_entry:
            return
        name = _join(scope, message.name)
        nested_types = message.nested_type
        entries = {f".{name}.{n.name}": n for n in nested_types if n.options.map_entry} if nested_types else {}
        oneof_names = [o.name for o in message.oneof_decl]
        fields = tuple(
            self._field(source, field, (*path, _MSG_FIELD, index), name, oneof_names, entries, syntax)
            for index, field in enumerate(message.field)
        )
        options = self._options(message) if message.HasField("options") else _NO_OPTIONS
        extensions: dict[str, Any] = {**context, "options": options}
        if message.reserved_range:
            extensions["reserved_ranges"] = [(r.start, r.end - 1) for r in message.reserved_range]
        if message.reserved_name:
            extensions["reserved_names"] = list(message.reserved_name)
        if oneof_names:
            synthetic = {f.extensions.get("synthetic_oneof") for f in fields}
            oneofs = [n for n in oneof_names if n not in synthetic]
            if oneofs:
                extensions["oneofs"] = oneofs
        location = source.location(name, path)
        self.types.append(
            TypeDef(
                name=name,
                kind="message",
                location=location,
                fields=fields,
                description=source.descriptions.get(path),
                deprecation=_deprecation(options, location),
                name_location=Location(source.display, name, resolver=source.name),
                extensions=extensions,
            )
        )
        for index, nested in enumerate(nested_types):
            self._message(source, nested, (*path, _MSG_NESTED, index), name, syntax, context)
        for index, enum in enumerate(message.enum_type):
            self._enum(source, enum, (*path, _MSG_ENUM, index), name, context)

    def _field(
        self,
        source: FileSourceMap,
        field: FieldDescriptorProto,
        path: DescriptorPath,
        scope: str,
        oneof_names: list[str],
        entries: dict[str, DescriptorProto],
        syntax: str,
    ) -> Field:
        field_name = field.name
        name = f"{scope}.{field_name}"
        location = source.location(name, path)
        label, kind, raw_type = field.label, field.type, field.type_name
        scalar = _SCALARS.get(kind)
        if field.HasField("options"):
            options = self._options(field)
            behavior = options.get("google.api.field_behavior") or ()
            deprecation = _deprecation(options, location)
        else:
            options, behavior, deprecation = _NO_OPTIONS, (), None
        extensions: dict[str, Any] = {
            "label": _LABELS.get(label, "optional"),
            "type": scalar or "message",
            "options": options,
        }
        type_name = raw_type[1:] if raw_type else scalar or "unknown"
        is_list = label == _LABEL_REPEATED
        if raw_type and entries:
            entry = entries.get(raw_type)
            if entry is not None and len(entry.field) == 2:
                key, value = _type_name(entry.field[0]), _type_name(entry.field[1])
                extensions["map"] = {"key": key, "value": value}
                type_name, is_list = value, False
        in_oneof = bool(oneof_names) and field.HasField("oneof_index")
        if in_oneof:
            oneof = oneof_names[field.oneof_index]
            if field.proto3_optional:
                extensions["proto3_optional"] = True
                extensions["synthetic_oneof"] = oneof
            else:
                extensions["oneof"] = oneof
        if syntax != "proto3" and field.HasField("default_value"):  # proto3 has no explicit defaults
            extensions["default"] = field.default_value
        required = label == _LABEL_REQUIRED or "REQUIRED" in behavior
        presence = kind == _TYPE_MESSAGE or kind == _TYPE_GROUP or in_oneof or (syntax != "proto3" and not is_list)
        return Field(
            name=field_name,
            location=location,
            schema=Schema(
                Location(source.display, name, resolver=source.field_type),
                type_name=type_name,
                is_list=is_list,
                nullable=presence and not required,
            ),
            required=required,
            description=source.descriptions.get(path),
            deprecation=deprecation,
            number=field.number,
            json_name=field.json_name or _json_name(field_name),
            read_only="OUTPUT_ONLY" in behavior,
            write_only="INPUT_ONLY" in behavior,
            extensions=extensions,
        )

    def _enum(
        self,
        source: FileSourceMap,
        enum: EnumDescriptorProto,
        path: DescriptorPath,
        scope: str,
        context: dict[str, str],
    ) -> None:
        name = _join(scope, enum.name)
        values = []
        for index, value in enumerate(enum.value):
            value_path = (*path, _ENUM_VALUE, index)
            value_location = source.location(f"{name}.{value.name}", value_path)
            value_options = self._options(value) if value.HasField("options") else _NO_OPTIONS
            values.append(
                EnumValue(
                    name=value.name,
                    location=value_location,
                    number=value.number,
                    description=source.descriptions.get(value_path),
                    deprecation=_deprecation(value_options, value_location),
                )
            )
        options = self._options(enum) if enum.HasField("options") else _NO_OPTIONS
        extensions: dict[str, Any] = {**context, "options": options}
        if enum.reserved_range:
            extensions["reserved_ranges"] = [(r.start, r.end) for r in enum.reserved_range]
        if enum.reserved_name:
            extensions["reserved_names"] = list(enum.reserved_name)
        location = source.location(name, path)
        self.types.append(
            TypeDef(
                name=name,
                kind="enum",
                location=location,
                enum_values=tuple(values),
                description=source.descriptions.get(path),
                deprecation=_deprecation(options, location),
                name_location=Location(source.display, name, resolver=source.name),
                extensions=extensions,
            )
        )

    # services and RPCs

    def _service(
        self,
        source: FileSourceMap,
        service: ServiceDescriptorProto,
        path: DescriptorPath,
        scope: str,
        context: dict[str, str],
    ) -> None:
        name = _join(scope, service.name)
        decoded = self.decoder.decode(service.options) if service.HasField("options") else []
        options = self._options(service) if decoded else {}
        location = source.location(name, path)
        inherited = self._security(source, name, decoded, _SERVICE_OPTIONS, "global")
        for index, method in enumerate(service.method):
            self._method(source, method, (*path, _SERVICE_METHOD, index), name, inherited)
        self.types.append(
            TypeDef(
                name=name,
                kind="service",
                location=location,
                members=tuple(m.name for m in service.method),
                description=source.descriptions.get(path),
                deprecation=_deprecation(options, location),
                name_location=Location(source.display, name, resolver=source.name),
                extensions={**context, "options": options},
            )
        )

    def _method(
        self, source: FileSourceMap, method: Any, path: DescriptorPath, service: str, inherited: Security
    ) -> None:
        name = f"{service}.{method.name}"
        location = source.location(name, path)
        decoded = self.decoder.decode(method.options) if method.HasField("options") else []
        options = self._options(method) if decoded else {}
        input_type, output_type = method.input_type.lstrip("."), method.output_type.lstrip(".")
        input_location = Location(source.display, name, resolver=source.input_type)
        output_location = Location(source.display, name, resolver=source.output_type)
        streaming = method.client_streaming or method.server_streaming
        if streaming:
            kind = OperationKind.STREAM
        elif _READ_PREFIX.match(method.name):
            kind = OperationKind.READ
        else:
            kind = OperationKind.WRITE
        body = RequestBody(
            required=True,
            location=input_location,
            media_types=(MediaType(GRPC_MEDIA_TYPE, input_location, Schema(input_location, type_name=input_type)),),
        )
        response = Response(
            status="default",
            location=output_location,
            media_types=(MediaType(GRPC_MEDIA_TYPE, output_location, Schema(output_location, type_name=output_type)),),
        )
        own = self._security(source, name, decoded, _METHOD_OPTIONS, "operation")
        self.operations.append(
            Operation(
                name=method.name,
                kind=kind,
                location=location,
                parent=service,
                request_body=body,
                responses=(response,),
                security=own if own.requirements else inherited,
                deprecation=_deprecation(options, location),
                description=source.descriptions.get(path),
                name_location=Location(source.display, name, resolver=source.name),
                client_streaming=method.client_streaming,
                server_streaming=method.server_streaming,
                extensions={"options": options, "input_type": input_type, "output_type": output_type},
            )
        )

    def _security(
        self, source: FileSourceMap, pointer: str, decoded: list[Option], options_step: int, declared_on: str
    ) -> Security:
        """A requirement for each option whose name looks like authentication or authorization."""
        requirements = []
        for option in decoded:
            lowered = option.name.lower()
            if not any(word in lowered for word in self.auth_names):
                continue
            resolver = source.resolver((options_step, option.number), (options_step,))
            at = Location(source.display, pointer, resolver=resolver)
            use = SchemeUse(option.name, _scopes(option.name, option.value), at)
            requirements.append(SecurityRequirement((use,), at))
            self.schemes.setdefault(option.name, SecurityScheme(option.name, "option", at))
        return Security(tuple(requirements), declared_on) if requirements else NO_SECURITY

    def _options(self, node: Any) -> dict[str, Any]:
        return self.decoder.mapping(node.options)


def _join(scope: str, name: str) -> str:
    return f"{scope}.{name}" if scope else name


def _type_name(field: FieldDescriptorProto) -> str:
    if field.type_name:
        return field.type_name.lstrip(".")
    return _SCALARS.get(field.type, "unknown")


def _json_name(name: str) -> str:
    parts = name.split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def _syntax(proto: FileDescriptorProto) -> str:
    if proto.syntax == "editions":
        from google.protobuf.descriptor_pb2 import Edition

        return "edition " + Edition.Name(proto.edition).removeprefix("EDITION_").lower()
    return proto.syntax or "proto2"


def _deprecation(options: dict[str, Any], location: Location) -> Deprecation | None:
    return Deprecation(None, location) if options.get("deprecated") is True else None


def _scopes(name: str, value: Any) -> tuple[str, ...]:
    """Scopes an auth option names: its string values under keys that say scope."""
    if isinstance(value, dict):
        found: list[str] = []
        for key, item in value.items():
            if "scope" in key.lower() or "permission" in key.lower():
                found.extend(_strings(item))
        return tuple(found)
    if "scope" in name.lower() or "permission" in name.lower():
        return tuple(s.strip() for text in _strings(value) for s in text.split(",") if s.strip())
    return ()


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []
