"""ssg/forked.py: one list worked through by this process and a forked child."""

from __future__ import annotations

import os
import threading

import pytest

from ssg.forked import map_in_two


def test_results_are_a_serial_runs_in_order() -> None:
    inputs = list(range(101))
    assert map_in_two(lambda x: (x, x * x), inputs, 0.56) == [(x, x * x) for x in inputs]


def test_the_child_does_its_share() -> None:
    parent = os.getpid()
    done_by = map_in_two(lambda _x: os.getpid(), list(range(10)), 0.5)
    assert done_by[:5] == [parent] * 5
    assert all(pid != parent for pid in done_by[5:])


def test_a_child_that_dies_leaves_its_share_to_this_process() -> None:
    parent = os.getpid()

    def work(x: int) -> int:
        if os.getpid() != parent:
            os._exit(9)  # (killed mid-way, as by the OOM killer)
        return x + 1

    assert map_in_two(work, list(range(20)), 0.5) == list(range(1, 21))


def test_a_result_that_cannot_be_pickled_is_worked_out_here() -> None:
    parent = os.getpid()

    def work(x: int) -> object:
        return x if os.getpid() == parent else (lambda: x)  # (a lambda does not pickle)

    assert map_in_two(work, list(range(6)), 0.5) == list(range(6))


def test_an_error_in_this_process_share_is_raised() -> None:
    def work(x: int) -> int:
        if x == 2:
            raise ValueError("two")
        return x

    with pytest.raises(ValueError, match="two"):
        map_in_two(work, list(range(8)), 0.5)


def test_an_error_in_the_childs_share_is_raised_here() -> None:
    def work(x: int) -> int:
        if x == 7:
            raise ValueError("seven")
        return x

    with pytest.raises(ValueError, match="seven"):
        map_in_two(work, list(range(8)), 0.5)


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
