"""Protobuf oneof names."""

from __future__ import annotations

from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.casing import matches
from speclint.rules.protobuf.descriptors import elements, files, location
from speclint.rules.registry import Problem, RuleContext, rule


@rule(
    "protobuf-oneof-name-casing",
    category=Category.NAMING,
    severity=Severity.WARNING,
    formats=[SpecFormat.PROTOBUF],
)
def oneof_name_casing(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Oneof names are lower_snake_case, like field names.

    ## What it does
    Reports oneofs whose name is not lower_snake_case, at the name (buf's
    `ONEOF_LOWER_SNAKE_CASE`). Oneofs that protoc makes for `optional` fields are skipped.

    ## Why is this bad?
    A oneof becomes a field, an accessor and a case enum in generated code, named after it
    the way fields are; `oneof EventData` gives `getEventDataCase()` beside fields written
    `event_data`, and JSON names that follow neither.

    ## Example
    ```proto
    message Event {
      oneof EventData { string text = 1; bytes blob = 2; }
    }
    ```

    ## Use instead
    ```proto
    message Event {
      oneof event_data { string text = 1; bytes blob = 2; }
    }
    ```
    """
    for file in files(api):
        for element in elements(file, {"oneof"}):
            if not matches(element.descriptor.name, "lower_snake_case"):
                yield Problem(
                    location(file, element.name, element.path, name=True),
                    f"oneof '{element.descriptor.name}' of {element.name.rsplit('.', 2)[-2]} is not lower_snake_case",
                )
