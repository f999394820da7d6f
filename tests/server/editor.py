"""A scripted editor: starts ``speclint server`` and talks LSP to it over stdio, as an editor does.

Plain JSON-RPC over pipes (no client library), so the tests see exactly the bytes an editor
would. Used by the end-to-end tests and by ``benchmarks/lsp_latency.py``.
"""

from __future__ import annotations

import itertools
import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable

Message = dict[str, Any]


class Editor:
    def __init__(self, cwd: Path, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "speclint", "server", *args],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._ids = itertools.count(1)
        self._inbox: queue.Queue[Message | None] = queue.Queue()
        self.notifications: list[Message] = []
        self.responses: dict[int, Message] = {}
        self.versions: dict[str, int] = {}
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    # -- wire ------------------------------------------------------------------------------

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    self._inbox.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self._inbox.put(json.loads(body))

    def _drain_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr += line

    def send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        number = next(self._ids)
        self.send({"id": number, "method": method, "params": params})
        self.wait(lambda: number in self.responses, timeout)
        response = self.responses.pop(number)
        if "error" in response:
            raise RuntimeError(f"{method}: {response['error']}")
        return response.get("result")

    def wait(self, done: Callable[[], bool], timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no answer in {timeout} s; server said: {self.stderr.decode()[-2000:]}")
            try:
                message = self._inbox.get(timeout=remaining)
            except queue.Empty:
                continue
            if message is None:
                raise ConnectionError(f"the server exited: {self.stderr.decode()[-2000:]}")
            self._handle(message)

    def _handle(self, message: Message) -> None:
        if "method" in message and "id" in message:  # a request from the server
            self.send({"id": message["id"], "result": None})
        elif "method" in message:
            self.notifications.append(message)
        else:
            self.responses[message["id"]] = message

    # -- editor actions ----------------------------------------------------------------------

    def initialize(self, root: Path, options: dict[str, Any] | None = None) -> Any:
        capabilities = {
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}, "workspaceFolders": True},
            "textDocument": {"publishDiagnostics": {"relatedInformation": True, "versionSupport": True}},
        }
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": capabilities,
                "initializationOptions": options or {},
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str | None = None, language: str = "yaml") -> str:
        uri = path.resolve().as_uri()
        self.versions[uri] = 1
        content = path.read_text("utf-8") if text is None else text
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": content}},
        )
        return uri

    def replace_text(self, uri: str, text: str) -> int:
        """Replace the whole buffer (not saved)."""
        return self.edit(uri, [{"text": text}])

    def edit(self, uri: str, changes: list[dict[str, Any]]) -> int:
        self.versions[uri] += 1
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": self.versions[uri]}, "contentChanges": changes},
        )
        return self.versions[uri]

    def close(self, uri: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 60) -> list[dict[str, Any]]:
        """The next diagnostics published for ``uri`` (for ``version`` of it, when given)."""
        start = 0 if version is not None else len(self.notifications)

        def published() -> Message | None:
            for message in reversed(self.notifications[start:]):
                params = message.get("params", {})
                if message["method"] == "textDocument/publishDiagnostics" and params.get("uri") == uri:
                    if version is None or params.get("version") == version:
                        return message
            return None

        self.wait(lambda: published() is not None, timeout)
        message = published()
        assert message is not None
        diagnostics: list[dict[str, Any]] = message["params"]["diagnostics"]
        return diagnostics

    def code_actions(self, uri: str, diagnostics: list[dict[str, Any]]) -> list[dict[str, Any]]:
        span = diagnostics[0]["range"]
        result: list[dict[str, Any]] = self.request(
            "textDocument/codeAction",
            {"textDocument": {"uri": uri}, "range": span, "context": {"diagnostics": diagnostics}},
        )
        return result or []

    def hover(self, uri: str, line: int, character: int) -> Any:
        return self.request(
            "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
        )

    def shutdown(self) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.process.wait(timeout=30)
        finally:
            self.kill()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """The text after an LSP TextEdit list (ASCII positions), applied from the end."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    spans = []
    for edit in edits:
        start, end = edit["range"]["start"], edit["range"]["end"]
        begin = offsets[start["line"]] + start["character"]
        spans.append((begin, offsets[end["line"]] + end["character"], edit["newText"]))
    for begin, finish, new in sorted(spans, reverse=True):
        text = text[:begin] + new + text[finish:]
    return text
