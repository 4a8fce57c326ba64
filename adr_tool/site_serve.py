"""`adr site --serve`: the built site on 127.0.0.1, rebuilt when the ADR folder changes.

A thread polls the folder's file sizes and modification times once a second and calls the
rebuild; the site's own files are written in place by rename, so a page being served is
always whole. Ctrl-C (or SIGTERM) stops the server; that is how it is meant to end, so the
exit status is 0.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import AdrError, UsageError
from .site_http import SiteServer

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

HOST = "127.0.0.1"


def signature(folder: Path, skip: Path) -> frozenset[tuple[str, int, int]]:
    """(path, size, mtime) of every file under `folder`, the site folder `skip` excluded."""
    found: set[tuple[str, int, int]] = set()
    for here, subfolders, names in os.walk(folder):
        subfolders[:] = [
            name for name in subfolders if not name.startswith(".") and Path(here, name) != skip
        ]
        for name in names:
            with contextlib.suppress(OSError):
                info = Path(here, name).stat()
                found.add((f"{here}/{name}", info.st_size, info.st_mtime_ns))
    return frozenset(found)


@contextlib.contextmanager
def _server_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the server as Ctrl-C does, so that its temporary folder is
    removed; SIGPIPE is ignored, so that a client hanging up is an error of that client's
    thread, not the end of the server (main thread only)."""

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, interrupt)
                for number in (signal.SIGTERM, signal.SIGHUP)}
    # Left ignored when serving ends: a client's thread (a daemon) may still be writing to a
    # socket while the server closes, and the default action would kill the process.
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def serve(
    out: Path,
    port: int,
    watched: list[Path],
    rebuild: Callable[[], object],
    announce: Callable[[str], None],
    interval: float = 1.0,
) -> None:
    """Serve `out` on 127.0.0.1:`port` until interrupted, calling `rebuild` on each change."""
    try:
        server = SiteServer((HOST, port), out)
    except OSError as error:
        raise UsageError(
            f"cannot listen on {HOST}:{port} ({error.strerror}); choose another --port"
        ) from None
    stop = threading.Event()

    def current() -> frozenset[tuple[str, int, int]]:
        return frozenset().union(*(signature(folder, out) for folder in watched))

    def watch() -> None:
        seen = current()
        while not stop.wait(interval):
            now = current()
            if now == seen:
                continue
            seen = now
            try:
                rebuild()
            except AdrError as error:
                where = f"{error.path}: " if error.path else ""
                announce(f"adr: rebuild failed: {where}{error.message}")
            except Exception as error:  # a bug must not stop the server: say so, keep serving
                announce(f"adr: rebuild failed: internal error ({type(error).__name__}: "
                         f"{error}); this is a bug in adr-tool")

    watcher = threading.Thread(target=watch, name="adr-site-watch", daemon=True)
    try:
        # The signals are set before the address is announced: a client that hangs up on
        # the first request must find SIGPIPE ignored already.
        with _server_signals():
            watcher.start()
            announce(f"serving http://{HOST}:{server.server_address[1]}/ (Ctrl-C stops)")
            server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        announce("stopped")
    finally:
        stop.set()
        server.server_close()
        if watcher.is_alive():
            watcher.join(timeout=5)
