"""Run grpcio-tools' protoc once for many files, in a child process, and read what it says.

A child process keeps protoc's messages (it writes them to file descriptor 2) off the user's
terminal and its memory out of speclint's own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from speclint.sources.overlay import buffers

_POSITIONED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$")
_FILE_ONLY = re.compile(r"^(?P<file>[^:]+\.proto): (?P<message>.*)$")
TIMEOUT_S = 900


@dataclass(frozen=True)
class ProtocMessage:
    """One error protoc printed; ``file`` is the name it used (a virtual name here)."""

    file: str | None
    line: int | None  # 1-based, as protoc prints them
    column: int | None
    message: str


@dataclass
class ProtocRun:
    ok: bool
    descriptor_set: bytes
    messages: list[ProtocMessage]


def run_protoc(inputs: Sequence[str], roots: Sequence[Path]) -> ProtocRun:
    """Compile ``inputs`` (virtual names) to a FileDescriptorSet with source info and imports."""
    with tempfile.TemporaryDirectory(prefix="speclint-protoc-") as folder:
        out = Path(folder) / "set.pb"
        argfile = Path(folder) / "args.txt"
        copies = _copy_buffers(Path(folder) / "buffers", roots)
        lines = [f"-I{root}" for root in ([Path(folder) / "buffers"] if copies else []) + list(roots)]
        lines += ["--include_source_info", "--include_imports", f"--descriptor_set_out={out}"]
        lines += list(inputs)
        argfile.write_text("\n".join(lines) + "\n", "utf-8")
        command = [sys.executable, "-m", "grpc_tools.protoc", f"@{argfile}"]
        try:
            done = subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                cwd=folder,
                timeout=TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return ProtocRun(False, b"", [ProtocMessage(None, None, None, "protoc timed out")])
        messages = [_original(m, copies) for m in parse_messages(done.stderr.decode("utf-8", "replace"))]
        data = out.read_bytes() if done.returncode == 0 and out.is_file() else b""
        if done.returncode != 0 and not messages:
            text = done.stderr.decode("utf-8", "replace").strip() or f"exit status {done.returncode}"
            messages = [ProtocMessage(None, None, None, f"protoc failed: {text.splitlines()[-1]}")]
        return ProtocRun(done.returncode == 0, data, messages)


def _copy_buffers(folder: Path, roots: Sequence[Path]) -> dict[str, str]:
    """Copies of the open editor buffers (see ``sources/overlay.py``) under ``folder``, at the
    names protoc knows them by, for ``folder`` to lead the import roots: protoc then compiles
    what the editor shows rather than what was saved. Copy path -> the file's own path."""
    copies: dict[str, str] = {}
    for real, data in buffers().items():
        if not real.endswith(".proto"):
            continue
        for root in roots:
            base = os.path.realpath(root)
            if not real.startswith(base.rstrip(os.sep) + os.sep):
                continue
            virtual = os.path.relpath(real, base)
            if os.path.realpath(_first_holding(roots, virtual)) == real:
                target = folder / virtual
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                copies[str(target)] = real
            break
    return copies


def _original(message: ProtocMessage, copies: dict[str, str]) -> ProtocMessage:
    """protoc names a file by its disk path in some messages: the copy's becomes the original's."""
    if message.file is None or message.file not in copies:
        return message
    return ProtocMessage(copies[message.file], message.line, message.column, message.message)


def _first_holding(roots: Sequence[Path], virtual: str) -> str:
    for root in roots:
        candidate = os.path.join(root, virtual)
        if os.path.isfile(candidate):
            return candidate
    return ""


def parse_messages(stderr: str) -> list[ProtocMessage]:
    """protoc's errors (``file.proto:12:5: message`` or ``file.proto: message``); warnings dropped."""
    messages: list[ProtocMessage] = []
    for raw in stderr.splitlines():
        line = raw.rstrip()
        match = _POSITIONED.match(line)
        if match:
            text = match["message"]
            if not text.startswith("warning:"):
                messages.append(ProtocMessage(match["file"], int(match["line"]), int(match["column"]), text))
            continue
        match = _FILE_ONLY.match(line)
        if match and not match["message"].startswith("warning:"):
            messages.append(ProtocMessage(match["file"], None, None, match["message"]))
    return messages
