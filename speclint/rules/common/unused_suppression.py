"""Documentation for ``unused-suppression``, reported by the lint engine's suppression step."""

from __future__ import annotations

import inspect

from speclint.findings import Category, Severity
from speclint.rules.registry import ALL_FORMATS, Rule, register

_DOC = '''
    A suppression comment or x-speclint-ignore suppresses nothing.

    ## What it does
    Reports each inline suppression that no finding matched: a `# speclint: ignore[rule-id]`
    comment (`// speclint: ignore[rule-id]` in protobuf) on or above a line, or an
    `x-speclint-ignore: [rule-id]` on an OpenAPI node, whose rule finds nothing there (any
    more), and suppressions that name a rule speclint does not know. `ignore[*]` and a bare
    `speclint: ignore` are reported when they suppress no finding at all. A suppression of a
    rule that is turned off in this run is not reported.

    ## Why is this bad?
    A stale suppression hides the next real problem written at that place, and a misspelt
    rule id suppresses nothing while looking as if it did.

    ## Example
    ```yaml
    paths:
      /items:
        get:
          # speclint: ignore[openapi-operation-id-casing]
          operationId: listItems
    ```

    ## Use instead
    ```yaml
    paths:
      /items:
        get:
          operationId: listItems
    ```
'''

register(
    Rule(
        id="unused-suppression",
        category=Category.STRUCTURE,
        severity=Severity.WARNING,
        formats=ALL_FORMATS,
        doc=inspect.cleandoc(_DOC),
    )
)
