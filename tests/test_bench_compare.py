"""bench/compare.py's memory sampler: a child that runs in its parent's memory (vfork before
exec) is that memory, not more of it."""

from __future__ import annotations

import os
import platform
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import compare

pytestmark = pytest.mark.skipif(
    platform.machine() not in ("x86_64", "aarch64"), reason="kcmp's number is known there only"
)


def test_a_thread_shares_the_memory_a_forked_child_does_not() -> None:
    seen: list[int] = []
    ready, done = threading.Event(), threading.Event()

    def hold() -> None:
        seen.append(threading.get_native_id())
        ready.set()
        done.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait(10)
    child = os.fork()
    if child == 0:  # (the child waits to be looked at, then leaves without cleanup)
        import time

        time.sleep(5)
        os._exit(0)
    try:
        assert compare.same_memory(os.getpid(), seen[0])
        assert not compare.same_memory(os.getpid(), child)
        assert compare.parent_pid(child) == os.getpid()
        assert not compare.shares_parent_memory(child)
    finally:
        done.set()
        thread.join()
        os.kill(child, 9)
        os.waitpid(child, 0)
