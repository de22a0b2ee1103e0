"""`ssg report freeze`: a published annual report keeps the figures it was submitted with.

The whole cycle on disk with the real CLI: a published report is advised to be frozen; the
command writes data/annual-report/<Y>.frozen.yaml (and nothing else) and never overwrites it;
builds show the frozen figures after the year's items are moved, withdrawn or deleted, and
report each figure the content now gives differently at its line in the frozen file.
"""

from __future__ import annotations

import contextlib
import io
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from ssg.cli import main
from tests.derive.kit import FIXTURES, differences, figures, fixture_site, report_json
from tests.derive.test_annual_report import HAND_COUNTED_2025, TOPICS_YAML
from tests.sitekit import BUILD_DATE, Run, make_site, run

FROZEN = "data/annual-report/2025.frozen.yaml"


def freeze(root: Path, year: str = "2025", date: str = BUILD_DATE) -> tuple[int, str, str]:
    """`ssg report freeze` as an editor runs it: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    argv = ["report", "freeze", year, "--source", str(root), "--date", date]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def editor_files(root: Path) -> dict[str, bytes]:
    """Everything an editor wrote: content/ and data/."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in ("content", "data")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def line_of(root: Path, rel: str, path: str) -> int:
    """The line of a field (信息发布.总数) in a nested data file."""
    rows = (root / rel).read_text(encoding="utf-8").splitlines()
    at = 0
    for depth, part in enumerate(path.split(".")):
        key = "  " * depth + part + ":"
        at = next(i for i in range(at, len(rows)) if rows[i].startswith(key))
    return at + 1


def build(root: Path, *args: str) -> Run:
    return run(root, *args, command="build")


def test_the_whole_cycle(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)

    # 1. published (signed 2026-01-20) and not frozen: advice to freeze, at the signature
    first = build(root)
    assert first.code == 0, first.lines
    data = "data/annual-report/2025.yaml"
    assert [x.split(" 2025 ")[0] for x in first.with_code("REPORT-02")] == [
        f"{data}:{line_of(root, data, '签署.填报日期')}: advice [REPORT-02]"
    ]
    assert "ssg report freeze 2025" in first.with_code("REPORT-02")[0]
    assert report_json(root / "public", 2025)["frozen_on"] is None

    # 2. the command writes the frozen file, and nothing else an editor keeps
    before = editor_files(root)
    code, out, _err = freeze(root)
    assert code == 0 and FROZEN in out
    after = editor_files(root)
    assert set(after) - set(before) == {FROZEN}
    assert {k: v for k, v in after.items() if k != FROZEN} == before
    written = yaml.safe_load((root / FROZEN).read_text(encoding="utf-8"))
    assert str(written["冻结日期"]) == BUILD_DATE
    frozen = {
        "信息发布.总数": written["信息发布"]["总数"],
        "解读回应.解读信息发布.媒体评论文章数量": written["解读回应"]["解读信息发布"][
            "媒体评论文章数量"
        ],
        "互动交流.留言办理.平均办理时间": written["互动交流"]["留言办理"]["平均办理时间"],
        "基本信息.网站名称": written["基本信息"]["网站名称"],
    }
    assert frozen == {k: HAND_COUNTED_2025[k] for k in frozen}
    assert "独立用户访问总量" not in written["基本信息"]  # (the data file's own figures stay there)

    # 3. frozen: no advice, no difference; the page says so
    second = build(root)
    assert second.code == 0 and not second.with_code("REPORT-02"), second.lines
    assert report_json(root / "public", 2025)["frozen_on"] == BUILD_DATE
    html = (root / "public/ndbb/2025/index.html").read_text(encoding="utf-8")
    assert '<li class="report-frozen">' in html and "2026年11月20日冻结" in html

    # 4. the year's items change: one withdrawn, one deleted, one moved to another column
    n3 = root / "content/dt/n3.md"
    n3.write_text(n3.read_text("utf-8").replace("---\n", "---\ndraft: true\n", 1), "utf-8")
    (root / "content/zcjd/j6.md").unlink()  # 媒体评论
    (root / "content/tz/t2.md").rename(root / "content/gk/t2.md")  # 通知公告 → 概况信息
    before = editor_files(root)
    third = build(root)
    assert third.code == 0, third.lines  # (a difference is a deduct: it blocks only --strict)
    assert editor_files(root) == before  # the build wrote nothing into content/ or data/
    shown = figures(root / "public", 2025)
    assert {k: shown[k] for k in HAND_COUNTED_2025} == HAND_COUNTED_2025  # as published
    live = dict(HAND_COUNTED_2025)
    live["信息发布.政务动态信息更新量"] -= 2  # n3 withdrawn, t2 moved away
    live["信息发布.概况类信息更新量"] += 1  # t2 moved in
    live["信息发布.信息公开目录信息更新量"] -= 1  # j6 deleted
    live["信息发布.总数"] -= 2
    live["解读回应.解读信息发布.总数"] -= 1
    live["解读回应.解读信息发布.媒体评论文章数量"] -= 1
    drifted = sorted(k for k in live if live[k] != HAND_COUNTED_2025[k])
    reported = differences(third.lines)
    assert sorted(x.split(" [REPORT-02] ")[1].split(":")[0] for x in reported) == drifted
    for line in reported:
        path = line.split(" [REPORT-02] ")[1].split(":")[0]
        assert line.startswith(f"{FROZEN}:{line_of(root, FROZEN, path)}: deduct [REPORT-02] ")
        was, now = HAND_COUNTED_2025[path], live[path]
        assert f"冻结为 {was}" in line and f"推导为 {now}" in line, line

    # 5. --strict blocks on the difference; public/ stays as the last build left it
    assert build(root, "--strict").code == 1

    # 6. freezing again never overwrites what was committed
    kept = (root / FROZEN).read_bytes()
    code, _out, err = freeze(root)
    assert code == 2 and "已存在，不会覆盖" in err
    assert (root / FROZEN).read_bytes() == kept


