"""Browser tests of the default theme: the built sample portal served over 127.0.0.1 and
driven in Debian's Chromium (never a downloaded browser) with Playwright for Python.

Everything here is installed by `make test` (deps/apt.txt: chromium, fonts-noto-cjk,
default-jre-headless; deps/test.lock: playwright; deps/package-lock.json: axe-core, vnu-jar).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.site_pages import SitePages
from tests.e2e.conftest import REPO, build_sample

CHROMIUM = Path("/usr/bin/chromium")
NODE_MODULES = REPO / "deps" / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = Path(__file__).parent / "screenshots"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--mute-audio",
    # Offline and deterministic: the configured conac / jiucuo embeds fail at once instead of
    # reaching out; only the test server on 127.0.0.1 resolves.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def _require(path: Path, what: str) -> None:
    if not path.exists():
        pytest.fail(f"{what} missing ({path}); run `make setup-test` to install it", pytrace=False)


@pytest.fixture(scope="session")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "public"
    result = build_sample(out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def site_pages(public: Path) -> SitePages:
    return SitePages.scan(public)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(public: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(public))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _require(CHROMIUM, "Debian's Chromium (deps/apt.txt)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    _require(AXE, "axe-core (deps/package.json)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def java() -> str:
    found = shutil.which("java")
    if found is None:
        pytest.fail("java missing; run `make setup-test` (deps/apt.txt)", pytrace=False)
    _require(VNU, "vnu-jar (deps/package.json)")
    return found
