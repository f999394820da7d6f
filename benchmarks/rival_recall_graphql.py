"""GraphQL recall against graphql-schema-linter and graphql-eslint: per mapped rule, the rival's
findings and how many speclint makes on the same line, on public schemas nobody here wrote.

- graphql-schema-linter (npm ``graphql-schema-linter``) with every rule ``docs/rivals.md`` maps
  to a speclint rule;
- graphql-eslint (npm ``@graphql-eslint/eslint-plugin`` with ``eslint`` 9 and ``graphql``) with
  the mapped schema rules, ``naming-convention`` and ``require-description`` as in its
  ``schema-recommended`` configuration;
- ``speclint check --ruleset strict --select`` the mapped speclint rules; and again with the
  options that turn on graphql-eslint's conventions (``CONVENTIONS``), in a column of its own.

Schemas (npm): ``@octokit/graphql-schema`` 15.25.0 (GitHub; 15.26.0 defines two fields twice,
which graphql-eslint refuses), ``@nautical-commerce/graphql-schema`` 4.15.0 (a Saleor-style
commerce API), ``@digdir/dialogporten-schema`` 1.118.6 (Hot Chocolate).
The rivals are installed with npm into benchmarks/data/graphql-rivals on first use.

    python benchmarks/rival_recall_graphql.py [--only schema-linter|eslint] [--verbose]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DATA, npm_package, npm_tools, speclint

RIVALS = DATA / "graphql-rivals"
PACKAGES = ("@graphql-eslint/eslint-plugin@4.4.1", "eslint@9", "graphql@16", "graphql-schema-linter@3.0.1")
SCHEMAS = (
    ("@octokit/graphql-schema", "15.25.0", "schema.graphql"),
    ("@nautical-commerce/graphql-schema", "4.15.0", "nautical/schema.graphql"),
    ("@digdir/dialogporten-schema", "1.118.6", "schema.verified.graphql"),
)
# rival rule -> the speclint rules that make its findings (docs/rivals.md)
SCHEMA_LINTER_RULES: dict[str, tuple[str, ...]] = {
    "arguments-have-descriptions": ("field-description",),
    "fields-have-descriptions": ("field-description", "operation-description"),
    "input-object-values-have-descriptions": ("field-description",),
    "enum-values-have-descriptions": ("field-description",),
    "types-have-descriptions": ("type-description",),
    "defined-types-are-used": ("graphql-unused-type",),
    "deprecations-have-a-reason": ("graphql-deprecation-reason",),
    "enum-values-all-caps": ("enum-value-casing",),
    "fields-are-camel-cased": ("field-name-casing",),
    "input-object-values-are-camel-cased": ("field-name-casing",),
    "types-are-capitalized": ("type-name-casing",),
    "relay-connection-types-spec": ("graphql-relay-connection",),
    "relay-connection-arguments-spec": ("graphql-relay-arguments",),
    "relay-page-info-spec": ("graphql-relay-page-info",),
}
ESLINT_RULES: dict[str, tuple[str, ...]] = {
    "known-type-names": ("invalid-structure",),
    "known-directives": ("invalid-structure",),
    "known-argument-names": ("invalid-structure",),
    "unique-field-definition-names": ("invalid-structure",),
    "unique-type-names": ("invalid-structure",),
    "unique-enum-value-names": ("graphql-enum-value-case-unique",),
    "naming-convention": ("type-name-casing", "field-name-casing", "enum-value-casing", "parameter-name-casing",
                          "graphql-type-name-affix"),
    "no-typename-prefix": ("graphql-field-type-prefix",),
    "no-unreachable-types": ("graphql-unused-type",),
    "require-deprecation-reason": ("graphql-deprecation-reason",),
    "require-description": ("type-description", "field-description", "operation-description"),
    "input-name": ("graphql-input-name-suffix",),
    "no-scalar-result-type-on-mutation": ("graphql-mutation-payload",),
    "require-field-of-type-query-in-mutation-result": ("graphql-mutation-payload",),
    "relay-arguments": ("graphql-relay-arguments",),
    "relay-connection-types": ("graphql-relay-connection",),
    "relay-edge-types": ("graphql-relay-edge",),
    "relay-page-info": ("graphql-relay-page-info",),
}
# graphql-eslint's schema-recommended options for the two rules that take them
ESLINT_OPTIONS: dict[str, object] = {
    "naming-convention": {
        "types": "PascalCase",
        "FieldDefinition": "camelCase",
        "InputValueDefinition": "camelCase",
        "Argument": "camelCase",
        "DirectiveDefinition": "camelCase",
        "EnumValueDefinition": "UPPER_CASE",
        "FieldDefinition[parent.name.value=Query]": {"forbiddenPrefixes": ["query", "get"],
                                                     "forbiddenSuffixes": ["Query"]},
        "FieldDefinition[parent.name.value=Mutation]": {"forbiddenPrefixes": ["mutation"],
                                                        "forbiddenSuffixes": ["Mutation"]},
        "FieldDefinition[parent.name.value=Subscription]": {"forbiddenPrefixes": ["subscription"],
                                                            "forbiddenSuffixes": ["Subscription"]},
        "EnumTypeDefinition,EnumTypeExtension": {"forbiddenPrefixes": ["Enum"], "forbiddenSuffixes": ["Enum"]},
        "InterfaceTypeDefinition,InterfaceTypeExtension": {"forbiddenPrefixes": ["Interface"],
                                                           "forbiddenSuffixes": ["Interface"]},
        "UnionTypeDefinition,UnionTypeExtension": {"forbiddenPrefixes": ["Union"], "forbiddenSuffixes": ["Union"]},
        "ObjectTypeDefinition,ObjectTypeExtension": {"forbiddenPrefixes": ["Type"], "forbiddenSuffixes": ["Type"]},
    },
    "require-description": {"types": True, "DirectiveDefinition": True, "rootField": True},
}  # fmt: skip
ESLINT_CONFIG = """\
import graphql from "@graphql-eslint/eslint-plugin";
const rules = JSON.parse(process.env.RECALL_RULES);
export default [{
  files: ["**/*.graphql"],
  languageOptions: {parser: graphql.parser, parserOptions: {graphQLConfig: {schema: process.env.RECALL_SCHEMA}}},
  plugins: {"@graphql-eslint": graphql},
  rules,
}];
"""

# speclint options for the conventions graphql-eslint holds and speclint does not by default
CONVENTIONS = """\
ruleset: strict
rules:
  graphql-input-name-suffix: {options: {argument: input}}
  graphql-mutation-payload: {options: {query_field: true}}
  graphql-field-type-prefix: {options: {whole_word: false}}
  graphql-relay-edge: {options: {node_implements_node: true, lists_only_of_edges: true}}
