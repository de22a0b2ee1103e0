"""data/typos.yaml (ssg/check/wording.py): a broken file is reported like any other data file,
by `ssg build` and `ssg check`, and blocks as data/allow.yaml's problems do."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitekit import SITE_YAML, make_site, policy, run

TYPOS = "data/typos.yaml"
_BINARY = bytes(range(256)) * 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "人民政付:\n\t人民政府\n",
            "data/typos.yaml:2: error [YAML-04] YAML 缩进中有制表符（Tab），请改用空格缩进 "
            "(tab in YAML indentation; use spaces)",
        ),
        (
            "- 人民政付\n- 人民政府\n",
            "data/typos.yaml:1: error [YAML-06] typos.yaml 应为“错误写法: 规范写法”形式的映射，每行一对 "
            "(expected a mapping of wrong: right)",
        ),
        (
            _BINARY,
            "data/typos.yaml:0: error [FILE-02] 这是二进制文件，不是文本；data/typos.yaml 应为 UTF-8 "
            "编码的 YAML 文本 (binary file where a text data file was expected)",
        ),
        (
            "人民政付: 人民政府\n青岚去: 青岚区\n人民政付: 人民政府\n",
            "data/typos.yaml:3: error [YAML-05] 人民政付: 重复的键，第 1 行已经写过；请删除其中一个 "
            "(duplicate key, first given on line 1)",
        ),
        (
            "人民政付: 人民政府\n青岚去: [青岚区]\n",
            "data/typos.yaml:2: error [SCHEMA-02] 青岚去: 错误写法和规范写法都应为非空文本，"
            "如 “人民政付: 人民政府” (expected non-empty text on both sides)",
        ),
        (  # every correct 人民政府 on the site was reported as a wording error
            "人民政付: 人民政府\n人民政府: 人民政府\n",
            "data/typos.yaml:2: error [SCHEMA-02] 人民政府: 错误写法与规范写法相同（“人民政府”），"
            "这一对没有意义，会把每一处正确的写法都报为错误；请写出错误写法，如 “人民政付: 人民政府” "
            "(the wrong and right forms are the same)",
        ),
    ],
    ids=["tab", "list", "binary", "duplicate", "not-text", "same"],
)
@pytest.mark.parametrize("command", ["build", "check"])
def test_a_broken_typos_file_is_an_error(
    tmp_path: Path, text: str | bytes, expected: str, command: str
) -> None:
    site = make_site(tmp_path / "site", {})
    path = site / TYPOS
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    result = run(site, command=command)
    assert [line for line in result.lines if line.startswith(TYPOS)] == [expected]
    assert result.code == 1


def test_an_unreadable_typos_file_is_a_file_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Tests run as root, where chmod 000 still reads: the read is made to fail instead.)"""
    site = make_site(tmp_path / "site", {TYPOS: "人民政付: 人民政府\n"})
    read_bytes = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self.name == "typos.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    result = run(site, command="build")
    assert result.code == 1
    assert result.lines == [
        "data/typos.yaml:0: error [FILE-03] 无法读取 typos.yaml：Permission denied；请检查文件权限 "
        "(cannot read the file)"
    ]


def test_a_folder_in_place_of_the_typos_file_is_a_file_error(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {})
    (site / TYPOS).mkdir()
    result = run(site, command="check")
    assert result.code == 1
    assert result.with_code("FILE-03") == [
        "data/typos.yaml:0: error [FILE-03] typos.yaml 应为文件，不是文件夹或失效的链接 (expected a file)"
    ]


@pytest.mark.parametrize("text", ["", "# 暂无\n", "人民政付: 人民政府\n"])
def test_an_empty_or_valid_typos_file_is_no_error(tmp_path: Path, text: str) -> None:
    site = make_site(tmp_path / "site", {TYPOS: text})
    result = run(site, command="build")
    assert result.code == 0
    assert [line for line in result.lines if line.startswith(TYPOS)] == []


def test_a_changed_typos_file_is_read_again_in_the_same_process(tmp_path: Path) -> None:
    """`ssg serve` builds one site many times in one process: an edit must count."""
    site = make_site(
        tmp_path / "site",
        {
            TYPOS: "人民政付: 人民政府\n",
            "content/dt/x.md": "---\ntitle: 消息\ndate: 2026-11-18\nsource: 办公室\n"
            "reviewed_by: 审核人\n---\n测试市政务服务中新。\n",
        },
    )
    assert run(site).with_code("CONTENT-08") == []
    (site / TYPOS).write_text("人民政付: 人民政府\n政务服务中新: 政务服务中心\n", encoding="utf-8")
    assert run(site).with_code("CONTENT-08") == [
        "content/dt/x.md:7: deduct [CONTENT-08] 疑似严重表述错误：“政务服务中新” 应为 “政务服务中心”；"
        "请人工核对 (suspected serious wording error: 政务服务中新 → 政务服务中心)"
    ]


