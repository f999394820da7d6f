"""The format-neutral API model that every loader produces and every rule reads.

OpenAPI operations, GraphQL root fields and protobuf RPCs are all ``Operation``; schemas,
GraphQL types and protobuf messages are all ``TypeDef``. Format-specific details that have no
neutral meaning stay in ``extensions`` (and in the raw document, reachable through
``Api.document``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Mapping

from speclint.model.location import Location


class SpecFormat(str, Enum):
    OPENAPI = "openapi"
    GRAPHQL = "graphql"
    PROTOBUF = "protobuf"

    def __str__(self) -> str:
        return self.value


class OperationKind(str, Enum):
    """What an operation does to the server's state, as clients see it."""

    READ = "read"
    WRITE = "write"
    STREAM = "stream"


class VersionPlace(str, Enum):
    """Every place a version can show in a spec."""

    DECLARED = "declared"  # info.version
    SERVER_URL = "server-url"
    BASE_PATH = "base-path"
    PATH_PREFIX = "path-prefix"
    PACKAGE = "package"
    NAME = "name"


@dataclass(frozen=True, slots=True)
class VersionMark:
    place: VersionPlace
    value: str
    location: Location


@dataclass(frozen=True, slots=True)
class Deprecation:
    reason: str | None
    location: Location
    sunset: str | None = None


@dataclass(frozen=True, slots=True)
class Schema:
    """A data shape: a JSON Schema object in OpenAPI, a type reference in GraphQL and proto.

    ``type_name`` is the named type it refers to (a component schema, a GraphQL type, a
    message), ``raw`` the format's own description of it (for OpenAPI the JSON Schema
    mapping, unresolved ``$ref`` included).
    """

    location: Location
    type_name: str | None = None
    raw: Mapping[str, Any] | None = None
    is_list: bool = False
    nullable: bool = True

    def describe(self) -> str:
        name = self.type_name or (str(self.raw.get("type")) if self.raw else "any")
        return f"[{name}]" if self.is_list else name


@dataclass(frozen=True, slots=True)
class Parameter:
    """An input of an operation: a path, query, header or cookie parameter, a GraphQL argument."""

    name: str
    place: str  # path | query | header | cookie | argument
    required: bool
    location: Location
    schema: Schema | None = None
    description: str | None = None
    deprecation: Deprecation | None = None
    default: Any = None
    has_default: bool = False


@dataclass(frozen=True, slots=True)
class MediaType:
    name: str
    location: Location
    schema: Schema | None = None


@dataclass(frozen=True, slots=True)
class RequestBody:
    required: bool
    location: Location
    media_types: tuple[MediaType, ...] = ()
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Response:
    status: str  # "200", "4XX", "default"; for GraphQL and gRPC "default"
    location: Location
    description: str | None = None
    media_types: tuple[MediaType, ...] = ()
    headers: tuple[Parameter, ...] = ()

    @property
    def has_body(self) -> bool:
        return bool(self.media_types)


