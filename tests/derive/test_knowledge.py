"""The 知识库 at /zsk/ (INTERACT-06): replies by topic, the message statistics."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from ssg.derive.knowledge import _stats, topic_anchors
from tests.sitekit import make_site, run

HEADER = "id,asked,received,replied,department,category,public\n"


def reply(title: str, received: str, replied: str, topic: str = "", dept: str = "市住建局") -> str:
    line = f"topic: {topic}\n" if topic else ""
    return (
        f"---\ntitle: {title}\ndate: {replied}\nasked: {received}\nreceived: {received}\n"
        f"replied: {replied}\ndepartment: {dept}\nquestion: 关于{title}的问题？\n{line}"
        "reviewed_by: 审核人\n---\n答复。\n"
    )


REPLIES = {
    "content/hd/a.md": reply("供暖时间", "2026-10-01", "2026-10-03", "城乡建设"),
    "content/hd/b.md": reply("物业维修", "2026-10-05", "2026-10-10", "城乡建设"),
    "content/hd/c.md": reply("入学报名", "2026-09-01", "2026-09-02", "教育", "市教育局"),
    "content/hd/d.md": reply("公交线路", "2026-11-01", "2026-11-05", dept="市交通运输局"),
}


def page(root: Path) -> str:
    return (root / "public/zsk/index.html").read_text(encoding="utf-8")


def test_replies_grouped_by_topic_newest_first(tmp_path: Path) -> None:
    make_site(tmp_path, REPLIES)
    result = run(tmp_path, command="build")
    assert result.code == 0
    html = page(tmp_path)
    headings = re.findall(r'<h2 id="topic-[a-z0-9-]+">([^<]+)</h2>', html)
    # 城乡建设 has two, then one each in pinyin order; the baseline reply and d.md have no
    # topic and go under their department.
    assert headings == ["城乡建设", "教育", "市交通运输局", "市住建局"]
    section = html.split('<h2 id="topic-cheng-xiang-jian-she">')[1].split("</section>")[0]
    assert section.index("物业维修") < section.index("供暖时间")  # newest answer first
    for name in ("a", "b", "c", "d", "gongnuan"):
        assert f'href="/hd/{name}.html"' in html
    assert '<a href="#topic-cheng-xiang-jian-she">城乡建设（2）</a>' in html
    assert not [line for line in result.lines if "[INTERACT-06]" in line]


def test_statistics_from_published_replies(tmp_path: Path) -> None:
    make_site(tmp_path, REPLIES)
    run(tmp_path, command="build")
    html = page(tmp_path)
    # five replies: 2 + 5 + 1 + 4 days and the baseline's 2026-11-02 → 2026-11-10 (8 days)
    assert "<dt>收到留言</dt><dd>5 条</dd>" in html
    assert "<dt>已办结</dt><dd>5 条</dd>" in html
    assert "<dd>4.0 天（受理至答复）</dd>" in html
    # (each date a <time>, which the theme never breaks inside)
    shown = re.sub(r"<[^>]+>", "", html)
    assert "已公开的留言答复，受理日期 2026-09-01 至 2026-11-02" in shown
    assert '<time datetime="2026-09-01">2026-09-01</time>' in html


def test_statistics_from_published_replies_count_answers_given_by_the_build_date(
    tmp_path: Path,
) -> None:
    """A reply item dated after the build date (2026-11-20) is not answered yet, as a row of
    messages.csv so dated is not: it was counted 办结 when the statistics came from the items."""
    late = reply("路灯维修", "2026-11-12", "2026-12-05", dept="市城管局").replace(
        "date: 2026-12-05",
        "date: 2026-11-15",  # (published now: not held back as scheduled)
    )
    make_site(tmp_path, {**REPLIES, "content/hd/e.md": late})
    run(tmp_path, command="build")
    html = page(tmp_path)
    assert "<dt>收到留言</dt><dd>6 条</dd>" in html
    assert "<dt>已办结</dt><dd>5 条</dd>" in html
    assert "<dd>4.0 天（受理至答复）</dd>" in html


def test_statistics_from_messages_csv(tmp_path: Path) -> None:
    rows = (
        "M1,2026-10-01,2026-10-01,2026-10-04,市住建局,咨询,是\n"
        "M2,2026-10-02,2026-10-02,2026-10-04,市住建局,咨询,否\n"
        "M3,2026-11-15,2026-11-15,,市教育局,咨询,是\n"
    )
    make_site(tmp_path, {**REPLIES, "data/messages.csv": HEADER + rows})
    run(tmp_path, command="build")
    html = page(tmp_path)
    assert "<dt>收到留言</dt><dd>3 条</dd>" in html
    assert "<dt>已办结</dt><dd>2 条</dd>" in html
    assert "<dd>2.5 天（受理至答复）</dd>" in html
    assert "<dt>公开答复</dt><dd>5 条</dd>" in html
    assert (
        "留言数据中的政务咨询类留言（不含网上信访、纪检举报、在线访谈、调查征集），"
        "受理日期 2026-10-01 至 2026-11-15"
    ) in re.sub(r"<[^>]+>", "", html)


def test_statistics_count_answers_given_by_the_build_date_and_no_negative_days(
    tmp_path: Path,
) -> None:
    """An answer dated after the build date (2026-11-20) is not given yet; one dated before
    its message was received has no days to count. Such a row is an error that blocks the
    build (MESSAGES-04), which then renders no 知识库: these are the figures _stats makes of
    it all the same."""
    rows = (
        "M1,2026-10-01,2026-10-01,2026-10-04,市住建局,咨询,是\n"
        "M2,2026-10-02,2026-10-12,2026-10-02,市住建局,咨询,否\n"
        "M3,2026-11-15,2026-11-15,2026-12-05,市教育局,咨询,是\n"
    )
    make_site(tmp_path, {**REPLIES, "data/messages.csv": HEADER + rows})
    assert run(tmp_path).with_code("MESSAGES-04") == [
        "data/messages.csv:3: error [MESSAGES-04] replied: 留言 M2 的答复日期 2026-10-02 早于受理"
        "日期 2026-10-12；请核对并改正 (replied before it was received)"
    ]
    stats = _stats(tmp_path, [], dt.date(2026, 11, 20))
    assert (stats.received, stats.answered, stats.average_days) == (3, 2, 3.0)
    # (M1's 3 days alone: M3 is answered after the build date, M2 has no days to count)


def test_statistics_count_a_row_with_an_unreadable_reply_date_as_answered(
    tmp_path: Path,
) -> None:
    """A row whose 答复日期 cannot be read is an error at the row, not an unanswered
    message: the platform recorded an answer. It counts as received and 办结, with no days
    to average, until the error is fixed (the annual report counts it the same way)."""
    rows = (
        "M1,2026-10-01,2026-10-01,2026-10-04,市住建局,咨询,是\n"
        "M2,2026-10-02,2026-10-02,2026/10/09,市住建局,咨询,是\n"
        "M3,2026-11-15,2026-11-15,,市教育局,咨询,是\n"
    )
    make_site(tmp_path, {**REPLIES, "data/messages.csv": HEADER + rows})
    assert [x for x in run(tmp_path).lines if "messages.csv" in x] == [
        "data/messages.csv:3: error [MESSAGES-03] replied: 答复日期 “2026/10/09” 不是有效日期；应写作 YYYY-MM-DD，例如 2024-03-05；"
        "未答复的留言请留空 (invalid date; expected YYYY-MM-DD)"
    ]
    stats = _stats(tmp_path, [], dt.date(2026, 11, 20))
    assert (stats.received, stats.answered, stats.average_days) == (3, 2, 3.0)
    # (M1 and M2 answered, M3 not; M1's 3 days alone have a count)


def test_no_knowledge_base_without_replies(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    for name in ("gongnuan.md", "_index.md"):
        (tmp_path / "content/hd" / name).unlink()
    run(tmp_path, command="build")
    assert not (tmp_path / "public/zsk").exists()


def test_topics_beginning_with_a_place_name_sort_as_the_place_is_read(tmp_path: Path) -> None:
    """长岭县… under c, not z (pypinyin's 长 of 市长), 朝阳区… under chao, not zhao: the
    place-aware reading of ssg/place_readings.py orders the topics; the URLs stay as they were."""
    places = {
        "content/hd/e.md": reply("农村公路养护", "2026-10-07", "2026-10-09", "长岭县农村公路"),
        "content/hd/f.md": reply("老旧小区供热", "2026-10-08", "2026-10-09", "朝阳区供热"),
    }
    make_site(tmp_path, {**REPLIES, **places})
    result = run(tmp_path, command="build")
    assert result.code == 0
    html = page(tmp_path)
    headings = re.findall(r'<h2 id="topic-[a-z0-9-]+">([^<]+)</h2>', html)
    # chang-ling, chao-yang, jiao-yu, shi-jiao…, shi-zhu… (pypinyin alone: zhang, zhao last)
    assert headings == [
        "城乡建设",
        "长岭县农村公路",
        "朝阳区供热",
        "教育",
        "市交通运输局",
        "市住建局",
    ]
    for name in ("a", "b", "c", "d", "e", "f", "gongnuan"):
        assert f'href="/hd/{name}.html"' in html


def headings(html: str) -> dict[str, str]:
    """Each topic's anchor, by topic, in the page's order."""
    return {
        name: anchor
        for anchor, name in re.findall(r'<h2 id="(topic-[a-z0-9-]+)">([^<]+)</h2>', html)
    }


def test_a_mayors_topic_sorts_as_the_mayors_and_the_build_loads_no_pypinyin(
    tmp_path: Path,
) -> None:
    """市长春节慰问 is a 市长's (shi-zhang-chun-jie), not 长春 (shi-chang-chun), as new_slug
    reads it (ssg/slugs.py _runs_on, _taken_from_before/_settled): it sorts after 市交通运输局
    (shi-jiao), not before it. 长春市公积金 stays the city's. The readings are worked out
    beside the build: the build itself still never loads pypinyin's dictionary."""
    places = {
        "content/hd/e.md": reply("春节慰问", "2026-10-07", "2026-10-09", "市长春节慰问"),
        "content/hd/f.md": reply("春耕调研", "2026-10-07", "2026-10-09", "副市长春耕调研"),
        "content/hd/g.md": reply("提取", "2026-10-08", "2026-10-09", "长春市公积金"),
    }
    make_site(tmp_path, {**REPLIES, **places})
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from ssg.cli import main
            code = main(["build", "--source", {str(tmp_path)!r}, "--date", "2026-11-20", "--quiet"])
            print(code, "pypinyin" in sys.modules)
            """)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-2:] == ["0", "False"]
    topics = headings(page(tmp_path))
    assert list(topics) == [
        "城乡建设",  # (two replies: first)
        "长春市公积金",  # chang-chun-shi
        "副市长春耕调研",  # fu-shi-zhang-chun-geng
        "教育",  # jiao-yu
        "市交通运输局",  # shi-jiao-tong
        "市长春节慰问",  # shi-zhang-chun-jie (was shi-chang-chun-jie: before 市交通运输局)
        "市住建局",  # shi-zhu-jian
    ]
    assert topics["市长春节慰问"] == "topic-shi-zhang-chun-jie-wei-wen"
    assert topics["副市长春耕调研"] == "topic-fu-shi-zhang-chun-geng-diao-yan"
    assert topics["长春市公积金"] == "topic-chang-chun-shi-gong-ji-jin"


def test_topics_whose_reading_is_unchanged_keep_their_anchors(tmp_path: Path) -> None:
    """The new topics take their places in the order; every other topic keeps its anchor."""
    make_site(tmp_path, REPLIES)
    assert run(tmp_path, command="build").code == 0
    before = headings(page(tmp_path))
    more = {
        "content/hd/e.md": reply("春节慰问", "2026-10-07", "2026-10-09", "市长春节慰问"),
        "content/hd/f.md": reply("农村公路养护", "2026-10-07", "2026-10-09", "长岭县农村公路"),
    }
    make_site(tmp_path, {**REPLIES, **more})
    assert run(tmp_path, command="build").code == 0
    after = headings(page(tmp_path))
    assert {name: after[name] for name in before} == before


def test_a_topics_anchor_stays_when_the_topics_order_changes(tmp_path: Path) -> None:
    """Anchors were numbered by position: a topic gaining replies moved up and took another's
    number, and a link to 知识库#topic-2 found another topic. Now each is its reading; topics
    read alike are told apart in name order."""
    make_site(tmp_path, REPLIES)
    assert run(tmp_path, command="build").code == 0
    before = dict(re.findall(r'<h2 id="(topic-[a-z0-9-]+)">([^<]+)</h2>', page(tmp_path)))
    more = {
        f"content/hd/x{n}.md": reply(f"学位问题{n}", "2026-10-0" + str(n), "2026-10-09", "教育")
        for n in range(1, 4)
    }
    make_site(tmp_path, {**REPLIES, **more})
    assert run(tmp_path, command="build").code == 0
    html = page(tmp_path)
    after = dict(re.findall(r'<h2 id="(topic-[a-z0-9-]+)">([^<]+)</h2>', html))
    assert next(iter(after.values())) == "教育"  # (it moved to the top)
    assert after == before  # every topic keeps its anchor
    assert before["topic-jiao-yu"] == "教育"
    assert topic_anchors(["公示", "公式", "教育"]) == {
        "公式": "topic-gong-shi",  # (公式 before 公示 in code point order)
        "公示": "topic-gong-shi-2",
        "教育": "topic-jiao-yu",
    }


def test_statistics_count_the_messages_answered_by_the_build_date(tmp_path: Path) -> None:
    """Built as of 2026-11-20 from an export taken later: an answer dated after the build
    date has not been given yet (the build date is the input of every time-based figure).
    A row received after it is no longer counted or left out here: it is an input error,
    MESSAGES-04 (tests/check/test_interact.py), whatever the clock says."""
    rows = (
        "M1,2026-10-01,2026-10-01,2026-10-04,市住建局,咨询,是\n"
        "M2,2026-11-18,2026-11-18,,市教育局,咨询,是\n"
        "M3,2026-11-19,2026-11-19,2026-11-27,市教育局,咨询,是\n"
    )
    make_site(tmp_path, {**REPLIES, "data/messages.csv": HEADER + rows})
    result = run(tmp_path, command="build")
    assert result.code == 0, result.lines
    html = page(tmp_path)
    assert "<dt>收到留言</dt><dd>3 条</dd>" in html
    assert "<dt>已办结</dt><dd>1 条</dd>" in html
    assert "受理日期 2026-10-01 至 2026-11-19" in re.sub(r"<[^>]+>", "", html)


def test_a_row_received_after_the_build_date_never_reaches_the_statistics(
    tmp_path: Path,
) -> None:
    """_stats counts every row it reads as received: one received after the build date is
    MESSAGES-04 in the load stage, and the build stops before the render writes the 知识库
    (there is no figure that leaves the row out, nor one that counts it)."""
    rows = (
        "M1,2026-10-01,2026-10-01,2026-10-04,市住建局,咨询,是\n"
        "M2,2026-11-21,2026-11-21,,市教育局,咨询,是\n"
    )
    make_site(tmp_path, {**REPLIES, "data/messages.csv": HEADER + rows})
    result = run(tmp_path, command="build")
    assert [line.split(" received:")[0] for line in result.lines if "error" in line] == [
        "data/messages.csv:3: error [MESSAGES-04]"
    ]
    assert result.code == 1
    assert not (tmp_path / "public/zsk").exists()


def test_average_days_are_the_annual_reports(tmp_path: Path) -> None:
    """The template's 平均办理时间 (年报通知 国办函〔2018〕12号, 互动交流 留言办理) is that of the
    办结留言: every answered 政务咨询类 message, published or not (`public` 否: the platform
    answered it, it is one of 办结留言数量), from 受理日期 to 答复日期. The annual report and
    the 知识库 show the same figure of the same rows: here, all received and answered in
    2025 and built in 2026, 2 days (public) and 30 days (not public) make 16.0 in both; the
    public replies alone would make 2.0."""
    from tests.derive.kit import FIXTURES, figures, fixture_site

    root = fixture_site(tmp_path, FIXTURES / "report-2025")
    (root / "data/messages.csv").write_text(
        HEADER
        + "M1,2025-03-01,2025-03-02,2025-03-04,市住建局,咨询,是\n"
        + "M2,2025-05-01,2025-05-01,2025-05-31,市教育局,投诉,否\n"
        + "M3,2025-06-01,2025-06-01,2025-06-01,市教育局,网上信访,是\n",  # (not 咨询类)
        encoding="utf-8",
    )
    result = run(root, command="build", date="2026-01-14")
    assert (root / "public/zsk/index.html").exists(), result.lines
    assert figures(root / "public", 2025)["互动交流.留言办理.平均办理时间"] == 16.0
    assert "<dt>平均办理时间</dt><dd>16.0 天（受理至答复）</dd>" in page(root)
