"""Linking: doc numbers, references, drafts and scheduled items, URLs and reserved paths."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import io
import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from ssg.build import BuildOptions
from ssg.build import build as run_build
from ssg.cli import main
from ssg.config import PLACEHOLDER, load_site_config
from ssg.content.loader import load_content
from ssg.diagnostics import Diagnostic, Diagnostics, Severity
from ssg.link import (
    Site,
    href,
    is_doc_number,
    link,
    normalise_doc_number,
    normalise_path_id,
)
from tests import sitekit

BUILD_DATE = dt.date(2026, 11, 20)
SITE_YAML = (
    "name: 示例市人民政府\n"
    "domain: www.shili.gov.cn\n"
    "level: city\n"
    'site_code: "2201000001"\n'
    "host: 示例市人民政府办公室\n"
)
# (each with its own description and keywords: the generated ones are COLUMN-05's tests)
META = "description: 本栏目的说明\nkeywords: [栏目]\n"
POLICY_COLUMN = f"---\ntitle: 政策文件\ntype: policy\n{META}---\n"
JIEDU_COLUMN = f"---\ntitle: 政策解读\ntype: interpretation\n{META}---\n"
NEWS_COLUMN = f"---\ntitle: 工作动态\ntype: news\n{META}---\n"


_INDEX_NUMBERS = itertools.count(1)  # (each policy its own: a shared 索引号 is a finding)


def policy(doc_number: str = "", extra: str = "", date: str = "2026-01-05") -> str:
    return (
        f"---\ntitle: 关于某事的通知\ndate: {date}\nissuer: 青岚市人民政府\nwritten: 2026-01-04\n"
        f"index_number: 000014349/2026-{next(_INDEX_NUMBERS) % 90000:05d}\ntopic: 综合政务\n"
        + (f"doc_number: {doc_number}\n" if doc_number else "")
        + extra
        + "---\n正文\n"
    )


def jiedu(reference: str) -> str:
    # `policy` is on line 5
    return (
        f"---\ntitle: 解读\ndate: 2026-01-06\nsource: 发展改革委\npolicy: {reference}\n---\n正文\n"
    )


def news(extra: str = "", date: str = "2026-11-01") -> str:
    # `extra` starts on line 5
    return f"---\ntitle: 新闻\ndate: {date}\nsource: 办公室\n{extra}---\n正文\n"


def make_site(root: Path, files: dict[str, str | bytes]) -> Path:
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    for rel, text in files.items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def linked(root: Path, files: dict[str, str | bytes]) -> tuple[Site, list[Diagnostic]]:
    make_site(root, files)
    diags = Diagnostics()
    config = load_site_config(root, diags)
    assert config is not None
    tree = load_content(root, config.column_types, diags)
    site = link(tree, config, BUILD_DATE, diags)
    found = diags.sorted()
    for d in found:
        assert "\n" not in str(d)
    return site, found


def summary(found: list[Diagnostic]) -> list[tuple[Severity, str, str, int, str]]:
    return [(d.severity, d.code, d.file, d.line, d.field) for d in found]


def checked(root: Path, files: dict[str, str | bytes]) -> list[Diagnostic]:
    """The whole pipeline without writing: input diagnostics and the compliance findings."""
    make_site(root, files)
    result = run_build(BuildOptions(root, root / "public", BUILD_DATE, write=False))
    return result.diagnostics.sorted()


def build(root: Path) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["build", "--source", str(root), "--date", BUILD_DATE.isoformat()])
    return code, err.getvalue()


# --- doc numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "吉政办发〔2019〕27号",
        "吉政办发[2019]27号",
        "吉政办发(2019)27号",
        "吉政办发（2019）27号",
        "吉政办发【2019】27号",
        "吉政办发［2019］27号",
        "吉政办发﹝2019﹞27号",
        "吉政办发〔２０１９〕２７号",
        "吉政办发(２０１９)27号",
        "吉政办发 〔2019〕 27 号",
        " 吉政办发[ 2019 ]27号 ",
        "吉政办发\u3000〔2019〕27号",
    ],
)
def test_doc_number_normalisation(written: str) -> None:
    assert is_doc_number(written)
    assert normalise_doc_number(written) == "吉政办发〔2019〕27号"


@pytest.mark.parametrize(
    "reference",
    ["zwgk/zcwj/2019-27", "content/zcwj/a.md", "吉政办发2019年27号", "吉政办发〔19〕27号"],
)
def test_what_is_not_a_doc_number(reference: str) -> None:
    assert not is_doc_number(reference)


@pytest.mark.parametrize(
    "reference",
    ["zwgk/zcwj/2019-27", "/zwgk/zcwj/2019-27/", "content/zwgk/zcwj/2019-27.md",
     "zwgk/zcwj/2019-27/index.md", "/zwgk/zcwj/2019-27.html", " zwgk/zcwj/2019-27 "],
)  # fmt: skip
def test_path_id_normalisation(reference: str) -> None:
    assert normalise_path_id(reference) == "zwgk/zcwj/2019-27"


# --- references --------------------------------------------------------------------------


def reference_site(reference: str, **more: str) -> dict[str, str | bytes]:
    return {
        "zcwj/_index.md": POLICY_COLUMN,
        "zcjd/_index.md": JIEDU_COLUMN,
        "zcwj/2019-27.md": policy("吉政办发〔2019〕27号"),
        "zcwj/2019-30.md": policy("吉政办发〔2019〕30号"),
        "zcjd/j.md": jiedu(reference),
        **more,
    }


@pytest.mark.parametrize(
    "reference", ["吉政办发〔2019〕27号", "zcwj/2019-27", "content/zcwj/2019-27.md"]
)
def test_reference_by_standard_doc_number_or_path_id(tmp_path: Path, reference: str) -> None:
    site, found = linked(tmp_path, reference_site(reference))
    assert found == []
    assert site.policies_of["zcjd/j"] == ("zcwj/2019-27",)
    assert site.interpretations_of == {"zcwj/2019-27": ("zcjd/j",)}


def test_non_standard_doc_number_matches_and_is_policy_01_deduct(tmp_path: Path) -> None:
    site, found = linked(tmp_path / "a", reference_site("吉政办发[2019]27号"))
    assert site.policies_of["zcjd/j"] == ("zcwj/2019-27",)
    assert [d for d in found if d.severity is Severity.ERROR] == []
    policy_01 = [
        d
        for d in checked(tmp_path / "b", reference_site("吉政办发[2019]27号"))
        if d.code == "POLICY-01"
    ]
    assert summary(policy_01) == [(Severity.DEDUCT, "POLICY-01", "content/zcjd/j.md", 5, "policy")]
    assert "“吉政办发〔2019〕27号”" in policy_01[0].message
    assert "“吉政办发[2019]27号”" in policy_01[0].message


@pytest.mark.parametrize("reference", ["吉政办发（２０１９）２７号", "吉政办发 [2019] 27号"])
def test_full_width_digits_and_spaces_match_too(tmp_path: Path, reference: str) -> None:
    site, found = linked(tmp_path / "a", reference_site(reference))
    assert site.policies_of["zcjd/j"] == ("zcwj/2019-27",)
    assert [d for d in found if d.severity is Severity.ERROR] == []
    policy_01 = [
        d for d in checked(tmp_path / "b", reference_site(reference)) if d.code == "POLICY-01"
    ]
    assert [(d.severity, d.field) for d in policy_01] == [(Severity.DEDUCT, "policy")]
    assert "吉政办发〔2019〕27号" in policy_01[0].message


def test_standard_reference_gives_no_policy_01(tmp_path: Path) -> None:
    found = checked(tmp_path, reference_site("吉政办发〔2019〕27号"))
    assert [d for d in found if d.code == "POLICY-01" or d.severity is Severity.ERROR] == []


def test_policy_stored_with_non_standard_number_is_found_by_the_standard_one(
    tmp_path: Path,
) -> None:
    files = reference_site("吉政办发〔2019〕31号")
    files["zcwj/2019-31.md"] = policy("吉政办发[2019]31号")
    site, found = linked(tmp_path, files)
    assert site.policies_of["zcjd/j"] == ("zcwj/2019-31",)
    assert [d for d in found if d.severity is Severity.ERROR] == []


@pytest.mark.parametrize("reference", ["青岚市人民政府令第12号", "青岚市人民政府令第１２号"])
def test_reference_by_decree_number_resolves(tmp_path: Path, reference: str) -> None:
    # A 令 is numbered 第N号 without a year in brackets; its own number must still resolve.
    files = reference_site(reference, **{"zcwj/ling-12.md": policy("青岚市人民政府令第12号")})
    site, found = linked(tmp_path, files)
    assert [d for d in found if d.severity is Severity.ERROR] == []
    assert site.policies_of["zcjd/j"] == ("zcwj/ling-12",)


def test_no_match_is_ref_01_with_nearest_suggestions(tmp_path: Path) -> None:
    site, found = linked(tmp_path, reference_site("吉政办发〔2019〕28号"))
    assert summary(found) == [(Severity.ERROR, "REF-01", "content/zcjd/j.md", 5, "policy")]
    assert "吉政办发〔2019〕27号" in found[0].message  # nearest
    assert site.policies_of["zcjd/j"] == ()


@pytest.mark.parametrize("unnumbered", [1, 4])
def test_a_doc_number_no_policy_carries_names_the_policies_without_one(
    tmp_path: Path, unnumbered: int
) -> None:
    """The cited policy's doc_number was deleted: the message said "站内没有这份政策文件",
    though the policy is there. Say that no published policy carries the 文号, and name those
    that carry none (a few, then 等 N 份): the cited one may be among them. The numbered
    policy, another issuer's of another year, is no slip of the cited number and is not
    offered (it was, as 最接近的是：青岚办函〔2025〕301号)."""
    files: dict[str, str | bytes] = {
        "zcwj/_index.md": POLICY_COLUMN,
        "zcjd/_index.md": JIEDU_COLUMN,
        "zcjd/j.md": jiedu("青政发〔2026〕9号"),
        "zcwj/numbered.md": policy("青岚办函〔2025〕301号"),
    }
    for n in range(1, unnumbered + 1):
        files[f"zcwj/chengshi-gengxin-{n}.md"] = policy()
    code, err = build(make_site(tmp_path / "site", files))
    said = [line for line in err.splitlines() if "[REF-01]" in line]
    shown = "、".join(f"zcwj/chengshi-gengxin-{n}" for n in range(1, min(unnumbered, 3) + 1))
    more = " 等 4 份" if unnumbered == 4 else ""
    assert said == [
        "content/zcjd/j.md:5: error [REF-01] policy: 引用的政策文件 “青政发〔2026〕9号” 找不到；"
        "站内没有发文字号是它的已发布政策文件。"
        f"没有写发文字号的已发布政策文件：{shown}{more}；"
        "若引用的是其中一份，请为它补上 doc_number，或改用它的路径引用 (reference does not resolve)"
    ]
    assert code == 1


# Numbers the site's policies carry, for the cases below.
SLIP_POOL = (
    "青岚办函〔2025〕301号",
    "青政发〔2025〕9号",
    "青政发〔2026〕47号",
    "青政办发〔2026〕9号",
    "青政办发〔2025〕9号",
    "青岚市人民政府令第9号",
)


@pytest.mark.parametrize(
    ("reference", "offered"),
    [
        # the year one key off, or the 机关代字 one character off with year and 序号 kept;
        # not 47号 (two slips make any two-digit 序号 of 9), nor 青政办发〔2025〕9号 (two parts
        # off), nor another issuer's number, nor the 令 of the same 序号
        ("青政发〔2026〕9号", "青政办发〔2026〕9号、青政发〔2025〕9号"),
        ("青政发[2026]74号", "青政发〔2026〕47号"),  # two digits swapped
        ("青岚办函〔2025〕310号", "青岚办函〔2025〕301号"),
        ("青岚办函〔2052〕301号", "青岚办函〔2025〕301号"),
        ("青岚办函〔2024〕310号", "青岚办函〔2025〕301号"),  # two slips in all
        ("青岚市人民政府令第19号", "青岚市人民政府令第9号"),
        ("青政发〔2019〕88号", ""),
        ("青岚办函〔2032〕310号", ""),  # three slips
        ("青岚办公函〔2025〕310号", ""),  # the 机关代字 and the 序号 both off
    ],
)
def test_a_doc_number_is_offered_only_as_a_slip_of_the_one_written(
    tmp_path: Path, reference: str, offered: str
) -> None:
    """ "最接近的是" offered 青岚办函〔2025〕301号 for 青政发〔2026〕9号, another issuer's number
    of another year, because the text looked alike. A 文号 is offered when it is plausibly
    the one meant, mistyped: docnumber.slips."""
    files: dict[str, str | bytes] = {
        "zcwj/_index.md": POLICY_COLUMN,
        "zcjd/_index.md": JIEDU_COLUMN,
        "zcjd/j.md": jiedu(reference),
    }
    for n, number in enumerate(SLIP_POOL):
        files[f"zcwj/p{n}.md"] = policy(number)
    code, err = build(make_site(tmp_path / "site", files))
    said = [line for line in err.splitlines() if "[REF-01]" in line]
    nearest = f"；最接近的是：{offered}" if offered else ""
    assert said == [
        f"content/zcjd/j.md:5: error [REF-01] policy: 引用的政策文件 “{reference}” 找不到；"
        f"站内没有发文字号是它的已发布政策文件{nearest} (reference does not resolve)"
    ]
    assert code == 1


def test_no_match_by_path_suggests_paths(tmp_path: Path) -> None:
    _site, found = linked(tmp_path, reference_site("zcwj/2019-72"))
    assert summary(found) == [(Severity.ERROR, "REF-01", "content/zcjd/j.md", 5, "policy")]
    assert "zcwj/2019-27" in found[0].message


def test_reference_to_an_item_that_is_not_a_policy_is_ref_01(tmp_path: Path) -> None:
    files = reference_site("news/a", **{"news/_index.md": NEWS_COLUMN, "news/a.md": news()})
    _site, found = linked(tmp_path, files)
    assert summary(found) == [(Severity.ERROR, "REF-01", "content/zcjd/j.md", 5, "policy")]


@pytest.mark.parametrize(
    ("column", "extra", "said"),
    [
        (
            f"---\ntitle: 政策文件\n{META}---\n",  # the column's `type: policy` deleted
            "",
            "content/zcwj/2026-3.md 读作单页（按所在栏目 content/zcwj/_index.md 的 type，"
            "未写则沿用上级栏目的），不是政策文件；若它是政策文件，"
            "请在该栏目的 _index.md 写 type: policy，或在文件中写 type: policy",
        ),
        (
            POLICY_COLUMN,
            "type: news\nsource: 办公室\n",
            "content/zcwj/2026-3.md 读作政务动态（它自己的 type 是 news），不是政策文件；"
            "若它是政策文件，请把它的 type 改为 policy",
        ),
    ],
)
def test_a_path_to_an_item_read_as_another_type_says_what_it_was_read_as(
    tmp_path: Path, column: str, extra: str, said: str
) -> None:
    """The file is there, but read as another type (the column's or its own `type`): it
    was "站内没有这份政策文件", which sent the editor looking for a file that exists."""
    files: dict[str, str | bytes] = {
        "zcwj/_index.md": column,
        "zcwj/2026-3.md": policy("青政发〔2026〕3号", extra),
        "zcjd/_index.md": JIEDU_COLUMN,
        "zcjd/j.md": jiedu("zcwj/2026-3"),
    }
    code, err = build(make_site(tmp_path / "site", files))
    assert [line for line in err.splitlines() if "[REF-01]" in line] == [
        "content/zcjd/j.md:5: error [REF-01] policy: 引用的政策文件 “zcwj/2026-3” 找不到；"
        f"{said} (reference does not resolve)"
    ]
    assert code == 1


def test_two_matches_is_ref_02_naming_both_files(tmp_path: Path) -> None:
    files = reference_site("吉政办发〔2019〕27号")
    files["zcwj/copy.md"] = policy("吉政办发[2019]27号")
    site, found = linked(tmp_path, files)
    assert summary(found) == [
        (Severity.ERROR, "REF-02", "content/zcjd/j.md", 5, "policy"),
        # (the shared doc number itself, on the later file: see the tests below)
        (Severity.DEDUCT, "POLICY-01", "content/zcwj/copy.md", 8, "doc_number"),
    ]
    assert "content/zcwj/2019-27.md" in found[0].message
    assert "content/zcwj/copy.md" in found[0].message
    assert "改正那份文件即可（见它的 POLICY-01），否则请改用路径引用" in found[0].message
    assert site.policies_of["zcjd/j"] == ()


# --- one document, one doc number, one 索引号 ----------------------------------------------


def copied_site(copy: str | None = None) -> dict[str, str | bytes]:
    """A policy and a copy of it whose numbers were not changed (or `copy`, when given)."""
    original = policy("吉政办发〔2019〕27号")
    return {
        "zcwj/_index.md": POLICY_COLUMN,
        "zcwj/2019-27.md": original,
        "zcwj/2019-27-copy.md": original if copy is None else copy,
    }


def test_a_copied_policy_is_reported_at_its_doc_and_index_numbers_naming_the_first(
    tmp_path: Path,
) -> None:
    """Unreferenced, two policies with one 发文字号 and one 索引号 passed silently."""
    _site, found = linked(tmp_path, copied_site())
    first = "content/zcwj/2019-27.md"
    assert summary(found) == [
        (Severity.DEDUCT, "POLICY-01", "content/zcwj/2019-27-copy.md", 6, "index_number"),
        (Severity.DEDUCT, "POLICY-01", "content/zcwj/2019-27-copy.md", 8, "doc_number"),
    ]
    index, number = found
    assert index.message == (
        f"索引号 “000014349/{policy_index(tmp_path / 'content/zcwj/2019-27.md')}” 与 {first} "
        "的相同；索引号标识一份文件，复制来的文件请改为它自己的索引号，同一份文件发布了两次则"
        f"删去其中一份 (same index number as {first})"
    )
    assert number.message == (
        f"发文字号 “吉政办发〔2019〕27号” 与 {first} 的相同；发文字号标识一份文件，复制来的"
        "文件请改为它自己的发文字号，同一份文件发布了两次则删去其中一份 (same doc number as "
        f"{first})"
    )


def policy_index(path: Path) -> str:
    line = next(x for x in path.read_text("utf-8").splitlines() if x.startswith("index_number"))
    return line.split("/", 1)[1]


@pytest.mark.parametrize(
    "change",
    [
        # the same numbers written otherwise still name one document
        pytest.param(lambda t: t.replace("〔2019〕27号", "[2019] 27号"), id="doc-number-brackets"),
        pytest.param(lambda t: t.replace("000014349/", "０００014349 /"), id="index-full-width"),
    ],
)
def test_numbers_match_as_references_do(tmp_path: Path, change: Callable[[str], str]) -> None:
    original = policy("吉政办发〔2019〕27号")
    files = copied_site(change(original))
    files["zcwj/2019-27.md"] = original
    _site, found = linked(tmp_path, files)
    assert [(d.file, d.field) for d in found] == [
        ("content/zcwj/2019-27-copy.md", "index_number"),
        ("content/zcwj/2019-27-copy.md", "doc_number"),
    ]


def test_a_copy_with_its_own_numbers_is_no_finding(tmp_path: Path) -> None:
    _site, found = linked(tmp_path, copied_site(policy("吉政办发〔2019〕28号")))
    assert found == []


def test_a_draft_copy_is_no_finding(tmp_path: Path) -> None:
    original = policy("吉政办发〔2019〕27号")
    _site, found = linked(
        tmp_path, copied_site(original.replace("---\n正文", "draft: true\n---\n正文"))
    )
    assert found == []


def test_a_shared_number_does_not_block_the_build(tmp_path: Path) -> None:
    """RULES POLICY-01 is ◐ (the 索引号 a common practice): a deduct finding, not an error."""
    original = sitekit.policy("测政发〔2026〕7号")
    root = sitekit.make_site(
        tmp_path, {"content/zcwj/a.md": original, "content/zcwj/a-copy.md": original}
    )
    result = sitekit.run(root, command="build")
    assert result.code == 0, result.lines
    assert [line.split(" 与 ")[0] for line in result.with_code("POLICY-01")] == [
        "content/zcwj/a-copy.md:6: deduct [POLICY-01] index_number: 索引号 "
        f"“{original.split('index_number: ')[1].split(chr(10))[0]}”",
        "content/zcwj/a-copy.md:8: deduct [POLICY-01] doc_number: 发文字号 “测政发〔2026〕7号”",
    ]


def test_list_of_references_reports_each_by_index(tmp_path: Path) -> None:
    text = jiedu("x").replace(
        "policy: x\n", "policy:\n  - 吉政办发〔2019〕27号\n  - zcwj/nope\n  - zcwj/2019-30\n"
    )
    site, found = linked(tmp_path, reference_site("x", **{"zcjd/j.md": text}))
    assert summary(found) == [(Severity.ERROR, "REF-01", "content/zcjd/j.md", 7, "policy[2]")]
    assert site.policies_of["zcjd/j"] == ("zcwj/2019-27", "zcwj/2019-30")


def test_superseded_by_must_resolve(tmp_path: Path) -> None:
    files = reference_site("zcwj/2019-27")
    files["zcwj/old.md"] = policy(
        "吉政办发〔2018〕1号", "validity: 已废止\nsuperseded_by: zcwj/2019-30\n"
    )
    files["zcwj/bad.md"] = policy("吉政办发〔2018〕2号", "superseded_by: 吉政办发〔2018〕9号\n")
    site, found = linked(tmp_path, files)
    assert site.superseded_by == {"zcwj/old": "zcwj/2019-30"}
    assert summary(found) == [(Severity.ERROR, "REF-01", "content/zcwj/bad.md", 9, "superseded_by")]


def test_superseded_by_loop_is_ref_04_and_leaves_no_link(tmp_path: Path) -> None:
    """A → B → C → B: the loop is one error at its first file; A still points at B, and no
    page of the loop names an abolished file as the one in force."""
    gone = "validity: 已废止\nsuperseded_by: "
    files = {
        "zcwj/_index.md": POLICY_COLUMN,
        "zcwj/a.md": policy("吉政办发〔2018〕1号", gone + "吉政办发〔2018〕2号\n"),
        "zcwj/b.md": policy("吉政办发〔2018〕2号", gone + "zcwj/c\n"),
        "zcwj/c.md": policy("吉政办发〔2018〕3号", gone + "吉政办发[2018]2号\n"),
    }
    site, found = linked(tmp_path, files)
    assert summary(found) == [(Severity.ERROR, "REF-04", "content/zcwj/b.md", 10, "superseded_by")]
    assert "content/zcwj/b.md → content/zcwj/c.md → content/zcwj/b.md" in found[0].message
    assert site.superseded_by == {"zcwj/a": "zcwj/b"}


def test_superseded_by_itself_is_ref_04(tmp_path: Path) -> None:
    files = {
        "zcwj/_index.md": POLICY_COLUMN,
        "zcwj/a.md": policy("吉政办发〔2018〕1号", "validity: 已废止\nsuperseded_by: zcwj/a\n"),
    }
    site, found = linked(tmp_path, files)
    assert summary(found) == [(Severity.ERROR, "REF-04", "content/zcwj/a.md", 10, "superseded_by")]
    assert "本文件自己" in found[0].message
    assert site.superseded_by == {}
    code, err = build(tmp_path)
    assert code == 1 and "[REF-04]" in err and "Traceback" not in err


# --- drafts and scheduled items ----------------------------------------------------------


def test_a_scheduled_reference_that_will_not_resolve_is_said_now_as_advice(
    tmp_path: Path,
) -> None:
    """On its date it is REF-01 and stops the build; it may name a policy due the same day
    or earlier, not one due later or a draft."""

    def later(reference: str, date: str) -> str:
        return jiedu(reference).replace("date: 2026-01-06", f"date: {date}")

    files = {
        "zcwj/_index.md": POLICY_COLUMN,
        "zcjd/_index.md": JIEDU_COLUMN,
        "zcwj/now.md": policy("吉政办发〔2026〕1号"),
        "zcwj/soon.md": policy("吉政办发〔2026〕2号", date="2026-12-01"),
        "zcwj/draft.md": policy("吉政办发〔2026〕3号", "draft: true\n"),
        "zcjd/on-now.md": later("吉政办发〔2026〕1号", "2026-12-01"),
        "zcjd/same-day.md": later("zcwj/soon", "2026-12-01"),
        "zcjd/too-early.md": later("吉政办发[2026]2号", "2026-11-25"),
        "zcjd/on-draft.md": later("吉政办发〔2026〕3号", "2026-12-01"),
        "zcjd/nothing.md": later("吉政办发〔2026〕9号", "2026-12-01"),
    }
    _site, found = linked(tmp_path, files)
    refs = [d for d in found if d.code == "REF-01"]
    assert summary(refs) == [
        (Severity.ADVICE, "REF-01", "content/zcjd/nothing.md", 5, "policy"),
        (Severity.ADVICE, "REF-01", "content/zcjd/on-draft.md", 5, "policy"),
        (Severity.ADVICE, "REF-01", "content/zcjd/too-early.md", 5, "policy"),
    ]
    assert "到发布日期 2026-11-25 时仍找不到" in refs[2].message
    assert [d for d in found if d.severity is Severity.ERROR] == []


@pytest.mark.parametrize("reference", ["吉政办发〔2019〕40号", "zcwj/draft"])
def test_drafts_never_satisfy_a_link(tmp_path: Path, reference: str) -> None:
    files = reference_site(reference)
    files["zcwj/draft.md"] = policy("吉政办发〔2019〕40号", "draft: true\n")
    site, found = linked(tmp_path, files)
    assert "zcwj/draft" not in site.items
    assert summary(found) == [(Severity.ERROR, "REF-01", "content/zcjd/j.md", 5, "policy")]
    assert site.policies_of["zcjd/j"] == ()


def test_draft_item_is_not_published_and_not_scheduled(tmp_path: Path) -> None:
    site, found = linked(
        tmp_path, {"news/_index.md": NEWS_COLUMN, "news/d.md": news("draft: true\n")}
    )
    assert found == []
    assert site.items == {} and site.scheduled == () and site.urls == {}


def test_draft_reference_by_doc_number_says_it_is_a_draft(tmp_path: Path) -> None:
    files = reference_site("吉政办发〔2019〕40号")
    files["zcwj/draft.md"] = policy("吉政办发〔2019〕40号", "draft: true\n")
    _site, found = linked(tmp_path, files)
    assert "草稿" in found[0].message


def test_draft_reference_by_path_says_it_is_a_draft(tmp_path: Path) -> None:
    files = reference_site("zcwj/draft")
    files["zcwj/draft.md"] = policy("吉政办发〔2019〕40号", "draft: true\n")
    _site, found = linked(tmp_path, files)
    assert "草稿" in found[0].message


DRAFT_NEWS_COLUMN = "---\ntitle: 工作动态\ntype: news\ndraft: true\n---\n"  # `draft` on line 4


def test_draft_column_publishes_nothing_below_it(tmp_path: Path) -> None:
    site, found = linked(
        tmp_path,
        {
            "news/_index.md": DRAFT_NEWS_COLUMN,
            "news/a.md": news(),
            "news/forms/form.pdf": b"%PDF",
            "news/sub/_index.md": NEWS_COLUMN,
            "news/sub/b.md": news("aliases: [/old/b.html]\n"),
            "news/sub/bundle/index.md": news(),
            "news/sub/bundle/p.jpg": b"\xff\xd8",
            "news/sub/draft.md": news("draft: true\n"),  # a draft anyway: not counted
            "news/sub/later.md": news(date="2026-12-01"),  # nor held back as scheduled
            "dt/_index.md": NEWS_COLUMN,
            "dt/c.md": news(),
            "dt/banner.png": b"\x89PNG",
        },
    )
    assert summary(found) == [(Severity.ADVICE, "COLUMN-02", "content/news/_index.md", 4, "draft")]
    assert "4 条信息" in found[0].message
    assert set(site.items) == {"dt/c"} and set(site.urls) == {"dt/c"}
    assert site.scheduled == () and site.aliases == {} and site.bundle_files == {}
    assert site.loose_files == ("dt/banner.png",)
    assert site.columns["news"].draft and site.columns["news/sub"].draft
    assert site.children[""] == ("dt",)
    assert site.items_under("news") == [] and site.items_under("news/sub") == []


def test_draft_column_without_items_says_nothing(tmp_path: Path) -> None:
    """`ssg init` writes its columns as drafts until their first item."""
    site, found = linked(
        tmp_path, {"news/_index.md": DRAFT_NEWS_COLUMN, "news/sub/_index.md": NEWS_COLUMN}
    )
    assert found == []
    assert site.columns["news/sub"].draft


def test_draft_inside_a_draft_column_is_reported_once_at_the_outer_one(tmp_path: Path) -> None:
    _site, found = linked(
        tmp_path,
        {
            "news/_index.md": DRAFT_NEWS_COLUMN,
            "news/sub/_index.md": DRAFT_NEWS_COLUMN,
            "news/sub/a.md": news(),
        },
    )
    assert summary(found) == [(Severity.ADVICE, "COLUMN-02", "content/news/_index.md", 4, "draft")]


@pytest.mark.parametrize("reference", ["吉政办发〔2019〕40号", "zcwj/sub/p"])
def test_reference_into_a_draft_column_is_ref_01_naming_the_column(
    tmp_path: Path, reference: str
) -> None:
    files = reference_site(reference)
    files["zcwj/sub/_index.md"] = "---\ntitle: 部门文件\ntype: policy\ndraft: true\n---\n"
    files["zcwj/sub/p.md"] = policy("吉政办发〔2019〕40号")
    site, found = linked(tmp_path, files)
    assert summary(found) == [
        (Severity.ERROR, "REF-01", "content/zcjd/j.md", 5, "policy"),
        (Severity.ADVICE, "COLUMN-02", "content/zcwj/sub/_index.md", 4, "draft"),
    ]
    assert "所在的栏目 zcwj/sub/ 是草稿" in found[0].message
    assert "zcwj/sub/p" not in site.items


def test_draft_column_build_publishes_none_of_its_pages_or_files(tmp_path: Path) -> None:
    root = sitekit.make_site(
        tmp_path,
        {
            "content/xw/_index.md": DRAFT_NEWS_COLUMN,
            "content/xw/a.md": sitekit.front(
                {"title": "草稿栏目中的新闻", "date": "2026-11-18", "source": "办公室",
                 "reviewed_by": "审核人"}
            ),
            "content/xw/forms/form.txt": "表格",
            "content/xw/sub/_index.md": NEWS_COLUMN,
        },
    )  # fmt: skip
    result = sitekit.run(root, command="build")
    assert result.code == 0, result.lines
    assert result.with_code("COLUMN-02") and not result.with_code("SEC-06")
    public = root / "public"
    assert (public / "dt/index.html").exists()
    assert not (public / "xw").exists() and not (public / "feeds/xw.xml").exists()
    assert "草稿栏目中的新闻" not in (public / "index.html").read_text(encoding="utf-8")
    assert "/xw/" not in (public / "sitemap.html").read_text(encoding="utf-8")


def test_scheduled_item_is_held_back_with_advice(tmp_path: Path) -> None:
    site, found = linked(
        tmp_path,
        {
            "news/_index.md": NEWS_COLUMN,
            "news/later.md": news(date="2026-12-01"),
            "news/today.md": news(date="2026-11-20 23:59"),
        },
    )
    assert summary(found) == [(Severity.ADVICE, "SCHEDULED", "content/news/later.md", 3, "date")]
    assert "2026-12-01" in found[0].message and "2026-11-20" in found[0].message
    assert sorted(site.items) == ["news/today"]
    assert [item.id for item in site.scheduled] == ["news/later"]
    assert "news/later" not in site.urls


def test_scheduled_policy_does_not_satisfy_a_link(tmp_path: Path) -> None:
    files = reference_site("zcwj/future")
    files["zcwj/future.md"] = policy("吉政办发〔2019〕50号", date="2027-01-01")
    _site, found = linked(tmp_path, files)
    assert summary(found) == [
        (Severity.ERROR, "REF-01", "content/zcjd/j.md", 5, "policy"),
        (Severity.ADVICE, "SCHEDULED", "content/zcwj/future.md", 3, "date"),
    ]


# --- URLs --------------------------------------------------------------------------------


def test_item_urls_from_file_slug_and_bundle(tmp_path: Path) -> None:
    site, found = linked(
        tmp_path,
        {
            "news/_index.md": NEWS_COLUMN,
            "news/a.md": news(),
            "news/b.md": news("slug: custom\n"),
            "news/市政府会议.md": news(),
            "news/bundle/index.md": news(),
            "news/bundle/p.jpg": b"\xff\xd8",
            "about.md": "---\ntitle: 关于\n---\n",
        },
    )
    assert found == []
    assert dict(site.urls) == {
        "news/a": "/news/a.html",
        "news/b": "/news/custom.html",
        "news/市政府会议": "/news/市政府会议.html",
        "news/bundle": "/news/bundle.html",
        "about": "/about.html",
    }
    assert (
        href(site.urls["news/市政府会议"])
        == "/news/%E5%B8%82%E6%94%BF%E5%BA%9C%E4%BC%9A%E8%AE%AE.html"
    )
    assert site.column_url("news") == "/news/"
    assert site.column_url("news", 3) == "/news/index_3.html"


def test_duplicate_output_url_is_url_01_naming_both_files(tmp_path: Path) -> None:
    site, found = linked(
        tmp_path,
        {
            "news/_index.md": NEWS_COLUMN,
            "news/dup-a.md": news("slug: same\n"),
            "news/dup-b.md": news("slug: same\n"),
        },
    )
    assert summary(found) == [(Severity.ERROR, "URL-01", "content/news/dup-b.md", 5, "slug")]
    assert "content/news/dup-a.md" in found[0].message
    assert "news/same.html" in found[0].message
    assert site.urls == {"news/dup-a": "/news/same.html"}


def test_file_and_bundle_of_the_same_name_are_url_01(tmp_path: Path) -> None:
    _site, found = linked(
        tmp_path,
        {"news/_index.md": NEWS_COLUMN, "news/x.md": news(), "news/x/index.md": news()},
    )
    assert summary(found) == [(Severity.ERROR, "URL-01", "content/news/x/index.md", 1, "")]
    assert "content/news/x.md" in found[0].message


@pytest.mark.parametrize("stem", ["a#b", "a?b", "100%"])
def test_file_name_that_cannot_be_a_url_is_reported_or_encoded(tmp_path: Path, stem: str) -> None:
    site, found = linked(tmp_path, {"news/_index.md": NEWS_COLUMN, f"news/{stem}.md": news()})
    if found:
        assert [(d.code, d.file) for d in found] == [("URL-02", f"content/news/{stem}.md")]
    else:
        url = href(site.urls[f"news/{stem}"])
        assert "#" not in url and "?" not in url and "%.html" not in url


def test_a_file_name_that_cannot_be_a_url_names_the_file_not_a_slug(tmp_path: Path) -> None:
    """The segment comes from the file name: there is no `slug` field to point at, and a
    space, which a slug may not hold, is fine in a file name (停水 通知.md builds)."""
    root = make_site(
        tmp_path / "site",
        {
            "news/_index.md": NEWS_COLUMN,
            "news/notice#1.md": news(),
            "news/停水 通知.md": news(),
            "news/a?b/index.md": news(),
        },
    )
    code, err = build(root)
    said = [line for line in err.splitlines() if "[URL-02]" in line]
    assert said == [
        "content/news/a?b/index.md:1: error [URL-02] 文件夹名 “a?b” 不能用作网址：其中的 ? "
        "在网址中有特殊含义（文件夹名不能含 ? # % 或控制字符，可以含空格和中文）；请改文件夹名，"
        "或写一个 slug (the file name holds ?, #, % or a control character, which a URL cannot "
        "carry as is)",
        "content/news/notice#1.md:1: error [URL-02] 文件名 “notice#1.md” 不能用作网址：其中的 # "
        "在网址中有特殊含义（文件名不能含 ? # % 或控制字符，可以含空格和中文）；请改文件名，"
        "或写一个 slug (the file name holds ?, #, % or a control character, which a URL cannot "
        "carry as is)",
    ]
    assert code == 1


def test_slug_colliding_with_a_file_name_is_url_01(tmp_path: Path) -> None:
    _site, found = linked(
        tmp_path,
        {"news/_index.md": NEWS_COLUMN, "news/a.md": news(), "news/b.md": news("slug: a\n")},
    )
    assert summary(found) == [(Severity.ERROR, "URL-01", "content/news/b.md", 5, "slug")]
    assert "content/news/a.md" in found[0].message


def test_alias_colliding_with_an_item_is_url_01(tmp_path: Path) -> None:
    _site, found = linked(
        tmp_path,
        {
            "news/_index.md": NEWS_COLUMN,
            "news/a.md": news(),
            "news/b.md": news("aliases: [/news/a.html]\n"),
        },
    )
    assert summary(found) == [(Severity.ERROR, "URL-01", "content/news/b.md", 5, "aliases[1]")]
    assert "content/news/a.md" in found[0].message


@pytest.mark.parametrize("slug", ["", "slug: renamed\n"])
def test_alias_onto_a_bundle_file_is_url_01_naming_the_file(tmp_path: Path, slug: str) -> None:
    folder = "renamed" if slug else "b"
    site, found = linked(
        tmp_path,
        {
            "news/_index.md": NEWS_COLUMN,
            "news/a.md": news(f'aliases: ["/news/{folder}/photo.png"]\n'),
            "news/b/index.md": news(slug),
            "news/b/photo.png": b"\x89PNG",
        },
    )
    assert summary(found) == [(Severity.ERROR, "URL-01", "content/news/a.md", 5, "aliases[1]")]
    assert "content/news/b/photo.png" in found[0].message
    assert site.aliases == {}


def test_build_is_blocked_by_an_alias_onto_a_bundle_file(tmp_path: Path) -> None:
    root = tmp_path / "site"
    make_site(
        root,
        {
            "news/_index.md": NEWS_COLUMN,
            "news/a.md": news('aliases: ["/news/b/photo.png"]\n'),
            "news/b/index.md": news(),
            "news/b/photo.png": b"\x89PNG",
        },
    )
    code, err = build(root)
    assert code == 1
    assert "content/news/a.md:5: error [URL-01] aliases[1]:" in err
    assert not (root / "public").exists()


@pytest.mark.parametrize(
    ("files", "claimant", "line", "field", "named"),
    [
        # an alias inside an item's page, as if the page were a folder
        ({"news/a.md": news('aliases: ["/news/b.html/x.html"]\n'), "news/b.md": news()},
         "content/news/a.md", 5, "aliases[1]", "content/news/b.md"),
        # a file in content/ inside a folder named like an item's page
        ({"news/b.md": news(), "news/b.html/x.png": b"x"},
         "content/news/b.html/x.png", 0, "", "content/news/b.md"),
        # an alias onto a file name that is a folder of files in content/
        ({"news/a.md": news('aliases: ["/old.d"]\n'), "old.d/x.png": b"x"},
         "content/news/a.md", 5, "aliases[1]", "content/old.d/x.png"),
    ],
)  # fmt: skip
def test_a_file_where_a_folder_is_claimed_is_url_01(
    tmp_path: Path, files: dict[str, str | bytes], claimant: str, line: int, field: str, named: str
) -> None:
    _site, found = linked(tmp_path, {"news/_index.md": NEWS_COLUMN, **files})
    assert summary(found) == [(Severity.ERROR, "URL-01", claimant, line, field)]
    assert named in found[0].message


def test_build_with_an_alias_inside_a_page_is_blocked_not_a_crash(tmp_path: Path) -> None:
    root = tmp_path / "site"
    make_site(
        root,
        {
            "news/_index.md": NEWS_COLUMN,
            "news/a.md": news('aliases: ["/news/b.html/x.html"]\n'),
            "news/b.md": news(),
        },
    )
    code, err = build(root)
    assert code == 1, err
    assert "content/news/a.md:5: error [URL-01] aliases[1]:" in err
    assert not (root / "public").exists()


def test_aliases_become_redirect_paths(tmp_path: Path) -> None:
    site, found = linked(
        tmp_path,
        {
            "news/_index.md": NEWS_COLUMN,
            "news/a.md": news("aliases:\n  - /old/a.html\n  - /old/dir/\n  - /old/noext\n"),
        },
    )
    assert found == []
    assert dict(site.aliases) == {
        "old/a.html": "/news/a.html",
        "old/dir/index.html": "/news/a.html",
        "old/noext/index.html": "/news/a.html",
    }
    assert set(site.alias_sources.values()) == {"news/a"}


def test_an_alias_copied_from_the_address_bar_is_decoded(tmp_path: Path) -> None:
    """The browser shows /old/工资.html as /old/%E5%B7%A5%E8%B5%84.html; the server decodes
    the request's path, so the page must be the decoded name (and a .. in disguise is still
    refused)."""
    site, found = linked(
        tmp_path,
        {
            "news/_index.md": NEWS_COLUMN,
            "news/a.md": news(
                "aliases:\n  - /old/%E5%B7%A5%E8%B5%84.html\n  - /a/%2E%2E/%2E%2E/b\n"
            ),
        },
    )
    assert dict(site.aliases) == {"old/工资.html": "/news/a.html"}
    assert summary(found) == [(Severity.ERROR, "URL-04", "content/news/a.md", 7, "aliases[2]")]


def test_an_alias_with_a_query_string_is_kept_for_the_server(tmp_path: Path) -> None:
    """/col/detail.jsp?id=101: one static file cannot tell ?id=101 from ?id=102, so no page is
    written; the server's nginx.conf redirects it (ssg/deploy/nginx.py). The query is kept as
    a browser sends it: Chinese percent-encoded as UTF-8, an old GBK escape as written."""
    site, found = linked(
        tmp_path,
        {
            "news/_index.md": NEWS_COLUMN,
            "news/a.md": news(
                "aliases:\n  - /col/detail.jsp?id=101\n  - /搜索//list.jsp?kw=会议&p=2#top\n"
                "  - /old/?kw=%D5%FE\n  - /?lang=zh\n"
            ),
        },
    )
    assert found == []
    assert site.aliases == {}
    assert {k: (q.path, q.args, q.target, q.field) for k, q in site.query_aliases.items()} == {
        "/col/detail.jsp?id=101": ("/col/detail.jsp", "id=101", "/news/a.html", "aliases[1]"),
        "/搜索/list.jsp?kw=%E4%BC%9A%E8%AE%AE&p=2": (
            "/搜索/list.jsp", "kw=%E4%BC%9A%E8%AE%AE&p=2", "/news/a.html", "aliases[2]",
        ),
        "/old/?kw=%D5%FE": ("/old/", "kw=%D5%FE", "/news/a.html", "aliases[3]"),
        "/?lang=zh": ("/", "lang=zh", "/news/a.html", "aliases[4]"),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("aliases", "code", "field"),
    [
        # a character a browser would have encoded: the server could never match it as written
        ('["/detail.jsp?q=a b"]', "URL-04", "aliases[1]"),
        ('["/detail.jsp?q=<x>"]', "URL-04", "aliases[1]"),
        ('["/detail.jsp?q=$x"]', "URL-04", "aliases[1]"),  # (a variable in nginx's string)
        ('["/search/index.html?q=x"]', "URL-04", "aliases[1]"),  # ssg's own search page
        ('["/a/../../b.jsp?id=1"]', "URL-04", "aliases[1]"),
        ('["/d.jsp?id=1", "/d.jsp?id=1#x"]', "URL-01", "aliases[2]"),  # one URL, two targets
    ],
)
def test_a_query_alias_the_server_could_not_match_is_refused(
    tmp_path: Path, aliases: str, code: str, field: str
) -> None:
    site, found = linked(
        tmp_path, {"news/_index.md": NEWS_COLUMN, "news/a.md": news(f"aliases: {aliases}\n")}
    )
    assert summary(found) == [(Severity.ERROR, code, "content/news/a.md", 5, field)]
    assert len(site.query_aliases) == (1 if code == "URL-01" else 0)


def test_a_query_alias_without_the_deploy_configuration_is_an_error(tmp_path: Path) -> None:
    """Without data/deploy.yaml no nginx.conf is written, and nothing would redirect it."""
    root = tmp_path / "site"
    make_site(
        root,
        {"news/_index.md": NEWS_COLUMN, "news/a.md": news('aliases: ["/col/detail.jsp?id=101"]\n')},
    )
    code, err = build(root)
    assert code == 1, err
    assert "content/news/a.md:5: error [URL-04] aliases[1]:" in err
    assert "data/deploy.yaml" in err
    assert "Traceback" not in err


def test_a_query_alias_beside_a_deploy_configuration_with_errors_is_not_url_04(
    tmp_path: Path,
) -> None:
    """data/deploy.yaml is there but has an error: that error blocks the build and says what
    to fix; URL-04 would ask the editor to write a file that is already there."""
    root = tmp_path / "site"
    make_site(
        root,
        {"news/_index.md": NEWS_COLUMN, "news/a.md": news('aliases: ["/col/detail.jsp?id=101"]\n')},
    )
    (root / "data/deploy.yaml").write_text("root: relative/path\n", encoding="utf-8")
    code, err = build(root)
    assert code == 1, err
    assert "data/deploy.yaml:1: error [DEPLOY-" in err
    assert "[URL-04]" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "slug", ["../x", "//evil.com/x", "a/b", ".hidden", "a b", "x?y", "..", "a\\\\b"]
)
def test_bad_slug_is_url_02(tmp_path: Path, slug: str) -> None:
    site, found = linked(
        tmp_path, {"news/_index.md": NEWS_COLUMN, "news/a.md": news(f'slug: "{slug}"\n')}
    )
    assert summary(found) == [(Severity.ERROR, "URL-02", "content/news/a.md", 5, "slug")]
    assert site.urls == {}


@pytest.mark.parametrize(
    "alias",
    ["../x", "//evil.com/x", "/../../etc/passwd", "/a/../../b", "http://evil.com/x", "x.html",
     "/a\\\\b", "/"],
)  # fmt: skip
def test_alias_leaving_the_output_folder_is_url_04(tmp_path: Path, alias: str) -> None:
    site, found = linked(
        tmp_path, {"news/_index.md": NEWS_COLUMN, "news/a.md": news(f'aliases: ["{alias}"]\n')}
    )
    assert summary(found) == [(Severity.ERROR, "URL-04", "content/news/a.md", 5, "aliases[1]")]
    assert site.aliases == {}


def test_bad_alias_does_not_write_outside_the_output(tmp_path: Path) -> None:
    root = tmp_path / "site"
    make_site(
        root, {"news/_index.md": NEWS_COLUMN, "news/a.md": news("aliases: [/../../escaped.html]\n")}
    )
    code, err = build(root)
    assert code == 1
    assert "[URL-04]" in err
    assert not list(tmp_path.rglob("escaped.html"))
    assert not (root / "public").exists()


# --- reserved paths ----------------------------------------------------------------------


@pytest.mark.parametrize("folder", ["search", "feeds", "ndbb", "zsk", "assets", "static"])
def test_reserved_top_level_folder_is_url_03(tmp_path: Path, folder: str) -> None:
    _site, found = linked(tmp_path, {f"{folder}/_index.md": NEWS_COLUMN, f"{folder}/a.md": news()})
    assert summary(found) == [(Severity.ERROR, "URL-03", f"content/{folder}/_index.md", 0, "")]


def test_reserved_name_below_the_top_is_allowed(tmp_path: Path) -> None:
    site, found = linked(
        tmp_path, {"news/_index.md": NEWS_COLUMN, "news/search/_index.md": NEWS_COLUMN}
    )
    assert found == []
    assert "news/search" in site.columns


@pytest.mark.parametrize("slug", ["index", "index_2", "index_10"])
def test_item_slug_index_is_url_03(tmp_path: Path, slug: str) -> None:
    site, found = linked(tmp_path, {"news/_index.md": NEWS_COLUMN, f"news/{slug}.md": news()})
    assert summary(found) == [(Severity.ERROR, "URL-03", f"content/news/{slug}.md", 1, "")]
    assert site.urls == {}


def test_item_slug_field_index_is_url_03_on_the_slug_line(tmp_path: Path) -> None:
    _site, found = linked(
        tmp_path, {"news/_index.md": NEWS_COLUMN, "news/a.md": news("slug: index\n")}
    )
    assert summary(found) == [(Severity.ERROR, "URL-03", "content/news/a.md", 5, "slug")]


@pytest.mark.parametrize("stem", ["sitemap", "404", "search", "assets"])
def test_root_item_with_a_reserved_name_is_url_03(tmp_path: Path, stem: str) -> None:
    _site, found = linked(tmp_path, {f"{stem}.md": "---\ntitle: 页面\n---\n"})
    assert summary(found) == [(Severity.ERROR, "URL-03", f"content/{stem}.md", 1, "")]


@pytest.mark.parametrize("name", ["by-year", "by-topic", "by-issuer"])
def test_policy_listing_paths_are_reserved_under_a_policy_column(tmp_path: Path, name: str) -> None:
    _site, found = linked(
        tmp_path,
        {
            "zcwj/_index.md": POLICY_COLUMN,
            f"zcwj/{name}/_index.md": POLICY_COLUMN,
            f"zcwj/{name}.md": policy("吉政办发〔2019〕1号"),
        },
    )
    assert summary(found) == [
        (Severity.ERROR, "URL-03", f"content/zcwj/{name}.md", 1, ""),
        (Severity.ERROR, "URL-03", f"content/zcwj/{name}/_index.md", 0, ""),
    ]


def test_by_year_is_free_outside_policy_columns(tmp_path: Path) -> None:
    _site, found = linked(
        tmp_path,
        {
            "news/_index.md": NEWS_COLUMN,
            "news/by-year/_index.md": NEWS_COLUMN,
            "news/by-year.md": news(),
        },
    )
    assert found == []


@pytest.mark.parametrize(
    "alias", ["/index.html", "/news/", "/search/", "/sitemap.html", "/404.html"]
)
def test_alias_onto_a_generated_page_is_an_error(tmp_path: Path, alias: str) -> None:
    _site, found = linked(
        tmp_path, {"news/_index.md": NEWS_COLUMN, "news/a.md": news(f'aliases: ["{alias}"]\n')}
    )
    assert [(d.severity, d.field) for d in found] == [(Severity.ERROR, "aliases[1]")]
    assert found[0].code in ("URL-01", "URL-03")


@pytest.mark.parametrize("loose", ["a.html", "index.html"])
def test_loose_file_colliding_with_a_page_is_url_01(tmp_path: Path, loose: str) -> None:
    _site, found = linked(
        tmp_path,
        {"news/_index.md": NEWS_COLUMN, "news/a.md": news(), f"news/{loose}": "<p>旧页面</p>"},
    )
    assert [d.code for d in found] == ["URL-01"]


# What ssg generates, by place: an alias or a file in content/ on it would replace it (or be
# replaced by it) without a word. Every one is URL-03 on the file that claims it.
GENERATED = [
    "/zcwj/policies.json",  # the policy library's filter data
    "/zcwj/by-year/2026/index.html",
    "/zcwj/by-topic/zong-he-zheng-wu/",
    "/zcwj/by-issuer/index_2.html",
    "/zcwj/sub/by-year/2026/",  # under a policy sub-column too, as for folder names
    "/news/index_2.html",  # a column's listing pages
    "/feeds/news.xml",
    "/search/shards/a.json",
    "/ndbb/2025/",
    "/zsk/",
    "/assets/css/site.css",
    "/static/emblem.png",
    "/sitemap.xml",
    "/404.html",
    "/index.html",
    "/.ssg-output",  # the marker that lets ssg replace the output folder
]
RESERVED_SITE: dict[str, str | bytes] = {
    "zcwj/_index.md": POLICY_COLUMN,
    "zcwj/sub/_index.md": POLICY_COLUMN,
    "zcwj/a.md": policy("吉政办发〔2019〕1号"),
    "news/_index.md": NEWS_COLUMN,
}


@pytest.mark.parametrize("alias", GENERATED)
def test_alias_onto_what_ssg_generates_is_url_03(tmp_path: Path, alias: str) -> None:
    files = {**RESERVED_SITE, "news/a.md": news(f'aliases: ["{alias}"]\n')}
    site, found = linked(tmp_path, files)
    assert summary(found) == [(Severity.ERROR, "URL-03", "content/news/a.md", 5, "aliases[1]")]
    assert site.aliases == {}


# (content/ files whose name starts with a dot are never read)
@pytest.mark.parametrize("loose", [p.strip("/") for p in GENERATED if p[-1] != "/" and p[1] != "."])
def test_file_in_content_onto_what_ssg_generates_is_url_03(tmp_path: Path, loose: str) -> None:
    _site, found = linked(tmp_path, {**RESERVED_SITE, loose: b"x"})
    assert summary(found) == [(Severity.ERROR, "URL-03", f"content/{loose}", 0, "")]


def test_reserved_message_names_what_ssg_writes_there(tmp_path: Path) -> None:
    files = {**RESERVED_SITE, "news/a.md": news('aliases: ["/zcwj/by-year/2026/"]\n')}
    _site, found = linked(tmp_path, files)
    assert "/zcwj/by-year/2026/index.html" in found[0].message
    assert "/zcwj/by-year/（政策文件库按年份浏览）" in found[0].message


def test_column_below_a_reserved_folder_is_url_03_too(tmp_path: Path) -> None:
    site, found = linked(
        tmp_path,
        {
            "zcwj/_index.md": POLICY_COLUMN,
            "zcwj/by-year/_index.md": POLICY_COLUMN,
            "zcwj/by-year/sub/_index.md": POLICY_COLUMN,
            "zcwj/by-year/sub/a.md": policy("吉政办发〔2019〕1号"),
        },
    )
    assert summary(found) == [
        (Severity.ERROR, "URL-03", "content/zcwj/by-year/_index.md", 0, ""),
        (Severity.ERROR, "URL-03", "content/zcwj/by-year/sub/_index.md", 0, ""),
    ]
    assert site.urls == {}


@pytest.mark.parametrize("alias", ["/old/index_2.html", "/news/by-year/2026/", "/policies.json"])
def test_alias_where_ssg_writes_nothing_is_kept(tmp_path: Path, alias: str) -> None:
    """A legacy site's paged URL outside any column, a news column's by-year/: ssg writes
    nothing there, so the redirect is wanted."""
    site, found = linked(tmp_path, {**RESERVED_SITE, "news/a.md": news(f'aliases: ["{alias}"]\n')})
    assert found == []
    assert set(site.aliases.values()) == {"/news/a.html"}


@pytest.mark.parametrize(
    ("files", "reported"),
    [
        ({"news/a.md": news('aliases: ["/zcwj/policies.json"]\n')}, "content/news/a.md:5:"),
        ({"zcwj/by-year/2026/index.html": b"<p>x</p>"}, "content/zcwj/by-year/2026/index.html:0:"),
    ],
)
def test_build_is_blocked_by_a_claim_on_generated_output(
    tmp_path: Path, files: dict[str, str | bytes], reported: str
) -> None:
    root = tmp_path / "site"
    make_site(root, {**RESERVED_SITE, **files})
    code, err = build(root)
    assert code == 1
    assert f"{reported} error [URL-03]" in err
    assert not (root / "public").exists()


def test_year_one_date_does_not_crash(tmp_path: Path) -> None:
    make_site(tmp_path, {"news/_index.md": NEWS_COLUMN, "news/a.md": news(date="0001-01-01")})
    code, err = build(tmp_path)
    assert code in (0, 1), err


def test_draft_home_page_is_an_error_at_its_line(tmp_path: Path) -> None:
    """The home page is always published: its `draft: true` cannot be honoured."""
    site, found = linked(
        tmp_path,
        {
            "_index.md": "---\ntitle: 首页\ndraft: true\n---\n",
            "news/_index.md": NEWS_COLUMN,
            "news/a.md": news(),
        },
    )
    assert summary(found) == [(Severity.ERROR, "COLUMN-03", "content/_index.md", 3, "draft")]
    assert "首页" in found[0].message
    assert set(site.items) == {"news/a"}


@pytest.mark.parametrize(
    ("column", "warned"),
    [
        (f"---\ntitle: 工作动态\ntype: news\nupdate: none\n{META}---\n", True),
        (f"---\ntitle: 通知公告\ntype: notice\nupdate: none\n{META}---\n", True),
        (f"---\ntitle: 文件\ntype: page\ncolumn_type: 政策文件\nupdate: none\n{META}---\n", True),
        (f"---\ntitle: 概况信息\ntype: page\nupdate: none\n{META}---\n", False),
        (f"---\ntitle: 工作动态\ntype: news\nupdate: 1w\n{META}---\n", False),
    ],
)
def test_update_none_on_a_column_with_a_national_limit_is_column_04(
    tmp_path: Path, column: str, warned: bool
) -> None:
    """`none` cannot lift RULES CONTENT-02's national limit (ARCHITECTURE §1.1): the editor
    is told at the line, the build is not blocked."""
    _site, found = linked(tmp_path, {"c/_index.md": column, "c/a.md": news()})
    update_line = column.split("\n").index(next(x for x in column.split("\n") if "update" in x))
    assert summary(found) == (
        [(Severity.ADVICE, "COLUMN-04", "content/c/_index.md", update_line + 1, "update")]
        if warned
        else []
    )


# --- COLUMN-05: a column's generated description and keywords, reported as advice ----------


@pytest.mark.parametrize(
    ("written", "field", "told"),
    [
        (
            "",
            "description",
            "栏目未写 description 和 keywords，已按栏目名称与位置生成栏目描述："
            "示例市人民政府的“工作动态”栏目；栏目关键词：工作动态。",
        ),
        (
            "description: 本市政府工作的进展\n",
            "keywords",
            "栏目未写 keywords，已按栏目名称与类别生成栏目关键词：工作动态。",
        ),
        (
            "keywords: [动态]\n",
            "description",
            "栏目未写 description，已按栏目名称与位置生成栏目描述：示例市人民政府的“工作动态”栏目。",
        ),
        ("description: 本市政府工作的进展\nkeywords: [动态]\n", "", ""),
    ],
)
def test_a_column_without_description_or_keywords_is_one_column_05_advice_at_its_title(
    tmp_path: Path, written: str, field: str, told: str
) -> None:
    """ARCHITECTURE §1.1: description "default: generated from title and parent, reported as
    advice", keywords "same default rule". Nothing was said: the editor never saw what the
    pages wrote. One advice a column, whatever is missing, saying the generated text."""
    column = f"---\ntitle: 工作动态\ntype: news\n{written}---\n"
    _site, found = linked(tmp_path, {"news/_index.md": column, "news/a.md": news()})
    assert summary(found) == (
        [(Severity.ADVICE, "COLUMN-05", "content/news/_index.md", 2, field)] if field else []
    )
    if field:
        assert found[0].message.startswith(told)


def test_a_sub_columns_generated_description_names_its_parent(tmp_path: Path) -> None:
    _site, found = linked(
        tmp_path,
        {
            "news/_index.md": NEWS_COLUMN,
            "news/bm/_index.md": "---\ntitle: 部门动态\n---\n",
            "news/bm/a.md": news(),
        },
    )
    assert summary(found) == [
        (Severity.ADVICE, "COLUMN-05", "content/news/bm/_index.md", 2, "description")
    ]
    # (its type and ColumnType come from the parent: 工作动态 is a keyword)
    assert (
        "示例市人民政府工作动态下的“部门动态”栏目；栏目关键词：部门动态,工作动态"
        in found[0].message
    )


def test_the_home_page_and_draft_columns_are_no_column_05(tmp_path: Path) -> None:
    """The home page's description is the site's (its name, data/site.yaml), and
    content/_index.md need not exist; a draft column, and what is inside it, publishes
    nothing: no citizen sees their generated text."""
    _site, found = linked(
        tmp_path,
        {
            "_index.md": "---\ntitle: 首页\n---\n",
            "news/_index.md": NEWS_COLUMN,
            "news/a.md": news(),
            "wip/_index.md": "---\ntitle: 筹备中\ndraft: true\n---\n",
            "wip/sub/_index.md": "---\ntitle: 下级栏目\n---\n",
        },
    )
    assert summary(found) == []


def test_no_column_05_when_site_yaml_names_no_site(tmp_path: Path) -> None:
    """Without a readable data/site.yaml the build links with a stand-in config: the text it
    would generate names no real site, and the error about site.yaml comes first."""
    make_site(tmp_path, {"news/_index.md": "---\ntitle: 工作动态\n---\n", "news/a.md": news()})
    diags = Diagnostics()
    tree = load_content(tmp_path, (), diags)
    link(tree, PLACEHOLDER, BUILD_DATE, diags)
    assert [d.code for d in diags] == []
    link(tree, load_site_config(tmp_path, diags) or PLACEHOLDER, BUILD_DATE, diags)
    assert [d.code for d in diags] == ["COLUMN-05"]


def test_column_05_says_what_the_column_page_shows(tmp_path: Path) -> None:
    """The generated text in the advice is the page's own ColumnDescription and
    ColumnKeywords, read from the built page."""
    root = sitekit.make_site(
        tmp_path, {"content/dt/bm/_index.md": "---\ntitle: 部门动态\ntype: news\n---\n"}
    )
    result = sitekit.run(root, command="build")
    assert result.code == 0
    [advice] = result.with_code("COLUMN-05")
    assert advice.startswith("content/dt/bm/_index.md:2: advice [COLUMN-05] description: ")
    page = (root / "public/dt/bm/index.html").read_text(encoding="utf-8")
    meta = {
        name: html.unescape(value)
        for name, value in re.findall(r'<meta name="(Column\w+)" content="([^"]*)"', page)
    }
    description, keywords = meta["ColumnDescription"], meta["ColumnKeywords"]
    assert "部门动态" in description and "部门动态" in keywords
    assert f"栏目描述：{description}；栏目关键词：{keywords}。" in advice


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("/zwgk/政策文件.html", "/zwgk/%E6%94%BF%E7%AD%96%E6%96%87%E4%BB%B6.html"),
        (
            "https://www.ceshi.gov.cn/zwgk/文件.html",
            "https://www.ceshi.gov.cn/zwgk/%E6%96%87%E4%BB%B6.html",
        ),
        # a migrated site's new address, written by hand: already a URL, kept as it is
        (
            "https://new.ceshi.gov.cn/art/2026/%E6%96%87.html",
            "https://new.ceshi.gov.cn/art/2026/%E6%96%87.html",
        ),
        (
            "https://new.ceshi.gov.cn/detail.jsp?id=12&col=3#top",
            "https://new.ceshi.gov.cn/detail.jsp?id=12&col=3#top",
        ),
        ("https://new.ceshi.gov.cn/a b/新.html", "https://new.ceshi.gov.cn/a%20b/%E6%96%B0.html"),
        # a scheme and host in capitals mean the same (RFC 3986): not a relative path
        ("HTTPS://WWW.jl.gov.cn/zcwj/P200.html", "https://www.jl.gov.cn/zcwj/P200.html"),
        ("Http://www.jl.gov.cn/a.html", "http://www.jl.gov.cn/a.html"),
    ],
)
def test_href_encodes_what_a_url_cannot_hold_and_keeps_what_it_is(url: str, shown: str) -> None:
    assert href(url) == shown


def test_an_alias_that_is_the_items_own_address_says_so(tmp_path: Path) -> None:
    """An alias equal to the item's own URL was "与 content/news/a.md:1 重复", a duplicate of
    the very file that wrote it: say that it is the item's own address."""
    site, found = linked(
        tmp_path, {"news/_index.md": NEWS_COLUMN, "news/a.md": news("aliases: [/news/a.html]\n")}
    )
    assert summary(found) == [(Severity.ERROR, "URL-01", "content/news/a.md", 5, "aliases[1]")]
    assert found[0].message.startswith("旧网址 “/news/a.html” 就是本条信息自己的网址")
    assert "重复" not in found[0].message
    assert site.aliases == {}