_NEWS = "---\ntitle: 消息\ndate: 2026-11-18\nsource: 办公室\nreviewed_by: 审核人\n---\n{body}\n"
# Legitimate sentences in which a built-in wrong form could be read as the start of a word
# (科学发展规 in 科学发展规律) or which hold the right form among the usual words beside it.
_LEGITIMATE = [
    "为遵循城市科学发展规律，根据《青岚市国土空间科学发展规划（2021—2035年）》。",
    "按照科学发展规范和科学发展规则，落实科学发展规定，制定科学发展规程。",
    "提高中国共产觉悟，推动中国共产觉醒运动研究。",
    "人民政府、人民政协、中央人民政府、国务院办公厅、全国人大常委会、全国人民代表大会。",
    "坚持中国特色社会主义，以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、"
    "科学发展观为指导，培育和践行社会主义核心价值观。",
    "中华人民共和国、中国共产党、中国人民解放军，全面从严治党，两学一做，不忘初心。",
]


def test_legitimate_words_are_not_flagged_as_built_in_wording_errors(tmp_path: Path) -> None:
    from ssg.check.wording import BUILT_IN_TYPOS

    # Every built-in pair's right form is in the sentences: none of them is a wrong form.
    text = "".join(_LEGITIMATE)
    assert [right for right in set(BUILT_IN_TYPOS.values()) if right not in text] == []
    files = {f"content/dt/x{n}.md": _NEWS.format(body=body) for n, body in enumerate(_LEGITIMATE)}
    result = run(make_site(tmp_path / "site", files), command="check")
    assert result.with_code("CONTENT-08") == []


def test_a_built_in_wrong_form_is_still_flagged_before_other_text(tmp_path: Path) -> None:
    files = {"content/dt/x.md": _NEWS.format(body="以科学发展规为指导，建设中国共产觉的队伍。")}
    result = run(make_site(tmp_path / "site", files), command="check")
    assert result.with_code("CONTENT-08") == [
        "content/dt/x.md:7: deduct [CONTENT-08] 疑似严重表述错误：“中国共产觉” 应为 “中国共产党”；"
        "请人工核对 (suspected serious wording error: 中国共产觉 → 中国共产党)",
        "content/dt/x.md:7: deduct [CONTENT-08] 疑似严重表述错误：“科学发展规” 应为 “科学发展观”；"
        "请人工核对 (suspected serious wording error: 科学发展规 → 科学发展观)",
    ]


def test_a_site_typo_is_matched_before_any_character(tmp_path: Path) -> None:
    """The guard is for the built-in pairs only: the site's own pairs are its editors' choice."""
    files = {
        TYPOS: "科学发展规: 科学发展观\n",
        "content/dt/x.md": _NEWS.format(body="遵循科学发展规律。"),
    }
    result = run(make_site(tmp_path / "site", files), command="check")
    assert len(result.with_code("CONTENT-08")) == 1


def test_a_site_typo_inside_its_own_right_form_is_not_reported(tmp_path: Path) -> None:
    """长春: 长春市 asks for the full name: 长春市 itself is right, only the bare 长春 is not."""
    files = {
        TYPOS: "测试: 测试市\n",
        "content/dt/x.md": _NEWS.format(body="测试市召开会议。\n\n会议在测试举行。"),
    }
    result = run(make_site(tmp_path / "site", files), command="check")
    assert [line.split(" (")[0] for line in result.with_code("CONTENT-08")] == [
        "content/dt/x.md:9: deduct [CONTENT-08] 疑似严重表述错误：“测试” 应为 “测试市”；请人工核对"
    ]


_SERVICE = """\
---
title: 居民身份证办理
date: 2026-11-18
basis: 《中华人民共和国居民身份证法》
conditions:
  - 具有本市户籍
  - 由派出所向人民政付申报
materials:
  - name: 户口簿
  - name: 中华人名共和国居民身份证申领登记表
    note: 不忘出心
address: 测试市政务服务中心
agency: 测试市人民政付公安局
fees: 免费
hours: 工作日 9:00-17:00
phone: 0439-0000001
process: 受理、审核、发证
time_limit: 20 个工作日
notes: 无
online: 线下办理
reviewed_by: 审核人
---
指南。
"""


