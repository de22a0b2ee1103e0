"""The index process imports numpy without BLAS threads (ssg.search.import_numpy): OpenBLAS
starts one per other core as it loads, and each spins for a tenth of a second, in a build that
never multiplies a matrix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ssg.search import BLAS_THREADS
from tests.e2e.conftest import REPO

# The threads of the process once numpy is imported, and which of the variables it then has.
_PROBE = (
    "import json, os; from ssg.search import import_numpy, BLAS_THREADS; import_numpy(); "
    "print(json.dumps([len(os.listdir('/proc/self/task')), "
    "{k: os.environ.get(k) for k in BLAS_THREADS}]))"
)


def _probe(**env: str) -> tuple[int, dict[str, str | None]]:
    clean = {k: v for k, v in os.environ.items() if k not in BLAS_THREADS}
    done = subprocess.run(
        [sys.executable, "-P", "-c", _PROBE],
        env={**clean, "PYTHONPATH": str(REPO), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    threads, seen = json.loads(done.stdout)
    return threads, seen


@pytest.mark.skipif(
    not Path("/proc/self/task").is_dir() or (os.cpu_count() or 1) < 2,
    reason="threads counted in /proc; OpenBLAS starts none on one core",
)
def test_numpy_is_imported_without_blas_threads_and_the_environment_as_it_was() -> None:
    threads, seen = _probe()
    assert threads == 1
    assert seen == dict.fromkeys(BLAS_THREADS)  # (set for the import only)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="threads counted in /proc")
def test_a_thread_count_the_user_set_stands() -> None:
    _, seen = _probe(OPENBLAS_NUM_THREADS="2")
    assert seen["OPENBLAS_NUM_THREADS"] == "2"
    assert seen["OMP_NUM_THREADS"] is None