def test_freeze_refuses_what_cannot_be_frozen(tmp_path: Path) -> None:
    root = fixture_site(tmp_path / "site", FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    code, _out, err = freeze(root, "2026")  # the build date's own year has not ended
    assert code == 2 and "尚未结束" in err
    code, _out, err = freeze(root, "2019")  # the site did not exist then
    assert code == 2 and "没有 2019 年度的报表" in err
    code, _out, _err = freeze(root, "25")
    assert code == 2
    (root / "content/dt/n1.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    code, _out, err = freeze(root)  # invalid input: the figures would be wrong
    assert code == 1 and "content/dt/n1.md:3: error [YAML-01]" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert freeze(empty)[0] == 2  # not a site
    assert not list(tmp_path.rglob("*.frozen.yaml"))


def test_a_frozen_file_is_read_as_strictly_as_the_data_file(tmp_path: Path) -> None:
    """A value that is not one, a figure the data file gives, a key the template lacks (an
    error, unlike in the data file: it freezes nothing)."""
    text = (
        "冻结日期: 2026-01-20\n"
        "信息发布:\n"
        "  总数: 17条\n"  # line 3: not a count
        "基本信息:\n"
        "  网站总访问量: 1\n"  # line 5: the data file's figure
        "  网站名称x: 测试\n"  # line 6: no such key
    )
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    make_site(root, {FROZEN: text})
    lines = run(root).with_code("REPORT-03")
    # (in line order: errors are listed first)
    heads = [x.split(": ")[0] + ": " + x.split(": ")[1].split(" ")[0] for x in lines]
    assert sorted(heads, key=lambda head: int(head.split(":")[1])) == [
        f"{FROZEN}:3: error",
        f"{FROZEN}:5: advice",
        f"{FROZEN}:6: error",
    ]


def test_a_mistyped_key_in_a_frozen_file_is_an_error_naming_the_nearest_key(
    tmp_path: Path,
) -> None:
    """A frozen figure whose name is mistyped freezes nothing: the figure follows the content
    while the page says the report is frozen. It was advice, and the build published."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    assert freeze(root)[0] == 0
    written = (root / FROZEN).read_text(encoding="utf-8")
    line = line_of(root, FROZEN, "信息发布.政务动态信息更新量")
    (root / FROZEN).write_text(
        written.replace("  政务动态信息更新量:", "  政务动态信息更新数:"), encoding="utf-8"
    )
    for command in ("check", "build"):
        result = run(root, command=command)
        assert result.code == 1, result.lines
        assert [x for x in result.lines if " error " in x] == [
            f"{FROZEN}:{line}: error [REPORT-03] 信息发布.政务动态信息更新数: 年度报表“信息发布”中没有"
            "“政务动态信息更新数”这一项，是不是“政务动态信息更新量”？名称写错的项不冻结任何数字，"
            "它本应冻结的数字会随网站内容悄悄变化，而报表注明已冻结；请改为 ssg report freeze 写出的名称 "
            "(unknown key in a frozen file: it freezes nothing; did you mean 政务动态信息更新量?)"
        ]
    assert not (root / "public").exists()

    # a part's name mistyped is an error too; the date's, or a data file's field (which no
    # content changes), mistyped is the advice a correctly spelled one gets: it changes no
    # figure (an error had said it did: the session's review)
    (root / FROZEN).write_text(
        written.replace("冻结日期:", "冻结日起:")
        .replace("\n信息发布:", "\n信息发不:")
        .replace("\n基本信息:\n", "\n基本信息:\n  独立用户访问量: 5\n"),
        encoding="utf-8",
    )
    found = run(root).lines
    heads = [x.split(": 年度报表")[0].split(": 冻结文件")[0] for x in found if "REPORT-03" in x]
    assert heads == [
        f"{FROZEN}:{line_of(root, FROZEN, '信息发不')}: error [REPORT-03] 信息发不",
        f"{FROZEN}:{line_of(root, FROZEN, '冻结日起')}: advice [REPORT-03] 冻结日起",
        f"{FROZEN}:{line_of(root, FROZEN, '基本信息.独立用户访问量')}: advice [REPORT-03] "
        "基本信息.独立用户访问量",
    ]
    said = " ".join(found)
    assert "是不是“冻结日期”？" in said and "是不是“信息发布”？" in said
    assert "是不是“独立用户访问总量”？“独立用户访问总量”由数据文件填写" in said

    # a figure left out (not mistyped) stays advice, as before: the build goes on
    (root / FROZEN).write_text(
        "".join(
            row for row in written.splitlines(keepends=True)
            if not row.startswith("  政务动态信息更新量:")
        ),
        encoding="utf-8",
    )  # fmt: skip
    result = run(root, command="build")
    assert result.code == 0, result.lines
    advice = [x.split("] ")[0] + "]" for x in result.with_code("REPORT-02")]
    assert advice == [f"{FROZEN}:{line_of(root, FROZEN, '信息发布')}: advice [REPORT-02]"]


@pytest.mark.parametrize(
    ("part", "mistyped"),
    [("信息发布", "信息发不"), ("互动交流.留言办理", "留言办例")],
    ids=["part", "group"],
)
def test_a_mistyped_part_of_a_frozen_file_is_one_error_at_its_line_naming_its_figures(
    tmp_path: Path, part: str, mistyped: str
) -> None:
    """A part's (or group's) name mistyped in a real frozen file: one error at that key's line,
    with the nearest part's name, naming each figure of that part left unfrozen. Each of them
    was an advice of its own at line 0, telling the editor to add lines under a part the file
    does not have, when renaming the key is the one fix."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    assert freeze(root)[0] == 0
    written = (root / FROZEN).read_text(encoding="utf-8")
    node = yaml.safe_load(written)
    for key in part.split("."):
        node = node[key]
    held = [f"{part}.{key}" for key in node]  # the figures freeze wrote under the part
    parent, _, name = part.rpartition(".")
    indent = "  " * part.count(".")
    (root / FROZEN).write_text(
        written.replace(f"\n{indent}{name}:\n", f"\n{indent}{mistyped}:\n"), encoding="utf-8"
    )
    typo = f"{parent}.{mistyped}" if parent else mistyped
    line = line_of(root, FROZEN, typo)

    result = run(root, command="build")
    assert result.code == 1 and not (root / "public").exists()
    about_part = [x for x in result.lines if any(p in x for p in [typo, part])]
    assert len(about_part) == 1, about_part
    (finding,) = about_part
    assert finding.startswith(f"{FROZEN}:{line}: error [REPORT-03] {typo}: ")
    assert f"是不是“{name}”？" in finding and f"did you mean {name}?" in finding
    assert f"“{part}”的 {len(held)} 项（" in finding
    names = finding.split(f"“{part}”的 {len(held)} 项（")[1].split("）")[0].split("、")
    assert names == ["：".join(p[len(part) + 1 :].split(".")) for p in held]
    assert not [x for x in result.lines if x.startswith(f"{FROZEN}:0:")], result.lines

    # renamed back: nothing about the part, the build publishes
    (root / FROZEN).write_text(written, encoding="utf-8")
    fixed = run(root, command="build")
    assert fixed.code == 0, fixed.lines
    assert not [x for x in fixed.lines if x.startswith(f"{FROZEN}:")], fixed.lines


def test_a_mistyped_figure_of_a_frozen_file_is_not_also_reported_missing(tmp_path: Path) -> None:
    """The figure a mistyped key meant is named by its error; an advice to add it under its
    part as well asked the editor to write it twice."""
    root = fixture_site(tmp_path, FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    assert freeze(root)[0] == 0
    written = (root / FROZEN).read_text(encoding="utf-8")
    (root / FROZEN).write_text(written.replace("\n  总数: ", "\n  总数目: ", 1), encoding="utf-8")
    found = [x for x in run(root).lines if x.startswith(f"{FROZEN}:")]
    assert [x.split(": 年度报表")[0] for x in found] == [
        f"{FROZEN}:{line_of(root, FROZEN, '信息发布.总数目')}: error [REPORT-03] 信息发布.总数目"
    ]


def test_the_git_command_it_prints_works_where_it_was_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run with --source from another folder, it printed `git add data/annual-report/…`,
    which adds nothing there: the command names the site's folder then."""
    root = fixture_site(tmp_path / "site", FIXTURES / "report-2025", site_yaml=TOPICS_YAML)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out, _err = freeze(root)
    assert code == 0
    command = out.split("（", 2)[-1].split("）")[0]
    assert command == f"git -C {root} add {FROZEN}"
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(shlex.split(command), check=True, cwd=elsewhere)
    listed = subprocess.run(
        ["git", "-C", str(root), "diff", "--cached", "--name-only"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    assert listed.stdout.split() == [FROZEN]
    monkeypatch.chdir(root)
    (root / FROZEN).unlink()
    code, out, _err = freeze(root)
    assert code == 0 and f"（git add {FROZEN}）" in out
