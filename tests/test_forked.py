"""ssg/forked.py: one list worked through by this process and a forked child.

`map_in_two` forks only in a process with one thread (ssg build's), and the test session has
others (the browser tests' server, for one): each case that needs the fork runs in a process
forked for it (`_fresh`), which has one thread, as `ssg build` has."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

import pytest

import ssg.forked
from ssg.forked import Ahead, map_in_two
from tests.sitekit import in_a_forked_process


def _fresh(case: Callable[[], None]) -> None:
    def alone() -> None:
        assert threading.active_count() == 1, threading.enumerate()
        case()

    in_a_forked_process(alone)


def _results_are_a_serial_runs_in_order() -> None:
    inputs = list(range(101))
    parent = os.getpid()
    done = map_in_two(lambda x: (x, x * x, os.getpid()), inputs, 0.56)
    assert [(x, y) for x, y, _ in done] == [(x, x * x) for x in inputs]
    assert {pid for *_, pid in done} - {parent}, "nothing was done in a child"


def _the_child_does_its_share() -> None:
    parent = os.getpid()
    done_by = map_in_two(lambda _x: os.getpid(), list(range(10)), 0.5)
    assert done_by.count(parent) == 5
    assert len(set(done_by) - {parent}) == 1


def _the_childs_share_is_spread_through_the_list() -> None:
    """A list in folder order holds its dearest elements together (a cold parse's policies):
    the child's share is taken evenly from all of it, not cut from its end."""
    parent = os.getpid()
    done_by = map_in_two(lambda _x: os.getpid(), list(range(100)), 0.56)
    assert done_by.count(parent) == 56
    for tenth in range(10):  # (each tenth of the list, both processes in it)
        share = done_by[tenth * 10 : tenth * 10 + 10]
        assert 4 <= share.count(parent) <= 7, (tenth, share)


def _a_child_that_dies_leaves_its_share_to_this_process() -> None:
    parent = os.getpid()

    def work(x: int) -> int:
        if os.getpid() != parent:
            os._exit(9)  # (killed mid-way, as by the OOM killer)
        return x + 1

    assert map_in_two(work, list(range(20)), 0.5) == list(range(1, 21))


def _a_result_that_cannot_be_pickled_is_worked_out_here() -> None:
    parent = os.getpid()

    def work(x: int) -> object:
        return x if os.getpid() == parent else (lambda: x)  # (a lambda does not pickle)

    assert map_in_two(work, list(range(6)), 0.5) == list(range(6))


def _an_error_in_this_process_share_is_raised() -> None:
    def work(x: int) -> int:
        if x == 2:
            raise ValueError("two")
        return x

    with pytest.raises(ValueError, match="two"):
        map_in_two(work, list(range(8)), 0.5)


def _an_error_in_the_childs_share_is_raised_here() -> None:
    parent = os.getpid()

    def work(x: int) -> int:
        if x == 7:
            raise ValueError(f"seven in {'this process' if os.getpid() == parent else 'a child'}")
        return x

    # (the child fails; this process works through its share again and meets the error)
    with pytest.raises(ValueError, match="seven in this process"):
        map_in_two(work, list(range(8)), 0.5)


@pytest.mark.parametrize(
    "case",
    [
        _results_are_a_serial_runs_in_order,
        _the_child_does_its_share,
        _the_childs_share_is_spread_through_the_list,
        _a_child_that_dies_leaves_its_share_to_this_process,
        _a_result_that_cannot_be_pickled_is_worked_out_here,
        _an_error_in_this_process_share_is_raised,
        _an_error_in_the_childs_share_is_raised_here,
    ],
    ids=lambda case: case.__name__.strip("_"),
)
def test_map_in_two(case: Callable[[], None]) -> None:
    _fresh(case)


def test_no_fork_beside_another_thread() -> None:
    parent = os.getpid()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert set(map_in_two(lambda _x: os.getpid(), list(range(10)), 0.5)) == {parent}
    finally:
        stop.set()
        other.join()


# --- Ahead: a child forked before this process knows the list ------------------------------


def _plan(
    inputs: list[int], work: Callable[[int], object], key: object = "k"
) -> Callable[[], object]:
    return lambda: (key, inputs, work)


def _both_take_chunks_until_none_is_left() -> None:
    parent = os.getpid()

    def work(x: int) -> tuple[int, int]:
        time.sleep(0.002)  # (so that neither gets through the list alone)
        return x * x, os.getpid()

    inputs = list(range(200))
    ahead: Ahead[int, object] = Ahead(_plan(inputs, work))  # type: ignore[arg-type]
    time.sleep(0.05)  # (the child's claims written)
    done = ahead.map("k", inputs, work)
    assert done is not None
    assert [y for y, _ in done] == [x * x for x in inputs]  # type: ignore[misc]
    by = [pid for _, pid in done]  # type: ignore[misc]
    assert by.count(parent) and len(set(by) - {parent}) == 1, "not shared"
    assert not ahead.running
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # (the child was reaped)


def _a_child_ahead_does_it_all() -> None:
    parent = os.getpid()
    inputs = list(range(100))
    ahead = Ahead(_plan(inputs, lambda _x: os.getpid()))
    time.sleep(0.5)
    done = ahead.map("k", inputs, lambda _x: os.getpid())
    assert done is not None and len(done) == 100 and parent not in done


def _another_key_is_another_list_worked_out_here() -> None:
    """The key names the list (the loader's: the site, the count and a hash of the files)."""
    parent = os.getpid()
    for theirs in (list(range(100)), list(range(7))):
        ahead = Ahead(_plan(theirs, lambda _x: os.getpid(), "other"))
        time.sleep(0.2)
        assert ahead.map("k", list(range(100)), lambda _x: os.getpid()) == [parent] * 100


def _a_child_that_dies_leaves_its_chunks_to_this_process() -> None:
    parent = os.getpid()

    def work(x: int) -> int:
        if os.getpid() != parent and x > 40:
            os._exit(9)
        return x + 1

    ahead = Ahead(_plan(list(range(100)), work))
    time.sleep(0.2)
    assert ahead.map("k", list(range(100)), work) == list(range(1, 101))


def _a_child_that_plans_nothing_leaves_it_all_here() -> None:
    ahead: Ahead[int, int] = Ahead(lambda: None)
    time.sleep(0.2)
    assert ahead.map("k", list(range(50)), lambda x: -x) == [-x for x in range(50)]


def _a_child_not_ready_is_stopped_and_nothing_is_done() -> None:
    """Under load the child may not have worked out its list when this process gets there:
    this process does not wait for it (the caller then works it out as it would without)."""

    def plan() -> tuple[str, list[int], Callable[[int], int]]:
        time.sleep(30)
        return "k", [1], lambda x: x

    started = time.monotonic()
    ahead: Ahead[int, int] = Ahead(plan)
    assert ahead.map("k", [1, 2, 3], lambda x: x) is None
    assert not ahead.running and time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def _a_child_slower_than_this_process_is_not_waited_for() -> None:
    """The chunk the child is still on when the claims run out is worked out here."""
    parent = os.getpid()

    def work(x: int) -> int:
        if os.getpid() != parent and x >= 4:
            time.sleep(30)
        return x + 1

    started = time.monotonic()
    ahead = Ahead(_plan(list(range(40)), work))
    time.sleep(0.2)
    assert ahead.map("k", list(range(40)), work) == list(range(1, 41))
    assert time.monotonic() - started < 5


def _an_error_here_is_raised_and_the_child_stopped() -> None:
    def work(x: int) -> int:
        raise ValueError(f"not {x}")

    started = time.monotonic()
    ahead = Ahead(_plan(list(range(100_000)), lambda x: time.sleep(1)))
    time.sleep(0.1)
    with pytest.raises(ValueError, match="not"):
        ahead.map("k", list(range(100_000)), work)
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def _a_child_not_needed_is_stopped() -> None:
    started = time.monotonic()
    with Ahead(_plan(list(range(1000)), lambda x: time.sleep(1))) as ahead:
        assert ahead.running
    assert not ahead.running and time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


@pytest.mark.parametrize(
    "case",
    [
        _both_take_chunks_until_none_is_left,
        _a_child_ahead_does_it_all,
        _another_key_is_another_list_worked_out_here,
        _a_child_that_dies_leaves_its_chunks_to_this_process,
        _a_child_that_plans_nothing_leaves_it_all_here,
        _a_child_not_ready_is_stopped_and_nothing_is_done,
        _a_child_slower_than_this_process_is_not_waited_for,
        _an_error_here_is_raised_and_the_child_stopped,
        _a_child_not_needed_is_stopped,
    ],
    ids=lambda case: case.__name__.strip("_"),
)
def test_ahead(case: Callable[[], None], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ssg.forked, "_MIN_CHUNK", 4)
    _fresh(case)


def test_no_child_ahead_beside_another_thread() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        ahead = Ahead(_plan([1, 2], lambda x: x))
        assert not ahead.running
        assert ahead.map("k", [1, 2], lambda x: x) == [1, 2]
    finally:
        stop.set()
        other.join()
