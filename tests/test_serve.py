"""`adr site --serve` as a real process on 127.0.0.1, against hostile clients over raw sockets:
other `Host:` names (DNS rebinding), path traversal in every encoding, links planted in the
site, odd methods, oversized and partial requests, clients that hang up, slow clients and 50
at once. After each the server still serves, never prints a traceback, and stops cleanly."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from adr_tool.site_http import MEDIA_POLICY, PAGE_POLICY
from tests.site_sample import Served, build_sample, serve

SECRET = "secret-5b2e-never-served"
IMAGE = "media/docs/adr/images/diagram.png"


@dataclass
class Server:
    """A running server, the file its stderr goes to, and a secret beside its folder."""

    served: Served
    port: int
    stderr: Path
    secret: Path

    def ask(self, request: bytes) -> tuple[int, dict[str, str], bytes]:
        """Send raw bytes, read the answer to its end: (status, headers, body)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=15) as client:
            client.sendall(request)
            answer = _read_answer(client)
        head, _, body = answer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return int(lines[0].split()[1]), headers, body

    def get(self, target: str, host: str | None = None, method: str = "GET",
            extra: str = "") -> tuple[int, dict[str, str], bytes]:
        host_line = "" if host == "" else f"Host: {host or f'127.0.0.1:{self.port}'}\r\n"
        return self.ask(
            f"{method} {target} HTTP/1.1\r\n{host_line}{extra}Connection: close\r\n\r\n".encode()
        )

    def still_serves(self) -> None:
        assert self.served.process.poll() is None, "the server died"
        status, _, body = self.get("/index.html")
        assert (200, True) == (status, b"Store blobs in GCS" in body)

    def stop(self) -> None:
        """SIGTERM: exit 0, and nothing on stderr (no traceback, no line per client)."""
        self.served.process.terminate()
        assert 0 == self.served.process.wait(timeout=15)
        assert "" == self.stderr.read_text()


def _read_answer(client: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = client.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), None)
    while length is not None and len(body) < length:
        chunk = client.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


@contextlib.contextmanager
def _running(repo: Path, tmp_path: Path, *options: str) -> Iterator[Server]:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    stderr = tmp_path / "stderr"
    with stderr.open("wb") as errors, serve(repo, *options, stderr=errors) as served:
        port = int(served.url.rsplit(":", 1)[1].strip("/"))
        yield Server(served, port, stderr, secret)


@pytest.fixture
def server(repo: Path, tmp_path: Path) -> Iterator[Server]:
    """The sample log served from <tmp>/site, with a secret in <tmp>/secret.txt."""
    build_sample(repo)
    with _running(repo, tmp_path, "-o", str(tmp_path / "site")) as running:
        yield running


def test_a_page_carries_the_policies(server: Server) -> None:
    """Pages forbid everything but the site's own files; images are also sandboxed."""
    status, headers, _ = server.get("/index.html")
    assert (200, PAGE_POLICY, "nosniff", "no-store", "text/html; charset=utf-8") == (
        status, headers["content-security-policy"], headers["x-content-type-options"],
        headers["cache-control"], headers["content-type"])
    status, headers, body = server.get(f"/{IMAGE}")
    assert (200, MEDIA_POLICY, "image/png", "nosniff") == (
        status, headers["content-security-policy"], headers["content-type"],
        headers["x-content-type-options"])
    assert body.startswith(b"\x89PNG")
    server.stop()


def _hosts(port: int) -> list[str]:
    return [
        "evil.example", f"evil.example:{port}", "127.0.0.1", "localhost",
        f"127.0.0.1:{port + 1}", f"localhost.:{port}", f"127.0.0.1:{port}.evil.example",
        f"127.0.0.1:{port}@evil.example", f"0.0.0.0:{port}", f"127.1:{port}",
        f"2130706433:{port}", f"[::ffff:127.0.0.1]:{port}", f"localhost:{port} x", "",
    ]


def test_only_its_own_host_is_answered(server: Server) -> None:
    """127.0.0.1, localhost and [::1] with the port get the page; any other Host (a page that
    rebinds its name to 127.0.0.1), none, or two get 421 and not a byte of the log."""
    port = server.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LocalHost:{port}", f"[::1]:{port}"):
        assert 200 == server.get("/index.html", host)[0], host
    refused = [*_hosts(port), "two"]
    for host in refused:
        extra = "Host: evil.example\r\n" if host == "two" else ""
        status, _, body = server.get("/index.html", None if host == "two" else host, extra=extra)
        assert (421, False) == (status, b"Store blobs" in body), host
    server.still_serves()
    server.stop()


