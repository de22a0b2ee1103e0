"""The generated configuration's Content-Security-Policy in Debian's Chromium, through a real
nginx (tests/deploy/conftest.py): the theme's inline scripts run (allowed by their hashes),
search.js reads the index nginx sends, and no policy violation is reported on the pages that
carry script. The browser of this folder resolves only 127.0.0.1, so the site is that nginx's
default server here (`Listen.default_server`); the conac and jiucuo embeds the policy allows
fail to resolve, which is a network error, not a violation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.deploy.conftest import Built, Certificate, Server, serving

# (the build and certificate fixtures of tests/deploy/, shared by importing them)
from tests.deploy.conftest import built as built
from tests.deploy.conftest import certificate as certificate

WATCH = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation', function (e) {"
    "  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));"
    "});"
)


@pytest.fixture(scope="module")
def nginx(
    built: Built, certificate: Certificate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    with serving(built, certificate, tmp_path_factory, default_server=True) as running:
        yield running


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(ignore_https_errors=True)  # (the test's own certificate)
    context.add_init_script(WATCH)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, errors


def url(server: Server, path: str) -> str:
    return f"https://127.0.0.1:{server.https_port}{path}"


def test_the_themes_inline_script_runs_under_the_policy(page: Any, nginx: Server) -> None:
    response = page.goto(url(nginx, "/"))
    assert "sha256-" in response.headers["content-security-policy"]
    # base.html's inline script marks the document before the first paint
    assert page.evaluate("document.documentElement.classList.contains('js')")
    assert page.evaluate("window.__csp") == []


def test_the_knowledge_base_filter_runs_under_the_policy(page: Any, nginx: Server) -> None:
    page.goto(url(nginx, "/zsk/"))
    page.fill("#zsk-q", "供暖")
    page.wait_for_function("document.getElementById('zsk-count').textContent.length > 0")
    assert "找到 1 条" in page.inner_text("#zsk-count")
    assert page.evaluate("window.__csp") == []


def test_search_finds_through_nginx(page: Any, nginx: Server) -> None:
    page.goto(url(nginx, "/search/?q=常务会议"))
    page.wait_for_selector("#search-app[data-ready='true']", state="attached")
    titles = page.locator(".search-result-title").all_inner_texts()
    assert titles and "市政府召开常务会议" in titles[0]
    assert page.evaluate("window.__csp") == []
