"""The policy library's URLs answered by a real nginx with the build's nginx.conf, after a
second build (ssg/derive/policy_library.py, ssg/library_record.py):

- the earlier URLs of 长岭县人民政府 (by-issuer/zhang-ling-…/, before the library read 吉林's
  place names) are a 301 to the new URL, page by page, as an item's aliases are;
- a homophone published by the second build (鲳岭县人民政府) takes chang-ling-…-2/: 长岭's
  published URL still shows 长岭's policies;
- a topic renamed on its line of data/library-urls.yaml (公示 → 公告) answers its old URL
  (by-topic/gong-shi/, each page) with a 301 to the new one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from ssg.build import BuildOptions, build
from tests.deploy.conftest import Built, Certificate, Server, build_site, serving
from tests.sitekit import BUILD_DATE, SITE_YAML, policy

OLD = "/zcwj/by-issuer/zhang-ling-xian-ren-min-zheng-fu/"
NEW = "/zcwj/by-issuer/chang-ling-xian-ren-min-zheng-fu/"
HOMOPHONE = "/zcwj/by-issuer/chang-ling-xian-ren-min-zheng-fu-2/"
RENAMED, TOPIC = "/zcwj/by-topic/gong-shi/", "/zcwj/by-topic/gong-gao/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, certificate: Certificate) -> Built:
    files = {
        f"content/zcwj/cl-{n}.md": policy(
            f"长政发〔2026〕{n}号", f"2026-10-{n:02d}", issuer="长岭县人民政府", topic="公示"
        )
        for n in range(1, 7)
    }
    first = build_site(
        tmp_path_factory.mktemp("library-site"),
        certificate,
        files,
        site_yaml=SITE_YAML + "page_size: 5\n",
    )
    root = first.root
    (root / "content/zcwj/ch-1.md").write_text(
        policy("鲳政发〔2026〕1号", issuer="鲳岭县人民政府"), encoding="utf-8"
    )
    for path in (root / "content/zcwj").glob("cl-*.md"):
        path.write_text(path.read_text("utf-8").replace("topic: 公示", "topic: 公告"), "utf-8")
    record = root / "data/library-urls.yaml"
    record.write_text(
        record.read_text("utf-8").replace(f"{RENAMED}: 公示", f"{RENAMED}: 公告"), "utf-8"
    )
    options = BuildOptions(source=root, out=first.out, build_date=dt.date.fromisoformat(BUILD_DATE))
    second = build(options)
    assert second.written and second.site is not None
    return dataclasses.replace(first, site=second.site)


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
        (RENAMED, TOPIC),
        (f"{RENAMED}index.html", TOPIC),
        (f"{RENAMED}index_2.html", f"{TOPIC}index_2.html"),
    ],
)
def test_each_earlier_url_is_a_permanent_redirect_to_the_new_one(
    server: Server, path: str, target: str
) -> None:
    status, headers, _ = server.request("GET", path)
    assert (status, headers.get("location")) == (301, target)


@pytest.mark.parametrize(
    ("path", "name", "other"),
    [
        (NEW, "长岭县人民政府", "鲳岭县人民政府"),
        (f"{NEW}index_2.html", "长岭县人民政府", "鲳岭县人民政府"),
        (HOMOPHONE, "鲳岭县人民政府", "长岭县人民政府"),
        (TOPIC, "公告", "公示"),
    ],
)
def test_the_published_urls_show_what_they_showed(
    server: Server, path: str, name: str, other: str
) -> None:
    status, _, body = server.request("GET", path)
    text = body.decode("utf-8")
    assert status == 200 and name in text and other not in text, path
