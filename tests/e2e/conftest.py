"""The sample portal, built once per test session exactly as `make build` builds it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]


def sample_date() -> str:
    """The fixed build date of the sample, read from the Makefile so the two never drift."""
    match = re.search(
        r"^SAMPLE_DATE := (\d{4}-\d{2}-\d{2})$", (REPO / "Makefile").read_text(), re.M
    )
    assert match, "Makefile must define SAMPLE_DATE"
    return match.group(1)


def build_sample(out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ssg", "build", "--date", sample_date(), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("sample") / "public"
    result = build_sample(out)
    assert result.returncode == 0, result.stderr
    return out, result.stderr


@pytest.fixture(scope="session")
def public(sample_build: tuple[Path, str]) -> Path:
    return sample_build[0]
