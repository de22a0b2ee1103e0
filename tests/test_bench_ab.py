"""bench/ab.py, run for real on a small site with two copies of ssg: the builds are dated
(without `--date` what they build, and so what is timed, depended on the day of the run), and
the order alternates round by round (A always first, B's build found the caches A warmed)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.sitekit import make_site
from tests.test_sites import NOTICES, OPENING

REPO = Path(__file__).resolve().parents[1]


def ab(tmp_path: Path, *options: str, b: str = "b") -> subprocess.CompletedProcess[str]:
    """bench/ab.py over two copies of this ssg (or one, `b="a"`) and a site with an opening
    (so a build writes <out>-lifecycle beside the output)."""
    for label in sorted({"a", b}):
        shutil.copytree(
            REPO / "ssg", tmp_path / label / "ssg", ignore=shutil.ignore_patterns("__pycache__")
        )
    site = make_site(tmp_path / "site", {**NOTICES, "data/lifecycle.yaml": OPENING})
    command = [sys.executable, str(REPO / "bench/ab.py"), str(tmp_path / "a"),
               str(tmp_path / b), "--corpus", str(site), "--rounds", "2",
               "--out", str(tmp_path / "out"), "--python", sys.executable, *options]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)


def test_the_rounds_alternate_and_build_on_the_corpora_s_date(tmp_path: Path) -> None:
    done = ab(tmp_path)
    assert done.returncode == 0, done.stderr
    rounds = [line.split(":")[0] for line in done.stdout.splitlines() if line.startswith("round")]
    assert rounds == ["round 1 A", "round 1 B", "round 2 B", "round 2 A"], done.stdout
    assert "B ÷ A wall, per round: " in done.stdout
    # (nothing of the builds is left, beside the output either)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "site"]


def test_the_date_given_is_the_builds(tmp_path: Path) -> None:
    """The site's newest item is of 2026-11-18: on 2026-12-20 its home page is 32 days
    old, a veto (CONTENT-01), and the build fails."""
    done = ab(tmp_path, "--date", "2026-12-20")
    assert done.returncode == 1 and "ssg build exited 1" in done.stderr, done.stderr


def test_one_folder_as_a_and_b_is_a_comparison_of_equals(tmp_path: Path) -> None:
    """To see the noise: A and B one folder. Their builds were one list, each ratio a build
    divided by itself (1.000, twice as many as rounds)."""
    done = ab(tmp_path, b="a")
    assert done.returncode == 0, done.stderr
    ratios = next(line for line in done.stdout.splitlines() if line.startswith("B ÷ A"))
    assert len(ratios.split(":")[1].split(";")[0].split(",")) == 2, done.stdout
    for label in "AB":
        assert f"{label} {tmp_path / 'a'}: wall median" in done.stdout, done.stdout


def test_b_args_go_to_bs_builds_only(tmp_path: Path) -> None:
    """One checkout twice, two ways of building: B's builds take --b-args (here a date at which
    the site fails), A's do not."""
    done = ab(tmp_path, "--b-args=--date 2026-12-20", b="a")
    assert done.returncode == 1 and "ssg build exited 1" in done.stderr, done.stderr
    assert "round 1 A: wall" in done.stdout and "round 1 B" not in done.stdout, done.stdout
