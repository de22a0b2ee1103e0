"""集约化, SEC-06 across sites: a link written in full to another site of the repository is
judged by what that site's build publishes (ssg/cross_site.py SiteView), as the site's own
rule judges the same link; by the real CLI on real folders."""

from __future__ import annotations

import re
from pathlib import Path

from tests.sitekit import BUILD_DATE, interpretation, make_site, policy
from tests.test_cross_site import settled
from tests.test_sites import DEPARTMENT_YAML, NOTICES, OPENING, cli, platform

HEAD = (
    "---\ntitle: 链接\ndate: 2026-11-18\nsource: 测试市人民政府办公室\nreviewed_by: 审核人\n---\n"
)
PORTAL_NOTICE = "https://www.ceshi.gov.cn/tz/fgw-ceshi-wangzhan-kaitong-20261102.html"
OWN_NOTICE = "https://fgw.ceshi.gov.cn/tz/wangzhan-kaitong-20261102.html"
# "页面 … 的链接 <url> 指向…": the URL as the message shows it
_LINKED = re.compile(r"的链接 (\S+) 指向")


def sec_06(err: str, prefix: str) -> list[str]:
    return [x for x in err.splitlines() if x.startswith(prefix) and "[SEC-06]" in x]


def linked(lines: list[str]) -> list[str]:
    return sorted(m.group(1) for x in lines if (m := _LINKED.search(x)))


def test_links_to_the_lifecycle_notices_of_a_sibling_and_the_listing_page_they_fill(
    tmp_path: Path,
) -> None:
    """The department's own opening notice, the notice of it ssg puts on the portal
    (NOTICE-01) and the second listing page that notice gives the portal's 通知公告 are pages
    those sites publish; a listing page beyond them is not."""
    repo = platform(tmp_path)
    site_yaml = repo / "www/data/site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "page_size: 5\n", "utf-8")
    for n in range(1, 6):  # five notices of its own: the department's opening is the sixth
        (repo / f"www/content/tz/n{n}.md").write_text(
            HEAD.replace("链接", f"通知{n}").replace("2026-11-18", f"2026-10-0{n}") + "内容。\n",
            encoding="utf-8",
        )
    (repo / "bumen/fgw/content/dt/kaitong.md").write_text(
        HEAD + f"[门户发布的开通公告]({PORTAL_NOTICE})、"
        "[第二页](https://www.ceshi.gov.cn/tz/index_2.html)、"
        "[第三页](https://www.ceshi.gov.cn/tz/index_3.html)。\n",
        encoding="utf-8",
    )
    (repo / "www/content/dt/fgw.md").write_text(
        HEAD + f"[开通公告]({OWN_NOTICE})。\n", encoding="utf-8"
    )
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    assert (repo / "public/www/tz/index_2.html").is_file()
    assert not (repo / "public/www/tz/index_3.html").exists()
    assert (repo / "public/www" / PORTAL_NOTICE.split("gov.cn/")[1]).is_file()
    assert (repo / "public/bumen/fgw" / OWN_NOTICE.split("gov.cn/")[1]).is_file()
    found = [x for x in err.splitlines() if "本仓库站点" in x]
    assert linked(found) == ["https://www.ceshi.gov.cn/tz/index_3.html"], err


def _repository(root: Path, body: str) -> Path:
    """A portal and a department whose page at dt/links.md holds `body`, linking the
    department by its domain: a link between sites on the portal, a link of its own on the
    department. The department has bundles (folders with a file and no index.html), a
    dotfile in static/, a draft column and a Chinese domain."""
    make_site(
        root / "www",
        {
            **NOTICES,
            "content/zcwj/p200.md": policy("测政发〔2026〕200号"),
            "content/dt/links.md": HEAD + body,
        },
    )
    make_site(
        root / "bumen/fgw",
        {
            **NOTICES,
            "data/lifecycle.yaml": OPENING,
            "content/zcjd/jd200.md": interpretation("测政发〔2026〕200号"),
            "content/zcjd/b1/index.md": interpretation("测政发〔2026〕200号", title="图解"),
            "content/zcjd/b2/index.md": interpretation("测政发〔2026〕200号", title="图解二"),
            "content/cg/_index.md": "---\ntitle: 草稿栏目\ntype: news\ndraft: true\n---\n",
            "content/dt/links.md": HEAD + body,
        },
        site_yaml=DEPARTMENT_YAML + "chinese_domain: 测试发改委.政务\n",
    )
    (root / "bumen/fgw/content/zcjd/b1/图.png").write_bytes(b"png")
    (root / "bumen/fgw/content/zcjd/b2/图.png").write_bytes(b"png")
    (root / "bumen/fgw/static/forms").mkdir(parents=True)
    (root / "bumen/fgw/static/forms/申请表.pdf").write_bytes(b"%PDF")
    (root / "bumen/fgw/static/.htaccess").write_bytes(b"deny from all")
    (root / "sites.yaml").write_text("- path: www\n- path: bumen/fgw\n", encoding="utf-8")
    return root


