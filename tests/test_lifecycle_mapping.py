"""The migration mapping CSV (data/lifecycle.yaml `mapping`, ARCHITECTURE §2.3): every row
that is not `old path,new URL` is reported at its file, line and field, saying what is wrong
and how to write it, in the one diagnostic format."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import make_site, run

LIFECYCLE = (
    "- event: migration\n  date: 2026-12-01\n  destination: https://www.jl.gov.cn/\n"
    "  mapping: data/map.csv\n"
)
# (row, field, what the message must say): one row a line, from line 2 (line 1 the header).
ROWS = [
    ("/dt/a.html,https://www.jl.gov.cn/dt/a b.html", "new",
     "新网址 “https://www.jl.gov.cn/dt/a b.html” 含有空格；网址中不能有空白，空格应写作 %20，"
     "如 https://www.jl.gov.cn/dt/a%20b.html (whitespace in the URL: write a space as %20)"),
    ("/dt/b.html,https://www.jl.gov.cn/dt/b\u3000c.html", "new", "含有全角空格；"),
    ("/dt/c.html,www.jl.gov.cn/dt/c.html", "new",
     "没有写 https:// 或 http://，应为完整网址，如 https://www.jl.gov.cn/dt/c.html"),
    ("/dt/d.html,/dt/d.html", "new", "只是路径，应为完整网址，如 https://<域名>/dt/d.html"),
    ("/dt/e.html,ftp://www.jl.gov.cn/e.html", "new", "以 ftp: 开头，只支持 http:// 和 https://"),
    ("/dt/f.html,https:///f.html", "new", "没有域名"),
    ("/dt/g.html,https://[www.jl.gov.cn/g.html", "new", "请检查方括号 [ ] 是否成对"),
    ("/dt/h.html", "new", "缺少新网址；每行应为“旧路径,新网址”"),
    ("/dt/i.html,", "new", "缺少新网址"),
    ("dt/j.html,https://www.jl.gov.cn/j.html", "old", "旧路径 “dt/j.html” 应以 / 开头，如 /dt/j.html"),
    ("https://www.ceshi.gov.cn/dt/k.html,https://www.jl.gov.cn/k.html", "old",
     "只写本站的路径，不写协议和域名，如 /dt/k.html"),
    (",https://www.jl.gov.cn/l.html", "old", "缺少旧路径"),
    # typed with a Chinese input method (they said 缺少新网址, and 如 https://https：//…)
    ("/dt/m.html，https://www.jl.gov.cn/m.html", "", "这一行用全角逗号“，”分隔旧路径与新网址"),
    ("/dt/n.html,https：//www.jl.gov.cn/n.html", "new", "的协议或域名中有全角符号“：”"),
]  # fmt: skip


def test_each_wrong_row_says_what_is_wrong_at_its_line_and_field(tmp_path: Path) -> None:
    csv = "old,new\n" + "".join(row + "\n" for row, _field, _why in ROWS)
    make_site(tmp_path, {"data/lifecycle.yaml": LIFECYCLE, "data/map.csv": csv})
    result = run(tmp_path)
    found = [line for line in result.lines if line.startswith("data/map.csv:")]
    assert result.code == 1
    assert len(found) == len(ROWS), found
    for line, (_row, field, why) in enumerate(ROWS, start=2):
        prefix = f"data/map.csv:{line}: error [LIFECYCLE-05] " + (f"{field}: " if field else "")
        assert any(f.startswith(prefix) and why in f for f in found), (prefix, why, found)


def test_the_space_written_as_the_message_says_is_accepted(tmp_path: Path) -> None:
    csv = "旧路径,新网址\n/dt/huiyi.html,https://www.jl.gov.cn/dt/a b.html\n"
    make_site(tmp_path, {"data/lifecycle.yaml": LIFECYCLE, "data/map.csv": csv})
    assert [line for line in run(tmp_path).lines if "LIFECYCLE-05" in line]
    (tmp_path / "data/map.csv").write_text(csv.replace(" ", "%20"), encoding="utf-8")
    assert [line for line in run(tmp_path).lines if "data/map.csv" in line] == []


def test_a_dead_new_url_of_the_mapping_is_reported_at_its_row_by_the_check(
    tmp_path: Path,
) -> None:
    # The migrated page links to its new URL (here on the site's own domain, so the build
    # checks it): no content file writes that URL, the mapping's row 3 does.
    csv = (
        "old,new\n/dt/huiyi.html,https://www.jl.gov.cn/dt/\n"
        "/gk/gaikuang.html,https://www.ceshi.gov.cn/nowhere/gk.html\n"
    )
    lifecycle = LIFECYCLE.replace("2026-12-01", "2026-11-10")  # begun by the build date
    make_site(tmp_path, {"data/lifecycle.yaml": lifecycle, "data/map.csv": csv})
    found = [line for line in run(tmp_path).lines if "[SEC-06]" in line]
    assert len(found) == 1, found
    assert found[0].startswith(
        "data/map.csv:3: deduct [SEC-06] 页面 gk/gaikuang.html 的链接 "
        "https://www.ceshi.gov.cn/nowhere/gk.html 指向不存在的 nowhere/gk.html"
    )


def test_a_mapping_that_is_a_folder_is_reported_at_the_mapping_line(tmp_path: Path) -> None:
    """It was `data:0: error [FILE-03] data 应为文件`, at no line of data/lifecycle.yaml."""
    make_site(tmp_path, {"data/lifecycle.yaml": LIFECYCLE.replace("data/map.csv", "data")})
    result = run(tmp_path)
    assert result.code == 1
    [line] = result.with_code("LIFECYCLE-05")
    assert line.startswith("data/lifecycle.yaml:4: error [LIFECYCLE-05] ") and "mapping" in line
    assert "是一个文件夹" in line
    assert not [x for x in result.lines if x.startswith("data:")], result.lines


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        ("", ["data/lifecycle.yaml:4: advice [LIFECYCLE-05] [1].mapping: 网址对照表 data/map.csv 是空的"]),
        ("old,new\n\n", ["data/lifecycle.yaml:4: advice [LIFECYCLE-05] [1].mapping: 网址对照表 data/map.csv 是空的"]),
        ("old,new\n/dt/a.html,https://www.jl.gov.cn/dt/a.html\n", []),  # (one row: a mapping)
    ],
)  # fmt: skip
def test_an_empty_mapping_is_advice_at_the_mapping_line(
    tmp_path: Path, mapping: str, expected: list[str]
) -> None:
    """A mapping file named and left empty (or only its header) mapped nothing, in silence:
    said at the field that names it; advice, so the build still goes on."""
    make_site(tmp_path, {"data/lifecycle.yaml": LIFECYCLE, "data/map.csv": mapping})
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    assert [x.split("，")[0] for x in result.with_code("LIFECYCLE-05")] == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Excel's “CSV” on a Chinese Windows: GBK; the first Chinese cell is on line 2.
        (
            "old,new\n/dt/会议.html,https://www.jl.gov.cn/a.html\n".encode("gbk"),
            "data/map.csv:2: error [FILE-01] 文件不是 UTF-8 编码（第 13 字节无法解码）；看起来是 "
            "GBK/GB18030 编码，请转换为 UTF-8 后再提交，例如 `iconv -f GBK -t UTF-8 data/map.csv "
            "-o data/map.csv.utf8`",
        ),
        # Excel's “Unicode 文本”
        (
            "old,new\n/dt/a.html,https://www.jl.gov.cn/a.html\n".encode("utf-16"),
            "data/map.csv:1: error [FILE-01] 文件是 UTF-16 编码（记事本的“Unicode”），请另存为 UTF-8",
        ),
        # the workbook itself named instead of the CSV saved from it
        (b"PK\x03\x04" + bytes(range(256)), "data/map.csv:0: error [FILE-02] "),
    ],
)
def test_a_mapping_not_in_utf8_is_said_as_every_file_says_it(
    tmp_path: Path, raw: bytes, expected: str
) -> None:
    """A mapping saved by Excel was “对照表不是 UTF-8 编码” at line 1, without the encoding it
    looked like or the command that converts it, which data/messages.csv and every other
    file of the site are told (FILE-01)."""
    make_site(tmp_path, {"data/lifecycle.yaml": LIFECYCLE})
    (tmp_path / "data/map.csv").write_bytes(raw)
    result = run(tmp_path)
    assert result.code == 1
    found = [line for line in result.lines if line.startswith("data/map.csv:")]
    assert len(found) == 1 and found[0].startswith(expected), found


def test_a_mapping_saved_with_a_bom_and_crlf_is_read(tmp_path: Path) -> None:
    """Excel's “CSV UTF-8”: a BOM and Windows line ends, read as the rows they are."""
    csv = "旧路径,新网址\r\n/dt/huiyi.html,https://www.jl.gov.cn/dt/huiyi.html\r\n"
    make_site(tmp_path, {"data/lifecycle.yaml": LIFECYCLE})
    (tmp_path / "data/map.csv").write_bytes(b"\xef\xbb\xbf" + csv.encode("utf-8"))
    assert [line for line in run(tmp_path).lines if "map.csv" in line or "FILE-0" in line] == []


def test_a_mapping_path_written_with_backslashes_names_the_file(tmp_path: Path) -> None:
    """`mapping: data\\map.csv`, as a path is written on Windows, was “找不到网址对照表” (a
    blocked build) with the file beside it: it is that file, its rows read and reported at
    data/map.csv."""
    lifecycle = LIFECYCLE.replace("data/map.csv", "data\\map.csv")
    csv = "old,new\n/dt/huiyi.html,https://www.jl.gov.cn/dt/huiyi.html\ndt/x.html,https://www.jl.gov.cn/x\n"
    make_site(tmp_path, {"data/lifecycle.yaml": lifecycle, "data/map.csv": csv})
    found = [line for line in run(tmp_path).lines if "LIFECYCLE-05" in line]
    assert len(found) == 1 and found[0].startswith("data/map.csv:3: error [LIFECYCLE-05] old: "), (
        found
    )