def test_front_matter_text_shown_to_citizens_is_scanned(tmp_path: Path) -> None:
    """发文机关, 分管工作, the service guide's elements are on the page as much as the body is:
    a serious wording error in them is reported at the field's own line and name."""
    files = {
        "content/zcwj/x.md": policy("测政发〔2026〕101号", issuer="测试市人民政付"),
        "content/ld/shizhang.md": "---\ntitle: 市长\nname: 某某\nposition: 市长\n"
        "duties: 负责全面从严制党工作\nupdated: 2026-01-05\nreviewed_by: 审核人\n---\n简历。\n",
        "content/bs/_index.md": "---\ntitle: 办事服务\ntype: service\n---\n",
        "content/bs/sfz.md": _SERVICE,
        "content/dt/y.md": "---\ntitle: 消息\ndate: 2026-11-18\nsource: 中央人民政付网\n"
        "keywords: [青岚, 两学一作]\nauthor: 不忘出心\nreviewed_by: 审核人\n---\n正文。\n",
    }
    result = run(make_site(tmp_path / "site", files), command="check")
    heads = [line.split(" 疑似")[0] for line in result.with_code("CONTENT-08")]
    assert heads == [
        "content/bs/sfz.md:7: deduct [CONTENT-08] conditions[2]:",
        "content/bs/sfz.md:10: deduct [CONTENT-08] materials[2].name:",
        "content/bs/sfz.md:11: deduct [CONTENT-08] materials[2].note:",
        "content/bs/sfz.md:13: deduct [CONTENT-08] agency:",
        "content/dt/y.md:4: deduct [CONTENT-08] source:",
        "content/dt/y.md:5: deduct [CONTENT-08] keywords[2]:",
        "content/dt/y.md:6: deduct [CONTENT-08] author:",
        "content/ld/shizhang.md:5: deduct [CONTENT-08] duties:",
        "content/zcwj/x.md:4: deduct [CONTENT-08] issuer:",
    ]
    assert result.code == 0  # deduct: only a person can judge the veto (ARCHITECTURE §3.1)


def test_column_front_matter_and_text_are_scanned(tmp_path: Path) -> None:
    """A column's name is on every page's navigation, its description and text on its own
    page: a wrong form there is reported at the `_index.md` line that holds it."""
    files = {
        "content/dt/_index.md": "---\ntitle: 人民政付动态\ntype: news\n"
        "description: 中央人民政付和本市的工作动态\nkeywords: [动态, 两学一作]\n---\n"
        "本栏目发布\n全面从严制党的工作。\n",
    }
    result = run(make_site(tmp_path / "site", files), command="check")
    heads = [line.split(" 疑似")[0] for line in result.with_code("CONTENT-08")]
    assert heads == [
        "content/dt/_index.md:2: deduct [CONTENT-08] title:",
        "content/dt/_index.md:4: deduct [CONTENT-08] description:",
        "content/dt/_index.md:5: deduct [CONTENT-08] keywords[2]:",
        "content/dt/_index.md:8: deduct [CONTENT-08]",
    ]
    assert result.code == 0


def _site_yaml(**changes: str) -> str:
    """sitekit's SITE_YAML with some top-level settings replaced (or added at the end)."""
    lines = [
        f"{key}: {changes.pop(key)}" if (key := line.split(":", 1)[0]) in changes else line
        for line in SITE_YAML.splitlines()
    ]
    return "\n".join([*lines, *(f"{k}: {v}" for k, v in changes.items())]) + "\n"


NOTICES = {
    "content/tz/_index.md": "---\ntitle: 通知公告\ntype: notice\n---\n",
    "content/tz/a.md": "---\ntitle: 通知\ndate: 2026-11-18\nsource: 测试市人民政府办公室\n"
    "reviewed_by: 审核人\n---\n正文。\n",
}
LIFECYCLE = """\
- event: opening
  date: 2019-05-20
  reviewed_by: 审核人
- event: temporary_offline
  from: 2026-10-10
  to: 2026-10-11
  reason: 为落实全面从严制党要求进行安全整改
  contact: 中央人民政付服务热线 12345
  reviewed_by: 审核人
"""


def test_site_yaml_and_lifecycle_text_is_scanned_at_its_own_lines(tmp_path: Path) -> None:
    """(audit 12, probe c08-typo-name) A wrong site name was reported three times at lines of
    data/lifecycle.yaml that do not hold it, via the generated opening notice, and the host's
    at a line past the file's end. The settings citizens read are scanned at their own lines,
    once; of a lifecycle notice, only what the editor wrote in its event, at its line."""
    site_yaml = _site_yaml(
        name="测试市人民政付",
        contact="{phone: 0439-0000000, address: 测试去政府路1号}",
        operator="测试去大数据局",  # (the site's own typos.yaml pairs apply too)
    )
    files = {**NOTICES, "data/lifecycle.yaml": LIFECYCLE, "data/typos.yaml": "测试去: 测试区\n"}
    result = run(make_site(tmp_path / "site", files, site_yaml=site_yaml), command="check")
    heads = [line.split(" 疑似")[0] for line in result.with_code("CONTENT-08")]
    assert heads == [
        "data/lifecycle.yaml:7: deduct [CONTENT-08] [2].reason:",
        "data/lifecycle.yaml:8: deduct [CONTENT-08] [2].contact:",
        "data/site.yaml:1: deduct [CONTENT-08] name:",
        "data/site.yaml:10: deduct [CONTENT-08] contact.address:",
        "data/site.yaml:16: deduct [CONTENT-08] operator:",
    ]


