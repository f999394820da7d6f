"""OpenAPI structure: unused components, path templates and path parameters that agree."""

from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import unquote

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.openapi.raw import all_documents, workspace
from speclint.rules.registry import Problem, RuleContext, rule
from speclint.sources.tree_positions import escape_token

_TEMPLATE = re.compile(r"\{([^}]+)\}")
_V3_SECTIONS = ("schemas", "parameters", "responses", "requestBodies", "headers", "examples", "links", "callbacks")
_V2_SECTIONS = ("definitions", "parameters", "responses")


_REF_TEXT = re.compile(rb"#(/(?:components/[A-Za-z]+|definitions|parameters|responses)/[^\"'\s,}\]]+)")


def _references(api: Api) -> set[str]:
    """The (escaped) pointers that some ``$ref`` or discriminator mapping of the API names.

    A scan of the raw text, which is much faster than a walk of the parsed tree on large
    documents; any ``#/components/...`` string counts as a use.
    """
    found: set[str] = set()
    for document in all_documents(api):
        for match in _REF_TEXT.finditer(document.data):
            pointer = unquote(match.group(1).decode("utf-8", "replace")).replace("\\/", "/")
            depth = 4 if pointer.startswith("/components/") else 3
            found.add("/".join(pointer.split("/")[:depth]))
    return found


@rule(
    "openapi-unused-component",
    category=Category.STRUCTURE,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def unused_component(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Every component (schema, parameter, response, ...) is used.

    ## What it does
    Reports entries of `components` (`definitions`, `parameters` and `responses` in Swagger
    2.0) that no `$ref` and no discriminator mapping of the API refers to. Documents without
    `paths` (component libraries) are not checked.

    ## Why is this bad?
    Unused components are dead weight that readers still read and maintainers still update;
    often they are the remains of a rename that left the old name behind.

    ## Example
    ```yaml
    components:
      schemas:
        Item: {type: object}
        OldItem: {type: object}
    ```

    ## Use instead
    ```yaml
    components:
      schemas:
        Item: {type: object}
    ```
    """
    ws = workspace(api)
    if ws is None or not isinstance(ws.root.get("paths"), dict):
        return
    if api.format_version.startswith("2"):
        containers = [(s, ws.root.child(s)) for s in _V2_SECTIONS]
        prefix = ""
    else:
        components = ws.root.child("components")
        containers = [(s, components.child(s) if components else None) for s in _V3_SECTIONS]
        prefix = "/components"
    refs = _references(api)
    for section, container in containers:
        if container is None:
            continue
        for name, node in container.items():
            pointer = f"{prefix}/{section}/{escape_token(name)}"
            if pointer not in refs:
                yield Problem(
                    node.location, f"{section[:-1] if section.endswith('s') else section} '{name}' is never used"
                )


@rule(
    "openapi-path-params-match",
    category=Category.STRUCTURE,
    severity=Severity.ERROR,
    formats=[SpecFormat.OPENAPI],
)
def path_params_match(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Path templates and path parameters agree.

    ## What it does
    For every operation, checks that each `{name}` of the path template is defined as a
    path parameter (on the operation or on the path item) and that each path parameter
    appears in the template.

    ## Why is this bad?
    A template variable without a parameter cannot be filled by clients; a path parameter
    missing from the template can never be sent. Either way generated clients are broken.

    ## Example
    ```yaml
    /items/{itemId}:
      get:
        parameters:
          - {name: id, in: path, required: true, schema: {type: string}}
    ```

    ## Use instead
    ```yaml
    /items/{itemId}:
      get:
        parameters:
          - {name: itemId, in: path, required: true, schema: {type: string}}
    ```
    """
    reported: set[object] = set()
    for operation in api.operations:
        if operation.path is None:
            continue
        template = set(_TEMPLATE.findall(operation.path))
        defined = {p.name: p for p in operation.parameters if p.place == "path"}
        for name in sorted(template - set(defined)):
            yield Problem(
                operation.location,
                f"path parameter '{name}' of '{operation.path}' is not defined for {operation.method}",
            )
        for name, param in defined.items():
            if name not in template and (param.location, operation.path) not in reported:
                reported.add((param.location, operation.path))
                yield Problem(param.location, f"path parameter '{name}' does not appear in '{operation.path}'")
