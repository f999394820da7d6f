"""A user's regular expression that backtracks for minutes stops at a time limit, with a notice
naming the rule; the value is left unchecked, and the run goes on."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

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
