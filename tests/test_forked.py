"""ssg/forked.py: one list worked through by this process and a forked child.

`map_in_two` forks only in a process with one thread (ssg build's), and the test session has
others (the browser tests' server, for one): each case that needs the fork runs in a process
forked for it (`_fresh`), which has one thread, as `ssg build` has."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

import pytest

from ssg.forked import map_in_two
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
