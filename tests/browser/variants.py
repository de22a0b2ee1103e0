"""The sample portal with one change, built for a browser test: a temporary offline period
built with --maintenance, an 80-character title, a file with many attachments. Each variant is
a copy of content/, data/ and static/ on disk, edited, then built by the real command."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.e2e.conftest import REPO, sample_date
from tests.sitekit import cli


def build_variant(root: Path, edit: Callable[[Path], None], *options: str) -> Path:
    """The sample portal copied to `root`, changed by `edit(root)` and built; its output."""
    for folder in ("content", "data", "static"):
        shutil.copytree(REPO / folder, root / folder)
    edit(root)
    out = root / "public"
    code, _, err = cli(
        "build", "--source", str(root), "--date", sample_date(), "--out", str(out), *options
    )
    assert code == 0, err
    return out


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def retitle(path: Path, title: str) -> None:
    """Give the item at `path` another title (its first `title:` line)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), "utf-8")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`folder` served on 127.0.0.1 until the block ends; its base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
