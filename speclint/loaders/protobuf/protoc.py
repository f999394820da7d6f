"""Run grpcio-tools' protoc once for many files, in a child process, and read what it says.

A child process keeps protoc's messages (it writes them to file descriptor 2) off the user's
terminal, its memory out of speclint's own, and its crashes (a failed internal check aborts
it) out of the run. The child stays for the runs that follow (see ``_ProtocServer`` and ``_ServerPool``); where
that cannot work, each run is ``python -m grpc_tools.protoc``.

On Linux the child allocates with mimalloc (the ``cmeel-mimalloc`` wheel) where it is installed:
protoc spends about a quarter of its time in glibc's malloc and free, and with mimalloc a
large tree compiles with about a sixth less CPU (see :func:`_child_environment`).
"""

from __future__ import annotations

import atexit
import functools
import importlib.metadata
import importlib.util
import multiprocessing.util
import os
import re
import select
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

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
        status, stderr = _run(argfile, folder)
        if status is None:
            return ProtocRun(False, b"", [ProtocMessage(None, None, None, "protoc timed out")])
        text = stderr.decode("utf-8", "replace")
        messages = [_original(m, copies) for m in parse_messages(text)]
        data = out.read_bytes() if status == 0 and out.is_file() else b""
        if status != 0 and not messages:
            messages = [ProtocMessage(None, None, None, _failure(status, text))]
        return ProtocRun(status == 0, data, messages)


def _failure(status: int, stderr: str) -> str:
    """One line for a protoc run that failed without an error message: its crash, if any."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    check = next((line for line in lines if "Check failed" in line or "FATAL" in line), None)
    if check is not None:
        return f"protoc crashed: {check.split('] ', 1)[-1]}"
    if status < 0:
        return f"protoc was killed by signal {-status}" + (f": {lines[-1]}" if lines else "")
    return f"protoc failed: {lines[-1] if lines else f'exit status {status}'}"


def _run(argfile: Path, folder: str) -> tuple[int | None, bytes]:
    """protoc's exit status (negative: the signal that ended it; None: it timed out) and what it
    wrote on its standard error."""
    errors = Path(folder) / "stderr.txt"
    if sys.platform != "win32" and importlib.util.find_spec("grpc_tools._protoc_compiler") is not None:
        with _servers().lend() as server:
            status = server.run(folder, argfile, errors)
        return status, errors.read_bytes() if errors.is_file() else b""
    command = [sys.executable, "-m", "grpc_tools.protoc", f"@{argfile}"]
    try:
        done = subprocess.run(
            command, stdin=subprocess.DEVNULL, capture_output=True, cwd=folder, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        return None, b""
    return done.returncode, done.stderr


# The compiler's loop in the child: one request a line (folder, argument file, error file, split
# by NUL), one exit status a line back. Its standard error goes to each request's error file.
# After each run the memory protoc freed goes back to the system (glibc keeps it otherwise, and
# a large tree's run leaves the idle child hundreds of MB; mimalloc, when preloaded, keeps some).
_SERVE = """
import ctypes, functools, os, sys
from grpc_tools import _protoc_compiler
try:
    process = ctypes.CDLL(None)
except OSError:
    process = None
if hasattr(process, "mi_collect"):
    trim = functools.partial(process.mi_collect, True)
elif hasattr(process, "malloc_trim"):
    trim = functools.partial(process.malloc_trim, 0)
else:
    trim = None
