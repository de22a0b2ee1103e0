"""A migration's `destination` (data/lifecycle.yaml, ARCHITECTURE §2.3) that is not a whole
http(s) URL is reported at its file, line and field, saying what is wrong and what to write —
in the words the mapping CSV's new URLs and `ssg probe --url` use (ssg/monitor/urls.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import make_site, run

LIFECYCLE = "# 网站迁移\n- event: migration\n  date: 2026-12-01\n  destination: {destination}\n"
WHERE = "data/lifecycle.yaml:4: error [LIFECYCLE-03] [1].destination: 迁移去向网址 "


@pytest.mark.parametrize(("destination", "why"), [
    # (it said “… 应为完整网址，如 https://www.example.gov.cn/” whatever was wrong, or nothing)
    ("https://www.jl.gov.cn/qian yi/", "“https://www.jl.gov.cn/qian yi/” 含有空格；网址中不能有空白，"
     "空格应写作 %20，如 https://www.jl.gov.cn/qian%20yi/ (whitespace in the URL: write a space as %20)"),
    ("https://www.jl.gov.cn/迁移\u3000公告/", "含有全角空格；网址中不能有空白"),
    ('"https://www.jl.gov.cn/\\t/"', "含有空白字符；网址中不能有空白"),
    ("'https://www.jl.gov.cn/<qianyi>/'", "含有网址中不能直接出现的字符 <；应写作 %3C "
     "(character not allowed in a URL: write it as %3C)"),
    ("'https://www.jl.gov.cn\\qianyi\\'", "含有网址中不能直接出现的字符 \\（若是路径分隔符，应写作 /）；应写作 %5C"),
    ("'https://www.jl.gov.cn/\"qianyi\"/'", "含有网址中不能直接出现的字符 \"；应写作 %22"),
    ('"https://www.jl.gov.cn/\\x01/"', "含有网址中不能直接出现的字符 \\x01；应写作 %01"),
    ("https://www.jl.gov.cn/100%.html", "中的 “%.h” 不是百分号编码（% 后应为两位十六进制数字）；"
     "百分号本身应写作 %25"),
    ("https://www.jl.gov.cn:99999/", "写法不对（Port out of range 0-65535）；请检查方括号 [ ] 是否成对、"
     "端口是否为 0 至 65535 的数字"),
    ("/ceshi/", "“/ceshi/” 只是路径，应为完整网址，如 https://<域名>/ceshi/"),
    ("www.jl.gov.cn/ceshi/", "没有写 https:// 或 http://，应为完整网址，如 https://www.jl.gov.cn/ceshi/"),
    ("ftp://www.jl.gov.cn/", "以 ftp: 开头，只支持 http:// 和 https://"),
    ("https:///ceshi/", "没有域名，应如 https://www.example.gov.cn/"),
    # typed with a Chinese input method (it suggested https://https：//…)
    ("https：//www.jl.gov.cn/", "的协议或域名中有全角符号“：”，应为半角“:”"),
    ("https://www．jl.gov.cn/", "的协议或域名中有全角符号“．”，应为半角“.”"),
])  # fmt: skip
def test_a_destination_that_is_no_url_says_what_is_wrong_at_its_line_and_field(
    tmp_path: Path, destination: str, why: str
) -> None:
    make_site(tmp_path, {"data/lifecycle.yaml": LIFECYCLE.format(destination=destination)})
    result = run(tmp_path)
    found = [line for line in result.lines if line.startswith("data/lifecycle.yaml:")]
    assert result.code == 1
    assert len(found) == 1 and found[0].startswith(WHERE) and why in found[0], found


@pytest.mark.parametrize("destination", [
    "https://www.jl.gov.cn/qian%20yi/",  # (written as the message says)
    "https://www.jl.gov.cn/迁移公告/",  # (a browser's address bar shows Chinese as it is)
    "https://示例市政府.政务/",
    "https://www.jl.gov.cn/迁移，公告/",  # (full-width punctuation in the path is a path's)
    "http://www.jl.gov.cn:8080/ceshi/?from=ceshi#top",
])  # fmt: skip
def test_a_whole_url_is_a_destination(tmp_path: Path, destination: str) -> None:
    make_site(tmp_path, {"data/lifecycle.yaml": LIFECYCLE.format(destination=destination)})
    # (the compliance rules on a migration, NOTICE-02, still speak: not of the input)
    assert [line for line in run(tmp_path).lines if "[LIFECYCLE-" in line] == []
