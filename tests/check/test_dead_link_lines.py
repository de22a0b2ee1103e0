"""SEC-06 within the site: one finding per link to a missing file, at the line that writes it
(ARCHITECTURE §3.1). A page that links one missing file twice has two links to correct; the
rule reported the first only, and the editor who fixed it met the second on the next build.
Real sites on disk, the real CLI."""

from __future__ import annotations

from pathlib import Path

from tests.sitekit import make_site, run

HEAD = "---\ntitle: 下载\ndate: 2026-11-18\nsource: 办公室\nreviewed_by: 审核人\n---\n"
PAGE = "content/dt/xiazai.md"  # (its body starts on line 7)


def sec_06(root: Path) -> list[str]:
    lines = run(root, "--all").with_code("SEC-06")
    return sorted(line.split(" (")[0] for line in lines)


def test_two_links_to_one_missing_file_are_two_findings_at_their_lines(tmp_path: Path) -> None:
    make_site(
        tmp_path, {PAGE: HEAD + "[申请表](biao.pdf)\n\n正文。\n\n再次下载：[申请表](biao.pdf)\n"}
    )
    found = sec_06(tmp_path)
    assert [x.split(": ", 1)[0] for x in found] == [f"{PAGE}:11", f"{PAGE}:7"], found
    assert all("指向不存在的 dt/biao.pdf" in x for x in found)


def test_two_spellings_of_one_missing_file_are_reported_at_each_line(tmp_path: Path) -> None:
    make_site(tmp_path, {PAGE: HEAD + "[申请表](biao.pdf)\n\n[表格](/dt/biao.pdf)\n"})
    found = sec_06(tmp_path)
    assert [x.split(": ", 1)[0] for x in found] == [f"{PAGE}:7", f"{PAGE}:9"], found


def test_one_line_with_a_dead_link_twice_is_one_finding(tmp_path: Path) -> None:
    make_site(tmp_path, {PAGE: HEAD + "[申请表](biao.pdf) 或 [同一表格](biao.pdf)\n"})
    assert [x.split(": ", 1)[0] for x in sec_06(tmp_path)] == [f"{PAGE}:7"]


def test_a_file_name_in_the_text_is_not_a_link(tmp_path: Path) -> None:
    """Only lines that write the URL whole count: the name in a sentence, followed by
    Chinese punctuation, is not a second link."""
    make_site(tmp_path, {PAGE: HEAD + "请下载biao.pdf。\n\n[申请表](biao.pdf)\n"})
    assert [x.split(": ", 1)[0] for x in sec_06(tmp_path)] == [f"{PAGE}:9"]


def test_a_url_that_ends_another_url_is_found_at_its_own_element(tmp_path: Path) -> None:
    """`<img src=x>` on line 22 was reported at line 18, which holds …/x: the lookup took the
    end of another URL for the link. Both the dead link and the missing alt are at line 22."""
    body = "\n" * 11 + "参见[国务院网站](https://www.gov.cn/x)。\n\n正文。\n\n<img src=x>\n"
    make_site(tmp_path, {PAGE: HEAD + body})
    assert (tmp_path / PAGE).read_text(encoding="utf-8").splitlines()[21] == "<img src=x>"
    result = run(tmp_path, "--all")
    found = [
        line.split(": ", 1)[0] + " " + line.split("[", 1)[1].split("]")[0]
        for line in result.lines
        if PAGE in line and ("[SEC-06]" in line or "[A11Y-02]" in line)
    ]
    assert sorted(found) == [f"{PAGE}:22 A11Y-02", f"{PAGE}:22 SEC-06"], result.lines