def _targets(server: Server) -> list[str]:
    secret = str(server.secret)
    return [
        "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt",
        "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt", "/..\\secret.txt", "/..%5csecret.txt",
        "/%5c..%5csecret.txt", "/..%00/x", "/index.html%00", "/%00", "/..%00.html",
        "/index.html%00.png", "/%0a", "/%7f", secret, f"/{secret}", f"/%2f{secret[1:]}",
        f"http://127.0.0.1:{server.port}/../secret.txt", "/%c0%ae%c0%ae/secret.txt", "/%ff",
        "/./index.html", "/adr/../../secret.txt", "/media/../../secret.txt",
        "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/..;/secret.txt", "/.../secret.txt",
        "/%ef%bc%8e%ef%bc%8e/secret.txt", "*", "/leak.txt", "/linked/secret.txt",
        "/adr//index.html", "/adr/%2e/../index.html",
    ]


def test_no_path_leads_out_of_the_site(server: Server, tmp_path: Path) -> None:
    """Traversal in every encoding, and links planted in the site folder (to a file and to a
    folder outside it), get 400 or 404 and never the secret; the server keeps serving."""
    site = tmp_path / "site"
    (site / "leak.txt").symlink_to(server.secret)
    (site / "linked").symlink_to(tmp_path)
    for target in _targets(server):
        status, _, body = server.get(target)
        assert status in (400, 404), target
        assert SECRET.encode() not in body and b"root:" not in body, target
    server.still_serves()
    server.stop()


def test_only_get_and_head(server: Server) -> None:
    """HEAD answers GET's headers without a body; other methods get 405 (unknown ones 501,
    a request line that is no request 400), and the server keeps serving."""
    _, got, body = server.get("/index.html")
    status, headers, empty = server.get("/index.html", method="HEAD")
    assert (200, got["content-length"], b"") == (status, headers["content-length"], empty)
    assert str(len(body)) == got["content-length"]
    for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"):
        status, headers, _ = server.get("/index.html", method=method,
                                        extra="Content-Length: 0\r\n")
        assert (405, "GET, HEAD") == (status, headers.get("allow")), method
    assert 501 == server.get("/index.html", method="BREW")[0]
    assert 400 == server.ask(b"GARBAGE\r\n\r\n")[0]
    server.still_serves()
    server.stop()


def test_oversized_requests_are_refused(server: Server) -> None:
    """A request line or a header over 64 KB, or 200 headers, are refused with a status."""
    assert 414 == server.get("/" + "a" * 70_000)[0]
    assert 431 == server.get("/index.html", extra=f"X-Big: {'b' * 70_000}\r\n")[0]
    assert 431 == server.get("/index.html", extra="".join(f"X-{i}: v\r\n" for i in range(200)))[0]
    server.still_serves()
    server.stop()


def _hang_up(port: int, data: bytes, reset: bool, read: int = 0) -> None:
    """Connect, send `data`, maybe read a little, and hang up (with a reset if asked)."""
    client = socket.create_connection(("127.0.0.1", port), timeout=15)
    if reset:
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        client.sendall(data)
        if read:
            client.recv(read)
    client.close()


PARTIAL = [b"", b"G", b"GET", b"GET / HTTP/1.1\r\n", b"GET / HTTP/1.1\r\nHost: 127.0.0.1",
           b"GET /index.html HTTP/1.1\r\nHost: {host}\r\n", b"\x16\x03\x01\x02\x00\x01\x00",
           b"GET /index.html HTTP/1.1\r\nHost: {host}\r\n\r\n",
           b"GET /assets/search-index.js HTTP/1.1\r\nHost: {host}\r\n\r\n"]


def test_clients_that_hang_up_never_stop_it(repo: Path, tmp_path: Path) -> None:
    """Partial requests and whole ones, each hung up at once, after a few bytes or with a
    reset, 3 times over: the server keeps serving, and SIGTERM still removes its folder."""
    build_sample(repo)
    with _running(repo, tmp_path) as server:
        host = f"127.0.0.1:{server.port}".encode()
        for _ in range(3):
            for data in PARTIAL:
                whole = data.endswith(b"\r\n\r\n")  # answered: worth reading a little of
                for reset, read in ((False, 0), (True, 0), (False, 5 * whole), (True, 5 * whole)):
                    _hang_up(server.port, data.replace(b"{host}", host), reset, read)
        server.still_serves()
        folder = server.served.folder
        server.stop()
        assert not folder.exists()


def test_slow_clients_and_fifty_at_once(server: Server) -> None:
    """With 20 clients sending half a request and waiting, 50 clients at once are all served
    the whole index."""
    slow = [socket.create_connection(("127.0.0.1", server.port), timeout=15) for _ in range(20)]
    for client in slow:
        client.sendall(b"GET /index.html HTTP/1.1\r\nHost: ")
    expected = server.get("/index.html")[2]
    answers: list[tuple[int, bytes]] = []

    def fetch() -> None:
        status, _, body = server.get("/index.html")
        answers.append((status, body))

    threads = [threading.Thread(target=fetch) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [(200, expected)] * 50 == answers
    for client in slow:
        client.close()
    server.still_serves()
    server.stop()


def test_a_traceback_never_reaches_stderr(server: Server) -> None:
    """`GET /..%00/x`, which printed a traceback, is a 400 and stderr stays empty."""
    assert 400 == server.get("/..%00/x")[0]
    server.stop()
