"""集约化 and a domain change: a sibling is known by its old domain too (ssg/cross_site.py
other_hosts). Until the change's date the old domain is where the sibling's pages are; after
it, nginx redirects each of its paths to the same path on the new domain (RULES NOTICE-04).
Either way a link written in full to the old domain is a link into the sibling, judged by its
content (SEC-06), and a search page on the old domain is the sibling asking the multi-site
search server. Real repository on disk, the real CLI, the real server over HTTP."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from ssg.search import server
from tests.search.test_server import serving
from tests.sitekit import BUILD_DATE, make_site
from tests.test_cross_site import repository
from tests.test_sites import DEPARTMENT_YAML, cli

OLD = "www.ceshi-old.gov.cn"
NEW = "www.ceshi.gov.cn"
CHANGE = "2026-11-25"
LINKS = "content/dt/lianjie.md"
HEAD = "---\ntitle: 链接\ndate: 2026-11-18\nsource: 发改委\nreviewed_by: 审核人\n---\n"


def with_domain_change(root: Path) -> Path:
    """The portal (www) changes its domain from OLD to NEW on CHANGE; the department
    (bumen/fgw) interprets its policy zcwj/p200."""
    repo = repository(root)
    (repo / "www/data/lifecycle.yaml").write_text(
        f"- event: domain_change\n  date: {CHANGE}\n  old_domain: {OLD}\n", encoding="utf-8"
    )
    return repo


def sec_06_about_the_portal(repo: Path, date: str) -> list[str]:
    code, _, err = cli("check", "--all", "--source", str(repo), "--date", date)
    assert code == 0, err  # (deduct: reported, the build goes on)
    return [x for x in err.splitlines() if "本仓库站点" in x]


@pytest.mark.parametrize("date", [BUILD_DATE, CHANGE])
def test_a_link_to_the_old_domain_is_judged_by_the_siblings_content(
    tmp_path: Path, date: str
) -> None:
    """Before the change (the old domain is the portal's address) and after it (redirected
    path for path): a page the portal has is no finding, one it lacks is SEC-06 at its line."""
    repo = with_domain_change(tmp_path)
    (repo / "bumen/fgw" / LINKS).write_text(
        HEAD + f"见[市政府文件](https://{OLD}/zcwj/p200.html)。\n\n"
        f"旧链接：[已删除的文件](https://{OLD}/zcwj/p199.html)。\n",
        encoding="utf-8",
    )
    found = sec_06_about_the_portal(repo, date)
    assert len(found) == 1, found
    assert found[0].startswith(f"bumen/fgw/{LINKS}:9: deduct [SEC-06]"), found
    assert f"本仓库站点 www（{OLD}）中不存在的 /zcwj/p199.html" in found[0]


def test_a_link_to_a_page_the_sibling_has_on_its_old_domain_is_not_reported(
    tmp_path: Path,
) -> None:
    repo = with_domain_change(tmp_path)
    (repo / "bumen/fgw" / LINKS).write_text(
        HEAD + f"见[市政府文件](https://{OLD}/zcwj/p200.html)和[首页](https://{OLD}/)。\n",
        encoding="utf-8",
    )
    assert sec_06_about_the_portal(repo, BUILD_DATE) == []


def ask(base: str, origin: str, query: str) -> list[dict[str, str]]:
    request = urllib.request.Request(
        f"{base}/api/search?{urlencode({'q': query})}", headers={"Origin": f"https://{origin}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return list(json.loads(response.read())["results"])


def test_server_search_knows_the_sibling_by_its_old_domain_and_links_it_there(
    tmp_path: Path,
) -> None:
    """Indexed before the change: the portal's search page is still on the old domain, and
    asking from it is the portal asking (its own results stay relative); the department's
    page gets the portal's results on the old domain, where the department's own links point.
    Indexed on the change's date: the new domain."""
    repo = with_domain_change(tmp_path)
    index = tmp_path / "index"
    for date, portal in ((BUILD_DATE, OLD), (CHANGE, NEW)):
        code, _, err = cli(
            "search", "index", "--source", str(repo), "--index", str(index), "--date", date
        )
        assert code == 0, err
        with serving(server.make_server(index, "127.0.0.1", 0)) as base:
            mine = [r for r in ask(base, OLD, "通知") if r["site"] == NEW]
            assert mine and all(r["url"].startswith("/") for r in mine), (date, mine)
            theirs = [r for r in ask(base, "fgw.ceshi.gov.cn", "通知") if r["site"] == NEW]
            assert theirs, date
            assert all(r["url"].startswith(f"https://{portal}/") for r in theirs), (date, theirs)


def test_an_old_domain_handed_on_to_another_sibling_is_that_siblings(tmp_path: Path) -> None:
    """The portal once answered on fgw.ceshi.gov.cn, the department's domain now: a third
    site's link there is judged by the department's content, not the portal's."""
    repo = repository(tmp_path)
    (repo / "www/data/lifecycle.yaml").write_text(
        "- event: domain_change\n  date: 2020-01-01\n  old_domain: fgw.ceshi.gov.cn\n",
        encoding="utf-8",
    )
    third = (
        DEPARTMENT_YAML.replace("测试市发展和改革委员会", "测试市教育局")
        .replace("fgw.ceshi.gov.cn", "jyj.ceshi.gov.cn")
        .replace('"2298000002"', '"2298000003"')
    )
    make_site(
        repo / "bumen/jyj",
        {LINKS: HEAD + "[解读](https://fgw.ceshi.gov.cn/zcjd/jd200.html)。\n"},
        site_yaml=third,
    )
    (repo / "sites.yaml").write_text(
        # (the department listed first: the portal's old name read last must not win)
        "- path: bumen/fgw\n- path: www\n- path: bumen/jyj\n",
        encoding="utf-8",
    )
    assert sec_06_about_the_portal(repo, BUILD_DATE) == []
