"""The committed folder of broken files and the exact lines the build prints for it.

The golden transcript is the editor-facing contract of diagnostics: one line per problem,
`path:line: severity [CODE] field: message`, all problems at once, never a traceback.
To accept a deliberate change of wording: `SSG_UPDATE_GOLDEN=1 pytest tests/e2e`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parents[1] / "fixtures" / "broken"
GOLDEN = Path(__file__).parents[1] / "fixtures" / "broken.expected.txt"
SSG = [sys.executable, "-m", "ssg"]


def run_build(out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SSG, "build", "--source", str(FIXTURE), "--out", str(out), "--date", "2026-11-20"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_broken_fixture_prints_the_golden_transcript(tmp_path: Path) -> None:
    out = tmp_path / "public"
    result = run_build(out)
    transcript = result.stderr.replace(str(out), "<out>")
    if os.environ.get("SSG_UPDATE_GOLDEN"):
        GOLDEN.write_text(transcript, encoding="utf-8")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert transcript.splitlines() == GOLDEN.read_text(encoding="utf-8").splitlines()


def test_blocked_build_leaves_previous_output_whole(tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / ".ssg-output").write_text("ssg\n", encoding="utf-8")
    (out / "index.html").write_text("上一次的发布", encoding="utf-8")
    result = run_build(out)
    assert result.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == [".ssg-output", "index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "上一次的发布"
    assert not list(tmp_path.glob(".public.tmp-*")), "the staging folder must be removed"


def test_every_transcript_line_has_the_one_format() -> None:
    pattern = r"^[^:]+:\d+: (error|veto|deduct|advice) \[[A-Z0-9-]+\] "
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    diagnostics = [
        line for line in lines if not line.startswith(("错误 ", "构建被阻止", "输入有错误"))
    ]
    assert len(diagnostics) >= 20
    import re

    assert all(re.match(pattern, line) for line in diagnostics), diagnostics
