"""Accepted findings (ARCHITECTURE §2.6): an item's `allow` is checked as data/allow.yaml is.

A misspelt or lower-case rule code, or an acceptance whose finding no longer occurs, was
silently ignored in front matter while data/allow.yaml reported it (ALLOW-01, ALLOW-03).
"""

from __future__ import annotations

from pathlib import Path

from tests.sitekit import make_site, policy, run

# A non-standard doc number: a POLICY-01 deduct finding at the policy's doc_number line (8).
POLICY = "content/zcwj/fei.md"


def _policy(allow: str = "") -> str:
    text = policy("测政发[2026]5号", index_number="11229800MB0000000X/2026-00005")
    return text.replace("\n---\n正文", f"\n{allow}\n---\n正文") if allow else text


def _site(tmp_path: Path, allow: str = "", allow_yaml: str = "") -> Path:
    files = {POLICY: _policy(allow)}
    if allow_yaml:
        files["data/allow.yaml"] = allow_yaml
    return make_site(tmp_path, files)


def test_a_front_matter_code_that_is_no_rule_code_is_an_error_at_its_entry(
    tmp_path: Path,
) -> None:
    root = _site(tmp_path, "allow:\n  POLICY-1: 按原件照录\n  sec-06: 外链已停用")
    result = run(root)
    assert result.code == 1
    assert result.with_code("ALLOW-01") == [
        f"{POLICY}:11: error [ALLOW-01] allow.POLICY-1: “POLICY-1” 不是规则编号，是不是 "
        "POLICY-01？ (not a rule code; did you mean POLICY-01?)",
        f"{POLICY}:12: error [ALLOW-01] allow.sec-06: “sec-06” 不是规则编号，规则编号用大写"
        "字母，应写作 SEC-06 (not a rule code; did you mean SEC-06?)",
    ]
    # (the item itself is still read: nothing else is said of it)
    assert [line for line in result.lines if "[ALLOW-01]" not in line] == []


def test_data_allow_yaml_says_the_same_of_the_same_code(tmp_path: Path) -> None:
    allow_yaml = "- {code: POLICY-1, path: zcwj/fei, reason: 按原件照录}\n"
    result = run(_site(tmp_path, allow_yaml=allow_yaml))
    assert result.with_code("ALLOW-01") == [
        "data/allow.yaml:1: error [ALLOW-01] [1].code: “POLICY-1” 不是规则编号，是不是 "
        "POLICY-01？ (not a rule code; did you mean POLICY-01?)",
    ]


def test_a_front_matter_acceptance_whose_finding_no_longer_occurs_is_said_at_its_line(
    tmp_path: Path,
) -> None:
    root = _site(tmp_path, "allow: {POLICY-01: 按原件照录, SEC-06: 外链已停用, POLCY-03: 照录}")
    result = run(root)
    assert result.code == 0
    assert result.with_code("ALLOW-03") == [
        f"{POLICY}:10: advice [ALLOW-03] allow.POLCY-03: 接受项 POLCY-03 没有对应的检查结果"
        "（没有编号为 POLCY-03 的规则，是不是 POLICY-03？），可以删除 (accepted finding no "
        "longer occurs; no rule has the code POLCY-03)",
        f"{POLICY}:10: advice [ALLOW-03] allow.SEC-06: 接受项 SEC-06 没有对应的检查结果，"
        "可以删除 (accepted finding no longer occurs)",
    ]
    [accepted] = result.with_code("POLICY-01")
    assert accepted.startswith(f"{POLICY}:8: deduct [POLICY-01] doc_number: ")
    assert accepted.endswith("[已接受 accepted: 按原件照录]")


def test_data_allow_yaml_reports_an_unused_acceptance_as_before(tmp_path: Path) -> None:
    allow_yaml = (
        "- {code: POLICY-01, path: zcwj/fei, reason: 按原件照录}\n"
        "- {code: SEC-06, path: zcwj/fei, reason: 外链已停用}\n"
    )
    result = run(_site(tmp_path, allow_yaml=allow_yaml))
    assert result.with_code("ALLOW-03") == [
        "data/allow.yaml:2: advice [ALLOW-03] 接受项 SEC-06 zcwj/fei 没有对应的检查结果，"
        "可以删除 (accepted finding no longer occurs)",
    ]
    assert result.with_code("POLICY-01")[0].endswith("[已接受 accepted: 按原件照录]")


