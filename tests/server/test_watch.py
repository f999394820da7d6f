"""``speclint check --watch``: the report again after each change on disk, the changed unit only."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import FIXTURES


def _read_until(process: subprocess.Popen[str], lines: list[str], text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not any(text in line for line in lines):
        assert process.poll() is None, "".join(lines)
        assert time.monotonic() < deadline, f"{text!r} never came:\n" + "".join(lines)
        time.sleep(0.05)


def test_watch_lints_again_what_changed(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text((FIXTURES / "openapi" / "planted" / "openapi.yaml").read_text())
    other = tmp_path / "other.yaml"
    other.write_text(spec.read_text())
    process = subprocess.Popen(
        [sys.executable, "-m", "speclint", "check", "--watch", "--no-color", "."],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out: list[str] = []
    err: list[str] = []
    for stream, sink in ((process.stdout, out), (process.stderr, err)):
        threading.Thread(target=lambda s=stream, k=sink: k.extend(iter(s.readline, "")), daemon=True).start()
    try:
        _read_until(process, err, "watching 2 file(s)")
        assert sum("operationId 'Create_Pet' is not camelCase" in line for line in out) == 2
        printed = len(out)
        spec.write_text(spec.read_text().replace("Create_Pet", "createPet"))
        _read_until(process, err, "re-linted 1 unit(s)")
        again = out[printed:]
        assert any("other.yaml:32:7" in line and "Create_Pet" in line for line in again)
        assert not any(line.startswith("openapi.yaml:32:7") for line in again)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 130
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