@dataclass(frozen=True, slots=True)
class SchemeUse:
    """One security scheme named by a requirement, with the scopes it asks for."""

    scheme: str
    scopes: tuple[str, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class SecurityRequirement:
    """All of ``schemes`` together satisfy the requirement (an OpenAPI requirement object, an
    auth directive, an auth option); an empty tuple means "no authentication"."""

    schemes: tuple[SchemeUse, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class Security:
    """The security that applies to an operation: any one requirement satisfies it.

    ``declared_on`` says where it comes from: ``operation`` (its own), ``global`` (inherited
    from the document), or ``none`` (nothing declared anywhere). ``requirements == ()`` with
    ``declared_on == "operation"`` is an explicitly public operation.
    """

    requirements: tuple[SecurityRequirement, ...]
    declared_on: str

    @property
    def is_public(self) -> bool:
        return not self.requirements or any(not r.schemes for r in self.requirements)


NO_SECURITY = Security((), "none")


@dataclass(frozen=True, slots=True)
class OAuthFlow:
    name: str  # implicit | password | clientCredentials | authorizationCode
    scopes: tuple[str, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class SecurityScheme:
    name: str
    kind: str  # http | apiKey | oauth2 | openIdConnect | mutualTLS | basic | directive | option
    location: Location
    scheme: str | None = None  # http: basic, bearer, ...
    place: str | None = None  # apiKey: query, header, cookie
    flows: tuple[OAuthFlow, ...] = ()
    description: str | None = None

    @property
    def scopes(self) -> frozenset[str]:
        return frozenset(s for f in self.flows for s in f.scopes)


@dataclass(frozen=True, slots=True)
class Operation:
    """One thing a client can call: an HTTP operation, a GraphQL root field, an RPC."""

    name: str  # operationId, root field name, RPC name ("" when an HTTP operation has none)
    kind: OperationKind
    location: Location
    method: str | None = None  # HTTP method, upper case
    path: str | None = None  # HTTP path template
    parent: str | None = None  # GraphQL root type, protobuf service (fully qualified)
    parameters: tuple[Parameter, ...] = ()
    request_body: RequestBody | None = None
    responses: tuple[Response, ...] = ()
    security: Security = NO_SECURITY
    deprecation: Deprecation | None = None
    summary: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    name_location: Location | None = None  # where the name itself is written
    client_streaming: bool = False
    server_streaming: bool = False
    extensions: Mapping[str, Any] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        """``GET /v1/items``, ``Query.product`` or ``acme.v1.ItemService/GetItem``."""
        if self.method and self.path is not None:
            return f"{self.method} {self.path}"
        if self.parent:
            sep = "/" if self.kind is not None and self.method is None and "." in self.parent else "."
            return f"{self.parent}{sep}{self.name}"
        return self.name


@dataclass(frozen=True, slots=True)
class EnumValue:
    name: str
    location: Location
    number: int | None = None
    description: str | None = None
    deprecation: Deprecation | None = None


@dataclass(frozen=True, slots=True)
class Field:
    """A property of a schema, a field of a GraphQL type or a protobuf message."""

    name: str
    location: Location
    schema: Schema | None = None
    required: bool = False
    description: str | None = None
    deprecation: Deprecation | None = None
    arguments: tuple[Parameter, ...] = ()
    number: int | None = None  # protobuf field number
    json_name: str | None = None
    read_only: bool = False
    write_only: bool = False
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TypeDef:
    """A named type: an OpenAPI component schema, a GraphQL type, a protobuf message or enum.

    ``kind`` is one of object, interface, union, input, enum, scalar, message, service, array.
    """

    name: str
    kind: str
    location: Location
    fields: tuple[Field, ...] = ()
    enum_values: tuple[EnumValue, ...] = ()
    members: tuple[str, ...] = ()  # union members, implemented interfaces
    description: str | None = None
    deprecation: Deprecation | None = None
    name_location: Location | None = None
    extensions: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Server:
    url: str
    location: Location


@dataclass(frozen=True, slots=True)
class DirectiveDef:
    """A directive the schema itself defines (GraphQL ``directive @name(...) on ...``)."""

    name: str
    location: Location
    arguments: tuple[Parameter, ...] = ()
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Package:
    """The namespace every name of the API lives in (a protobuf package), and where each file
    declares it (the files of the API, entry first)."""

    name: str
    declarations: tuple[Location, ...]


@dataclass(frozen=True, slots=True)
class Api:
    """One API as a spec describes it, whatever its format."""

    format: SpecFormat
    format_version: str  # "2.0", "3.0.3", "3.1.0", "June 2018", "proto3"
    location: Location  # the root of the entry document
    files: tuple[str, ...]  # every file the API was read from, entry first
    title: str | None = None
    version: str | None = None
    version_location: Location | None = None
    version_marks: tuple[VersionMark, ...] = ()
    servers: tuple[Server, ...] = ()
    operations: tuple[Operation, ...] = ()
    types: tuple[TypeDef, ...] = ()
    security_schemes: tuple[SecurityScheme, ...] = ()
    package: Package | None = None
    directives: tuple[DirectiveDef, ...] = ()
    document: Any = None  # the format's raw document handle (see the loader)

    @property
    def entry_file(self) -> str:
        return self.files[0]

    def scheme(self, name: str) -> SecurityScheme | None:
        for scheme in self.security_schemes:
            if scheme.name == name:
                return scheme
        return None

    def type(self, name: str) -> TypeDef | None:
        for typedef in self.types:
            if typedef.name == name:
                return typedef
        return None
