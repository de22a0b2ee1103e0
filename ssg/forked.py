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
import signal
import struct
import threading
from collections.abc import Callable, Hashable, Sequence
from contextlib import suppress
from pickle import HIGHEST_PROTOCOL as HIGHEST
from typing import Generic, TypeVar

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


# A claim is a chunk's number, 4 bytes; at most this many chunks, so that all the claims are
# written at once (a pipe takes PIPE_BUF, 4,096 bytes, in one write that nothing interleaves).
_CLAIM = 4
_MAX_CHUNKS = 4096 // _CLAIM
_MIN_CHUNK = 16  # (a chunk of content files is ~1 ms of work: the claims' reads are not felt)
_HEAD = struct.Struct("<II")  # a delivered chunk: its number and the length of its pickle
_KEY = 0xFFFFFFFF  # (the number of the first record: the key the child planned)


class Ahead(Generic[T, R]):
    """A list worked through by this process and a child forked before this process knows it.

    For a cold build's parse (issue 9): the child is forked at the very start, works out the
    list itself (`plan`: the key that names the list, the list, the work on one element) and
    starts on it while this process imports the build engine, on the core that would
    otherwise wait. When this process gets to the same list (`map`), both take chunks from
    one pipe of claims until none is left, so that both end together however far ahead the
    child got. The child pickles each chunk as it finishes it and appends it to a file in
    memory; this process takes what is there when the claims run out, works out the one chunk
    the child may still be on rather than wait for it, and stops the child. Anything the child
    did not deliver for the same key (it failed, was killed, saw another list) is worked out
    here: the result is always the serial one. (`plan` None: no child.)"""

    def __init__(
        self, plan: Callable[[], tuple[Hashable, Sequence[T], Callable[[T], R]] | None] | None
    ) -> None:
        self.pid = 0
        self.claims = self.results = -1
        if plan is None or not forking_is_safe() or not hasattr(os, "memfd_create"):
            return
        try:
            results = os.memfd_create("ssg-ahead")
        except OSError:
            return
        claims_read, claims_write = os.pipe()
        # (both processes only read claims once they are all written: an empty pipe then
        # means the child has not got that far, and this process does not wait for it)
        os.set_blocking(claims_read, False)
        try:
            pid = os.fork()
        except OSError:  # (no process to spare)
            for end in (claims_read, claims_write, results):
                os.close(end)
            return
        if pid == 0:  # the child: it leaves without the parent's exits
            code = 1
            try:
                planned = plan()
                if planned is not None:
                    key, inputs, work = planned
                    _append(results, _KEY, pickle.dumps(key, HIGHEST))
                    size, count = _chunking(len(inputs))
                    os.write(claims_write, b"".join(_claim_bytes(i) for i in range(count)))
                    os.close(claims_write)  # (the claims end when both have taken them all)
                    while (index := _next_claim(claims_read)) is not None:
                        chunk = inputs[index * size : (index + 1) * size]
                        _append(results, index, pickle.dumps([work(x) for x in chunk], HIGHEST))
                    code = 0
            except BaseException:
                pass
            finally:
                os._exit(code)
        os.close(claims_write)
        self.pid, self.claims, self.results = pid, claims_read, results

    @property
    def running(self) -> bool:
        return self.pid != 0

    def map(self, key: Hashable, inputs: Sequence[T], work: Callable[[T], R]) -> list[R] | None:
        """`[work(x) for x in inputs]`, shared with the child if it planned the same `key`;
        None when the child has not yet worked out its list (then it is stopped)."""
        try:
            size, count = _chunking(len(inputs))
            mine: dict[int, list[R]] = {}
            try:
                index = _next_claim(self.claims) if self.running else None
            except BlockingIOError:
                return None
            while index is not None:
                if index < count:  # (else the child saw another list: not its results)
                    mine[index] = [work(x) for x in inputs[index * size : (index + 1) * size]]
                index = _next_claim(self.claims)
            theirs = self._delivered(key)
            results: list[R] = []
            for index in range(count):
                chunk = inputs[index * size : (index + 1) * size]
                part = mine.get(index)
                if part is None:
                    part = _loaded(theirs.get(index), len(chunk))
                if part is None:
                    part = [work(x) for x in chunk]
                results.extend(part)
            return results
        finally:
            self.close()

    def _delivered(self, key: Hashable) -> dict[int, memoryview]:
        """The chunks the child has delivered so far, if it planned `key` (by number)."""
        if not self.running:
            return {}
        data = memoryview(os.pread(self.results, os.fstat(self.results).st_size, 0))
        done: dict[int, memoryview] = {}
        at = 0
        while at + _HEAD.size <= len(data):
            index, length = _HEAD.unpack_from(data, at)
            at += _HEAD.size
            if at + length > len(data):
                break  # (being written)
            done[index] = data[at : at + length]
            at += length
        first = done.pop(_KEY, None)
        try:
            same = first is not None and pickle.loads(first) == key
        except Exception:
            same = False
        return done if same else {}

    def close(self) -> None:
        """Stop the child if it still runs and free what it held."""
        if self.pid:
            with suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0
        for end in (self.claims, self.results):
            if end >= 0:
                os.close(end)
        self.claims = self.results = -1

    def __enter__(self) -> Ahead[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _append(results: int, index: int, data: bytes) -> None:
    """One record at the end of the results: a reader sees a record only once it is whole
    (a file in memory grows as each page is copied in; _delivered skips a part-written one)."""
    os.write(results, _HEAD.pack(index, len(data)) + data)


def _chunking(size: int) -> tuple[int, int]:
    """(elements a chunk, chunks) for a list of `size`."""
    chunk = max(_MIN_CHUNK, -(-size // _MAX_CHUNKS))
    return chunk, -(-size // chunk)


def _claim_bytes(index: int) -> bytes:
    return index.to_bytes(_CLAIM, "little")


def _next_claim(claims: int) -> int | None:
    """The next chunk nobody has taken (None: all are taken, or the child planned nothing;
    BlockingIOError: the child has not written the claims yet). Reads of 4 bytes from claims
    written at once come back whole (see _CLAIM)."""
    data = os.read(claims, _CLAIM)
    return int.from_bytes(data, "little") if len(data) == _CLAIM else None


def _loaded(data: memoryview | None, count: int) -> list[R] | None:
    """A chunk the child pickled, if it loads back whole."""
    if data is None:
        return None
    try:
        part = pickle.loads(data)
    except Exception:  # (a result that pickles but does not load back)
        return None
    return part if isinstance(part, list) and len(part) == count else None