def test_a_wrong_site_name_is_reported_without_a_lifecycle_file(tmp_path: Path) -> None:
    site_yaml = _site_yaml(host="测试市人民政付办公室")
    result = run(make_site(tmp_path / "site", NOTICES, site_yaml=site_yaml), command="check")
    assert result.with_code("CONTENT-08") == [
        "data/site.yaml:7: deduct [CONTENT-08] host: 疑似严重表述错误：“人民政付” 应为 “人民政府”；"
        "请人工核对 (suspected serious wording error: 人民政付 → 人民政府)"
    ]


_ALONE = (
    "---\ntitle: 消息\ndate: 2026-11-18\nsource: 办公室\nreviewed_by: 审核人\n{fields}---\n正文。\n"
)


def test_a_wrong_form_in_one_text_of_an_item_alone_is_reported(tmp_path: Path) -> None:
    """The rule looks at an item's texts only when one search of all of them together finds a
    wrong form (issue 9): each kind of text, alone in holding one, is still reported — the
    title, summary, question, body, a text field, a list's entry, a material's name and note,
    an attachment's title."""
    news = {
        "title": "---\ntitle: 人民政付消息\ndate: 2026-11-18\nsource: 办公室\nreviewed_by: 审核人\n"
        "---\n正文。\n",
        "summary": _ALONE.format(fields="summary: 人民政付的摘要\n"),
        "source": _ALONE.replace("source: 办公室", "source: 人民政付办公室").format(fields=""),
        "keywords": _ALONE.format(fields="keywords: [青岚, 两学一作]\n"),
        "body": _ALONE.format(fields="").replace("正文。", "人民政付正文。"),
    }
    files = {f"content/dt/{name}.md": text for name, text in news.items()}
    files["content/zcwj/x.md"] = policy(
        "测政发〔2026〕101号", attachments="\n  - {file: a.pdf, title: 人民政付附件}"
    )
    files["content/zcwj/a.pdf"] = "%PDF-1.4\n"
    service = _SERVICE.replace("中华人名共和国居民身份证申领登记表", "申领登记表")
    service = service.replace("由派出所向人民政付申报", "由派出所申报")
    service = service.replace("测试市人民政付公安局", "测试市公安局")
    files["content/bs/_index.md"] = "---\ntitle: 办事服务\ntype: service\n---\n"
    files["content/bs/note.md"] = service  # (不忘出心 in materials[2].note alone)
    files["content/bs/name.md"] = service.replace("不忘出心", "须本人").replace(
        "申领登记表", "人民政付申领登记表"
    )
    files["content/hd/_index.md"] = "---\ntitle: 市长信箱\ntype: reply\n---\n"
    files["content/hd/q.md"] = (
        "---\ntitle: 咨询\ndate: 2026-09-30\nasked: 2026-09-25\nreceived: 2026-09-25\n"
        "replied: 2026-09-30\ndepartment: 青岚市人力资源和社会保障局\nquestion: 向人民政付咨询\n"
        "category: 咨询\nreviewed_by: 审核人\n---\n答复。\n"
    )
    result = run(make_site(tmp_path / "site", files), command="check")
    heads = [line.split(" 疑似")[0] for line in result.with_code("CONTENT-08")]
    assert heads == [
        "content/bs/name.md:10: deduct [CONTENT-08] materials[2].name:",
        "content/bs/note.md:11: deduct [CONTENT-08] materials[2].note:",
        "content/dt/body.md:7: deduct [CONTENT-08]",
        "content/dt/keywords.md:6: deduct [CONTENT-08] keywords[2]:",
        "content/dt/source.md:4: deduct [CONTENT-08] source:",
        "content/dt/summary.md:6: deduct [CONTENT-08] summary:",
        "content/dt/title.md:2: deduct [CONTENT-08] title:",
        "content/hd/q.md:8: deduct [CONTENT-08] question:",
        "content/zcwj/x.md:11: deduct [CONTENT-08] attachments[1].title:",
    ]