"""

Place = tuple[str, int]  # schema name, line
MESSAGES: dict[tuple[str, str, int], str] = {}  # (rule, schema, line) -> the rival's message, for --verbose


def ensure_rivals() -> Path:
    bin_dir = npm_tools(RIVALS, PACKAGES, ("eslint", "graphql-schema-linter"))
    (RIVALS / "eslint.config.mjs").write_text(ESLINT_CONFIG)
    return bin_dir


def schemas() -> list[tuple[str, Path]]:
    return [(name, npm_package(name, version) / path) for name, version, path in SCHEMAS]


def name_lines(path: Path) -> dict[int, int]:
    """Line of a description's start -> line of the name it describes: graphql-schema-linter reports
    a definition where its node starts, which is its description when it has one."""
    lines = path.read_text(encoding="utf-8").splitlines()
    owner: dict[int, int] = {}
    index = 0
    while index < len(lines):
        text = lines[index].strip()
        if not text.startswith('"'):
            index += 1
            continue
        start = index
        if text.startswith('"""') and (len(text) < 6 or not text.endswith('"""')):
            index += 1
            while index < len(lines) and '"""' not in lines[index]:
                index += 1
        index += 1
        while index < len(lines) and not lines[index].strip():
            index += 1
        owner[start + 1] = index + 1
    return owner


def schema_linter(bin_dir: Path, name: str, path: Path) -> dict[str, list[Place]]:
    done = subprocess.run(
        [str(bin_dir / "graphql-schema-linter"), "--format", "json", "--rules", ",".join(SCHEMA_LINTER_RULES),
         str(path)],
        capture_output=True, text=True,
    )  # fmt: skip
    found: dict[str, list[Place]] = collections.defaultdict(list)
    owner = name_lines(path)
    for error in json.loads(done.stdout)["errors"]:
        line = owner.get(error["location"]["line"], error["location"]["line"])
        found[error["rule"]].append((name, line))
        MESSAGES[error["rule"], name, line] = error["message"]
    return found


def eslint(bin_dir: Path, name: str, path: Path) -> dict[str, list[Place]]:
    rules = {f"@graphql-eslint/{r}": ["error", ESLINT_OPTIONS[r]] if r in ESLINT_OPTIONS else "error"
             for r in ESLINT_RULES}  # fmt: skip
    # eslint lints files under its working folder only
    copy = RIVALS.resolve() / "schemas" / f"{name.strip('@').replace('/', '-')}.graphql"
    copy.parent.mkdir(exist_ok=True)
    copy.write_bytes(path.read_bytes())
    env = {**os.environ, "RECALL_RULES": json.dumps(rules), "RECALL_SCHEMA": str(copy)}
    done = subprocess.run(
        [str(bin_dir / "eslint"), "--format", "json", "--config", str(RIVALS / "eslint.config.mjs"), str(copy)],
        capture_output=True, text=True, env=env, cwd=RIVALS.resolve(),
    )  # fmt: skip
    if not done.stdout.startswith("["):
        raise SystemExit(f"eslint failed on {path}: {done.stderr.strip()[:500]}")
    found: dict[str, list[Place]] = collections.defaultdict(list)
    for result in json.loads(done.stdout):
        for message in result["messages"]:
            if message.get("ruleId") is None:
                raise SystemExit(f"eslint on {path}: {message['message']}")
            rule = message["ruleId"].removeprefix("@graphql-eslint/")
            found[rule].append((name, message["line"]))
            MESSAGES[rule, name, message["line"]] = message["message"]
    return found


