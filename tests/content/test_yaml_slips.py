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


# --- full-width indicators under a key, in a list, and wrapped into a value -----------------
#
# A full-width colon after an indented key or a list item's key gave a generic YAML-01 a line
# late; `- 名称：值` among mappings, `－ 甲` / `· 甲` as list items, `＃ 注释: x` and a
# `　# 注释` wrapped into a plain value were no finding at all: YAML read them as text or a key.


def _section_line(text: str, line: str) -> int:
    return text.split("\n").index(line) + 1


_REPORT = "data/annual-report/2025.yaml"
_VISITS = "  独立用户访问总量: 1286450    # 单位：个；全年独立访客数（UV），取自网站访问统计"
_NAME = "  # 网站名称:    # 取自网站配置；data/site.yaml 的 name"

# (file, its text, the line and field of the slip, what the message must say)
STRUCTURE_SLIPS = {
    "indented key in site.yaml": (
        "data/site.yaml",
        SITE_YAML.replace(
            "contact: {phone: 0439-0000000, email: zfb@ceshi.gov.cn, address: 测试市政府路1号}",
            "contact:\n  phone：0439-0000000\n  email: zfb@ceshi.gov.cn\n  address: 测试市政府路1号",
        ),
        11,
        "contact.phone",
        "phone 后面是全角冒号“：”",
    ),
    "indented key in the annual report": (
        _REPORT,
        REPORT.replace(_VISITS, _VISITS.replace("总量: ", "总量：")),
        _section_line(REPORT, _VISITS),
        "基本信息.独立用户访问总量",
        "独立用户访问总量 后面是全角冒号“：”",
    ),
    "key of a list item": (
        "content/dt/list.md",
        NEWS.replace(
            "title: 测试\n", "title: 测试\nattachments:\n  - file: a.pdf\n    title：附件\n"
        ),
        5,
        "attachments[1].title",
        "title 后面是全角冒号“：”",
    ),
    "list item among mappings": (
        "content/dt/list.md",
        NEWS.replace(
            "title: 测试\n",
            "title: 测试\nattachments:\n  - file：a.pdf\n  - {file: b.pdf, title: 附件}\n",
        ),
        4,
        "attachments[1]",
        "file 后面是全角冒号“：”",
    ),
    "full-width dash": (
        "content/dt/list.md",
        NEWS.replace("title: 测试\n", "title: 测试\nkeywords:\n  － 供暖\n  － 民生\n"),
        4,
        "keywords",
        "全角短横线“－”",
    ),
    "middle dot as a dash": (
        "data/site.yaml",
        SITE_YAML + "column_types:\n  · 专题专栏\n",
        len(SITE_YAML.split("\n")) + 1,
        "column_types",
        "间隔号“·”",
    ),
    "full-width hash before a key": (
        _REPORT,
        REPORT.replace(_NAME, _NAME.replace("# 网站名称", "＃ 网站名称")),
        _section_line(REPORT, _NAME),
        "基本信息",
        "全角井号“＃”",
    ),
    "full-width hash line": (
        "content/dt/comment.md",
        NEWS.replace("title: 测试\n", "title: 测试\n＃ 来源待核实\n"),
        3,
        "",
        "全角井号“＃”",
    ),
    "full-width space before a wrapped comment": (
        "content/dt/comment.md",
        NEWS.replace("title: 测试\n", "title: 测试\nsummary: 第一行\n  第二行\n  \u3000# 待改\n"),
        5,
        "summary",
        "这一行因此不是注释",
    ),
    "full-width space before a wrapped comment in site.yaml": (
        "data/site.yaml",
        SITE_YAML.replace(
            "host: 测试市人民政府办公室\n", "host: 测试市人民政府办公室\n  \u3000# 核对\n"
        ),
        8,
        "host",
        "这一行因此不是注释",
    ),
    "full-width hash wrapped into a list item": (
        "content/dt/list.md",
        NEWS.replace("title: 测试\n", "title: 测试\nkeywords:\n  - 供暖\n    ＃ 待定\n  - 民生\n"),
        5,
        "keywords[1]",
        "全角井号“＃”",
    ),
    "full-width space before a comment after a value": (
        "content/dt/comment.md",
        NEWS.replace("source: 青岚日报\n", "source: 青岚日报\u3000# 待核实\n"),
        4,
        "source",
        "“# 待核实”因此成了值的一部分",
    ),
    "full-width space before a comment after a figure": (
        _REPORT,
        REPORT.replace(_VISITS, _VISITS.replace("1286450    #", "1286450\u3000#")),
        _section_line(REPORT, _VISITS),
        "基本信息.独立用户访问总量",
        f"# 前面是{SPACE_NAME}",
    ),
    "full-width indentation at the left edge": (
        "content/dt/indent.md",
        NEWS.replace("title: 测试\n", "title: 测试\nsummary: 第一行\n\u3000\u3000第二行\n"),
        4,
        "",
        f"行首有{SPACE_NAME}",
    ),
}


