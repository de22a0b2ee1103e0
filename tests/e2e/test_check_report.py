"""`ssg check` on a site with planted faults: the exact report, and its JSON and SARIF forms.

To accept a deliberate change of wording: `SSG_UPDATE_GOLDEN=1 pytest tests/e2e`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parents[1] / "fixtures" / "faults"
GOLDEN = Path(__file__).parents[1] / "fixtures" / "faults.expected.txt"


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ssg", "check", "--source", str(FIXTURE), "--date", "2026-11-20",
         *args],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


def test_text_report_is_the_golden_transcript() -> None:
    result = check()
    if os.environ.get("SSG_UPDATE_GOLDEN"):
        GOLDEN.write_text(result.stderr, encoding="utf-8")
    assert result.returncode == 1  # the INTERACT-02 veto blocks
    assert result.stderr.splitlines() == GOLDEN.read_text(encoding="utf-8").splitlines()
    assert not (FIXTURE / "public").exists(), "ssg check publishes nothing"


def test_json_report() -> None:
    result = check("--format", "json")
    data = json.loads(result.stdout)
    assert data["veto"] is True
    assert data["summary"] == {"error": 0, "veto": 1, "deduct": 6, "advice": 0, "accepted": 1}
    accepted = [d for d in data["diagnostics"] if d["accepted"]]
    assert [(d["code"], d["file"]) for d in accepted] == [("SEC-06", "content/dt/lianjie.md")]
    veto = next(d for d in data["diagnostics"] if d["severity"] == "veto")
    assert veto["rule"]["source"].startswith("检查指标")


def test_sarif_report() -> None:
    sarif = json.loads(check("--format", "sarif").stdout)
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    levels = {(r["ruleId"], r["level"]) for r in results}
    assert ("INTERACT-02", "error") in levels and ("CONTENT-08", "warning") in levels
    located = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "content/dt/jiuwen.md" in located
    suppressed = [r for r in results if r.get("suppressions")]
    assert len(suppressed) == 1


def test_html_report_is_self_contained() -> None:
    page = check("--format", "html").stdout
    assert page.startswith("<!DOCTYPE html>") and "合规检查报告" in page
    assert "http" not in page.split("<body>", 1)[0].replace('"https://json', "")
    assert "旧版网站已关闭" in page


def test_no_verdict_when_input_errors_kept_the_rules_from_running(tmp_path: Path) -> None:
    """An input error stops the rules: "no veto found" would be a verdict never reached."""
    from tests.sitekit import make_site

    make_site(tmp_path, {"content/dt/bad.md": "---\ntitle: [未闭合\n---\n正文\n"})
    argv = [sys.executable, "-m", "ssg", "check", "--source", str(tmp_path), "--date", "2026-11-20"]
    text = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=120)
    assert text.returncode == 1
    assert "未发现可机器检查的单项否决项" not in text.stderr
    assert "抽查结论：输入有错误，合规规则未运行，未作结论" in text.stderr
    as_json = subprocess.run(
        [*argv, "--format", "json"], capture_output=True, text=True, check=False, timeout=120
    )
    data = json.loads(as_json.stdout)
    assert data["checked"] is False and data["veto"] is None
    assert [d["code"] for d in data["diagnostics"] if d["severity"] == "error"] == ["YAML-01"]


def test_no_verdict_when_the_rules_ran_beside_an_input_error(tmp_path: Path) -> None:
    """An input error a rule reads (a previous_urls line that is no URL, DEPLOY-04) leaves the
    rules running: the text and HTML reports said 未作结论, the JSON `veto: false`."""
    from tests.sitekit import make_site

    make_site(
        tmp_path,
        {
            "deploy/urls-2025.txt": "/gk/gaikuang.html\n上一次的网址\n",
            "data/deploy.yaml": "hosting: {provider: 吉林省政务云, region: 吉林省}\n"
            "previous_urls: deploy/urls-2025.txt\n",
        },
    )
    argv = [sys.executable, "-m", "ssg", "check", "--source", str(tmp_path), "--date", "2026-11-20"]
    text = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=120)
    assert text.returncode == 1
    assert "deploy/urls-2025.txt:2: error [DEPLOY-04]" in text.stderr
    assert "抽查结论：输入有错误，未作结论；请先改正错误" in text.stderr
    as_json = subprocess.run(
        [*argv, "--format", "json"], capture_output=True, text=True, check=False, timeout=120
    )
    data = json.loads(as_json.stdout)
    assert data["checked"] is True and data["summary"]["error"] == 1
    assert data["veto"] is None