def ours(name: str, path: Path, rules: set[str], conventions: bool) -> dict[str, list[Place]]:
    """speclint's findings with the strict ruleset; with ``conventions``, and the options that
    turn on graphql-eslint's conventions (CONVENTIONS)."""
    config = RIVALS / "speclint-conventions.yaml"
    config.write_text(CONVENTIONS)
    chosen = ["--config", str(config)] if conventions else ["--ruleset", "strict"]
    done = subprocess.run(
        [*speclint(), "check", *chosen, "--select", ",".join(sorted(rules)), "--format", "json",
         "--no-cache", "--fail-on", "never", "--", str(path)],
        capture_output=True, text=True,
    )  # fmt: skip
    found: dict[str, list[Place]] = collections.defaultdict(list)
    for finding in json.loads(done.stdout)["diagnostics"]:
        found[finding["rule"]].append((name, finding["line"]))
    return found


def compare(
    rival_name: str,
    mapping: dict[str, tuple[str, ...]],
    rival: dict[str, list[Place]],
    mine: dict[str, list[Place]],
    with_options: dict[str, list[Place]],
    verbose: int,
) -> list[tuple[str, int, int, int, int, int]]:
    rows = []
    for rule in sorted(mapping):
        theirs = rival.get(rule, [])
        lines = {place for r in mapping[rule] for place in mine.get(r, [])}
        matched = [place for place in theirs if place in lines]
        optioned = {place for r in mapping[rule] for place in with_options.get(r, [])}
        matched_with_options = [place for place in theirs if place in optioned]
        if verbose:
            for missed in sorted(set(theirs) - set(matched_with_options))[:verbose]:
                print(f"    missed {rival_name} {rule}: {missed[0]} line {missed[1]}: {MESSAGES.get((rule, *missed))}")
        own = sum(len(mine.get(r, [])) for r in mapping[rule])
        own_with_options = sum(len(with_options.get(r, [])) for r in mapping[rule])
        name = f"{rival_name} {rule} -> {'/'.join(mapping[rule])}"
        rows.append((name, len(theirs), len(matched), own, len(matched_with_options), own_with_options))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["schema-linter", "eslint"])
    parser.add_argument("--verbose", type=int, nargs="?", const=8, default=0, help="show up to N misses per rule")
    args = parser.parse_args()
    bin_dir = ensure_rivals()
    wanted = [r for r in ("schema-linter", "eslint") if args.only in (None, r)]
    mappings = {"schema-linter": SCHEMA_LINTER_RULES, "eslint": ESLINT_RULES}
    runners = {"schema-linter": schema_linter, "eslint": eslint}
    rules = {r for rival in wanted for targets in mappings[rival].values() for r in targets}
    rival: dict[str, dict[str, list[Place]]] = {r: collections.defaultdict(list) for r in wanted}
    mine: dict[str, list[Place]] = collections.defaultdict(list)
    with_options: dict[str, list[Place]] = collections.defaultdict(list)
    for name, path in schemas():
        for rival_name in wanted:
            for rule, places in runners[rival_name](bin_dir, name, path).items():
                rival[rival_name][rule] += places
        for rule, places in ours(name, path, rules, conventions=False).items():
            mine[rule] += places
        for rule, places in ours(name, path, rules, conventions=True).items():
            with_options[rule] += places
    rows = [row for r in wanted for row in compare(r, mappings[r], rival[r], mine, with_options, args.verbose)]
    width = max(len(r[0]) for r in rows)
    print(f"{'':<{width}}         strict                   strict + conventions")
    print(f"{'rival rule -> speclint rule':<{width}}  rival  same line      speclint  same line      speclint")
    for name, theirs, matched, own, matched_options, own_options in rows:
        cells = []
        for count in (matched, matched_options):
            share = f"{100 * count / theirs:5.1f}%" if theirs else "    -"
            cells.append(f"{count:5d} {share}")
        print(f"{name:<{width}}  {theirs:5d}  {cells[0]}  {own:8d}  {cells[1]}  {own_options:8d}")


if __name__ == "__main__":
    main()
