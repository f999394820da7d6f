"""A user's regular expression that backtracks for minutes stops at a time limit, with a notice
naming the rule; the value is left unchecked, and the run goes on."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CliResult, run_cli

RULESET = """\
rules:
  slow-title:
    given: $.info.title
    severity: error
    then:
      function: pattern
      functionOptions:
        match: "^(a|aa)+$"
  title-not-empty:
    given: $.info.title
    severity: error
    then:
      function: pattern
      functionOptions:
        match: "^x"
"""


def test_a_backtracking_pattern_stops_with_a_notice_naming_the_rule(tmp_path: Path) -> None:
    (tmp_path / "rules.spectral.yaml").write_text(RULESET)
    (tmp_path / "api.yaml").write_text(
        f'openapi: 3.0.3\ninfo:\n  title: "{"a" * 80}b"\n  version: "1"\npaths: {{}}\n'
    )
    result = run_cli(
        "check", "--no-cache", "--format", "json", "--ruleset", tmp_path / "rules.spectral.yaml",
        "--select", "slow-title,title-not-empty", tmp_path / "api.yaml",
    )  # fmt: skip
    assert result.code == 1, result.stderr
    assert [d["rule"] for d in result.json()["diagnostics"]] == ["title-not-empty"]  # the others still run
    notices = [line for line in result.stderr.splitlines() if "slow-title" in line]
    assert len(notices) == 1 and notices[0].startswith("speclint: notice: rule slow-title: the pattern")


# The filter expressions of a ruleset's JSONPath (``/re/.test(@)``, ``@.match(...)``) take the same limit.
FILTER_RULESET = """\
rules:
  nested-quantifier:
    given: "$.info[?(@property === 'title' && /^(a+)+$/.test(@))]"
    severity: error
    then:
      function: truthy
  slow-filter:
    given: "$.info[?(@property === 'title' && @.match('^(a|aa)+$'))]"
    severity: error
    then:
      function: truthy
""" + RULESET[RULESET.index("  title-not-empty:"):]


def _run_filters(tmp_path: Path, title: str, select: str, ruleset: str = FILTER_RULESET) -> CliResult:
    (tmp_path / "rules.spectral.yaml").write_text(ruleset)
    (tmp_path / "api.yaml").write_text(f'openapi: 3.0.3\ninfo:\n  title: "{title}"\n  version: "1"\npaths: {{}}\n')
    return run_cli(
        "check", "--no-cache", "--format", "json", "--ruleset", tmp_path / "rules.spectral.yaml",
        "--select", select, tmp_path / "api.yaml",
    )  # fmt: skip


def test_a_filter_with_nested_quantifiers_finishes_at_once(tmp_path: Path) -> None:
    # ``^(a+)+$`` on 41 a's and a b: 2**41 steps for Python's ``re`` (hours); the regex package
    # sees it does not match at once.
    result = _run_filters(tmp_path, "a" * 41 + "b", "nested-quantifier,title-not-empty")
    assert result.code == 1, result.stderr
    assert [d["rule"] for d in result.json()["diagnostics"]] == ["title-not-empty"]
    assert result.stderr == ""


def test_a_backtracking_filter_stops_with_a_notice_naming_the_rule(tmp_path: Path) -> None:
    result = _run_filters(tmp_path, "a" * 80 + "b", "slow-filter,title-not-empty")
    assert result.code == 1, result.stderr
    assert [d["rule"] for d in result.json()["diagnostics"]] == ["title-not-empty"]  # the others still run
    notices = [line for line in result.stderr.splitlines() if "notice" in line]
    assert len(notices) == 1 and notices[0].startswith("speclint: notice: rule slow-filter: the pattern")


def test_filters_with_regular_expressions_still_select(tmp_path: Path) -> None:
    result = _run_filters(tmp_path, "aaaa", "nested-quantifier,slow-filter")
    assert sorted(d["rule"] for d in result.json()["diagnostics"]) == []  # truthy titles: no problem
    falsy = FILTER_RULESET.replace("function: truthy", "function: falsy")
    result = _run_filters(tmp_path, "aaaa", "nested-quantifier,slow-filter", falsy)
    assert sorted(d["rule"] for d in result.json()["diagnostics"]) == ["nested-quantifier", "slow-filter"]
