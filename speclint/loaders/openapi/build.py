"""Build the format-neutral model from an OpenAPI document (2.0, 3.0, 3.1)."""

from __future__ import annotations

import re
from typing import Any, Sequence

from speclint.loaders.openapi.refs import Node, Workspace
from speclint.loaders.openapi.split import schema_name
from speclint.model import (
    Api,
    Deprecation,
    EnumValue,
    Field,
    Location,
    MediaType,
    OAuthFlow,
    Operation,
    OperationKind,
    Parameter,
    RequestBody,
    Response,
    Schema,
    SchemeUse,
    Security,
    SecurityRequirement,
    SecurityScheme,
    Server,
    SpecFormat,
    TypeDef,
    VersionMark,
    VersionPlace,
)

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_VERSION_SEGMENT = re.compile(r"(?:^|/)(v\d+(?:(?:alpha|beta)\d*)?|\d+\.\d+)(?=/|$)", re.IGNORECASE)
_SCHEMA_REF = re.compile(r"#/(?:components/schemas|definitions)/([^/]+)$")


def format_version(root: Any) -> str:
    if not isinstance(root, dict):
        return ""
    value = root.get("openapi", root.get("swagger", ""))
    return str(value)


class ModelBuilder:
    def __init__(self, workspace: Workspace, referenced: Sequence[Node] = ()) -> None:
        self.ws = workspace
        self.referenced = referenced  # schemas in referenced files (see split.py)
        self.root = workspace.root
        self.version = format_version(self.root.value)
        self.is_v2 = self.version.startswith("2")

    def build(self) -> Api:
        root = self.root
        info = self.ws.deref(root.child("info") or root)
        version_node = info.child("version") if info is not root else None
        servers = self._servers()
        marks = list(self._version_marks(version_node, servers))
        operations = self._operations(marks)
        return Api(
            format=SpecFormat.OPENAPI,
            format_version=self.version,
            location=root.location,
            files=tuple(d.display for d in self.ws.documents.values()),
            title=_text(info.get("title")),
            version=None if version_node is None else _scalar(version_node.value),
            version_location=None if version_node is None else version_node.location,
            version_marks=tuple(marks),
            servers=tuple(servers),
            operations=tuple(operations),
            types=tuple(self._types()),
            security_schemes=tuple(self._security_schemes()),
            document=self.ws,
        )

    # -- servers and versions -------------------------------------------------------------
    def _servers(self) -> list[Server]:
        root = self.root
        if self.is_v2:
            host = root.child("host")
            if host is None:
                return []
            base = _text(root.get("basePath")) or ""
            schemes = root.get("schemes") or ["https"]
            return [
                Server(f"{s}://{host.value}{base}", host.location)
                for s in schemes
                if isinstance(s, str)
            ]
        node = root.child("servers")
        if node is None:
            return []
        result = []
        for element in node.elements():
            element = self.ws.deref(element)
            url = element.child("url")
            if url is not None and isinstance(url.value, str):
                result.append(Server(url.value, url.location))
        return result

    def _version_marks(self, declared: Node | None, servers: list[Server]) -> list[VersionMark]:
        marks = []
        if declared is not None and declared.value is not None:
            marks.append(VersionMark(VersionPlace.DECLARED, _scalar(declared.value), declared.location))
        for server in servers:
            match = _VERSION_SEGMENT.search(re.sub(r"^[a-z]+://[^/]*", "", server.url))
            if match:
                marks.append(VersionMark(VersionPlace.SERVER_URL, match.group(1), server.location))
        base = self.root.child("basePath")
        if base is not None and isinstance(base.value, str):
            match = _VERSION_SEGMENT.search(base.value)
            if match:
                marks.append(VersionMark(VersionPlace.BASE_PATH, match.group(1), base.location))
        return marks

    # -- operations -----------------------------------------------------------------------
    def _operations(self, marks: list[VersionMark]) -> list[Operation]:
        paths = self.root.child("paths")
        if paths is None or not isinstance(paths.value, dict):
            return []
        global_security = self._security(self.root.child("security"), "global")
        result = []
        for path, item_key in paths.items():
            if not path.startswith("/"):
                continue
            match = _VERSION_SEGMENT.match(path)
            if match:
                marks.append(VersionMark(VersionPlace.PATH_PREFIX, match.group(1), item_key.location))
            item = self.ws.deref(item_key)
            if not isinstance(item.value, dict):
                continue
            shared = list(self._parameters(item.child("parameters")))
            for method, op_node in item.items():
                if method not in HTTP_METHODS or not isinstance(op_node.value, dict):
                    continue
                result.append(self._operation(path, method, op_node, shared, global_security))
        return result

    def _operation(
        self, path: str, method: str, node: Node, shared: list[Parameter], global_security: Security
    ) -> Operation:
        own = list(self._parameters(node.child("parameters")))
        keys = {(p.name, p.place) for p in own}
        params = [p for p in shared if (p.name, p.place) not in keys] + own
        body = [p for p in params if p.place in ("body", "formData")]
        params = [p for p in params if p.place not in ("body", "formData")]
        security_node = node.child("security")
        security = (
            self._security(security_node, "operation") if security_node is not None else global_security
        )
        op_id = node.child("operationId")
        verb = method.upper()
        return Operation(
            name=_text(node.get("operationId")) or "",
            kind=OperationKind.READ if verb in READ_METHODS else OperationKind.WRITE,
            location=node.location,
            method=verb,
            path=path,
            parameters=tuple(params),
            request_body=self._request_body(node, body),
            responses=tuple(self._responses(node)),
            security=security,
            deprecation=_deprecation(node),
            summary=_text(node.get("summary")),
            description=_text(node.get("description")),
            tags=tuple(str(t) for t in node.get("tags") or () if isinstance(t, str)),
            name_location=op_id.location if op_id is not None else None,
            extensions={k: v for k, v in node.value.items() if k.startswith("x-")},
        )

    def _parameters(self, node: Node | None) -> list[Parameter]:
        if node is None:
            return []
        result = []
        for element in node.elements():
            param = self.ws.deref(element)
            if not isinstance(param.value, dict):
                continue
            name, place = param.get("name"), param.get("in")
            if not isinstance(name, str) or not isinstance(place, str):
                continue
            schema_node = param.child("schema")
            if schema_node is None and self.is_v2 and place != "body":
                schema_node = param
            result.append(
                Parameter(
                    name=name,
                    place=place,
                    required=bool(param.get("required", place == "path")),
                    location=param.location,
                    schema=self._schema(schema_node),
                    description=_text(param.get("description")),
                    deprecation=_deprecation(param),
                    default=param.get("default"),
                    has_default="default" in param.value,
                )
            )
        return result

    def _request_body(self, node: Node, v2_body: list[Parameter]) -> RequestBody | None:
        if self.is_v2:
            if not v2_body:
                return None
            consumes = self._mime_types(node, "consumes") or ["application/json"]
            first = v2_body[0]
            return RequestBody(
                required=any(p.required for p in v2_body),
                location=first.location,
                media_types=tuple(MediaType(m, first.location, first.schema) for m in consumes),
                description=first.description,
            )
        body_node = node.child("requestBody")
        if body_node is None:
            return None
        body = self.ws.deref(body_node)
        return RequestBody(
            required=bool(body.get("required", False)),
            location=body.location,
            media_types=tuple(self._content(body.child("content"))),
            description=_text(body.get("description")),
        )

    def _mime_types(self, node: Node, key: str) -> list[str]:
        value = node.get(key)
        if value is None:
            value = self.root.get(key)
        return [v for v in value or () if isinstance(v, str)]

    def _content(self, node: Node | None) -> list[MediaType]:
        if node is None:
            return []
        result = []
        for name, media in node.items():
            media = self.ws.deref(media)
            result.append(MediaType(name, media.location, self._schema(media.child("schema"))))
        return result

    def _responses(self, node: Node) -> list[Response]:
        responses = node.child("responses")
        if responses is None:
            return []
        produces = self._mime_types(node, "produces") if self.is_v2 else []
        result = []
        for status, response_key in responses.items():
            if status.startswith("x-"):
                continue
            response = self.ws.deref(response_key)
            if self.is_v2:
                schema = self._schema(response.child("schema"))
                media = (
                    tuple(MediaType(m, response.location, schema) for m in produces or ["application/json"])
                    if schema is not None
                    else ()
                )
            else:
                media = tuple(self._content(response.child("content")))
            result.append(
                Response(
                    status=status,
                    location=response_key.location,
                    description=_text(response.get("description")),
                    media_types=media,
                    headers=tuple(self._headers(response.child("headers"))),
                )
            )
        return result

    def _headers(self, node: Node | None) -> list[Parameter]:
        if node is None:
            return []
        result = []
        for name, header in node.items():
            header = self.ws.deref(header)
            schema_node = header if self.is_v2 else header.child("schema")
            result.append(
                Parameter(
                    name=name,
                    place="header",
                    required=bool(header.get("required", False)),
                    location=header.location,
                    schema=self._schema(schema_node),
                    description=_text(header.get("description")),
                    deprecation=_deprecation(header),
                )
            )
        return result

    def _schema(self, node: Node | None, location: Location | None = None) -> Schema | None:
        if node is None or not isinstance(node.value, dict):
            return None
        raw = node.value
        ref = raw.get("$ref")
        name = None
        if isinstance(ref, str):
            match = _SCHEMA_REF.search(ref)
            name = match.group(1) if match else None
        is_list = raw.get("type") == "array"
        if is_list and isinstance(raw.get("items"), dict):
            match = _SCHEMA_REF.search(str(raw["items"].get("$ref", "")))
            name = match.group(1) if match else name
        nullable = bool(raw.get("nullable")) or (
            isinstance(raw.get("type"), list) and "null" in raw["type"]
        )
        return Schema(location or node.location, type_name=name, raw=raw, is_list=is_list, nullable=nullable)

    # -- security ---------------------------------------------------------------------------
    def _security(self, node: Node | None, declared_on: str) -> Security:
        if node is None or not isinstance(node.value, list):
            return Security((), "none") if declared_on == "global" else Security((), declared_on)
        requirements = []
        for element in node.elements():
            if not isinstance(element.value, dict):
                continue
            uses = tuple(
                SchemeUse(
                    name,
                    tuple(str(s) for s in scopes.value) if isinstance(scopes.value, list) else (),
                    scopes.location,
                )
                for name, scopes in element.items()
            )
            requirements.append(SecurityRequirement(uses, element.location))
        return Security(tuple(requirements), declared_on)

    def _security_schemes(self) -> list[SecurityScheme]:
        if self.is_v2:
            container = self.root.child("securityDefinitions")
        else:
            components = self.root.child("components")
            container = components.child("securitySchemes") if components else None
        if container is None:
            return []
        result = []
        for name, scheme_key in container.items():
            scheme = self.ws.deref(scheme_key)
            kind = _text(scheme.get("type")) or ""
            http_scheme = _text(scheme.get("scheme"))
            if kind == "basic":
                kind, http_scheme = "http", "basic"
            result.append(
                SecurityScheme(
                    name=name,
                    kind=kind,
                    location=scheme_key.location,
                    scheme=http_scheme.lower() if http_scheme else None,
                    place=_text(scheme.get("in")),
                    flows=tuple(self._flows(scheme)),
                    description=_text(scheme.get("description")),
                )
            )
        return result

    def _flows(self, scheme: Node) -> list[OAuthFlow]:
        if self.is_v2:
            if scheme.get("type") != "oauth2":
                return []
            scopes = scheme.get("scopes") or {}
            flow = str(scheme.get("flow") or "")
            flow = {"application": "clientCredentials", "accessCode": "authorizationCode"}.get(flow, flow)
            return [OAuthFlow(flow, tuple(str(s) for s in scopes), scheme.location)]
        flows = scheme.child("flows")
        if flows is None:
            return []
        return [
            OAuthFlow(name, tuple(str(s) for s in (flow.get("scopes") or {})), flow.location)
            for name, flow in flows.items()
            if isinstance(flow.value, dict)
        ]

    # -- types ------------------------------------------------------------------------------
    def _types(self) -> list[TypeDef]:
        if self.is_v2:
            container = self.root.child("definitions")
        else:
            components = self.root.child("components")
            container = components.child("schemas") if components else None
        result = []
        seen: set[tuple[str, str]] = set()
        for name, key in container.items() if container is not None else ():
            schema = self.ws.deref(key)
            if not isinstance(schema.value, dict):
                continue
            seen.add((str(schema.document.path), schema.pointer))
            result.append(self._typedef(name, key, schema))
        for target in self.referenced:  # schemas in referenced files, named where they are
            if (str(target.document.path), target.pointer) not in seen:
                result.append(self._typedef(schema_name(target), target, target))
        return result

    def _typedef(self, name: str, key: Node, schema: Node) -> TypeDef:
        return TypeDef(
            name=name,
            kind=_schema_kind(schema.value),
            location=key.location,
            fields=tuple(self._fields(schema)),
            enum_values=tuple(_enum_values(schema)),
            description=_text(schema.get("description")),
            deprecation=_deprecation(schema),
            name_location=key.location,
            extensions={k: v for k, v in schema.value.items() if str(k).startswith("x-")},
        )

    def _fields(self, schema: Node) -> list[Field]:
        properties = schema.child("properties")
        if properties is None:
            return []
        required = schema.get("required") or []
        result = []
        for name, prop_key in properties.items():
            prop = self.ws.deref(prop_key)
            location = prop_key.location  # one Location for the field and its schema
            result.append(
                Field(
                    name=name,
                    location=location,
                    schema=self._schema(prop_key, location),
                    required=isinstance(required, list) and name in required,
                    description=_text(prop.get("description")),
                    deprecation=_deprecation(prop),
                    read_only=bool(prop.get("readOnly", False)),
                    write_only=bool(prop.get("writeOnly", False)),
                )
            )
        return result


def _schema_kind(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return "enum"
    kind = schema.get("type")
    if kind == "object" or "properties" in schema or "allOf" in schema:
        return "object"
    if kind == "array":
        return "array"
    if "oneOf" in schema or "anyOf" in schema:
        return "union"
    return "scalar"


def _enum_values(schema: Node) -> list[EnumValue]:
    node = schema.child("enum")
    if node is None:
        return []
    return [EnumValue(_scalar(e.value), e.location) for e in node.elements()]


def _deprecation(node: Node) -> Deprecation | None:
    if node.get("deprecated") is not True:
        return None
    deprecated = node.child("deprecated")
    if deprecated is None or deprecated.value is not True:
        return None
    reason = node.get("x-deprecated-reason") or node.get("x-deprecation-reason")
    sunset = node.get("x-sunset")
    return Deprecation(
        reason=_text(reason), location=deprecated.location, sunset=_text(sunset)
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
