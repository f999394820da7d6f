"""Is the server there at all? One quick TCP connect before any request."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from speclint.errors import ConnectionFailed, UsageError

CONNECT_TIMEOUT = 3.0


def host_port(url: str) -> tuple[str, int]:
    """``http(s)://host:port/...`` or gRPC's ``host:port`` into host and port."""
    target = url if "://" in url else f"grpc://{url}"
    parts = urlsplit(target)
    try:
        port = parts.port
    except ValueError:
        raise UsageError(f"--url has an invalid port: {url}") from None
    if not parts.hostname:
        raise UsageError(f"--url has no host: {url}")
    if port is None:
        port = {"http": 80, "https": 443}.get(parts.scheme)
    if port is None:
        raise UsageError(f"--url needs a port: {url}")
    return parts.hostname, port


def ensure_reachable(url: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """Raise ConnectionFailed (exit 2) when nothing accepts connections at ``url``."""
    host, port = host_port(url)
    try:
        with socket.create_connection((host, port), timeout=min(timeout, CONNECT_TIMEOUT)):
            pass
    except OSError as error:
        reason = error.strerror or str(error) or type(error).__name__
        raise ConnectionFailed(f"cannot reach {url}: {reason}") from None
