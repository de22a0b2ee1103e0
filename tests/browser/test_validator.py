"""The Nu Html Checker (vnu.jar, from npm `vnu-jar`, run with Debian's Java) reports no error
on one page of every page type, in one JVM call. Also checks the harness itself: axe finds
violations on a page made to fail, so a green run means something."""

from __future__ import annotations

import json
import subprocess
from typing import Any

from tests.browser.conftest import VNU
from tests.browser.site_pages import SitePages


def test_vnu_finds_no_error_on_any_page_type(java: str, site_pages: SitePages) -> None:
    pages = site_pages.representatives()
    files = [
        str(site_pages.root / (url.lstrip("/") + ("index.html" if url.endswith("/") else "")))
        for url in pages.values()
    ]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    errors = [
        f"{m.get('url', '').rsplit('/public/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
        for m in report["messages"]
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert len(files) >= 12
    assert not errors, "\n".join(errors)
    assert result.returncode == 0


def test_axe_harness_reports_a_page_made_to_fail(browser: Any, axe_source: str) -> None:
    page = browser.new_page()
    page.set_content(
        '<!DOCTYPE html><html lang="zh-CN"><head><title>坏页面</title></head><body><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#ccc">浅色文字</p>'
        "<label>无关联</label><input></main></body></html>"
    )
    page.add_script_tag(content=axe_source)
    found = page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(v => v.id)"
    )
    page.close()
    assert {"image-alt", "color-contrast", "label"} <= set(found), found
