"""A total time limit on each HTTP request: connect, send, and the whole response.

``requests`` (urllib3) applies its timeout to each socket operation, so a server that sends one
byte every second never times out. A :class:`Deadline` watches the sockets a request uses and,
when the request is not done in time, shuts them down: the blocked read ends at once, the
request fails, and :attr:`Deadline.expired` says why. One watchdog thread serves a whole run.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

_TICK = 0.05  # how often the watchdog looks at the clock: a deadline is kept to within this
_IDLE_TICKS = 40  # the watchdog thread ends after this many ticks with nothing armed


class Deadline:
    """Arm before a request, disarm after it; sockets opened or used meanwhile are watched.

    Arming and disarming only set fields under a lock nobody holds for long: the watchdog
    thread polls the clock instead of being woken, so a request pays no thread switch.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._due: float | None = None  # monotonic time the armed request must end by
        self._sockets: list[socket.socket] = []
        self._thread: threading.Thread | None = None
        self.expired = False  # the last armed request ran out of time

    def arm(self, seconds: float) -> None:
        with self._lock:
            self._due = time.monotonic() + seconds
            self._sockets = []
            self.expired = False
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="speclint-deadline", daemon=True)
                self._thread.start()

    def disarm(self) -> None:
        with self._lock:
            self._due = None
            self._sockets = []

    def watch(self, sock: socket.socket | None) -> None:
        """A socket the armed request uses; cut at once when its time is already up."""
        if sock is None:
            return
        with self._lock:
            if self._due is None:
                return
            if self.expired:
                _cut(sock)
            else:
                self._sockets.append(sock)

    def _watch(self) -> None:
        idle = 0
        while True:
            time.sleep(_TICK)
            with self._lock:
                if self._due is None:
                    idle += 1
                    if idle >= _IDLE_TICKS:  # a finished run leaves no thread behind
                        self._thread = None
                        return
                    continue
                idle = 0
                if not self.expired and time.monotonic() >= self._due:
                    self.expired = True
                    for sock in self._sockets:
                        _cut(sock)
                    self._sockets = []


def _cut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # already closed
        pass


def install(session: Any, deadline: Deadline) -> None:
    """Make a ``requests.Session``'s connections report their sockets to ``deadline``."""
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class _Watched:
        def _new_conn(self) -> socket.socket:
            sock: socket.socket = super()._new_conn()  # type: ignore[misc]
            self._raw_socket = sock  # for HTTPS, the TCP socket beneath TLS
            deadline.watch(sock)
            return sock

        def getresponse(self, *args: Any, **kwargs: Any) -> Any:
            deadline.watch(getattr(self, "_raw_socket", None))  # a kept-alive connection, reused
            return super().getresponse(*args, **kwargs)  # type: ignore[misc]

    class _HTTPConnection(_Watched, HTTPConnection):
        pass

    class _HTTPSConnection(_Watched, HTTPSConnection):
        pass

    class _HTTPPool(HTTPConnectionPool):
        ConnectionCls = _HTTPConnection

    class _HTTPSPool(HTTPSConnectionPool):
        ConnectionCls = _HTTPSConnection

    for prefix in ("http://", "https://"):
        manager = session.get_adapter(prefix).poolmanager
        manager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
