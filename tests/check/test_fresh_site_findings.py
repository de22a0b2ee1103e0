"""What `ssg check` tells the editor of a site `ssg init` has just made: each finding at the
file and line the editor acts on, and no setting the scaffold calls 可选 whose absence is a
finding. The sites are made and checked with the real CLI, as README has a new editor do."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from ssg.cli import main
from ssg.content.model import ITEM_CLASSES

DATE = "2026-11-20"
_LINE = re.compile(
    r"^(?P<file>\S+?):(?P<line>\d+): (?P<severity>\w+) \[(?P<code>[^\]]+)\]"
    r"(?: (?P<field>[^\s:]+):)? (?P<message>.*)$"
)


@dataclass(frozen=True)
class Found:
    file: str
    line: int
    code: str
    field: str
    message: str


def cli(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def init(tmp_path: Path, level: str = "county") -> Path:
    site = tmp_path / "site"
    code, err = cli("init", str(site), "--level", level, "--date", DATE)
    assert code == 0, err
    return site


def check(site: Path) -> list[Found]:
    _code, err = cli("check", "--source", str(site), "--date", DATE)
    found = []
    for text in err.splitlines():
        match = _LINE.match(text)
        if match:
            found.append(
                Found(
                    match["file"],
                    int(match["line"]),
                    match["code"],
                    match["field"] or "",
                    match["message"],
                )
            )
    return found


def line_of(path: Path, pattern: str) -> int:
    """The number of the first line of `path` that `pattern` matches at its start."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(pattern, text):
            return number
    raise AssertionError(f"{pattern!r} not in {path}")


def with_code(found: list[Found], code: str) -> list[Found]:
    return [f for f in found if f.code == code]


# --- CONTENT-06: the 转载 column `ssg init` writes as a draft --------------------------------


def test_reprint_column_that_is_a_draft_is_named_at_its_draft_line(tmp_path: Path) -> None:
    site = init(tmp_path)
    index = site / "content/zwgk/szfzczz/_index.md"
    title = re.search(r"^title: (.+)$", index.read_text(encoding="utf-8"), re.M)
    assert title is not None
    [finding] = with_code(check(site), "CONTENT-06")
    assert (finding.file, finding.line, finding.field) == (
        "content/zwgk/szfzczz/_index.md",
        line_of(index, "draft:"),
        "draft",
    )
    assert f"栏目“{title[1]}”是草稿" in finding.message
    assert "删除 draft: true" in finding.message
    assert "未找到" not in finding.message


def test_reprint_column_missing_is_still_reported_at_the_province(tmp_path: Path) -> None:
    site = init(tmp_path)
    shutil.rmtree(site / "content/zwgk/szfzczz")
    [finding] = with_code(check(site), "CONTENT-06")
    assert (finding.file, finding.line, finding.field) == (
        "data/site.yaml",
        line_of(site / "data/site.yaml", "province:"),
        "province",
    )
    assert "未找到标题含“转载”的栏目" in finding.message


def test_a_new_department_site_is_not_asked_for_the_reprint_column(tmp_path: Path) -> None:
    """吉林办法 第三十七条 names the 省直部门 and the city and county portals; the department
    site `ssg init` writes is a city's (示例市某某局), with a stand-in 标识码 that names no
    province: its build says nothing of CONTENT-06 (it did, at the province line)."""
    site = init(tmp_path, "department")
    assert "province: 吉林" in (site / "data/site.yaml").read_text(encoding="utf-8")
    indexes = (site / "content").rglob("_index.md")
    assert not any("转载" in index.read_text(encoding="utf-8") for index in indexes)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["build", "--source", str(site), "--date", DATE, "--out", str(site / "public")])
    assert code == 0, err.getvalue()
    assert (site / "public/index.html").is_file()
    assert "[CONTENT-05]" in err.getvalue()  # (the build's findings are printed)
    assert "[CONTENT-06]" not in err.getvalue()


# --- ID-15 and the settings site.yaml calls 可选 -------------------------------------------


def test_missing_conac_is_reported_at_its_commented_out_line(tmp_path: Path) -> None:
    site = init(tmp_path)
    site_yaml = site / "data/site.yaml"
    conac = line_of(site_yaml, "# conac:")
    assert "可选" not in site_yaml.read_text(encoding="utf-8").splitlines()[conac - 1]
    [finding] = [f for f in with_code(check(site), "ID-15") if f.field == "conac"]
    assert (finding.file, finding.line) == ("data/site.yaml", conac)


def test_missing_conac_without_its_comment_is_reported_at_the_end(tmp_path: Path) -> None:
    site = init(tmp_path)
    site_yaml = site / "data/site.yaml"
    lines = site_yaml.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [x for x in lines if not x.startswith(("# conac:", "#   script:"))]
    assert len(kept) == len(lines) - 2
    site_yaml.write_text("".join(kept), encoding="utf-8")
    [finding] = [f for f in with_code(check(site), "ID-15") if f.field == "conac"]
    assert (finding.file, finding.line) == ("data/site.yaml", len(kept))


_OPTIONAL = re.compile(r"^\s*# ([a-z_]+):.*#\s*可选")


