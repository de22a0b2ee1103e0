"""The preview's memory from build to build (issue 9): glibc's allocator set for a process
that builds again and again (serve.lean_allocator), so that what a build freed does not stay
with the preview. Linux with glibc only."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.sitekit import make_site

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/status").is_file() or sys.platform != "linux", reason="Linux, glibc"
)

# Large blocks freed between blocks kept, as a build's arrays and bytes are between what it
# keeps: the MiB of them this process still holds after.
_FREED_BUT_HELD = """
    def rss():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    big = bytearray(8 << 20)  # (glibc raises its threshold for mapping blocks past it)
    del big
    before = rss()
    blocks, kept = [], []
    for _ in range(40):
        blocks.append(bytearray(1 << 20))
        kept.append(bytes(100_000))
    del blocks
    print(round(rss() - before, 1))
"""


def held_after(setup: str) -> float:
    code = textwrap.dedent(setup) + textwrap.dedent(_FREED_BUT_HELD)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return float(done.stdout.strip().splitlines()[-1])


def test_the_preview_gives_back_the_large_blocks_a_build_freed(tmp_path: Path) -> None:
    site = make_site(tmp_path, {})
    assert held_after("import ssg.serve") > 30  # (glibc's defaults: held)
    held = held_after(
        f"""
        import datetime, pathlib
        from ssg.serve import Preview
        Preview(pathlib.Path({str(site)!r}), pathlib.Path({str(site)!r}) / ".ssg-cache/preview",
                datetime.date(2026, 11, 20), port=0, quiet=True).server.server_close()
        """
    )
    assert held < 10