@pytest.mark.parametrize("name", STRUCTURE_SLIPS)
def test_a_full_width_indicator_is_named_at_its_line(tmp_path: Path, name: str) -> None:
    rel, text, line, field, says = STRUCTURE_SLIPS[name]
    if rel == "data/site.yaml":
        root = make_site(tmp_path, {}, site_yaml=text)
    else:
        root = make_site(tmp_path, {rel: text})
    result = run(root)
    assert result.code == 1, result.lines
    [found] = _yaml_lines(root, rel)
    where = f"{field}: " if field else ""
    assert found.startswith(f"{rel}:{line}: error [YAML-01] {where}"), found
    assert says in found, found
    assert "语法错误" not in found


# Full-width characters that are the text's own: no finding, and a real slip after them is
# reported as itself.
TEXT_OF_VALUES = {
    "quoted": 'title: 测试\nsummary: "说明：见附件"\n',
    "list of text": "title: 测试\nkeywords:\n  - 条例第十条：申请\n  - 甲·乙\n",
    "wrapped value": "title: 测试\nsummary: 第一行\n  说明：见附件\n  \u3000\u3000第二段\n  － 第三点\n",
    "names and numbers": "title: 阿卜杜拉·买买提 ＃ 3＃楼\nsummary: 第一行\n  3＃楼\n",
    "value on the next line": "title: 测试\nsummary:\n  说明：见附件\n",
    "a file among mappings": "title: 测试\nattachments:\n  - 附件1：申请表.docx\n"
    "  - {file: b.pdf, title: 附件}\n",
    "points of a list item": "title: 测试\nkeywords:\n  - 条件：\n    · 年满18周岁\n    － 本市户籍\n",
    "number sign": "title: 测试\nsummary:\n  ＃3楼\nnotes: 第一行\n  ＃4楼\n",
    "topic and number after a full-width space": "title: 开展\u3000#青春向党#\u3000活动\n"
    "summary: 第\u3000#3号\n",
}


@pytest.mark.parametrize("name", TEXT_OF_VALUES)
def test_full_width_characters_in_text_are_no_finding(tmp_path: Path, name: str) -> None:
    rel = "content/dt/text.md"
    root = make_site(tmp_path, {rel: NEWS.replace("title: 测试\n", TEXT_OF_VALUES[name])})
    assert _yaml_lines(root, rel) == []


@pytest.mark.parametrize("name", TEXT_OF_VALUES)
def test_a_real_error_after_full_width_text_is_reported_as_itself(
    tmp_path: Path, name: str
) -> None:
    rel = "content/dt/text.md"
    front = TEXT_OF_VALUES[name] + "source: [青岚日报\n"
    text = NEWS.replace("title: 测试\n", front).replace("source: 青岚日报\n", "")
    root = make_site(tmp_path, {rel: text})
    [found] = _yaml_lines(root, rel)
    line = len(front.split("\n")) + 0  # (the --- line, then the front matter's lines)
    assert found.startswith(f"{rel}:{line}: error [YAML-01] YAML 语法错误：方括号"), found


def test_full_width_characters_in_a_body_or_a_data_files_text_are_no_finding(
    tmp_path: Path,
) -> None:
    body = (
        "\n联系电话：0431-1234567\n\n－ 第一点\n\n· 第二点\n\n＃ 不是标题\n\n\u3000\u3000正文。\n"
    )
    files = {
        "content/dt/body.md": NEWS.replace("\n正文。\n", body),
        "data/typos.yaml": "阿卜杜拉.买买提: 阿卜杜拉·买买提\n3#楼: 3＃楼\n青岚市政付: 青岚市人民政府：办公室\n",
    }
    root = make_site(tmp_path, files)
    assert [line for line in run(root).lines if "[YAML" in line] == []


# --- a nested key typed with a full-width colon, alone on the line below its key ------------
#
# `contact:` then `  phone：0431-1234`: YAML read "phone：0431-1234" as the text of `contact`
# (or null, for `phone：` alone) without a word, in front matter and in every data file.

_LIFECYCLE = "- event: opening\n  date: 2026-01-01\n  contact:\n    phone：0439-1234567\n"
# (file, its text, the line and field of the slip)
COLONS_BELOW_A_KEY = {
    "front matter": (
        "content/dt/nested.md",
        NEWS.replace("source: 青岚日报\n", "source: 青岚日报\nallow:\n  reason：待核实\n"),
        6,
        "allow.reason",
    ),
    "site.yaml": (
        "data/site.yaml",
        SITE_YAML.replace(
            "contact: {phone: 0439-0000000, email: zfb@ceshi.gov.cn, address: 测试市政府路1号}",
            "contact:\n  phone：0439-0000000\n",
        ),
        11,
        "contact.phone",
    ),
    "site.yaml, nested twice": (
        "data/site.yaml",
        SITE_YAML + "interact:\n  platform_url:\n    url：https://hd.ceshi.gov.cn/\n",
        len(SITE_YAML.split("\n")) + 2,
        "interact.platform_url.url",
    ),
    "lifecycle.yaml": ("data/lifecycle.yaml", _LIFECYCLE, 4, "[1].contact.phone"),
    "allow.yaml": (
        "data/allow.yaml",
        "- code: SEC-06\n  path: dt\n  reason:\n    reason：外链已报备\n",
        4,
        "[1].reason.reason",
    ),
    "holidays.yaml": (
        "data/holidays.yaml",
        "holidays:\n  workdays：2026-10-11\n",
        2,
        "holidays.workdays",
    ),
    "deploy.yaml": (
        "data/deploy.yaml",
        "tls:\n  certificate：/etc/ssl/a.pem\n",
        2,
        "tls.certificate",
    ),
}