def test_a_finding_made_while_linking_is_accepted_as_a_rules_finding_is(tmp_path: Path) -> None:
    """A duplicate 发文字号 (POLICY-01, found while the site is linked, before the rules run)
    never reached the acceptance: it stayed a deduct, and its acceptance was reported as
    one whose finding no longer occurs (ALLOW-03)."""
    original = policy("测政发〔2026〕7号")
    copy = original.replace(
        "\n---\n正文", "\nallow:\n  POLICY-01: 同一文件按要求在两个栏目发布\n---\n正文"
    )
    root = make_site(tmp_path, {"content/zcwj/a.md": original, "content/zcwj/a-copy.md": copy})
    result = run(root)
    assert result.code == 0, result.lines
    found = result.with_code("POLICY-01")
    assert len(found) == 2 and all(x.startswith("content/zcwj/a-copy.md:") for x in found), found
    assert all(x.endswith("[已接受 accepted: 同一文件按要求在两个栏目发布]") for x in found), found
    assert result.with_code("ALLOW-03") == []


MESSAGES = "id,asked,received,replied,department,category,public\nM1,2026-07-01,2026-07-01,,市住建局,咨询,是\n"
REPLY = (
    "---\ntitle: 关于供暖的答复\ndate: 2026-09-05\nasked: 2026-05-01\nreceived: 2026-05-02\n"
    "replied: 2026-09-05\ndepartment: 市住建局\nquestion: 何时供暖？\nreviewed_by: 审核人\n"
    "allow:\n  INTERACT-02: 当时系统故障\n---\n答复。\n"
)


def test_a_veto_accepted_in_allow_yaml_is_said_at_the_entry_to_delete(tmp_path: Path) -> None:
    """ALLOW-02 points at what the editor is to delete, not at the finding (which is
    listed, as a veto, at its own line, and named in the message)."""
    allow_yaml = "# 已知问题\n- {code: INTERACT-02, path: data/messages.csv, reason: 平台故障}\n"
    root = make_site(tmp_path, {"data/messages.csv": MESSAGES, "data/allow.yaml": allow_yaml})
    result = run(root)
    assert result.code == 1
    assert [x.split(" ", 3)[:3] for x in result.with_code("INTERACT-02")] == [
        ["data/messages.csv:2:", "veto", "[INTERACT-02]"]
    ]
    assert result.with_code("ALLOW-02") == [
        "data/allow.yaml:2: advice [ALLOW-02] INTERACT-02 是单项否决项，不能被接受，必须整改"
        "（data/messages.csv:2）；请删除这一接受项 (a veto cannot be accepted)"
    ]


def test_a_veto_accepted_in_front_matter_is_said_at_its_allow_line(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"content/hd/late.md": REPLY})
    result = run(root)
    assert result.code == 1
    assert result.with_code("ALLOW-02") == [
        "content/hd/late.md:11: advice [ALLOW-02] allow.INTERACT-02: INTERACT-02 是单项否决项，"
        "不能被接受，必须整改（content/hd/late.md:6）；请删除这一接受项 (a veto cannot be accepted)"
    ]


def test_an_allow_yaml_that_is_a_folder_or_a_broken_link_is_an_error_not_silence(
    tmp_path: Path,
) -> None:
    # Silence would turn every accepted finding back on with no word of why.
    folder = _site(tmp_path / "folder")
    (folder / "data/allow.yaml").mkdir()
    result = run(folder)
    assert result.code == 1
    assert result.with_code("FILE-03") == [
        "data/allow.yaml:0: error [FILE-03] allow.yaml 应为文件，不是文件夹 "
        "(expected a file, found a folder)"
    ]
    broken = _site(tmp_path / "link")
    (broken / "data/allow.yaml").symlink_to(broken / "data/allow-moved.yaml")
    [line] = run(broken).with_code("FILE-03")
    assert line.startswith(
        "data/allow.yaml:0: error [FILE-03] allow.yaml 是指向不存在文件的符号链接"
    )
