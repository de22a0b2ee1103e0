"""NOTICE-05's `previous_urls` file (data/deploy.yaml): each shape of line read as what it is —
blank lines and comments skipped, this site's paths and URLs compared with the build, and
anything else an input error at its line (DEPLOY-04), never a page that vanished. Real files:
a site on disk, checked by `ssg check`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ssg.build import BuildOptions, build
from ssg.check.deploy_rules import urls_kept
from ssg.check.registry import CheckContext
from ssg.deploy.previous_urls import parse_previous_urls
from ssg.diagnostics import Diagnostics, Severity
from tests.sitekit import BUILD_DATE, make_site, run

DEPLOY = (
    "hosting: {provider: 吉林省政务云, region: 吉林省}\n"
    "tls: {certificate: /etc/a.crt, key: /etc/a.key}\n"
    "previous_urls: releases/urls-2025.txt\n"
)
DOMAIN_CHANGE = (
    "- event: domain_change\n  date: 2026-11-10\n  old_domain: ceshi.jl.gov.cn\n"
    "  reason: 按照政府网站域名管理要求规范域名\n  reviewed_by: 审核人\n"
)
FILE = "releases/urls-2025.txt"
LINES = [
    "# 2025 年发布的网址（public-deploy/urls.txt 的副本）",  # 1 comment
    "   ",  # 2 blank, with spaces
    "https://www.ceshi.gov.cn/",  # 3 kept: the home page
    "   # 缩进的注释",  # 4 comment
    "\x0c",  # 5 a form feed alone: blank (and no extra line, as str.splitlines made of it)
    "https://www.ceshi.gov.cn/dt/jiu-xinwen.html",  # 6 vanished
    "hello world",  # 7 no URL
    "https://www.jl.gov.cn/gk/gaikuang.html",  # 8 another site (its path exists here)
    "/gk/gai kuang.html",  # 9 a path with a space
    "/gk/gaikuang.html  # 概况",  # 10 a comment after the URL
    "https://ceshi.jl.gov.cn/gk/gaikuang.html",  # 11 kept: the former domain (domain_change)
    "ftp://www.ceshi.gov.cn/gk/gaikuang.html",  # 12 not http(s)
    "/dt/%E4%BC%9A%E8%AE%AE.html",  # 13 vanished, as urls.txt writes a Chinese name
    "HTTPS://WWW.CESHI.GOV.CN/gk/gaikuang.html",  # 14 kept: a host is case-blind
    "/jg/zhineng.html",  # 15 kept: a path
]


def site(tmp_path: Path, lines: list[str]) -> Path:
    make_site(tmp_path, {"data/deploy.yaml": DEPLOY, "data/lifecycle.yaml": DOMAIN_CHANGE})
    (tmp_path / "releases").mkdir()
    # (written as it is: make_site's dedent would empty the lines of spaces)
    (tmp_path / FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def of_file(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith(f"{FILE}:")]


def test_each_shape_of_line_is_read_as_what_it_is(tmp_path: Path) -> None:
    result = run(site(tmp_path, LINES))
    heads = sorted(
        (line.split("] ")[0] + "]" for line in of_file(result.lines)),
        key=lambda head: int(head.split(":")[1]),
    )
    assert heads == [
        f"{FILE}:6: deduct [NOTICE-05]",
        f"{FILE}:7: error [DEPLOY-04]",
        f"{FILE}:8: error [DEPLOY-04]",
        f"{FILE}:9: error [DEPLOY-04]",
        f"{FILE}:10: error [DEPLOY-04]",
        f"{FILE}:12: error [DEPLOY-04]",
        f"{FILE}:13: deduct [NOTICE-05]",
    ]
    assert result.code == 1  # (input errors block, as every input error does)


def test_each_wrong_line_says_what_is_wrong_and_what_to_write(tmp_path: Path) -> None:
    said = {int(line.split(":")[1]): line for line in of_file(run(site(tmp_path, LINES)).lines)}
    assert said[7] == (
        f"{FILE}:7: error [DEPLOY-04] 这一行 “hello world” 既不是以 / 开头的路径，也不是完整的网址；"
        f"{FILE} 中每行写一个本站网址，如 https://www.ceshi.gov.cn/zwgk/ 或 /zwgk/，以 # 开头的行是注释 "
        "(neither a path nor a URL)"
    )
    assert said[8] == (
        f"{FILE}:8: error [DEPLOY-04] 网址 https://www.jl.gov.cn/gk/gaikuang.html 是另一个网站"
        f"（www.jl.gov.cn）的；{FILE} 应是本站（www.ceshi.gov.cn、ceshi.jl.gov.cn）上一次发布的 "
        "urls.txt 的副本，只列本站的网址 (a URL of another site: expected this site's earlier urls.txt)"
    )
    assert said[9] == (
        f"{FILE}:9: error [DEPLOY-04] 路径 “/gk/gai kuang.html” 含有空格；网址中不能有空白，空格应写作 %20，"
        "如 /gk/gai%20kuang.html (whitespace in the URL: write a space as %20)"
    )
    assert "在网址后写了注释；注释须单独成行，以 # 开头" in said[10]
    assert "以 ftp: 开头，只支持 http:// 和 https://" in said[12]
    assert "上一次发布的网址 /dt/会议.html 在本次构建中既不存在" in said[13]


def test_a_file_of_comments_and_blank_lines_and_kept_pages_says_nothing(tmp_path: Path) -> None:
    kept = [LINES[n - 1] for n in (1, 2, 3, 4, 5, 11, 14, 15)]
    assert of_file(run(site(tmp_path, kept)).lines) == []


def test_a_file_that_is_not_utf8_is_reported_not_passed_over(tmp_path: Path) -> None:
    # It was read in a try that swallowed UnicodeDecodeError: a GBK copy was never compared.
    site(tmp_path, [])
    (tmp_path / FILE).write_bytes("# 网址\n/dt/huiyi.html\n".encode("gbk"))
    assert [line.split("] ")[0] + "]" for line in of_file(run(tmp_path).lines)] == [
        f"{FILE}:1: error [FILE-01]"
    ]


def test_lines_are_counted_at_line_feeds_only() -> None:
    diags = Diagnostics()
    text = "/a.html\n/b\u2028.html\n/c d.html\n"  # (str.splitlines: 4 lines)
    found = parse_previous_urls(text, FILE, ("www.ceshi.gov.cn",), diags)
    assert [(p.line, p.path) for p in found] == [(1, "/a.html")]
    assert [(d.line, d.code) for d in diags] == [(2, "DEPLOY-04"), (3, "DEPLOY-04")]


# NOTICE-05 compares the previous URLs with the rendered pages. `ssg check` writes no output
# but renders into a folder it throws away: it judges them as `ssg build` does. Without any
# rendered output the rule says what it could not judge instead of passing in silence.
PREVIOUS = [
    "/dt/huiyi.html",  # 1 an item
    "/gk/",  # 2 a column
    "/dt/jiu-xinwen.html",  # 3 vanished
    "/sitemap.html",  # 4 a page ssg generates
]


def test_ssg_check_judges_vanished_pages_without_writing_an_output(tmp_path: Path) -> None:
    site(tmp_path, PREVIOUS)
    checked = run(tmp_path)
    assert not (tmp_path / "public").exists() and not (tmp_path / "public-deploy").exists()
    built = run(tmp_path, command="build")
    for result in (checked, built):
        assert [line.split("] ")[0] + "]" for line in of_file(result.lines)] == [
            f"{FILE}:3: deduct [NOTICE-05]"
        ]


def test_without_rendered_pages_the_rule_says_what_it_did_not_judge(tmp_path: Path) -> None:
    site(tmp_path, PREVIOUS)
    result = build(
        BuildOptions(
            source=tmp_path,
            out=tmp_path / "public",
            build_date=dt.date.fromisoformat(BUILD_DATE),
            write=False,
        )
    )
    assert result.site is not None
    findings = list(urls_kept(CheckContext(result.site, tmp_path, None, {})))
    # the item and the column are known from the site model; the other two only the output
    # could tell apart (a vanished page, a generated one): said, as advice, not passed
    assert [(f.file, f.line, f.field, f.severity) for f in findings] == [
        ("data/deploy.yaml", 3, "previous_urls", Severity.ADVICE)
    ]
    assert findings[0].message.startswith(
        f"没有渲染出的网站可供比对，{FILE} 中的 /dt/jiu-xinwen.html（第 3 行）、/sitemap.html（第 4 行）"
        "网址未检查是否仍然存在"
    )


def test_a_file_with_no_url_of_the_site_is_one_error_not_one_per_line(tmp_path: Path) -> None:
    # previous_urls naming another file (here data/deploy.yaml itself): a DEPLOY-04 per line
    # said the same thing for every line of it.
    site(tmp_path, [])
    (tmp_path / "data/deploy.yaml").write_text(
        DEPLOY.replace(FILE, "data/deploy.yaml"), encoding="utf-8"
    )
    lines = [line for line in run(tmp_path).lines if "DEPLOY-04" in line]
    assert lines == [
        "data/deploy.yaml:1: error [DEPLOY-04] data/deploy.yaml 中没有一行是本站网址（3 行都不是），"
        "不是本站上一次发布的 urls.txt 的副本；第一行的问题：这一行 “hosting: {provider: 吉林省政务云, "
        "region: 吉林省}” 既不是以 / 开头的路径，也不是完整的网址；data/deploy.yaml 中每行写一个本站网址，"
        "如 https://www.ceshi.gov.cn/zwgk/ 或 /zwgk/，以 # 开头的行是注释 (neither a path nor a URL) "
        "(no line is a URL of this site: not an earlier urls.txt of it)"
    ]


def test_a_path_written_with_backslashes_names_the_file(tmp_path: Path) -> None:
    """`previous_urls: releases\\urls-2025.txt`, as a path is written on Windows, was “找不到”
    the file beside it (DEPLOY-01, a blocked build): it is that file, its lines compared."""
    site(tmp_path, ["https://www.ceshi.gov.cn/", "https://www.ceshi.gov.cn/dt/jiu-xinwen.html"])
    deploy = tmp_path / "data/deploy.yaml"
    deploy.write_text(DEPLOY.replace(FILE, FILE.replace("/", "\\")), encoding="utf-8")
    result = run(tmp_path)
    assert not [line for line in result.lines if "DEPLOY-0" in line], result.lines
    [vanished] = of_file(result.lines)
    assert vanished.startswith(f"{FILE}:2: deduct [NOTICE-05] ")
