"""A local stand-in for GitHub's REST API: the issue-comment calls the Action makes."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator

_LIST = re.compile(r"^/repos/([^/]+/[^/]+)/issues/(\d+)/comments(?:\?.*)?$")
_ONE = re.compile(r"^/repos/([^/]+/[^/]+)/issues/comments/(\d+)$")


@dataclass
class FakeGitHub:
    url: str = ""
    comments: list[dict[str, Any]] = field(default_factory=list)
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # method, path, Authorization
    refuse: int | None = None  # answer every call with this status

    def bodies(self) -> list[str]:
        return [str(c["body"]) for c in self.comments]


def _handler(state: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _reply(self, status: int, payload: Any) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> dict[str, Any]:
            length = int(self.headers.get("Content-Length") or 0)
            loaded: dict[str, Any] = json.loads(self.rfile.read(length) or b"{}")
            return loaded

        def _handle(self, method: str) -> None:
            state.requests.append((method, self.path, self.headers.get("Authorization", "")))
            if state.refuse is not None:
                self._reply(state.refuse, {"message": "Resource not accessible by integration"})
                return
            listing, one = _LIST.match(self.path), _ONE.match(self.path)
            if method == "GET" and listing:
                self._reply(200, state.comments)
            elif method == "POST" and listing:
                comment = {"id": 1000 + len(state.comments), "body": self._body()["body"]}
                state.comments.append(comment)
                self._reply(201, comment)
            elif method == "PATCH" and one:
                for comment in state.comments:
                    if comment["id"] == int(one.group(2)):
                        comment["body"] = self._body()["body"]
                        self._reply(200, comment)
                        return
                self._reply(404, {"message": "Not Found"})
            else:
                self._reply(404, {"message": "Not Found"})

        def do_GET(self) -> None:
            self._handle("GET")

        def do_POST(self) -> None:
            self._handle("POST")

        def do_PATCH(self) -> None:
            self._handle("PATCH")

    return Handler


def serve() -> Iterator[FakeGitHub]:
    state = FakeGitHub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
