"""A renamed column's old subtree answered by a real nginx with the build's nginx.conf: each
page under the old path is a 301 to the same page under the new one, in one hop (exact
locations, one a page, as an item's aliases are), and an old path under it that names no
page of the column is a 404 there rather than a 301 to a 404 (why not one `location ^~`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.deploy.conftest import Built, Certificate, Server, build_site, serving
from tests.deploy.test_column_aliases import MOVED, SUBTREE
from tests.sitekit import SITE_YAML


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, certificate: Certificate) -> Built:
    files = {k: v for k, v in SUBTREE.items() if k != "data/deploy.yaml"}
    files["content/dt/fujian/cailiao.pdf"] = "%PDF-1.4\n%%EOF\n"
    return build_site(
        tmp_path_factory.mktemp("renamed-column"),
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
        *MOVED,
        ("/dongtai/", "/dt/"),
        ("/dongtai", "/dt/"),
        ("/dongtai/hy", "/dt/hy/"),
        ("/dongtai/hy/index.html", "/dt/hy/"),
    ],
)
def test_each_old_page_is_a_permanent_redirect_to_its_new_address(
    server: Server, path: str, target: str
) -> None:
    status, headers, _ = server.request("GET", path)
    assert (status, headers.get("location")) == (301, target)
    status, _, _ = server.request("GET", target)
    assert status == 200, target


@pytest.mark.parametrize("path", ["/dongtai/buzai.html", "/dongtai/cg/", "/dongtai/cg/weifa.html"])
def test_an_old_path_that_names_no_published_page_is_not_found(server: Server, path: str) -> None:
    status, _, _ = server.request("GET", path)
    assert status == 404
