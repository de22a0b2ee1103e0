"""A reply item's answer (its body) and its 发布日期 against its 答复日期 (RULES INTERACT-03:
公开…答复日期、答复内容). Real sites on disk, the real CLI."""

from __future__ import annotations

from pathlib import Path

from tests.sitekit import make_site, run

REPLY = "content/hd/ludeng.md"


def reply(date: str, replied: str, body: str = "答复。") -> str:
    return (
        f"---\ntitle: 关于路灯的答复\ndate: {date}\nasked: 2026-11-05\nreceived: 2026-11-06\n"
        f"replied: {replied}\ndepartment: 市住建局\nquestion: 路灯坏了\nreviewed_by: 审核人\n"
        f"---\n{body}"
    )


def test_a_reply_without_an_answer_is_an_error_at_its_body(tmp_path: Path) -> None:
    make_site(tmp_path, {REPLY: reply("2026-11-10", "2026-11-08", body="\n  \n")})
    result = run(tmp_path)
    assert result.code == 1
    assert [line.split(" (")[0] for line in result.lines if REPLY in line] == [
        f"{REPLY}:11: error [INTERACT-03] 留言答复的正文（答复内容）为空；请在 front matter 之后写答复内容"
    ]


def test_a_draft_reply_may_wait_for_its_answer(tmp_path: Path) -> None:
    """Saved as a draft before the answer is written: it publishes nothing, blocks nothing."""
    text = reply("2026-11-10", "2026-11-08", body="\n").replace(
        "---\ntitle", "---\ndraft: true\ntitle"
    )
    make_site(tmp_path, {REPLY: text})
    result = run(tmp_path)
    assert result.code == 0 and not result.with_code("INTERACT-03")


def test_a_reply_in_a_draft_column_may_wait_for_its_answer(tmp_path: Path) -> None:
    """(the column's draft publishes nothing of it, as the reply's own draft does)"""
    column = "---\ntitle: 咨询投诉\ntype: reply\ndraft: true\n---\n"
    make_site(
        tmp_path,
        {"content/hd/_index.md": column, REPLY: reply("2026-11-10", "2026-11-08", body="\n")},
    )
    result = run(tmp_path)
    assert not result.with_code("INTERACT-03"), result.lines


def test_a_reply_published_before_its_answer_is_reported_at_its_date(tmp_path: Path) -> None:
    # (答复日期 after the build date too: the page showed an answer not given yet)
    for replied in ("2026-11-12", "2026-12-04"):
        make_site(tmp_path, {REPLY: reply("2026-11-10", replied)})
        result = run(tmp_path)
        assert result.code == 0
        assert [line.split(" (")[0] for line in result.with_code("INTERACT-03")] == [
            f"{REPLY}:3: deduct [INTERACT-03] date: 发布日期 2026-11-10 早于答复日期 {replied}："
            "答复还没有作出就已公开；请核对发布日期或答复日期"
        ]


def test_a_reply_published_on_the_day_of_its_answer_is_fine(tmp_path: Path) -> None:
    make_site(tmp_path, {REPLY: reply("2026-11-10", "2026-11-10")})
    result = run(tmp_path)
    assert result.with_code("INTERACT-03") == []
    assert result.code == 0
