"""Reporters turn findings into text, JSON, SARIF, JUnit, GitHub and GitLab reports."""

from __future__ import annotations

from speclint.report.base import REPORTERS, Report, Reporter, reporter_for

__all__ = ["REPORTERS", "Report", "Reporter", "reporter_for"]
