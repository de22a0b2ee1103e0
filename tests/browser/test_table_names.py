"""The names Chromium gives body tables and their scroll regions in its accessibility tree
(what a screen reader announces), on a real build served over 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import Any

from tests.content.test_table_names import TITLE, site_with_tables
from tests.sitekit import run


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _names(tree: dict[str, Any], role: str) -> list[str]:
    return [
        str(node.get("name", {}).get("value", ""))
        for node in tree["nodes"]
        if node.get("role", {}).get("value") == role and not node.get("ignored")
    ]


def test_chromium_names_each_table_and_region_for_its_subject(tmp_path: Path, browser: Any) -> None:
    root = site_with_tables(tmp_path)
    assert run(root, command="build").code == 0
    handler = functools.partial(_Quiet, directory=str(root / "public"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/dt/biaoge.html")
        tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    expected = [
        TITLE,  # (before any heading: the page's title)
        "一、工业 & 建筑业",
        "二、消费（表3）",  # (one heading, two tables: told apart)
        "二、消费（表4）",
        "表5　社会消费品零售总额",  # (its own caption)
    ]
    assert _names(tree, "table") == expected
    # the scroll box of each table, a keyboard stop, is announced with the same name
    regions = _names(tree, "region")
    assert [n for n in regions if n in expected] == expected, regions
    assert not [n for n in regions if n.startswith("表格")], regions
