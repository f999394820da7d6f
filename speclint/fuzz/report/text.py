"""``fuzz --format text``: one block per failure, then a summary line."""

from __future__ import annotations

from typing import TextIO

from speclint.fuzz.results import FuzzReport
from speclint.report.escape import visible


def write_text(report: FuzzReport, stream: TextIO) -> None:
    for failure in report.failures:
        status = f" [{failure.status}]" if failure.status is not None else ""
        stream.write(f"{visible(failure.operation)}: {failure.check}{status}: {visible(failure.message)}\n")
        for line in failure.reproduction.split("\n"):  # a sequence has one request a line
            stream.write(f"    {line}\n")
    summary = report.summary()
    count = summary["failures"]
    verdict = "no failures" if not count else f"{count} failure{'s' if count != 1 else ''}"
    stream.write(
        f"{verdict} in {summary['operations']} operations "
        f"({summary['requests']} requests, {summary['duration_s']:.1f} s, seed {report.seed})\n"
    )
