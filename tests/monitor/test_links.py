"""SEC-06 after deployment: the external links of a real built site, checked against a real
local server (the footer's links to the filing systems resolve nowhere: see conftest)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from ssg.monitor.links import Link, LinkCache, check_urls, external_links, findings
from ssg.monitor.sources import setting_place
from tests.monitor.conftest import Server
from tests.sitekit import SITE_YAML, cli, make_site, run

ITEM = """\
---
title: 外部链接测试
date: 2026-11-19
source: 测试市人民政府办公室
reviewed_by: 审核人
---
正文第一段。

[好链接]({ok})

[坏链接]({gone})

[不接受 HEAD 的网站]({nohead})

[跳转后可用]({redirect})
"""


@pytest.fixture
def built(tmp_path: Path, server: Server) -> Path:
    urls = {name: server.url(f"/{name}") for name in ("ok", "gone", "nohead", "redirect")}
    make_site(tmp_path, {"content/dt/waibu.md": ITEM.format(**urls)})
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    return tmp_path


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_a_dead_external_link_is_reported_at_its_content_line(built: Path, server: Server) -> None:
    code, out, err = cli("links", "--external", "--source", str(built), "--delay", "0", "--all")
    assert code == 0  # deduct findings do not block
    gone = server.url("/gone")
    line = line_of(built / "content/dt/waibu.md", gone)
    assert (
        f"content/dt/waibu.md:{line}: deduct [SEC-06] 页面 dt/waibu.html 的外部链接 {gone} "
        f"无法访问（HTTP 404）" in err
    )
    for fine in ("/ok", "/nohead", "/redirect"):
        assert f"外部链接 {server.url(fine)} " not in err
    # HEAD was refused (405): GET was asked, and answered
    assert [s.method for s in server.state.seen if s.path == "/nohead"] == ["HEAD", "GET"]
    # each distinct URL once, though the page links it from every listing too
    assert len([s for s in server.state.seen if s.path == "/gone"]) == 2  # HEAD, then GET
    assert "检查了" in out and "无法访问" in out


def test_the_embed_from_site_yaml_is_reported_at_its_line_there(built: Path) -> None:
    _code, _out, err = cli("links", "--external", "--source", str(built), "--delay", "0", "--all")
    conac = SITE_YAML.split("script: ", 1)[1].split("}", 1)[0].strip('"')
    line = line_of(built / "data/site.yaml", conac)
    assert f"data/site.yaml:{line}: deduct [SEC-06] 页面 index.html 的外部链接 {conac} " in err


def test_strict_makes_a_dead_link_block(built: Path) -> None:
    code, _out, _err = cli(
        "links", "--external", "--source", str(built), "--delay", "0", "--strict"
    )
    assert code == 1


def test_a_rerun_within_the_day_asks_no_host_again(built: Path, server: Server) -> None:
    cli("links", "--external", "--source", str(built), "--delay", "0")
    asked = len(server.state.seen)
    _code, out, err = cli("links", "--external", "--source", str(built), "--delay", "0")
    assert len(server.state.seen) == asked
    assert f"外部链接 {server.url('/gone')} 无法访问（HTTP 404）" in err  # remembered
    total = out.split("检查了 ", 1)[1].split(" ", 1)[0]
    assert f"（{total} 个取自一天内的缓存）" in out
    cli("links", "--external", "--source", str(built), "--delay", "0", "--no-cache")
    assert len(server.state.seen) == 2 * asked


def test_an_accepted_dead_link_is_listed_with_its_reason(built: Path, server: Server) -> None:
    (built / "data/allow.yaml").write_text(
        "- {code: SEC-06, path: dt/waibu, reason: 对方网站已关闭，已报备}\n", encoding="utf-8"
    )
    code, _out, err = cli("links", "--external", "--source", str(built), "--delay", "0", "--strict")
    line = next(x for x in err.splitlines() if server.url("/gone") in x)
    assert line.endswith("[已接受 accepted: 对方网站已关闭，已报备]")
    assert "ALLOW-03" not in err
    assert code == 1  # (the footer's links, that resolve nowhere here, are still dead)


def test_without_external_the_command_says_where_internal_links_are_checked(
    built: Path,
) -> None:
    code, _out, err = cli("links", "--source", str(built))
    assert code == 2 and "ssg build" in err


def test_without_a_built_output_it_is_a_usage_error(tmp_path: Path) -> None:
    code, _out, err = cli("links", "--external", "--source", str(tmp_path))
    assert code == 2 and "找不到构建输出" in err
    (tmp_path / "public").write_text("not the output")  # --out given a file: said so
    code, _out, err = cli("links", "--external", "--source", str(tmp_path))
    assert code == 2 and f"构建输出 {tmp_path / 'public'} 是文件，不是文件夹" in err


# --- the parts ---------------------------------------------------------------------------


def test_external_links_are_the_http_ones_not_the_sites_own(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/page.html").write_text(
        '<a href="//cdn.example.org/x.js#top">x</a> <a href="https://www.ceshi.gov.cn/a.html">own</a>'
        '<a href="mailto:a@b.cn">m</a> <img src="http://img.example.org/p.png" alt="p">'
        '<a href="ftp://files.example.org/f">f</a> <div style="background:url(https://bg.example.org/b.png)">',
        encoding="utf-8",
    )
    (tmp_path / ".hidden.html").write_text('<a href="https://hidden.example.org/">h</a>')
    found = external_links(tmp_path, ["www.ceshi.gov.cn"])
    assert list(found) == [
        "http://img.example.org/p.png",
        "https://bg.example.org/b.png",
        "https://cdn.example.org/x.js",
    ]
    assert [(link.page, link.written) for link in found["https://cdn.example.org/x.js"]] == [
        ("a/page.html", "//cdn.example.org/x.js#top")
    ]


def test_one_request_at_a_time_per_host_with_a_pause_between(server: Server) -> None:
    urls = [server.url(f"/slow?s=0.05&n={n}", host) for host in ("127.0.0.1", "localhost")
            for n in range(4)]  # fmt: skip
    answers = check_urls(urls, jobs=4, delay=0.2, timeout=5)
    assert all(a.ok for a in answers.values())
    assert server.state.most == {"127.0.0.1": 1, "localhost": 1}
    for host in ("127.0.0.1", "localhost"):
        starts = [s.at for s in server.state.seen if s.host == host]
        assert len(starts) == 4
        # (the pause runs from each answer, 0.05 s after its request arrived: arrivals are
        # 0.25 s apart, and a request the loaded server saw late leaves 0.06 s to spare)
        assert all(b - a >= 0.19 for a, b in itertools.pairwise(starts))


def test_the_get_after_a_refused_head_waits_its_pause_too(server: Server) -> None:
    """README: at least --delay after an answer before the next request to that host. The
    GET that follows a HEAD the server refuses came 1-50 ms after it."""
    answers = check_urls([server.url("/nohead")], delay=0.3, timeout=5)
    assert answers[server.url("/nohead")].ok
    seen = [s for s in server.state.seen if s.path == "/nohead"]
    assert [s.method for s in seen] == ["HEAD", "GET"]
    assert seen[1].at - seen[0].at >= 0.29


def test_dead_for_every_reason_and_alive_after_a_head_is_dropped(server: Server) -> None:
    paths = ["/ok", "/drop-head", "/nohead", "/redirect", "/gone", "/fail", "/drop", "/slow?s=3"]
    answers = check_urls([server.url(p) for p in paths], delay=0, timeout=0.5)
    alive = {p for p in paths if answers[server.url(p)].ok}
    assert alive == {"/ok", "/drop-head", "/nohead", "/redirect"}
    # a server that did not answer in time is not asked a second time, more slowly
    assert [s.method for s in server.state.seen if s.path == "/slow?s=3"] == ["HEAD"]


def test_the_cache_forgets_after_a_day_and_survives_corruption(tmp_path: Path) -> None:
    path = tmp_path / "links.json"
    path.write_text("{not json", encoding="utf-8")
    cache = LinkCache(path, now=1000.0)
    assert cache.entries == {}
    calls: list[str] = []

    def get(url: str, method: str, timeout: float, **_: object):  # type: ignore[no-untyped-def]
        from ssg.monitor.fetch import Fetched

        calls.append(method)
        return Fetched(url, url, 200, 0.1)

    check_urls(["https://a.example.org/"], delay=0, cache=cache, get=get)
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8"))["https://a.example.org/"]["status"] == 200
    within = LinkCache(path, now=1000.0 + 86399)
    check_urls(["https://a.example.org/"], delay=0, cache=within, get=get)
    later = LinkCache(path, now=1000.0 + 86400)
    check_urls(["https://a.example.org/"], delay=0, cache=later, get=get)
    assert calls == ["HEAD", "HEAD"]


def test_a_host_that_asks_to_slow_down_is_not_called_dead(server: Server) -> None:
    busy, gone = server.url("/busy"), server.url("/gone")
    answers = check_urls([busy, gone], delay=0, timeout=5)
    links = {url: [Link("a.html", url)] for url in (busy, gone)}
    found = findings(links, answers, lambda link: ("public/" + link.page, 0))
    [advice, deduct] = found
    assert advice.severity.value == "advice" and "HTTP 429" in advice.message
    assert deduct.severity.value == "deduct" and "HTTP 404" in deduct.message


def test_the_footers_filing_links_are_reported_at_their_keys_in_site_yaml(built: Path) -> None:
    # footer.html makes them of `icp` and `police_record`: no content file writes them, and
    # "content/…md:0" on every page sent the editor to files that cannot fix them.
    _code, _out, err = cli("links", "--external", "--source", str(built), "--delay", "0", "--all")
    site_yaml = built / "data/site.yaml"
    for url, key in (
        ("https://beian.miit.gov.cn/", "icp:"),
        ("https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=", "police_record:"),
    ):
        lines = [line for line in err.splitlines() if f"的外部链接 {url}" in line]
        assert lines, err
        assert all(line.startswith(f"data/site.yaml:{line_of(site_yaml, key)}: ") for line in lines)


def test_a_link_made_of_lifecycle_yaml_is_reported_at_its_line_there(tmp_path: Path) -> None:
    root = tmp_path
    destination = "https://xin.example.invalid/"
    (root / "data").mkdir()
    (root / "data/lifecycle.yaml").write_text(
        f"- event: migration\n  date: 2026-11-01\n  destination: {destination}\n", encoding="utf-8"
    )
    assert setting_place(root, destination) == ("data/lifecycle.yaml", 3)
    assert setting_place(root, "https://elsewhere.invalid/") is None


def test_the_summary_does_not_count_a_rate_limited_link_as_dead(
    tmp_path: Path, server: Server
) -> None:
    busy, gone = server.url("/busy"), server.url("/gone")
    make_site(
        tmp_path,
        {"content/dt/waibu.md": ITEM.format(ok=busy, gone=gone, nohead=busy, redirect=busy)},
    )
    assert run(tmp_path, command="build").code == 0
    _code, out, err = cli("links", "--external", "--source", str(tmp_path), "--delay", "0", "--all")
    assert f"外部链接 {busy} 所在网站要求降低访问频率" in err
    dead = len(
        {
            line.split("的外部链接 ")[1].split()[0]
            for line in err.splitlines()
            if "无法访问（" in line
        }
    )
    assert f"无法访问 {dead} 个，1 个所在网站要求降低访问频率" in out, out


def test_a_dead_new_url_of_the_migration_mapping_is_reported_at_its_row(
    tmp_path: Path, server: Server
) -> None:
    # Every migrated page links to its new URL; only the mapping CSV writes it, at line 3.
    gone, ok = server.url("/gone"), server.url("/ok")
    make_site(
        tmp_path,
        {
            "data/lifecycle.yaml": "- event: migration\n  date: 2026-11-10\n"
            f"  destination: {ok}/\n  mapping: data/migration.csv\n",
            "data/migration.csv": f"old,new\n/dt/huiyi.html,{ok}\n/gk/gaikuang.html,{gone}\n",
        },
    )
    assert run(tmp_path, command="build").code == 0
    _code, _out, err = cli("links", "--external", "--source", str(tmp_path), "--delay", "0")
    found = [line for line in err.splitlines() if f"的外部链接 {gone} " in line]
    assert found == [
        f"data/migration.csv:3: deduct [SEC-06] 页面 gk/gaikuang.html 的外部链接 {gone} "
        "无法访问（HTTP 404）；请改正或删除该链接 (dead external link on gk/gaikuang.html)"
    ]
