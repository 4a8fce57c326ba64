"""A small decision log with git history for the site tests: a supersession, a deprecation,
links, an image next to the ADRs, a remote image, and one ADR full of injected HTML."""

from __future__ import annotations

import base64
import contextlib
import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tests.conftest import ADR_BIN, commit, write

# A 2x2 PNG, so that the copied image has real pixels to show.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=="
)
HOSTILE_TITLE = 'Handle <b>bold</b> & "quotes"'
HOSTILE_TAGS = ['"><script>alert(3)</script>', "x' onmouseover='alert(4)"]
HOSTILE_MAKERS = ["<img src=x onerror=alert(5)>"]


def _front(**keys: object) -> str:
    lines = ["---"]
    lines += [f"{key.replace('_', '-')}: {json.dumps(value)}" for key, value in keys.items()]
    return "\n".join([*lines, "---", ""])


def build_sample(repo: Path) -> Path:
    """Write the sample log into the git repository `repo` in four commits; its ADR folder."""
    folder = repo / "docs" / "adr"
    write(repo / ".adr.toml", 'directory = "docs/adr"\n')
    write(folder / "0001-record-architecture-decisions.md", _front(
        status="accepted", date="2026-01-05", decision_makers=["Ana Silva"], tags=["process"],
    ) + "# Record architecture decisions\n\n## Context\n\nWe keep decisions in the repository.\n")
    write(folder / "0002-store-blobs-in-s3.md", _front(
        status="proposed", date="2026-01-05", decision_makers=["Ana Silva"], tags=["storage"],
    ) + "# Store blobs in S3\n\n## Context\n\nInvoices need a bucket with lifecycle rules.\n")
    commit(repo, "first decisions", "2026-01-05", "Ana Silva")

    path = folder / "0002-store-blobs-in-s3.md"
    path.write_text(path.read_text().replace('"proposed"', '"accepted"'))
    commit(repo, "accept S3", "2026-02-01", "Bo Chen")

    path.write_text(
        path.read_text()
        .replace('"accepted"', '"superseded"')
        .replace("tags:", "superseded-by: [3]\ntags:")
    )
    write(folder / "images" / "diagram.png", "")
    (folder / "images" / "diagram.png").write_bytes(PNG)
    write(folder / "0003-store-blobs-in-gcs.md", _front(
        status="accepted", date="2026-03-01", decision_makers=["Cy Diaz", "Bo Chen"],
        tags=["storage", "cloud"], supersedes=[2],
    ) + (
        "# Store blobs in GCS\n\n## Context\n\nThe [S3 decision](0002-store-blobs-in-s3.md#context)"
        " did not survive the move to one cloud. Object versioning keeps old invoices.\n\n"
        "![Storage diagram](images/diagram.png)\n\n"
        "![Vendor logo](https://cdn.example.com/logo.png)\n\n"
        "| Option | Cost |\n| --- | --- |\n| GCS | low |\n| S3 | low |\n"
    ))
    commit(repo, "GCS supersedes S3", "2026-03-01", "Cy Diaz")

    write(folder / "0004-handle-bold.md", _front(
        status="proposed", date="2026-03-10", decision_makers=HOSTILE_MAKERS, tags=HOSTILE_TAGS,
    ) + (
        f"# {HOSTILE_TITLE}\n\n## Context\n\nInjected: <script>alert(1)</script> and "
        "<img src=x onerror=alert(2)> here.\n\n<div onclick=alert(7)>block html</div>\n\n"
        "[a javascript link](javascript:alert(6))\n"
    ))
    write(folder / "0005-use-jenkins-for-ci.md", _front(
        status="deprecated", date="2026-03-12", tags=["ci"], links={"amends": [1]},
    ) + "# Use Jenkins for CI\n\n## Context\n\nPipelines run on a shared Jenkins.\n")
    commit(repo, "more decisions", "2026-03-12", "Dee Evans")
    return folder


@dataclass
class Served:
    """A running `adr site --serve`: the process, its base URL and its temporary folder."""

    process: subprocess.Popen[str]
    url: str
    folder: Path


@contextlib.contextmanager
def serve(cwd: Path, *options: str, stderr: IO[bytes] | int = subprocess.DEVNULL
          ) -> Iterator[Served]:
    """Start `adr site --serve --port 0` in `cwd` as a real process; kill it at the end."""
    with subprocess.Popen(
        [str(ADR_BIN), "site", "--serve", "--port", "0", *options],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=stderr,
        stdin=subprocess.DEVNULL,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            lines: list[str] = []
            for line in process.stdout:
                lines.append(line)
                if line.startswith("serving "):
                    break
            url = re.match(r"serving (http://127\.0\.0\.1:\d+/) \(Ctrl-C stops\)", lines[-1])
            folder = re.match(r"wrote (/\S+) \(", lines[0])
            assert url and folder, lines
            yield Served(process, url.group(1), Path(folder.group(1)))
        finally:
            if process.poll() is None:
                process.kill()
