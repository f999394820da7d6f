"""Serve an in-process WSGI or ASGI app on 127.0.0.1 for the length of a contract-test run.

The fuzzing engine talks HTTP to a URL; an app object is put behind a threaded server on a
free port of the loopback interface, so the same checks run against it unchanged.
Standard library only (``wsgiref``, ``http.server``, ``asyncio``).
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import ThreadingMixIn
from typing import Any, Iterator
from urllib.parse import unquote, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


def is_asgi(app: Any) -> bool:
    """ASGI apps are coroutine functions (or objects whose ``__call__`` is one)."""
    return inspect.iscoroutinefunction(app) or inspect.iscoroutinefunction(type(app).__call__)


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve ``app`` from a daemon thread; yields its base URL and stops it on exit."""
    server = _asgi_server(app) if is_asgi(app) else _wsgi_server(app)
    thread = threading.Thread(target=server.serve_forever, name="speclint-app", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietWSGIHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _wsgi_server(app: Any) -> WSGIServer:
    return make_server("127.0.0.1", 0, app, server_class=_ThreadingWSGIServer, handler_class=_QuietWSGIHandler)


def _asgi_server(app: Any) -> ThreadingHTTPServer:
    class Handler(_AsgiHandler):
        application = staticmethod(app)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    return server


class _AsgiHandler(BaseHTTPRequestHandler):
    """One HTTP request into one ASGI ``http`` call (no lifespan, no websockets)."""

    protocol_version = "HTTP/1.1"
    application: Any

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def handle_one(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": self.command,
            "scheme": "http",
            "path": unquote(parts.path),
            "raw_path": parts.path.encode("latin-1"),
            "query_string": parts.query.encode("latin-1"),
            "root_path": "",
            "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in self.headers.items()],
            "client": self.client_address[:2],
            "server": ("127.0.0.1", int(getattr(self.server, "server_port", 0))),
        }
        status, headers, chunks = asyncio.run(_call(self.application, scope, body))
        payload = b"".join(chunks)
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in (b"content-length", b"transfer-encoding", b"connection"):
                self.send_header(name.decode("latin-1"), value.decode("latin-1"))
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = handle_one


async def _call(app: Any, scope: dict[str, Any], body: bytes) -> tuple[int, list[tuple[bytes, bytes]], list[bytes]]:
    sent = False
    status = 500
    headers: list[tuple[bytes, bytes]] = []
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # the client never disconnects early
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status, headers
        if message["type"] == "http.response.start":
            status = int(message["status"])
            headers = [(bytes(k), bytes(v)) for k, v in message.get("headers", [])]
        elif message["type"] == "http.response.body":
            chunks.append(bytes(message.get("body", b"")))

    await app(scope, receive, send)
    return status, headers, chunks
