"""One list worked through by two processes: this one and a forked child (issue 9).

For the serial stretches of a cold build that leave the second core idle (reading and
parsing every content file comes before anything else can start). The child shares the
parent's memory copy-on-write and sends back only its results, pickled, so this pays only
where the work per element is well above the cost of pickling its result.

The child's share is spread evenly through the list rather than cut from its end: a list
in folder order holds its dearest elements together (the 10k benchmark's content files: the
first 56 % took 67 us each to parse, the rest 45-56 us), and a cut share left one process
idle while the other worked on.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def forking_is_safe() -> bool:
    """Only a process with a single thread forks: another thread (`ssg serve`'s watcher and
    server) may hold a lock that the child would then wait on forever."""
    return hasattr(os, "fork") and threading.active_count() == 1


def map_in_two(work: Callable[[T], R], inputs: Sequence[T], mine: float = 0.5) -> list[R]:
    """`[work(x) for x in inputs]`, a `mine` share of them here and the rest (spread evenly
    through the list) in a forked child at the same time. The results are the same as a
    serial run's, in order: if the child fails in any way (it raised, it was killed, its
    result could not be pickled), this process works through its share itself, and raises
    what `work` raises."""
    theirs_count = len(inputs) - round(len(inputs) * mine)
    if not forking_is_safe() or theirs_count <= 0:
        return [work(x) for x in inputs]
    is_theirs = _spread(len(inputs), theirs_count)
    ours_in = [x for x, t in zip(inputs, is_theirs, strict=True) if not t]
    theirs_in = [x for x, t in zip(inputs, is_theirs, strict=True) if t]
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # (no process to spare)
        os.close(read_end)
        os.close(write_end)
        return [work(x) for x in inputs]
    if pid == 0:  # the child: its share, sent whole; it leaves without the parent's exits
        os.close(read_end)
        code = 0
        try:
            data = pickle.dumps([work(x) for x in theirs_in], pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        here = [work(x) for x in ours_in]
    except BaseException:
        os.close(read_end)
        os.waitpid(pid, 0)
        raise
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status == 0 and data:
        try:
            theirs: list[R] = pickle.loads(data)
        except Exception:  # (a result that pickles but does not load back)
            theirs = []
        if len(theirs) == theirs_count:
            return _merged(is_theirs, here, theirs)
    return _merged(is_theirs, here, [work(x) for x in theirs_in])


def _spread(size: int, count: int) -> list[bool]:
    """Which of `size` places are `count` chosen evenly apart (a line drawn on a grid)."""
    return [(i + 1) * count // size > i * count // size for i in range(size)]


def _merged(is_theirs: list[bool], ours: list[R], theirs: list[R]) -> list[R]:
    """The two shares' results back in the order of the places they were taken from."""
    mine, other = iter(ours), iter(theirs)
    return [next(other) if t else next(mine) for t in is_theirs]
