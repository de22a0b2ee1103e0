"""The generated configuration's Content-Security-Policy in Debian's Chromium, through the real
nginx of tests/deploy/conftest.py: the theme's inline scripts run (allowed by their hashes),
search.js reads the index nginx sends, and no policy violation is reported on the pages that
carry script. Offline: only the test domain resolves (to 127.0.0.1); the conac and jiucuo
embeds the CSP allows fail to resolve, which is a network error, not a violation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.deploy.conftest import DOMAIN, Server

WATCH = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation', function (e) {"
    "  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));"
    "});"
)


@pytest.fixture(scope="module")
def chromium(server: Server) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"Debian's Chromium missing ({CHROMIUM}); run `make setup-test`")
    from playwright.sync_api import sync_playwright

    args = [a for a in CHROMIUM_ARGS if not a.startswith("--host-resolver-rules")]
    args.append(f"--host-resolver-rules=MAP {DOMAIN} 127.0.0.1, MAP * ~NOTFOUND")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium: Any, server: Server) -> Iterator[Any]:
    context = chromium.new_context(ignore_https_errors=True)  # (the test's own certificate)
    context.add_init_script(WATCH)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, errors


def url(server: Server, path: str) -> str:
    return f"https://{DOMAIN}:{server.https_port}{path}"


def test_the_themes_inline_script_runs_under_the_policy(page: Any, server: Server) -> None:
    page.goto(url(server, "/"))
    # base.html's inline script marks the document before the first paint
    assert page.evaluate("document.documentElement.classList.contains('js')")
    assert page.evaluate("window.__csp") == []


def test_the_knowledge_base_filter_runs_under_the_policy(page: Any, server: Server) -> None:
    page.goto(url(server, "/zsk/"))
    page.fill("#zsk-q", "供暖")
    page.wait_for_function("document.getElementById('zsk-count').textContent.length > 0")
    assert "找到 1 条" in page.inner_text("#zsk-count")
    assert page.evaluate("window.__csp") == []


def test_search_finds_through_nginx(page: Any, server: Server) -> None:
    page.goto(url(server, "/search/?q=常务会议"))
    page.wait_for_selector("#search-app[data-ready='true']", state="attached")
    titles = page.locator(".search-result-title").all_inner_texts()
    assert titles and "市政府召开常务会议" in titles[0]
    assert page.evaluate("window.__csp") == []
