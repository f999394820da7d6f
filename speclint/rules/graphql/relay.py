"""GraphQL pagination that follows the Relay connection specification."""

from __future__ import annotations

from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, Field, Location, Parameter, SpecFormat, TypeDef
from speclint.rules.registry import Problem, RuleContext, rule

_PAGE_INFO = (("hasPreviousPage", "Boolean", False), ("hasNextPage", "Boolean", False))


def _connections(api: Api) -> list[TypeDef]:
    return [t for t in api.types if t.kind in ("object", "interface") and t.name.endswith("Connection")]


def _field(typedef: TypeDef, name: str) -> Field | None:
    return next((f for f in typedef.fields if f.name == name), None)


def _where(typedef: TypeDef) -> Location:
    return typedef.name_location or typedef.location


@rule(
    "graphql-relay-connection",
    category=Category.DESIGN,
    severity=Severity.WARNING,
    formats=[SpecFormat.GRAPHQL],
)
def relay_connection(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Connection types have `edges` and `pageInfo`.

    ## What it does
    Reports object types whose name ends in `Connection` that lack an `edges` field returning
    a list, or a `pageInfo` field returning a non-null `PageInfo`, at the type's name.

    ## Why is this bad?
    Clients (Relay, Apollo's pagination helpers) and people reading the schema expect a
    `...Connection` to page like one; a connection without `edges` or `pageInfo` breaks
    generic pagination code and cannot tell clients whether more items exist.

    ## Example
    ```graphql
    type UserConnection {
      users: [User!]!
    }
    ```

    ## Use instead
    ```graphql
    type UserConnection {
      edges: [UserEdge!]!
      pageInfo: PageInfo!
    }
    ```
    """
    for typedef in _connections(api):
        missing = []
        edges = _field(typedef, "edges")
        if edges is None or edges.schema is None or not edges.schema.is_list:
            missing.append("an `edges` list")
        page_info = _field(typedef, "pageInfo")
        if page_info is None or page_info.schema is None or page_info.schema.nullable or page_info.schema.is_list:
            missing.append("a non-null `pageInfo`")
        elif page_info.schema.type_name != "PageInfo":
            missing.append("`pageInfo` of type `PageInfo`")
        if missing:
            yield Problem(_where(typedef), f"connection '{typedef.name}' has no {' and no '.join(missing)}")


@rule(
    "graphql-relay-edge",
    category=Category.DESIGN,
    severity=Severity.WARNING,
    formats=[SpecFormat.GRAPHQL],
    options={"node_implements_node": False, "lists_only_of_edges": False},
)
def relay_edge(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Edge types have `node` and `cursor`.

    ## What it does
    Reports the object types that a connection's `edges` list holds when they lack a `node`
    field (not a list) or a `cursor` field (a scalar), at the edge type's name.

    ## Why is this bad?
    The cursor of an edge is what clients pass as `after`/`before` to resume paging; the node
    is the item. Edges without them cannot be paged or read by generic clients.

    ## Example
    ```graphql
    type UserEdge {
      user: User
    }
    ```

    ## Use instead
    ```graphql
    type UserEdge {
      node: User
      cursor: String!
    }
    ```

    ## Options
    graphql-eslint's `relay-edge-types` conventions, off by default:
    - `node_implements_node`: `false` (default). `true` also reports edge types whose `node`
      is an object type that does not implement the `Node` interface.
    - `lists_only_of_edges`: `false` (default). `true` also reports every field of an object
      or interface type that returns a list of anything but edges (`tags: [String!]!`).
    """
    by_name = {t.name: t for t in api.types}
    done: set[str] = set()
    yield from _edge_conventions(api, ctx, by_name)
    for connection in _connections(api):
        edges = _field(connection, "edges")
        name = edges.schema.type_name if edges is not None and edges.schema is not None else None
        edge = by_name.get(name or "")
        if edge is None or edge.name in done or edge.kind not in ("object", "interface"):
            continue
        done.add(edge.name)
        missing = []
        node = _field(edge, "node")
        if node is None or node.schema is None or node.schema.is_list:
            missing.append("`node`")
        cursor = _field(edge, "cursor")
        cursor_type = by_name.get(cursor.schema.type_name or "") if cursor and cursor.schema else None
        if cursor is None or cursor.schema is None or cursor.schema.is_list or (
            cursor_type is not None and cursor_type.kind != "scalar"
        ):
            missing.append("a scalar `cursor`")
        if missing:
            yield Problem(_where(edge), f"edge type '{edge.name}' has no {' and no '.join(missing)}")


def _edge_types(api: Api, by_name: dict[str, TypeDef]) -> set[str]:
    edges = (_field(c, "edges") for c in _connections(api) if c.kind == "object")
    names = {e.schema.type_name for e in edges if e is not None and e.schema is not None and e.schema.type_name}
    return {n for n in names if n in by_name and by_name[n].kind == "object"}


def _edge_conventions(api: Api, ctx: RuleContext, by_name: dict[str, TypeDef]) -> Iterator[Problem]:
    implements, lists = bool(ctx.option("node_implements_node")), bool(ctx.option("lists_only_of_edges"))
    if not implements and not lists:
        return
    edge_types = _edge_types(api, by_name)
    for name in sorted(edge_types) if implements else ():
        node = _field(by_name[name], "node")
        target = by_name.get(node.schema.type_name or "") if node is not None and node.schema is not None else None
        if target is not None and target.kind == "object" and "Node" not in target.members:
            message = f"the node '{target.name}' of edge type '{name}' does not implement Node"
            yield Problem(_where(by_name[name]), message)
    for typedef in api.types if lists else ():
        if typedef.kind not in ("object", "interface"):
            continue
        for field in typedef.fields:
            schema = field.schema
            if schema is not None and schema.is_list and schema.type_name not in edge_types:
                message = f"field '{typedef.name}.{field.name}' returns a list of {schema.type_name}, not of edges"
                yield Problem(schema.location, message)  # at the type, which may follow the arguments


@rule(
    "graphql-relay-page-info",
    category=Category.DESIGN,
    severity=Severity.WARNING,
    formats=[SpecFormat.GRAPHQL],
)
def relay_page_info(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """`PageInfo` has the fields the Relay specification asks for.

    ## What it does
    When the schema defines a `PageInfo` type, reports it at its name if it lacks
    `hasPreviousPage: Boolean!`, `hasNextPage: Boolean!`, `startCursor` or `endCursor`
    (scalars, which may be null).

    ## Why is this bad?
    Pagination clients read these four fields from every connection; a `PageInfo` that
    renames or drops one makes generic pagination fail for the whole schema.

    ## Example
    ```graphql
    type PageInfo {
      hasMore: Boolean!
    }
    ```

    ## Use instead
    ```graphql
    type PageInfo {
      hasPreviousPage: Boolean!
      hasNextPage: Boolean!
      startCursor: String
      endCursor: String
    }
    ```
    """
    page_info = api.type("PageInfo")
    if page_info is None or page_info.kind != "object":
        return
    missing = []
    for name, type_name, nullable in _PAGE_INFO:
        field = _field(page_info, name)
        schema = field.schema if field is not None else None
        if schema is None or schema.type_name != type_name or schema.nullable != nullable or schema.is_list:
            missing.append(f"`{name}: {type_name}!`")
    for name in ("startCursor", "endCursor"):
        field = _field(page_info, name)
        if field is None or field.schema is None or field.schema.is_list:
            missing.append(f"`{name}`")
    if missing:
        yield Problem(_where(page_info), f"PageInfo has no {', no '.join(missing)}")


@rule(
    "graphql-relay-arguments",
    category=Category.DESIGN,
    severity=Severity.WARNING,
    formats=[SpecFormat.GRAPHQL],
    options={"include_both": False},
)
def relay_arguments(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Fields that return a connection take `first`/`after` and/or `last`/`before`.

    ## What it does
    Reports fields returning a `...Connection` type that take neither both of `first: Int`
    and `after` (forward paging) nor both of `last: Int` and `before` (backward paging), at
    the field. With `include_both`, both directions are required.

    ## Why is this bad?
    A connection that cannot be asked for a page size and a cursor cannot be paged at all:
    clients get whatever the server chooses, and generic pagination code does not work.

    ## Example
    ```graphql
    type Query {
      users(limit: Int): UserConnection!
    }
    ```

    ## Use instead
    ```graphql
    type Query {
      users(first: Int, after: String): UserConnection!
    }
    ```

    ## Options
    - `include_both`: `false` (default) accepts either direction; `true` asks for both.
    """
    both = bool(ctx.option("include_both"))
    connections = {t.name for t in _connections(api)}
    for typedef in api.types:
        if typedef.kind not in ("object", "interface"):
            continue
        for field in typedef.fields:
            if field.schema is None or field.schema.is_list or field.schema.type_name not in connections:
                continue
            names = {a.name: a for a in field.arguments}
            forward = _pair(names, "first", "after")
            backward = _pair(names, "last", "before")
            if (forward and backward) or (not both and (forward or backward)):
                continue
            wanted = "`first`/`after` and `last`/`before`" if both else "`first`/`after` or `last`/`before`"
            yield Problem(field.location, f"'{typedef.name}.{field.name}' returns a connection without {wanted}")


def _pair(arguments: dict[str, Parameter], count: str, cursor: str) -> bool:
    size = arguments.get(count)
    schema = size.schema if size is not None else None
    return cursor in arguments and schema is not None and schema.type_name == "Int" and not schema.is_list