@pytest.mark.parametrize("name", COLONS_BELOW_A_KEY)
def test_a_key_with_a_full_width_colon_alone_below_its_key_is_named(
    tmp_path: Path, name: str
) -> None:
    rel, text, line, field = COLONS_BELOW_A_KEY[name]
    key = field.rsplit(".", 1)[-1]
    if rel == "data/site.yaml":
        root = make_site(tmp_path, {}, site_yaml=text)
    else:
        root = make_site(tmp_path, {rel: text})
    result = run(root)
    assert result.code == 1, result.lines
    [found] = _yaml_lines(root, rel)
    assert found == (
        f"{rel}:{line}: error [YAML-01] {field}: {key} 后面是全角冒号“：”，YAML 只认半角冒号；"
        f"请改为“{key}: ”（半角冒号加空格） (full-width colon after a key)"
    )


def test_a_key_with_a_full_width_colon_below_its_key_in_sites_yaml_is_named(
    tmp_path: Path,
) -> None:
    make_site(tmp_path / "www", {})
    (tmp_path / "sites.yaml").write_text("- path:\n    path：www\n", encoding="utf-8")
    result = run(tmp_path)
    assert result.code == 1
    assert "sites.yaml:2: error [YAML-01] [1].path.path: path 后面是全角冒号“：”" in "\n".join(
        result.lines
    ), result.lines


# Near misses: a sentence with a full-width colon is the text of a value, quoted or plain, on
# the line below its key or on its own, in front matter and in a data file.
COLON_SENTENCES = {
    "plain below the key": "summary:\n  说明：见附件\n",
    "plain, a word and a colon": "summary:\n  PDF：见附件\n",
    "plain, a number and a colon": "summary:\n  2026年：全年计划\n",
    "quoted below the key": 'summary:\n  "note：见附件"\n',
    "single-quoted below the key": "summary:\n  'phone：0431-1234'\n",
    "on the key's line": "summary: phone：0431-1234\n",
    "wrapped": "summary: 第一行\n  说明：见附件\n",
}


@pytest.mark.parametrize("name", COLON_SENTENCES)
def test_a_sentence_with_a_full_width_colon_below_its_key_is_text(
    tmp_path: Path, name: str
) -> None:
    rel = "content/dt/text.md"
    text = NEWS.replace("source: 青岚日报\n", "source: 青岚日报\n" + COLON_SENTENCES[name])
    site = SITE_YAML + "search:\n  server:\n    说明：站内搜索\n"
    root = make_site(tmp_path, {rel: text}, site_yaml=site)
    assert [line for line in run(root).lines if "[YAML" in line] == []


# --- the field of a slip libyaml stumbles after is its path, as README writes nested fields --
#
# `materials[2].form`, `[2].reason`: the key alone (`form`) did not say which material or
# which event, while the same file's schema errors name the path.

_SERVICE_MATERIALS = (
    "materials:\n  - name: 身份证\n    copies: 1\n  - name: 申请表\n    form：原件\n    copies: 1\n"
)
_EVENTS = (
    "- event: opening\n  date: 2026-01-01\n"
    "- event: temporary_offline\n  from: 2026-03-01\n  reason：系统升级\n  to: 2026-03-02\n"
)
SLIP_PATHS = {
    "front matter list of mappings": (
        "content/dt/materials.md",
        NEWS.replace("source: 青岚日报\n", "source: 青岚日报\n" + _SERVICE_MATERIALS),
        9,
        "materials[2].form",
    ),
    "lifecycle.yaml": ("data/lifecycle.yaml", _EVENTS, 5, "[2].reason"),
    "site.yaml mapping": (
        "data/site.yaml",
        SITE_YAML.replace(
            'services: {external: "false"}',
            'services:\n  external: "false"\n  platform_url：https://zwfw.jl.gov.cn/\n  x: y',
        ),
        16,
        "services.platform_url",
    ),
}


@pytest.mark.parametrize("name", SLIP_PATHS)
def test_a_slip_in_a_nested_field_is_named_by_its_path(tmp_path: Path, name: str) -> None:
    rel, text, line, field = SLIP_PATHS[name]
    if rel == "data/site.yaml":
        root = make_site(tmp_path, {}, site_yaml=text)
    else:
        root = make_site(tmp_path, {rel: text})
    [found] = _yaml_lines(root, rel)
    key = field.rsplit(".", 1)[-1]
    assert found.startswith(f"{rel}:{line}: error [YAML-01] {field}: {key} 后面是全角冒号“："), (
        found
    )
