"""The model the GraphQL loader builds, read through the loader API."""

from __future__ import annotations

from pathlib import Path

from speclint.model import OperationKind, SpecFormat, VersionPlace
from tests.conftest import FIXTURES
from tests.loaders.graphql.helpers import load_api

MODEL = FIXTURES / "graphql/model/schema.graphql"
MULTI = FIXTURES / "graphql/multi"


def test_root_fields_become_operations() -> None:
    api = load_api(MODEL)
    assert api.format is SpecFormat.GRAPHQL
    assert api.files[0].endswith("model/schema.graphql")
    ops = {op.display_name: op for op in api.operations}
    assert list(ops) == [
        "RootQuery.user", "RootQuery.users", "RootQuery.health", "RootQuery.oldUsers", "RootQuery.userV2",
        "RootMutation.createUser", "RootMutation.ping", "RootSubscription.userChanged",
    ]  # fmt: skip
    assert ops["RootQuery.user"].kind is OperationKind.READ
    assert ops["RootMutation.createUser"].kind is OperationKind.WRITE
    assert ops["RootSubscription.userChanged"].kind is OperationKind.STREAM
    user = ops["RootQuery.user"]
    assert user.parent == "RootQuery" and user.name == "user"
    assert user.description == "Look a user up by id."
    assert user.name_location is not None
    assert (user.name_location.line, user.name_location.column, user.name_location.end_column) == (22, 3, 7)
    assert user.location.line == 22  # the field, not its description on line 21
    assert [(p.name, p.place, p.required, p.has_default, p.default) for p in user.parameters] == [
        ("id", "argument", True, False, None),
        ("active", "argument", False, True, True),
    ]
    assert user.parameters[0].location.pointer == "RootQuery.user(id:)"
    (response,) = user.responses
    assert response.status == "default"
    (media,) = response.media_types
    assert media.name == "application/graphql-response+json"
    assert media.schema is not None
    assert (media.schema.type_name, media.schema.is_list, media.schema.nullable) == ("User", False, True)
    users = ops["RootQuery.users"].responses[0].media_types[0].schema
    assert users is not None
    assert (users.type_name, users.is_list, users.nullable) == ("User", True, False)


def test_security_from_directives() -> None:
    ops = {op.display_name: op for op in load_api(MODEL).operations}
    user = ops["RootQuery.user"].security
    assert user.declared_on == "operation" and not user.is_public
    assert [[(s.scheme, s.scopes) for s in r.schemes] for r in user.requirements] == [[("auth", ("ADMIN",))]]
    assert user.requirements[0].schemes[0].location.line == 22
    scopes = ops["RootQuery.users"].security
    assert [[(s.scheme, s.scopes) for s in r.schemes] for r in scopes.requirements] == [
        [("requiresScopes", ("read:users", "read:org"))],
        [("requiresScopes", ("admin",))],
    ]
    health = ops["RootQuery.health"].security
    assert health.requirements == () and health.declared_on == "operation" and health.is_public
    assert ops["RootQuery.oldUsers"].security.declared_on == "none"
    # @auth on the root type applies to its fields; @public on a field wins.
    create = ops["RootMutation.createUser"].security
    assert [[(s.scheme, s.scopes) for s in r.schemes] for r in create.requirements] == [[("auth", ())]]
    assert create.requirements[0].location.line == 29
    assert ops["RootMutation.ping"].security.is_public


def test_security_schemes_and_configured_directive_names() -> None:
    api = load_api(MODEL)
    assert [(s.name, s.kind, s.location.line) for s in api.security_schemes] == [
        ("auth", "directive", 8),
        ("requiresScopes", "directive", 9),
    ]
    assert api.security_schemes[0].description == "Who may call an operation."
    custom = load_api(MODEL, settings={"graphql_auth_directives": ["requiresScopes"],
                                       "graphql_public_directives": "nobody"})
    ops = {op.display_name: op for op in custom.operations}
    assert ops["RootQuery.user"].security.declared_on == "none"
    assert ops["RootQuery.health"].security.declared_on == "none"
    assert [s.name for s in custom.security_schemes] == ["requiresScopes"]


