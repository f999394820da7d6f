"""Comments on protobuf services, RPCs, messages, enums, fields and oneofs (buf's COMMENTS).

Off unless a ruleset or a ``buf.yaml`` turns them on, as in buf.
"""

from __future__ import annotations

from typing import Iterator

from speclint.findings import Category, Severity
from speclint.model import Api, SpecFormat
from speclint.rules.protobuf.descriptors import elements, files, leading_comments, location
from speclint.rules.registry import Problem, RuleContext, rule

_LABELS = {
    "service": "service",
    "rpc": "RPC",
    "message": "message",
    "enum": "enum",
    "enum_value": "enum value",
    "field": "field",
    "oneof": "oneof",
}


def _uncommented(api: Api, kind: str) -> Iterator[Problem]:
    for file in files(api):
        comments = leading_comments(file)
        for element in elements(file, {kind}):
            if element.path not in comments:
                yield Problem(
                    location(file, element.name, element.path, name=True),
                    f"{_LABELS[kind]} '{element.name}' has no comment",
                )


@rule(
    "protobuf-comment-service",
    category=Category.DOCUMENTATION,
    severity=Severity.HINT,
    formats=[SpecFormat.PROTOBUF],
)
def comment_service(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Services have a leading comment.

    ## What it does
    Reports services without a non-empty comment right above them, at the name (buf's
    `COMMENT_SERVICE`). Off unless a ruleset or a `buf.yaml` turns it on.

    ## Why is this bad?
    The comment is the service's documentation in generated code and API references; a
    service without one leaves readers guessing what it owns.

    ## Example
    ```proto
    service BookService {}
    ```

    ## Use instead
    ```proto
    // Manages the books of a shop.
    service BookService {}
    ```
    """
    return _uncommented(api, "service")


@rule(
    "protobuf-comment-rpc",
    category=Category.DOCUMENTATION,
    severity=Severity.HINT,
    formats=[SpecFormat.PROTOBUF],
)
def comment_rpc(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """RPCs have a leading comment.

    ## What it does
    Reports RPCs without a non-empty comment right above them, at the name (buf's
    `COMMENT_RPC`). Off unless a ruleset or a `buf.yaml` turns it on.

    ## Why is this bad?
    An RPC's comment is what client developers read in their IDE: what it does, what it
    returns when nothing matches, which errors it raises.

    ## Example
    ```proto
    service BookService {
      rpc GetBook(GetBookRequest) returns (Book);
    }
    ```

    ## Use instead
    ```proto
    service BookService {
      // Returns the book, or NOT_FOUND.
      rpc GetBook(GetBookRequest) returns (Book);
    }
    ```
    """
    return _uncommented(api, "rpc")


@rule(
    "protobuf-comment-message",
    category=Category.DOCUMENTATION,
    severity=Severity.HINT,
    formats=[SpecFormat.PROTOBUF],
)
def comment_message(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Messages have a leading comment.

    ## What it does
    Reports messages without a non-empty comment right above them, at the name (buf's
    `COMMENT_MESSAGE`). Off unless a ruleset or a `buf.yaml` turns it on.

    ## Why is this bad?
    A message's comment documents what it represents in every generated language.

    ## Example
    ```proto
    message Book {}
    ```

    ## Use instead
    ```proto
    // A book of the catalogue.
    message Book {}
    ```
    """
    return _uncommented(api, "message")


@rule(
    "protobuf-comment-enum",
    category=Category.DOCUMENTATION,
    severity=Severity.HINT,
    formats=[SpecFormat.PROTOBUF],
)
def comment_enum(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Enums have a leading comment.

    ## What it does
    Reports enums without a non-empty comment right above them, at the name (buf's
    `COMMENT_ENUM`). Off unless a ruleset or a `buf.yaml` turns it on.

    ## Why is this bad?
    An enum's comment says what it classifies and when new values may appear.

    ## Example
    ```proto
    enum Format { FORMAT_UNSPECIFIED = 0; }
    ```

    ## Use instead
    ```proto
    // The format a book is sold in.
    enum Format { FORMAT_UNSPECIFIED = 0; }
    ```
    """
    return _uncommented(api, "enum")


@rule(
    "protobuf-comment-enum-value",
    category=Category.DOCUMENTATION,
    severity=Severity.HINT,
    formats=[SpecFormat.PROTOBUF],
)
def comment_enum_value(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Enum values have a leading comment.

    ## What it does
    Reports enum values without a non-empty comment right above them, at the name (buf's
    `COMMENT_ENUM_VALUE`). Off unless a ruleset or a `buf.yaml` turns it on.

    ## Why is this bad?
    A value's name is rarely enough to know when it applies.

    ## Example
    ```proto
    enum Format {
      FORMAT_UNSPECIFIED = 0;
    }
    ```

    ## Use instead
    ```proto
    enum Format {
      // Not set.
      FORMAT_UNSPECIFIED = 0;
    }
    ```
    """
    return _uncommented(api, "enum_value")


@rule(
    "protobuf-comment-field",
    category=Category.DOCUMENTATION,
    severity=Severity.HINT,
    formats=[SpecFormat.PROTOBUF],
)
def comment_field(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Fields have a leading comment.

    ## What it does
    Reports fields without a non-empty comment right above them, at the name (buf's
    `COMMENT_FIELD`). Off unless a ruleset or a `buf.yaml` turns it on.

    ## Why is this bad?
    Units, formats and who sets a field are what its comment tells; the name alone does not.

    ## Example
    ```proto
    message Book {
      int32 pages = 1;
    }
    ```

    ## Use instead
    ```proto
    message Book {
      // Number of printed pages.
      int32 pages = 1;
    }
    ```
    """
    return _uncommented(api, "field")


@rule(
    "protobuf-comment-oneof",
    category=Category.DOCUMENTATION,
    severity=Severity.HINT,
    formats=[SpecFormat.PROTOBUF],
)
def comment_oneof(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Oneofs have a leading comment.

    ## What it does
    Reports oneofs without a non-empty comment right above them, at the name (buf's
    `COMMENT_ONEOF`). Off unless a ruleset or a `buf.yaml` turns it on.

    ## Why is this bad?
    A oneof's comment says what choosing one of its fields means.

    ## Example
    ```proto
    message Book {
      oneof format { string isbn = 1; string asin = 2; }
    }
    ```

    ## Use instead
    ```proto
    message Book {
      // How the book is identified.
      oneof format { string isbn = 1; string asin = 2; }
    }
    ```
    """
    return _uncommented(api, "oneof")
