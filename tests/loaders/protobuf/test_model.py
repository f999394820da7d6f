"""The model the protobuf loader builds: packages, messages, fields, enums, services, options."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from speclint.loaders.base import LoadOptions, LoadResult
from speclint.loaders.protobuf import ProtobufLoader
from speclint.model import Api, OperationKind, TypeDef, VersionPlace
from tests.conftest import FIXTURES

API_ROOT = FIXTURES / "proto" / "api"
USER = "fixtures/proto/api/acme/v1/user.proto"


def load(paths: list[Path], proto_paths: tuple[Path, ...] = (), **settings: object) -> list[LoadResult]:
    roots = tuple(p.resolve() if p.is_dir() else p.resolve().parent for p in paths)
    files = sorted(f for p in paths for f in (p.rglob("*.proto") if p.is_dir() else [p]))
    options = LoadOptions(roots=roots, proto_paths=proto_paths, settings=dict(settings))
    return ProtobufLoader().load(files, options)


@pytest.fixture(scope="module")
def api() -> Api:
    here = Path.cwd()
    os.chdir(FIXTURES.parent)
    try:
        results = load([API_ROOT / "acme"], (API_ROOT,))
    finally:
        os.chdir(here)
    [loaded, imported] = results
    assert loaded.findings == [] and imported.findings == []
    # the google/api files are read too (reports and caches depend on them), but not linted
    assert imported.api is None and imported.files == () and imported.dependencies == (
        "fixtures/proto/api/google/api/annotations.proto",
        "fixtures/proto/api/google/api/field_behavior.proto",
        "fixtures/proto/api/google/api/http.proto",
    )
    assert loaded.api is not None
    return loaded.api


def typedef(api: Api, name: str) -> TypeDef:
    found = api.type(name)
    assert found is not None, name
    return found


def test_one_api_per_package_with_its_version(api: Api) -> None:
    assert api.title == "acme.v1"
    assert api.format_version == "proto3"
    assert api.files == (
        "fixtures/proto/api/acme/v1/auth.proto",
        "fixtures/proto/api/acme/v1/common.proto",
        USER,
    )
    assert api.version == "v1"
    assert [(m.place, m.value, m.location.line) for m in api.version_marks] == [(VersionPlace.PACKAGE, "v1", 4)] * 3
    assert api.version_location is not None
    assert (api.version_location.line, api.version_location.column, api.version_location.pointer) == (4, 1, "acme.v1")


def test_the_package_is_a_model_fact_with_each_files_declaration(api: Api) -> None:
    assert api.package is not None and api.package.name == "acme.v1"
    assert [(d.file, d.line, d.column, d.pointer) for d in api.package.declarations] == [
        (file, 4, 1, "acme.v1") for file in api.files
    ]


def test_messages_and_nested_messages(api: Api) -> None:
    user = typedef(api, "acme.v1.User")
    assert user.kind == "message"
    assert user.description == "A person with an Acme account."
    assert (user.location.file, user.location.line, user.location.end_line) == (USER, 24, 59)
    assert user.name_location is not None
    assert (user.name_location.line, user.name_location.column, user.name_location.end_column) == (24, 9, 13)
    address = typedef(api, "acme.v1.User.Address")
    assert [f.name for f in address.fields] == ["street", "city"]
    assert address.location.line == 26
    # map entries are not types of their own
    assert api.type("acme.v1.User.LabelsEntry") is None


def test_fields_numbers_json_names_and_types(api: Api) -> None:
    fields = {f.name: f for f in typedef(api, "acme.v1.User").fields}
    assert [(f.name, f.number) for f in fields.values()][:4] == [
        ("name", 1), ("email", 2), ("display_name", 3), ("addresses", 4)
    ]  # fmt: skip
    email = fields["email"]
    assert email.json_name == "email" and fields["display_name"].json_name == "displayName"
    assert email.location.pointer == "acme.v1.User.email"
    assert (email.location.line, email.location.column) == (36, 3)
    assert email.required is True  # (google.api.field_behavior) = REQUIRED
    assert email.schema is not None and email.schema.type_name == "string"
    assert email.description == "The primary e-mail address."
    addresses = fields["addresses"].schema
    assert addresses is not None and addresses.is_list and addresses.type_name == "acme.v1.User.Address"
    status = fields["status"].schema
    assert status is not None and status.type_name == "acme.v1.Status"
    assert (status.location.line, status.location.column) == (44, 3)
    assert fields["labels"].extensions["map"] == {"key": "string", "value": "string"}
    assert fields["display_name"].extensions["proto3_optional"] is True
    assert fields["phone_number"].extensions["oneof"] == "verification"
    assert fields["addresses"].extensions["label"] == "repeated"
    assert fields["audit"].read_only is True
    assert fields["login"].deprecation is not None
    assert fields["name"].extensions["options"] == {"google.api.field_behavior": ["IDENTIFIER"]}


def test_reserved_ranges_and_names(api: Api) -> None:
    user = typedef(api, "acme.v1.User")
    assert user.extensions["reserved_ranges"] == [(11, 11), (15, 20)]
    assert user.extensions["reserved_names"] == ["password"]
    assert user.extensions["oneofs"] == ["verification"]
    status = typedef(api, "acme.v1.Status")
    assert status.extensions["reserved_ranges"] == [(5, 9)]
    assert status.extensions["reserved_names"] == ["STATUS_GONE"]


def test_enums_and_values(api: Api) -> None:
    status = typedef(api, "acme.v1.Status")
    assert status.kind == "enum"
    assert [(v.name, v.number) for v in status.enum_values] == [
        ("STATUS_UNSPECIFIED", 0), ("STATUS_ACTIVE", 1), ("STATUS_SUSPENDED", 2)
    ]  # fmt: skip
    active = status.enum_values[1]
    assert (active.location.pointer, active.location.line, active.location.column) == (
        "acme.v1.Status.STATUS_ACTIVE", 16, 3
    )  # fmt: skip
    assert active.description == "The user may sign in."
    assert status.enum_values[2].deprecation is not None


def test_services_and_rpcs(api: Api) -> None:
    service = typedef(api, "acme.v1.UserService")
    assert service.kind == "service"
    assert service.members == ("GetUser", "ListUsers", "ImportUsers", "Chat", "DeleteUser")
    operations = {o.name: o for o in api.operations}
    get = operations["GetUser"]
    assert get.parent == "acme.v1.UserService" and get.kind is OperationKind.READ
    assert get.display_name == "acme.v1.UserService/GetUser"
    assert (get.location.pointer, get.location.line) == ("acme.v1.UserService.GetUser", 97)
    assert get.name_location is not None and (get.name_location.line, get.name_location.column) == (97, 7)
    assert get.description == "Returns one user."
    assert get.request_body is not None
    media = get.request_body.media_types[0]
    assert media.name == "application/grpc" and media.schema is not None
    assert media.schema.type_name == "acme.v1.GetUserRequest"
    assert (media.location.line, media.location.column) == (97, 15)
    [response] = get.responses
    assert response.status == "default" and response.media_types[0].schema is not None
    assert response.media_types[0].schema.type_name == "acme.v1.User"
    streams = {n: (o.kind, o.client_streaming, o.server_streaming) for n, o in operations.items()}
    assert streams == {
        "GetUser": (OperationKind.READ, False, False),
        "ListUsers": (OperationKind.STREAM, False, True),
        "ImportUsers": (OperationKind.STREAM, True, False),
        "Chat": (OperationKind.STREAM, True, True),
        "DeleteUser": (OperationKind.WRITE, False, False),
    }


def test_custom_options_are_decoded(api: Api) -> None:
    operations = {o.name: o for o in api.operations}
    assert operations["GetUser"].extensions["options"] == {"google.api.http": {"get": "/v1/{name=users/*}"}}
    delete = operations["DeleteUser"].extensions["options"]
    assert delete["google.api.http"] == {"delete": "/v1/{name=users/*}"}
    assert delete["acme.v1.auth_rule"] == {"scopes": ["users.delete"], "admin_only": True}


def test_auth_option_becomes_a_security_requirement(api: Api) -> None:
    operations = {o.name: o for o in api.operations}
    delete = operations["DeleteUser"].security
    assert delete.declared_on == "operation" and not delete.is_public
    [requirement] = delete.requirements
    [use] = requirement.schemes
    assert use.scheme == "acme.v1.auth_rule" and use.scopes == ("users.delete",)
    assert (use.location.line, use.location.column) == (115, 5)
    assert operations["GetUser"].security.declared_on == "none"
    assert [s.name for s in api.security_schemes] == ["acme.v1.auth_rule"]
    assert api.security_schemes[0].kind == "option"


def test_auth_option_names_are_configurable() -> None:
    results = load([API_ROOT / "acme"], (API_ROOT,), proto_auth_options=["http"])
    api = results[0].api
    assert results[1].api is None
    assert api is not None
    secured = {o.name for o in api.operations if o.security.requirements}
    assert secured == {"GetUser", "ListUsers", "DeleteUser"}


def test_a_broken_file_does_not_hide_the_model_of_the_others() -> None:
    results = load([FIXTURES / "proto" / "errors" / "syntax"])
    apis = [r.api for r in results if r.api is not None]
    assert [a.title for a in apis] == ["shop.v1"]
    assert [t.name for t in apis[0].types] == ["shop.v1.Customer"]
    assert apis[0].files[0].endswith("fine.proto")
    broken = [f for r in results for f in r.findings]
    assert [(f.rule, f.line) for f in broken] == [("syntax-error", 9)]


def test_proto2_required_defaults_and_service_wide_auth() -> None:
    [result] = load([FIXTURES / "proto" / "legacy"])
    assert result.findings == []
    api = result.api
    assert api is not None and api.format_version == "proto2" and api.version == "v1"
    fields = {f.name: f for f in typedef(api, "legacy.v1.Record").fields}
    assert fields["key"].required is True and fields["key"].extensions["label"] == "required"
    assert fields["reads"].required is False and fields["reads"].extensions["default"] == "7"
    assert fields["notes"].schema is not None and fields["notes"].schema.is_list
    [operation] = api.operations
    assert operation.kind is OperationKind.READ
    assert operation.security.declared_on == "global"
    [requirement] = operation.security.requirements
    assert [(u.scheme, u.scopes) for u in requirement.schemes] == [("legacy.v1.required_scope", ("records.read",))]
    assert requirement.location.line == 27