replies = os.fdopen(os.dup(1), "w")
null = os.open(os.devnull, os.O_RDWR)
os.dup2(null, 1)
for line in sys.stdin:
    folder, argfile, errors = line.rstrip("\\n").split("\\0")
    target = os.open(errors, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(target, 2)
    os.close(target)
    os.chdir(folder)
    status = _protoc_compiler.run_main([b"protoc", b"@" + os.fsencode(argfile)])
    os.dup2(null, 2)
    if trim is not None:
        trim()
    replies.write(f"{status}\\n")
    replies.flush()
"""


class _ProtocServer:
    """One child process that runs protoc for request after request: the compiler of ``python -m
    grpc_tools.protoc`` without an interpreter started per run (a small tree compiles in
    milliseconds; an interpreter takes a tenth of a second). If protoc crashes (a failed
    internal check aborts it), that run fails with its message and the next starts a new child."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.owner = os.getpid()

    def close(self) -> None:
        """End the child (it stops at the end of its input) and collect its exit status."""
        process, self.process = self.process, None
        if process is None or os.getpid() != self.owner:
            return
        try:
            if process.stdin is not None:
                process.stdin.close()
            process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()

    def run(self, folder: str, argfile: Path, errors: Path) -> int | None:
        process = self.process
        if process is None or process.poll() is not None:
            process = self.process = subprocess.Popen(
                [sys.executable, "-c", _SERVE],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=_child_environment(),
            )
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(f"{folder}\0{argfile}\0{errors}\n".encode())
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], TIMEOUT_S)
            reply = process.stdout.readline() if ready else b""
        except OSError:
            reply = b""
        if reply.strip().lstrip(b"-").isdigit():
            return int(reply)
        self.process = None
        if not ready:
            process.kill()
            process.wait()
            return None
        return process.wait()  # it ended: negative for the signal that ended it


@functools.cache
def _child_environment() -> dict[str, str] | None:
    """The protoc child's environment: this one, with mimalloc preloaded where it can be (Linux,
    the ``cmeel-mimalloc`` wheel installed, no ``LD_PRELOAD`` of the user's own); None: this one
    as it is. A library that cannot be loaded is skipped by the loader with a message on the
    child's standard error, which nobody reads: the child then runs as it would without it."""
    if not sys.platform.startswith("linux") or os.environ.get("LD_PRELOAD"):
        return None
    try:
        library = str(importlib.metadata.distribution("cmeel-mimalloc").locate_file("cmeel.prefix/lib/libmimalloc.so"))
    except importlib.metadata.PackageNotFoundError:
        return None
    if not os.path.isfile(library) or any(separator in library for separator in " :\t\n"):
        return None  # the loader splits LD_PRELOAD at spaces and colons: such a path cannot be named
    return {**os.environ, "LD_PRELOAD": library}


class _ServerPool:
    """The protoc children of this process, each lent to one run at a time and kept for the next.

    At most :data:`IDLE_SERVERS` stay between runs (more are ended when returned), so a
    long-running process (``speclint server``, ``check --watch``) keeps as many children as
    runs it makes at once, whichever threads make them. The children end with the process, a
    forked ``--jobs`` worker included (its exit skips ``atexit``); a forked worker starts a pool
    of its own (it never writes to its parent's pipes)."""

    def __init__(self) -> None:
        self.owner = os.getpid()
        self.idle: list[_ProtocServer] = []
        self.lock = threading.Lock()
        atexit.register(self.close)
        multiprocessing.util.Finalize(self, self.close, exitpriority=0)

    @contextmanager
    def lend(self) -> Iterator[_ProtocServer]:
        with self.lock:
            server = self.idle.pop() if self.idle else _ProtocServer()
        try:
            yield server
        finally:
            with self.lock:
                kept = len(self.idle) < IDLE_SERVERS
                if kept:
                    self.idle.append(server)
            if not kept:
                server.close()

    def close(self) -> None:
        with self.lock:
            idle, self.idle = self.idle, []
        for server in idle:
            server.close()


IDLE_SERVERS = 2  # compile.py runs at most two protoc runs side by side
_POOL: _ServerPool | None = None
_POOL_LOCK = threading.Lock()


def _servers() -> _ServerPool:
    """This process's pool (a new one in a forked worker)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None or _POOL.owner != os.getpid():
            _POOL = _ServerPool()
        return _POOL


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