def test_types_fields_and_deprecations() -> None:
    api = load_api(MODEL)
    kinds = {t.name: t.kind for t in api.types}
    assert kinds == {
        "Role": "enum", "RootQuery": "object", "RootMutation": "object", "RootSubscription": "object",
        "Node": "interface", "User": "object", "UserV2": "object", "SearchResult": "union",
        "CreateUserInput": "input", "DateTime": "scalar",
    }  # fmt: skip
    user = api.type("User")
    assert user is not None and user.members == ("Node",)
    assert user.name_location is not None and user.name_location.pointer == "User"
    friends = next(f for f in user.fields if f.name == "friends")
    assert friends.location.pointer == "User.friends"
    assert friends.schema is not None and friends.schema.raw == {"type": "[[User!]]!"}
    assert [(a.name, a.default) for a in friends.arguments] == [("first", 10)]
    union = api.type("SearchResult")
    assert union is not None and union.members == ("User", "UserV2")
    role = api.type("Role")
    assert role is not None
    guest = role.enum_values[2]
    assert (guest.name, guest.description, guest.location.pointer) == ("GUEST", "Kept for old clients.", "Role.GUEST")
    assert guest.deprecation is not None and guest.deprecation.reason == "Use USER."
    query = api.type("RootQuery")
    assert query is not None and query.description == "The entry point for reads."
    old = next(f for f in query.fields if f.name == "oldUsers")
    assert old.deprecation is not None and old.deprecation.reason is None  # "No longer supported"
    assert old.deprecation.location.line == 25
    ops = {op.name: op for op in api.operations}
    assert ops["userV2"].deprecation is not None and ops["userV2"].deprecation.reason == "Use user."
    new_user = api.type("CreateUserInput")
    assert new_user is not None
    assert [(f.name, f.required) for f in new_user.fields] == [("name", True), ("role", False)]


def test_version_marks_from_names() -> None:
    api = load_api(MODEL)
    assert [(m.place, m.value, m.location.pointer, m.location.line) for m in api.version_marks] == [
        (VersionPlace.NAME, "v2", "RootQuery.userV2", 26),
        (VersionPlace.NAME, "v2", "UserV2", 49),
    ]


def test_extensions_merge_into_one_type_with_their_own_locations() -> None:
    files = sorted(MULTI.glob("*.graphql"))
    api = load_api(*files)
    assert Path(api.entry_file).name == "schema.graphql"
    assert sorted(Path(f).name for f in api.files) == ["extensions.graphql", "schema.graphql", "user.graphql"]
    user = api.type("User")
    assert user is not None
    assert [(f.name, Path(f.location.file).name, f.location.line) for f in user.fields] == [
        ("id", "user.graphql", 3),
        ("name", "user.graphql", 4),
        ("email", "extensions.graphql", 6),
        ("orders", "extensions.graphql", 8),
    ]
    assert user.description == "A person with an account."
    assert [(op.display_name, Path(op.location.file).name) for op in api.operations] == [
        ("Query.user", "schema.graphql"),
        ("Query.users", "extensions.graphql"),
    ]
    documents = api.document.documents
    assert sorted(Path(name).name for name in documents) == [
        "extensions.graphql", "schema.graphql", "user.graphql",
    ]  # fmt: skip
    assert api.document.root_types == {"query": "Query"}


def test_loading_leaves_the_garbage_collector_as_it_was() -> None:
    import gc

    assert gc.isenabled()
    def assert_freeze_left_as(frozen: int) -> None:
        # Nothing of the load stays frozen and nobody else's frozen objects are unfrozen (some
        # of those may have been freed meanwhile, which lowers the count).
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0 if frozen == 0 else 0 < gc.get_freeze_count() <= frozen

    frozen = gc.get_freeze_count()  # not always 0 at start-up (Python 3.12.1 freezes its own objects)
    load_api(MODEL)
    assert_freeze_left_as(frozen)
    gc.freeze()  # someone else's frozen objects
    try:
        frozen = gc.get_freeze_count()
        load_api(MODEL)
        assert_freeze_left_as(frozen)
    finally:
        gc.unfreeze()
    gc.disable()
    try:
        load_api(MODEL)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_directive_definitions_are_model_facts(tmp_path: Path) -> None:
    schema = tmp_path / "schema.graphql"
    schema.write_text(
        'type Query {\n  me: String @auth\n}\nenum Role {\n  USER\n}\n"""Who may."""\n'
        "directive @auth(requires: [Role!] = [USER], note: String) on FIELD_DEFINITION\n"
    )
    api = load_api(schema)
    (auth,) = api.directives
    assert (auth.name, auth.location.pointer, auth.location.line, auth.location.column) == ("auth", "@auth", 8, 1)
    assert [(a.name, a.schema and a.schema.type_name, a.schema and a.schema.is_list) for a in auth.arguments] == [
        ("requires", "Role", True),
        ("note", "String", False),
    ]
