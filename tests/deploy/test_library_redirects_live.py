"""The policy library's earlier URLs (by-issuer/zhang-ling-…/ of 长岭县人民政府, before the
library read 吉林's place names) answered by a real nginx with the build's nginx.conf: a 301
to the new URL, page by page, as an item's aliases are (ssg/derive/policy_library.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.deploy.conftest import Built, Certificate, Server, build_site, serving
from tests.sitekit import SITE_YAML, policy

OLD = "/zcwj/by-issuer/zhang-ling-xian-ren-min-zheng-fu/"
NEW = "/zcwj/by-issuer/chang-ling-xian-ren-min-zheng-fu/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, certificate: Certificate) -> Built:
    files = {
        f"content/zcwj/cl-{n}.md": policy(
            f"长政发〔2026〕{n}号", f"2026-10-{n:02d}", issuer="长岭县人民政府"
        )
        for n in range(1, 7)
    }
    return build_site(
        tmp_path_factory.mktemp("library-site"),
        certificate,
        files,
        site_yaml=SITE_YAML + "page_size: 5\n",
    )


@pytest.fixture(scope="module")
def server(
    built: Built, certificate: Certificate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    with serving(built, certificate, tmp_path_factory) as running:
        yield running


@pytest.mark.parametrize(
    ("path", "target"),
    [
        (OLD, NEW),
        (OLD.rstrip("/"), NEW),
        (f"{OLD}index.html", NEW),
        (f"{OLD}index_2.html", f"{NEW}index_2.html"),
    ],
)
def test_each_earlier_url_is_a_permanent_redirect_to_the_new_one(
    server: Server, path: str, target: str
) -> None:
    status, headers, _ = server.request("GET", path)
    assert (status, headers.get("location")) == (301, target)


def test_the_new_pages_are_served(server: Server) -> None:
    for path in (NEW, f"{NEW}index_2.html"):
        status, _, body = server.request("GET", path)
        assert status == 200 and "长岭县人民政府" in body.decode("utf-8"), path