@pytest.mark.parametrize("level", ["county", "department"])
def test_no_setting_called_optional_is_a_finding_when_left_out(tmp_path: Path, level: str) -> None:
    site = init(tmp_path, level)
    text = (site / "data/site.yaml").read_text(encoding="utf-8")
    optional = {m[1] for m in map(_OPTIONAL.match, text.splitlines()) if m}
    assert optional  # (the scaffold still has optional settings, read off its text)
    named = [
        f
        for f in check(site)
        if f.file == "data/site.yaml" and f.field.partition(".")[0] in optional
    ]
    assert named == []


def test_no_item_or_column_field_called_optional_is_a_finding_when_left_out(
    tmp_path: Path,
) -> None:
    site = init(tmp_path)
    for type_name in ITEM_CLASSES:
        # (a column of its own, which `ssg new` makes and publishes: its items are checked)
        code, err = cli("new", type_name, f"content/t{type_name}/测试", "--source", str(site))
        assert code == 0, err
    optional: dict[str, set[str]] = {}
    for path in (site / "content").glob("t*/*.md"):
        rel = path.relative_to(site).as_posix()
        lines = path.read_text(encoding="utf-8").splitlines()
        optional[rel] = {m[1] for m in map(_OPTIONAL.match, lines) if m}
    assert len(optional) == 2 * len(ITEM_CLASSES) and any(optional.values())
    named = [f for f in check(site) if f.field.partition(".")[0] in optional.get(f.file, ())]
    assert named == []


# --- CONTENT-04 and CONTENT-05: at the column's title or draft line -------------------------


def test_empty_column_is_reported_at_its_title(tmp_path: Path) -> None:
    site = init(tmp_path)
    index = site / "content/hdjl/_index.md"  # (published at once, and empty)
    [finding] = [
        f for f in with_code(check(site), "CONTENT-04") if f.file == "content/hdjl/_index.md"
    ]
    assert (finding.line, finding.field) == (line_of(index, "title:"), "title")


def test_required_category_is_reported_at_the_title_or_draft_line(tmp_path: Path) -> None:
    site = init(tmp_path)
    drafts = {f.file: f for f in with_code(check(site), "CONTENT-05")}
    jgzn = site / "content/zjwm/jgzn/_index.md"
    assert drafts["content/zjwm/jgzn/_index.md"].line == line_of(jgzn, "draft:")
    # Published but still empty: at its title.
    for index in (jgzn, site / "content/zjwm/_index.md"):
        text = index.read_text(encoding="utf-8")
        index.write_text(re.sub(r"^draft: true.*\n", "", text, flags=re.M), encoding="utf-8")
    [finding] = [
        f for f in with_code(check(site), "CONTENT-05") if f.file == "content/zjwm/jgzn/_index.md"
    ]
    assert (finding.line, finding.field) == (line_of(jgzn, "title:"), "title")


def _publish(index: Path) -> None:
    """Delete a column's `draft: true` line, as README has the editor do."""
    text = index.read_text(encoding="utf-8")
    index.write_text(re.sub(r"^draft: true.*\n", "", text, flags=re.M), encoding="utf-8")


def test_a_new_county_site_is_asked_to_fill_its_policy_column_not_the_reprint(
    tmp_path: Path,
) -> None:
    """`ssg init --level county` writes two 政策文件 columns, 政策文件 (zwgk/zcwj) and the draft
    省政府重要政策转载 (zwgk/szfzczz, CONTENT-06): CONTENT-05 named the latter, which sorts
    first, as the 政策文件 column to fill. Reprints are not the site's own policies."""
    site = init(tmp_path, "county")
    zcwj = site / "content/zwgk/zcwj/_index.md"

    def policy_finding() -> Found:
        [finding] = [f for f in with_code(check(site), "CONTENT-05") if "政策文件" in f.message]
        return finding

    finding = policy_finding()
    assert (finding.file, finding.line, finding.field) == (
        "content/zwgk/zcwj/_index.md",
        line_of(zcwj, "draft:"),
        "draft",
    )
    assert "栏目“政策文件”是草稿" in finding.message and "转载" not in finding.message
    # Published (its draft line and its section's deleted), still empty: at its title, in
    # what the build prints too.
    for index in (zcwj, site / "content/zwgk/_index.md"):
        _publish(index)
    finding = policy_finding()
    assert (finding.file, finding.line, finding.field) == (
        "content/zwgk/zcwj/_index.md",
        line_of(zcwj, "title:"),
        "title",
    )
    assert "栏目“政策文件”没有内容" in finding.message
    code, err = cli("build", "--source", str(site), "--date", DATE, "--out", str(site / "public"))
    assert code == 0, err
    printed = [x for x in err.splitlines() if "[CONTENT-05]" in x and "“政策文件”类" in x]
    assert [x.split(" [")[0] for x in printed] == [
        f"content/zwgk/zcwj/_index.md:{line_of(zcwj, 'title:')}: deduct"
    ]


# --- INTERACT-04: at the `update` line of the reply column ---------------------------------


def test_no_reply_yet_is_reported_at_the_reply_columns_update_line(tmp_path: Path) -> None:
    site = init(tmp_path)
    index = site / "content/hdjl/_index.md"  # (published at once, with `update: 3m`)
    [finding] = with_code(check(site), "INTERACT-04")
    assert (finding.file, finding.line, finding.field) == (
        "content/hdjl/_index.md",
        line_of(index, "update:"),
        "",
    )
    assert "update 写的更新周期不改变这一要求" in finding.message