# Each shape of link, and whether the department publishes what it names.
SHAPES = {
    "https://fgw.ceshi.gov.cn/zcjd/jd200.html": True,
    "https://fgw.ceshi.gov.cn/zcwj/../zcjd/jd200.html": True,  # (a browser drops the "..")
    "https://fgw.ceshi.gov.cn/zcjd/./jd200.html": True,
    "https://fgw.ceshi.gov.cn/zcjd/": True,
    "https://fgw.ceshi.gov.cn/zcjd": True,  # (a column's folder: its index.html)
    "https://fgw.ceshi.gov.cn/zcjd/b1.html": True,
    "https://fgw.ceshi.gov.cn/zcjd/b1/%E5%9B%BE.png": True,
    "https://fgw.ceshi.gov.cn/static/forms/%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf": True,
    OWN_NOTICE: True,
    "https://fgw.ceshi.gov.cn/zcjd/b1/": False,  # a bundle's folder: no index.html (403)
    "https://fgw.ceshi.gov.cn/zcjd/b2": False,
    "https://fgw.ceshi.gov.cn/static/.htaccess": False,  # never copied, refused by nginx
    "https://fgw.ceshi.gov.cn/static/forms/": False,
    "https://fgw.ceshi.gov.cn/cg/": False,  # a draft column
    "https://fgw.ceshi.gov.cn/zcwj/../zcjd/nothing2.html": False,
    "https://fgw.ceshi.gov.cn/zcjd/nothing.html": False,
}


def test_the_rule_across_sites_and_the_sites_own_rule_agree_on_every_shape(
    tmp_path: Path,
) -> None:
    """The same links, on the portal (judged across sites) and on the department itself
    (judged on its output): the same ones are dead, and only those that are."""
    body = "\n\n".join(f"[链接{n}]({url})" for n, url in enumerate(SHAPES)) + "\n"
    repo = _repository(tmp_path, body)
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    dead = sorted(url for url, ok in SHAPES.items() if not ok)
    across = sec_06(err, "www/content/dt/links.md")
    own = sec_06(err, "bumen/fgw/content/dt/links.md")
    assert linked(across) == dead, err
    assert linked(own) == dead, err
    # each finding at a line where its link is written
    lines = (repo / "www/content/dt/links.md").read_text(encoding="utf-8").splitlines()
    for finding in across:
        (url,) = linked([finding])
        assert url in lines[int(finding.split(":")[1]) - 1], finding


def test_a_dead_link_to_a_siblings_chinese_domain_is_named_as_written(tmp_path: Path) -> None:
    """The page carries the IDNA form (xn--…) of the 中文域名; the editor wrote the Chinese."""
    repo = _repository(tmp_path, "[没有](https://测试发改委.政务/zcjd/nothing.html)\n")
    code, _, err = cli("check", "--all", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    (found,) = sec_06(err, "www/content/dt/links.md")
    assert found.startswith("www/content/dt/links.md:7: deduct [SEC-06] "), found
    assert (
        "的链接 https://测试发改委.政务/zcjd/nothing.html 指向本仓库站点 bumen/fgw（测试发改委.政务）"
        in (found)
    )
    assert "xn--" not in found


def test_two_links_to_one_missing_page_of_a_sibling_are_two_findings(tmp_path: Path) -> None:
    """One finding per line that writes the dead link, as the site's own rule gives
    (tests/check/test_dead_link_lines.py): the rule reported the first line only."""
    dead = "https://fgw.ceshi.gov.cn/zcjd/nothing.html"
    repo = _repository(tmp_path, f"[没有]({dead})\n\n正文。\n\n[再次]({dead}) 与 [三]({dead})\n")
    code, _, err = cli("check", "--all", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    found = sec_06(err, "www/content/dt/links.md")
    assert sorted(x.split(": ", 1)[0] for x in found) == [
        "www/content/dt/links.md:11",
        "www/content/dt/links.md:7",
    ], err


def test_a_kept_view_of_a_sibling_follows_the_notices_announced_on_it(tmp_path: Path) -> None:
    """The portal's view, as the department's build keeps it, holds the notice of the
    department's opening: when the department moves its opening, the kept view (the
    portal's own files unchanged) is read again."""
    import datetime as dt

    from ssg.cross_site import other_sites

    repo = settled(platform(tmp_path))
    date = dt.date(2026, 11, 20)
    first = other_sites(repo / "bumen/fgw", date)
    assert first is not None
    assert first[1][0].pages.publishes("/tz/fgw-ceshi-wangzhan-kaitong-20261102.html")
    lifecycle = repo / "bumen/fgw/data/lifecycle.yaml"
    lifecycle.write_text(OPENING.replace("2026-11-02", "2026-11-05"), encoding="utf-8")
    moved = other_sites(repo / "bumen/fgw", date)
    assert moved is not None
    portal = moved[1][0].pages
    assert portal.publishes("/tz/fgw-ceshi-wangzhan-kaitong-20261105.html")
    assert not portal.publishes("/tz/fgw-ceshi-wangzhan-kaitong-20261102.html")
