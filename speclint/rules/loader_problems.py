"""Documentation for the problems the loaders report, so ``explain`` and SARIF know them."""

from __future__ import annotations

import inspect

from speclint.loaders.problems import (
    INTERNAL_ERROR,
    INVALID_STRUCTURE,
    REFUSED_REF,
    SYNTAX_ERROR,
    UNKNOWN_FORMAT,
    UNRESOLVED_REF,
    LoaderProblem,
)
from speclint.rules.registry import ALL_FORMATS, Kind, RuleSpec, register

_DOCS = {
    SYNTAX_ERROR: '''
        The file cannot be parsed.

        ## What it does
        Reports the line and column where YAML, JSON, GraphQL or protobuf parsing failed,
        including invalid UTF-8, empty files, alias bombs and nesting that is too deep.

        ## Why is this bad?
        Nothing else can be checked in a file that cannot be read, and tools downstream fail too.

        ## Example
        ```yaml
        paths:
          /items: [unclosed
        ```

        ## Use instead
        ```yaml
        paths:
          /items: {}
        ```
    ''',
    INVALID_STRUCTURE: '''
        The document breaks its format's own schema or rules.

        ## What it does
        Validates an OpenAPI document against the official JSON Schema of its version (and
        GraphQL and protobuf files against their language rules), reporting each error at the
        node that fails, not at the document root.

        ## Why is this bad?
        Code generators, gateways and documentation tools reject or misread invalid documents.

        ## Example
        ```yaml
        paths:
          /items:
            get:
              responses:
                200:
                  descriptio: OK
        ```

        ## Use instead
        ```yaml
        paths:
          /items:
            get:
              responses:
                200:
                  description: OK
        ```
    ''',
    UNRESOLVED_REF: '''
        A reference or import cannot be resolved.

        ## What it does
        Follows every `$ref` (across files, relative to the file that holds it) and every
        import, and reports those whose target does not exist, and circular chains of refs
        that never reach a value.

        ## Why is this bad?
        Every consumer of the spec fails on the missing definition.

        ## Example
        ```yaml
        schema:
          $ref: '#/components/schemas/Missing'
        ```

        ## Use instead
        ```yaml
        schema:
          $ref: '#/components/schemas/Item'
        ```
    ''',
    REFUSED_REF: '''
        A reference leaves the linted folder or points to the network, and was not followed.

        ## What it does
        Refuses `$ref`s to files outside the folders being linted (`../`, absolute paths) and to
        URLs. `--allow-outside-refs` and `--allow-remote-refs` opt in.

        ## Why is this bad?
        A linter in CI must not read files outside the project or open connections the user
        did not ask for: a spec from a pull request could exfiltrate secrets that way.

        ## Example
        ```yaml
        schema:
          $ref: 'https://example.com/schemas/item.yaml'
        ```

        ## Use instead
        ```yaml
        schema:
          $ref: './schemas/item.yaml'
        ```
    ''',
    UNKNOWN_FORMAT: '''
        A file given on the command line is not a spec speclint can read.

        ## What it does
        Reports a file named explicitly that is neither an OpenAPI document (a YAML or JSON file
        with a top-level `openapi` or `swagger` key), a GraphQL SDL file nor a `.proto` file.

        ## Why is this bad?
        A CI job pointed at the wrong file would otherwise pass while checking nothing.

        ## Example
        ```yaml
        title: not a spec
        ```

        ## Use instead
        ```yaml
        openapi: 3.1.0
        info: {title: Items, version: 1.0.0}
        paths: {}
        ```
    ''',
    INTERNAL_ERROR: '''
        speclint failed on this file; the run goes on and exits with status 2.

        ## What it does
        When a rule or loader fails unexpectedly on one file, the failure becomes a finding for
        that file instead of ending the run; the exit status is 2.

        ## Why is this bad?
        It is a bug in speclint: please report it with the file.

        ## Example
        ```text
        (any input that makes speclint fail)
        ```

        ## Use instead
        ```text
        (nothing to change in the spec)
        ```
    ''',
}


def _document(problem: LoaderProblem, doc: str) -> None:
    register(
        RuleSpec(
            id=problem.id,
            category=problem.category,
            severity=problem.severity,
            formats=ALL_FORMATS,
            doc=inspect.cleandoc(doc),
            kind=Kind.LOADER,
        )
    )


for _problem, _doc in _DOCS.items():
    _document(_problem, _doc)
