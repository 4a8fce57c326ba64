"""The HTTP side of `adr site --serve`: a local server that answers only its own address and
serves only the site's own files (docs/site.md, "What the server answers").

- The `Host:` of every request must be `127.0.0.1`, `localhost` or `[::1]` with the server's
  port: a page of another site that rebinds its name to 127.0.0.1 gets 421, never the log.
- Only GET and HEAD; the path is decoded once and must name a file under the site through
  plain folders: `..`, `.`, empty segments, backslashes, NUL and control characters are 400,
  and every folder and the file are opened without following links, so nothing outside the
  site folder is ever served, whatever the encoding.
- Every answer forbids what the site does not need: a Content-Security-Policy (images get
  one that also sandboxes them, so a script in an SVG cannot run), `nosniff`, no caching.
- A client that hangs up, sends half a request or nothing at all costs one thread for at most
  `TIMEOUT` seconds and is never reported; at most `MAX_CLIENTS` are served at once.
"""

from __future__ import annotations

import mimetypes
import os
import stat
import sys
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from .site_pages import CSP

if TYPE_CHECKING:
    import socket
    from pathlib import Path

TIMEOUT = 10  # seconds a client may take to send its request
MAX_CLIENTS = 64
PAGE_POLICY = f"{CSP}; frame-ancestors 'none'"
MEDIA_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
_FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK


class SiteServer(ThreadingHTTPServer):
    """A thread per client, at most MAX_CLIENTS at once; errors of a client are its own."""

    daemon_threads = True
    request_queue_size = MAX_CLIENTS  # 50 browsers' connections at once wait, not reset

    def __init__(self, address: tuple[str, int], folder: Path) -> None:
        self.folder = folder
        self.slots = threading.BoundedSemaphore(MAX_CLIENTS)
        super().__init__(address, Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            self.shutdown_request(request)  # too many at once: this one is turned away
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket],
                     client_address: Any) -> None:
        """A client that hung up is no news; anything else is one line, never a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            return
        sys.stderr.write(f"adr: a request failed: internal error ({type(error).__name__}: "
                         f"{error}); this is a bug in adr-tool\n")


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD of the site's files, for the server's own address only."""

    server: SiteServer
    timeout = TIMEOUT
    protocol_version = "HTTP/1.1"
    default_request_version = "HTTP/1.0"  # every answer has a status line, even to garbage
    server_version = "adr-site"
    sys_version = ""

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_POST(self) -> None:
        self._refuse(HTTPStatus.METHOD_NOT_ALLOWED, "only GET and HEAD", {"Allow": "GET, HEAD"})

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_CONNECT = do_TRACE = do_POST

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("X-Frame-Options", "DENY")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """http.server's own errors (bad request lines, long headers) as ours: plain text."""
        self._refuse(HTTPStatus(code), message or HTTPStatus(code).phrase)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, body: bool) -> None:
        if not self._own_host():
            self._refuse(HTTPStatus.MISDIRECTED_REQUEST,
                         f"this server answers only to 127.0.0.1:{self._port()} and localhost")
            return
        parts = _segments(self.path)
        if parts is None:
            self._refuse(HTTPStatus.BAD_REQUEST, "not a path of this site")
            return
        fd = _open_file(self.server.folder, parts)
        if fd is None:
            self._refuse(HTTPStatus.NOT_FOUND, "no such page")
            return
        with os.fdopen(fd, "rb") as handle:
            size = os.fstat(fd).st_size
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", _content_type(parts[-1]))
            self.send_header("Content-Length", str(size))
            policy = MEDIA_POLICY if parts[0] == "media" or parts[-1].endswith(".svg") else (
                PAGE_POLICY)
            self.send_header("Content-Security-Policy", policy)
            self.end_headers()
            while body and (chunk := handle.read(1 << 16)):
                self.wfile.write(chunk)

    def _own_host(self) -> bool:
        """Whether there is one Host header and it is our address with our port."""
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1:
            return False
        port = self._port()
        allowed = {f"{name}:{port}" for name in ("127.0.0.1", "localhost", "[::1]")}
        if port == 80:
            allowed |= {"127.0.0.1", "localhost", "[::1]"}
        return hosts[0].strip().lower() in allowed

    def _port(self) -> int:
        return int(self.server.server_address[1])

    def _refuse(self, status: HTTPStatus, reason: str,
                headers: dict[str, str] | None = None) -> None:
        text = f"{status.value} {status.phrase}: {reason}\n".encode()
        self.close_connection = True
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(text)))
        self.send_header("Content-Security-Policy", "default-src 'none'; sandbox")
        self.send_header("Connection", "close")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(text)


def _segments(target: str) -> list[str] | None:
    """The file names a request target leads through (`index.html` for a folder), or None
    for anything that is not a plain path inside the site, in any encoding."""
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/"):
        return None  # `*`, or an absolute URL: not ours
    try:
        decoded = urllib.parse.unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    parts = decoded[1:].split("/")
    if parts[-1] == "":
        parts[-1] = "index.html"
    for part in parts:
        if part in ("", ".", "..") or "\\" in part or any(ord(c) < 32 or ord(c) == 127
                                                           for c in part):
            return None
    return parts


def _open_file(folder: Path, parts: list[str]) -> int | None:
    """An open handle of the regular file at `parts` under `folder`, reached through real
    folders only (a link anywhere on the way is not followed); None if there is none."""
    opened: list[int] = []
    try:
        opened.append(os.open(folder, _FOLDER))
        for part in parts[:-1]:
            opened.append(os.open(part, _FOLDER, dir_fd=opened[-1]))
        fd = os.open(parts[-1], _FILE, dir_fd=opened[-1])
    except (OSError, ValueError):
        return None
    finally:
        for handle in opened:
            os.close(handle)
    if stat.S_ISREG(os.fstat(fd).st_mode):
        return fd
    os.close(fd)
    return None


def _content_type(name: str) -> str:
    suffix = os.path.splitext(name)[1].lower()  # noqa: PTH122 (a name, not a path)
    if suffix in _TYPES:
        return _TYPES[suffix]
    guessed, _ = mimetypes.guess_type(name, strict=True)
    return guessed or "application/octet-stream"
