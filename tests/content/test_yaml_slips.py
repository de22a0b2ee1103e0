"""Keyboard slips in YAML that YAML reads as something else, reported where the editor made them.

A full-width space (U+3000) before `#` made a comment line a key: in the annual report's data
file the figures under it were silently lost (build exit 0, 未填报); elsewhere YAML-01 came a
line late without naming the character. A full-width colon after a Chinese or path key gave a
generic YAML-01 lines later ("did not find expected <document start>").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import SITE_YAML, make_site, run

REPO = Path(__file__).resolve().parents[2]
# The sample portal's annual report, the layout `ssg new annual-report` writes
REPORT = (REPO / "data/annual-report/2025.yaml").read_text("utf-8")
COMMENT = "  # 网站名称:"  # (line 9)
NEWS = "---\ntitle: 测试\ndate: 2026-11-18\nsource: 青岚日报\nreviewed_by: 于某某\n---\n\n正文。\n"
SPACE_NAME = "全角空格 U+3000"


def _report_with_line_9(text: str) -> str:
    lines = REPORT.split("\n")
    assert lines[8].startswith(COMMENT)
    lines[8] = text + lines[8][len(COMMENT) :]
    return "\n".join(lines)


def _yaml_lines(root: Path, rel: str) -> list[str]:
    return [line for line in run(root).lines if line.startswith(rel) and "[YAML" in line]


def test_a_full_width_space_before_a_comment_in_the_annual_report_fails_at_its_line(
    tmp_path: Path,
) -> None:
    rel = "data/annual-report/2025.yaml"
    root = make_site(tmp_path, {rel: _report_with_line_9("\u3000# 网站名称:")})
    result = run(root)
    assert result.code == 1
    [line] = [line for line in result.lines if line.startswith(rel) and "YAML" in line]
    assert line.startswith(f"{rel}:9: error [YAML-01] ")
    assert SPACE_NAME in line and "注释" in line
    assert not [line for line in result.lines if "　# 网站名称" in line]  # (no "unknown key")


def test_a_full_width_space_inside_a_comment_is_the_comments_business(tmp_path: Path) -> None:
    rel = "data/annual-report/2025.yaml"
    root = make_site(tmp_path, {rel: _report_with_line_9("  #\u3000网站名称:")})
    assert _yaml_lines(root, rel) == []


@pytest.mark.parametrize("where", ["site.yaml", "front matter", "front matter list"])
def test_a_full_width_space_before_a_comment_is_named_at_its_line(
    tmp_path: Path, where: str
) -> None:
    if where == "site.yaml":
        site = SITE_YAML.replace("level: city\n", "level: city\n\u3000# 上级网站\n")
        root, rel, line = make_site(tmp_path, {}, site_yaml=site), "data/site.yaml", 4
    else:
        comment = "title: 测试\n\u3000# 注释\n"
        if where == "front matter list":
            comment = "title: 测试\nkeywords:\n  - 甲\n\u3000# 注释:\n  - 乙\n"
        rel = "content/dt/comment.md"
        root = make_site(tmp_path, {rel: NEWS.replace("title: 测试\n", comment)})
        line = 3 if where == "front matter" else 5
    [found] = _yaml_lines(root, rel)
    assert found.startswith(f"{rel}:{line}: error [YAML-01] "), found
    assert SPACE_NAME in found and "U+3000" in found.rsplit("(", 1)[-1]


def _colon_after_section(rel: str) -> tuple[str, str, int, str]:
    """The sample portal's file with `基本信息：` for `基本信息:` (file, text, line, key)."""
    text = (REPO / rel).read_text("utf-8")
    line = text.split("\n").index("基本信息:") + 1
    return rel, text.replace("\n基本信息:\n", "\n基本信息：\n", 1), line, "基本信息"


# (file, its text, the line and key of the slip)
FULL_WIDTH_COLONS = {
    "annual report": _colon_after_section("data/annual-report/2025.yaml"),
    "frozen report": _colon_after_section("data/annual-report/2025.frozen.yaml"),
    "typos": (
        "data/typos.yaml",
        "甲乙: 丙\n青岚市人民政付：青岚市人民政府\n丁: 戊\n",
        2,
        "青岚市人民政付",
    ),
    "library urls": ("data/library-urls.yaml", "/zwgk/a/：甲\n/zwgk/b/: 乙\n", 1, "/zwgk/a/"),
}


@pytest.mark.parametrize("name", FULL_WIDTH_COLONS)
def test_a_full_width_colon_after_any_key_is_named_at_its_line(tmp_path: Path, name: str) -> None:
    rel, text, line, key = FULL_WIDTH_COLONS[name]
    root = make_site(tmp_path, {rel: text})
    [found] = _yaml_lines(root, rel)
    assert found.startswith(f"{rel}:{line}: error [YAML-01] {key}: {key} 后面是全角冒号“：”"), found


# A full-width colon in a value, with a real slip after it: the real slip is what is reported.


@pytest.mark.parametrize(
    ("name", "rel", "text", "line"),
    [
        pytest.param(
            "plain value",
            "content/dt/value.md",
            "---\ntitle: 关于：通知\ndate: 2026-11-18\nsource: [青岚日报\nreviewed_by: 于某某\n---\n",
            4,
            id="plain-value",
        ),
        pytest.param(
            "block scalar",
            "content/dt/block.md",
            "---\ntitle: 测试\ndate: 2026-11-18\nsummary: |\n  说明：见附件\n  第二行：甲\n"
            "source: [青岚日报\nreviewed_by: 于某某\n---\n",
            7,
            id="block-scalar",
        ),
        pytest.param(
            "typos value",
            "data/typos.yaml",
            "甲乙: 丙：丁\n青岚市人民政付: [青岚市人民政府\n",
            2,
            id="typos-value",
        ),
    ],
)
def test_a_full_width_colon_in_a_value_is_text(
    tmp_path: Path, name: str, rel: str, text: str, line: int
) -> None:
    root = make_site(tmp_path, {rel: text})
    [found] = _yaml_lines(root, rel)
    assert found.startswith(f"{rel}:{line}: error [YAML-01] YAML 语法错误：方括号"), (name, found)
    assert "全角冒号" not in found


def test_full_width_colons_in_values_alone_are_no_finding(tmp_path: Path) -> None:
    files = {
        "content/dt/value.md": NEWS.replace("title: 测试", "title: 关于：通知"),
        "data/typos.yaml": "甲乙: 丙：丁\n",
    }
    root = make_site(tmp_path, files)
    assert [line for line in run(root).lines if "[YAML" in line] == []
