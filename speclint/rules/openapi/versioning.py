"""OpenAPI versioning: a real info.version, the major version in one visible place, one major."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator
from urllib.parse import urlsplit

from speclint.findings import Category, Severity
from speclint.model import Api, Location, SpecFormat, VersionPlace
from speclint.rules.openapi.raw import path_items, workspace
from speclint.rules.options import Option
from speclint.rules.registry import Problem, RuleContext, rule

_SEMVER = re.compile(r"^v?\d+(?:\.\d+){0,2}(?:(?:alpha|beta|rc|preview|p)\d*)?(?:[-+][0-9A-Za-z.+-]+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[.-]?[0-9A-Za-z]+)?$")
_HOST_VERSION = re.compile(r"(?:^|[.-])v\d+(?:[.-]|$)", re.IGNORECASE)
_MAJOR = re.compile(r"^v?(\d+)", re.IGNORECASE)
_DATED_SEGMENT = re.compile(r"^/?\d{4}-\d{2}-\d{2}(?=/|$)")  # Twilio's /2010-04-01/Accounts
_VERSION_QUERY = frozenset({"api-version", "api_version", "apiversion", "version", "v"})


@rule(
    "openapi-info-version-format",
    category=Category.VERSIONING,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def info_version_format(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """`info.version` is a version: semver (`1.4.0`) or a date (`2024-05-01`), not `latest`.

    ## What it does
    Checks that `info.version` looks like `1`, `1.4`, `1.4.0`, `1.4.0-beta.1` (an optional
    leading `v` is accepted), a Google-style `v1beta2` / `v2alpha1`, or a date such as
    `2024-05-01`.

    ## Why is this bad?
    `latest`, `beta` or `TBD` tell a reader nothing about which contract they hold; change
    logs, caches and breaking-change checks need a version that orders.

    ## Example
    ```yaml
    info:
      title: Items
      version: latest
    ```

    ## Use instead
    ```yaml
    info:
      title: Items
      version: 1.4.0
    ```
    """
    if api.version_location is None or api.version is None:
        return
    version = api.version.strip()
    if not (_SEMVER.match(version) or _DATE.match(version)):
        yield Problem(api.version_location, f"info.version '{api.version}' is not a version (semver or a date)")


@rule(
    "openapi-version-in-url",
    category=Category.VERSIONING,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
    options={"strategy": Option("path", choices=("path", "server", "header", "none"))},
)
def version_in_url(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """The major version shows where the versioning strategy puts it (by default: the URL path).

    ## What it does
    With `strategy: path` (default), the major version must appear as a path segment (`/v1`,
    or a dated one such as `/2010-04-01`) of the server URL, of the Swagger 2.0 `basePath`,
    or at the start of every path; paths without it are reported when others have it. With
    `server`, it must appear in the server URL (its path or its host, `v1.api.example.com`).
    With `header`, some operation must take a header parameter whose name contains
    `version`. With `none`, nothing is checked. Whatever the strategy, a document that
    versions another way is accepted: an `api-version` query parameter (Azure) or a version
    header (`Stripe-Version`, `X-GitHub-Api-Version`) on its operations.

    ## Why is this bad?
    Clients must be able to pin the major version they were written against; when it is not
    in the agreed place, a breaking release reaches them unannounced.

    ## Example
    ```yaml
    servers:
      - url: https://api.example.com
    paths:
      /items: {}
    ```

    ## Use instead
    ```yaml
    servers:
      - url: https://api.example.com/v1
    paths:
      /items: {}
    ```

    ## Options
    - `strategy`: `path` (default), `server`, `header` or `none`.
    """
    strategy = str(ctx.option("strategy"))
    if strategy == "none" or workspace(api) is None:
        return
    places = {m.place for m in api.version_marks}
    anchor = api.servers[0].location if api.servers else (api.version_location or api.location)
    if _versioned_by_parameter(api):
        return
    if strategy == "header":
        if not any(p.place == "header" and "version" in p.name.lower() for o in api.operations for p in o.parameters):
            yield Problem(anchor, "no operation takes a version header (strategy: header)")
        return
    if strategy == "server":
        if VersionPlace.SERVER_URL in places or VersionPlace.BASE_PATH in places:
            return
        if any(_HOST_VERSION.search(_hostname(s.url)) for s in api.servers):
            return
        yield Problem(anchor, "the major version does not show in the server URL (strategy: server)")
        return
    if VersionPlace.SERVER_URL in places or VersionPlace.BASE_PATH in places:
        return
    if any(_DATED_SEGMENT.match(_server_path(s.url)) for s in api.servers):
        return
    paths = list(path_items(api))
    prefixed = {m.location for m in api.version_marks if m.place is VersionPlace.PATH_PREFIX}
    prefixed |= {node.location for path, node in paths if _DATED_SEGMENT.match(path)}
    if not paths:
        return
    if not prefixed:
        yield Problem(anchor, "the major version does not show in the server URL, base path or paths")
        return
    for path, node in paths:
        if node.location not in prefixed:
            yield Problem(node.location, f"path '{path}' has no version prefix, unlike the others")


@rule(
    "openapi-single-major-version",
    category=Category.VERSIONING,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def single_major_version(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """One document describes one major version: no `/v1/...` beside `/v2/...`.

    ## What it does
    Collects the versions in path prefixes and server URLs and reports those whose major
    version differs from the one most of the document uses.

    ## Why is this bad?
    Two major versions in one document cannot be versioned, deprecated or released apart,
    and generated clients mix the models of both.

    ## Example
    ```yaml
    paths:
      /v1/items: {}
      /v2/items: {}
    ```

    ## Use instead
    ```yaml
    # v1.yaml
    paths:
      /v1/items: {}
    ```
    """
    marks = [m for m in api.version_marks if m.place in (VersionPlace.PATH_PREFIX, VersionPlace.SERVER_URL)]
    majors = [(_MAJOR.match(m.value), m) for m in marks]
    counted = Counter(match.group(1) for match, _ in majors if match)
    if len(counted) < 2:
        return
    main = counted.most_common(1)[0][0]
    for match, mark in majors:
        if match and match.group(1) != main:
            yield Problem(mark.location, f"version '{mark.value}' differs from the document's major version v{main}")


_REPLACEMENT = re.compile(
    r"\b(use|instead|replac\w*|supersed\w*|migrat\w*|remov\w*|sunset|until|after|see|successor|"
    r"switch|favou?r|prefer|will be|no longer|retire\w*)\b|\d{4}-\d{2}-\d{2}|https?://",
    re.IGNORECASE,
)


def explains(text: str | None) -> bool:
    """Whether a deprecation note says what replaces the element or when it goes."""
    return bool(text and _REPLACEMENT.search(text))


def _deprecated_items(api: Api) -> Iterator[tuple[str, Location, str | None, str | None]]:
    """(what, location, note, sunset) for every deprecated operation, parameter and property."""
    for operation in api.operations:
        if operation.deprecation is not None:
            note = " ".join(filter(None, (operation.deprecation.reason, operation.description, operation.summary)))
            yield (
                f"operation {operation.display_name}",
                operation.deprecation.location,
                note,
                operation.deprecation.sunset,
            )
        for param in operation.parameters:
            if param.deprecation is not None:
                note = " ".join(filter(None, (param.deprecation.reason, param.description)))
                yield f"parameter '{param.name}'", param.deprecation.location, note, param.deprecation.sunset
    for typedef in api.types:
        if typedef.deprecation is not None:
            note = " ".join(filter(None, (typedef.deprecation.reason, typedef.description)))
            yield f"schema '{typedef.name}'", typedef.deprecation.location, note, typedef.deprecation.sunset
        for field in typedef.fields:
            if field.deprecation is not None:
                note = " ".join(filter(None, (field.deprecation.reason, field.description)))
                yield f"property '{field.name}'", field.deprecation.location, note, field.deprecation.sunset


@rule(
    "openapi-deprecation-explained",
    category=Category.VERSIONING,
    severity=Severity.WARNING,
    formats=[SpecFormat.OPENAPI],
)
def deprecation_explained(api: Api, ctx: RuleContext) -> Iterator[Problem]:
    """Deprecated operations, parameters and properties say what replaces them or when they go.

    ## What it does
    For every `deprecated: true` operation, parameter, schema and property, requires an
    `x-sunset` date, an `x-deprecated-reason`, or a description that names the replacement
    or the removal (`use ... instead`, `replaced by`, `removed on 2025-01-01`, a link).

    ## Why is this bad?
    A bare deprecation flag tells clients to stop using something without telling them what
    to use or how long they have; they either ignore it or break.

    ## Example
    ```yaml
    get:
      operationId: listLegacyItems
      deprecated: true
    ```

    ## Use instead
    ```yaml
    get:
      operationId: listLegacyItems
      deprecated: true
      description: Use listItems instead; this operation is removed on 2025-06-30.
      x-sunset: "2025-06-30"
    ```
    """
    seen: set[Location] = set()
    for what, location, note, sunset in _deprecated_items(api):
        if location in seen:
            continue
        seen.add(location)
        if not sunset and not explains(note):
            yield Problem(location, f"deprecated {what} does not say what replaces it or when it goes")


def _versioned_by_parameter(api: Api) -> bool:
    """Whether operations take the version as an ``api-version`` query parameter or a header."""
    for operation in api.operations:
        for param in operation.parameters:
            name = param.name.lower()
            if (param.place == "query" and name in _VERSION_QUERY) or (param.place == "header" and "version" in name):
                return True
    return False


def _server_path(url: str) -> str:
    """The path of a server URL (``https://api.example.com/2010-04-01`` -> ``/2010-04-01``)."""
    return re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url, flags=re.IGNORECASE)


def _hostname(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # not a URL ("http://[x"): the structure check reports it
        return ""
