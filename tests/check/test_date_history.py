"""CONTENT-08's git pre-check (ssg/check/date_history.py): a published item's date changed
in a later commit is a finding at its `date` line; a draft's or a scheduled item's is not,
and a reason in `allow` accepts it. Real git repositories on disk, the real CLI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.sitekit import make_site, policy, run

COVERS = {
    "CONTENT-08:redated": (
        "test_a_published_date_moved_later_is_a_finding_at_its_line",
        "test_a_draft_or_scheduled_item_may_be_redated",
    ),
    "CONTENT-08:redated_after_allow": (
        "test_an_allow_does_not_cover_a_later_redating",
        "test_an_allow_committed_after_the_redating_covers_it",
    ),
    "SSG-06:history_unread": (
        "test_a_history_git_cannot_read_is_said_and_read_again_next_time",
        "test_no_repository_no_commit_or_a_history_read_is_no_advice",
    ),
}

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None and not os.environ.get("CI"),
    reason="git is not installed (deps/apt.txt installs it)",
)

NEWS = "content/dt/tingdian.md"


def news(date: str, *extra: str, title: str = "关于计划停电的通知") -> str:
    lines = "".join(f"{line}\n" for line in extra)
    return (
        f"---\ntitle: {title}\ndate: {date}\nsource: 测试市人民政府办公室\n"
        f"reviewed_by: 审核人\n{lines}---\n正文。\n"
    )


def git_env(when: str) -> dict[str, str]:
    return {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{when}T12:00:00+00:00",
        "GIT_COMMITTER_DATE": f"{when}T12:00:00+00:00",
        "GIT_AUTHOR_NAME": "编辑",
        "GIT_AUTHOR_EMAIL": "bianji@example.gov.cn",
        "GIT_COMMITTER_NAME": "编辑",
        "GIT_COMMITTER_EMAIL": "bianji@example.gov.cn",
    }


def git(root: Path, when: str, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, env=git_env(when))


def commit(root: Path, when: str, message: str) -> None:
    git(root, when, "add", "-A")
    git(root, when, "commit", "-q", "-m", message)


def repository(root: Path, first: str) -> Path:
    make_site(root, {NEWS: first})
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    commit(root, "2026-11-02", "发布停电通知")
    return root


def test_a_published_date_moved_later_is_a_finding_at_its_line(tmp_path: Path) -> None:
    """Published on 11-01 and committed then; re-dated to 11-17 a fortnight later (so the
    column looks updated): the finding names the commit and both dates."""
    root = repository(tmp_path, news("2026-11-01"))
    (root / NEWS).write_text(news("2026-11-17"), encoding="utf-8")
    commit(root, "2026-11-17", "更新日期")
    result = run(root)
    [found] = result.with_code("CONTENT-08")
    assert found.startswith(
        f"{NEWS}:3: deduct [CONTENT-08] date: 已发布信息的发布日期在 git 历史中被改动：提交 "
    )
    assert "（2026-11-17）把 2026-11-01 改为 2026-11-17" in found
    # Moving it back earlier (backdating) is said just the same: the latest change.
    (root / NEWS).write_text(news("2026-10-01"), encoding="utf-8")
    commit(root, "2026-11-18", "再改日期")
    [found] = run(root).with_code("CONTENT-08")
    assert "把 2026-11-17 改为 2026-10-01" in found


def test_a_reason_in_allow_accepts_it(tmp_path: Path) -> None:
    root = repository(tmp_path, news("2026-11-01"))
    (root / NEWS).write_text(
        news("2026-11-11", "allow:", "  CONTENT-08: 原稿日期录入错误，以印发日期为准"), "utf-8"
    )
    commit(root, "2026-11-12", "改正日期")
    result = run(root)
    [found] = result.with_code("CONTENT-08")
    assert found.endswith("[已接受 accepted: 原稿日期录入错误，以印发日期为准]")
    assert result.code == 0


def test_a_draft_or_scheduled_item_may_be_redated(tmp_path: Path) -> None:
    """A draft is not published, nor is an item whose date had not come when it was
    changed; un-drafting with a new date is publishing it; uncommitted edits are no history;
    a change of the time of day only keeps the date."""
    root = repository(tmp_path, news("2026-11-01", "draft: true"))
    (root / NEWS).write_text(news("2026-11-05", "draft: true"), encoding="utf-8")
    commit(root, "2026-11-03", "草稿改日期")
    (root / NEWS).write_text(news("2026-11-06"), encoding="utf-8")
    commit(root, "2026-11-06", "发布")
    other = root / "content/dt/dingshi.md"
    other.write_text(news("2026-11-30"), encoding="utf-8")
    commit(root, "2026-11-07", "定时发布")
    other.write_text(news("2026-11-10"), encoding="utf-8")
    commit(root, "2026-11-08", "提前发布")
    (root / NEWS).write_text(news("2026-11-06 09:30"), encoding="utf-8")
    commit(root, "2026-11-09", "补时间")
    (root / NEWS).write_text(news("2026-11-16"), encoding="utf-8")  # (not committed)
    result = run(root)
    assert result.with_code("CONTENT-08") == [], result.lines


def test_without_git_history_nothing_is_said(tmp_path: Path) -> None:
    make_site(tmp_path, {NEWS: news("2026-11-01")})
    assert run(tmp_path).with_code("CONTENT-08") == []


def test_no_repository_no_commit_or_a_history_read_is_no_advice(tmp_path: Path) -> None:
    """The near miss of SSG-06: a site outside any git repository (ssg does not ask for git),
    one in a repository with no commit yet (nothing published was ever committed), and one
    whose history was read: nothing to say of the pre-check."""
    root = make_site(tmp_path / "plain", {NEWS: news("2026-11-01")})
    assert run(root).with_code("SSG-06") == []
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    result = run(root)
    assert result.with_code("SSG-06") == [] and result.code == 0, result.lines
    commit(root, "2026-11-02", "发布停电通知")
    (root / NEWS).write_text(news("2026-11-17"), encoding="utf-8")
    commit(root, "2026-11-17", "更新日期")
    result = run(root)
    assert result.with_code("SSG-06") == [] and len(result.with_code("CONTENT-08")) == 1


def missing_object(root: Path, path: str) -> tuple[Path, Path]:
    """The object file of `path`'s version before HEAD, and where it is moved aside to: a
    repository with a missing object, as a disk error or a bad copy leaves one."""
    blob = subprocess.run(
        ["git", "-C", str(root), "rev-parse", f"HEAD~1:{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return root / ".git/objects" / blob[:2] / blob[2:], root.parent / blob


def test_a_history_git_cannot_read_is_said_and_read_again_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A git that failed or hung gave no diagnostic, and its empty result was kept for the
    HEAD: CONTENT-08 said nothing, in this build and every later one. Now an advice (SSG-06,
    never blocking, not even with --strict) says why, and the next build reads it again: a
    repository with a missing object (git's own line), then a `git cat-file` that hangs
    past the limit (made 1 s here), then git not found at all."""
    root = repository(tmp_path / "site", news("2026-11-01"))
    (root / NEWS).write_text(news("2026-11-17"), encoding="utf-8")
    commit(root, "2026-11-17", "更新日期")
    redated = "把 2026-11-01 改为 2026-11-17"
    found, aside = missing_object(root, NEWS)
    found.rename(aside)
    result = run(root, "--strict")
    [said] = result.with_code("SSG-06")
    assert said.startswith("content:0: advice [SSG-06] 未能读取 content/ 的 git 历史（fatal: ")
    assert "本次没有运行 CONTENT-08 的发布日期预检" in said
    assert result.with_code("CONTENT-08") == [] and result.code == 0, result.lines
    aside.rename(found)  # (the object back: the same HEAD, read this time)
    [said] = run(root).with_code("CONTENT-08")
    assert redated in said
    from ssg.check import history_diff

    monkeypatch.setattr(history_diff, "GIT_TIMEOUT", 1.0)
    monkeypatch.setenv("PATH", f"{hanging_blobs(tmp_path)}{os.pathsep}{os.environ['PATH']}")
    (root / NEWS).write_text(news("2026-11-18"), encoding="utf-8")
    commit(root, "2026-11-18", "再改日期")
    result = run(root, "--strict")
    [said] = result.with_code("SSG-06")
    assert "（git cat-file 超过 1 秒没有回答" in said, said
    assert result.with_code("CONTENT-08") == [] and result.code == 0, result.lines
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    [said] = run(root).with_code("SSG-06")
    assert "（无法运行 git：" in said, said
    monkeypatch.undo()
    [said] = run(root).with_code("CONTENT-08")
    assert "把 2026-11-17 改为 2026-11-18" in said


def test_a_build_that_could_not_read_the_history_is_not_replayed(tmp_path: Path) -> None:
    """SSG-06 is never cached, and a no-change `ssg build` must not keep it either: git
    failed once (an object missing), the object is back, nothing else changed: the next
    build reads the history and finds the re-dating instead of replaying the advice."""
    root = repository(tmp_path / "site", news("2026-11-01"))
    (root / NEWS).write_text(news("2026-11-17"), encoding="utf-8")
    commit(root, "2026-11-17", "更新日期")
    past = time.time() - 60  # (inputs saved just now are "racy" and never replayed anyway)
    for path in root.rglob("*"):
        if ".git" not in path.relative_to(root).parts:
            os.utime(path, (past, past))
    found, aside = missing_object(root, NEWS)
    found.rename(aside)
    assert run(root, command="build").with_code("SSG-06")
    aside.rename(found)
    result = run(root, command="build")
    assert result.with_code("SSG-06") == [], result.lines
    [said] = result.with_code("CONTENT-08")
    assert "把 2026-11-01 改为 2026-11-17" in said
    # (and a build that read it is replayed as before: the same finding, no new reading)
    assert run(root, command="build").with_code("CONTENT-08") == [said]


def test_a_rebase_keeps_a_rescheduled_item_unpublished(tmp_path: Path) -> None:
    """Rescheduled on a branch while still in the future, then rebased a week later: the
    rebase sets the committer's time to its own day, the author's stays (audit of the
    review: a routine rebase turned a reschedule into a re-dating)."""
    other = "content/dt/jihua.md"
    root = repository(tmp_path, news("2026-11-01"))
    (root / other).write_text(news("2026-11-25"), encoding="utf-8")
    commit(root, "2026-11-20", "定时发布")
    git(root, "2026-11-21", "checkout", "-q", "-b", "fix")
    (root / other).write_text(news("2026-11-26"), encoding="utf-8")
    commit(root, "2026-11-21", "改期")
    git(root, "2026-11-22", "checkout", "-q", "main")
    (root / "content/dt/other.md").write_text(news("2026-11-22"), encoding="utf-8")
    commit(root, "2026-11-22", "另一条")
    git(root, "2026-11-28", "checkout", "-q", "fix")
    git(root, "2026-11-28", "rebase", "-q", "main")
    assert run(root, date="2026-11-30").with_code("CONTENT-08") == []


def test_a_review_branchs_own_edits_before_its_merge_are_no_redating(tmp_path: Path) -> None:
    """Written on a review branch and re-dated there before the merge: the published branch
    received the item once, as it was merged."""
    root = repository(tmp_path, news("2026-11-01"))
    review = "content/dt/shenhe.md"
    git(root, "2026-11-23", "checkout", "-q", "-b", "review")
    (root / review).write_text(news("2026-11-23"), encoding="utf-8")
    commit(root, "2026-11-23", "初稿")
    (root / review).write_text(news("2026-11-24"), encoding="utf-8")
    commit(root, "2026-11-24", "按审核意见改日期")
    git(root, "2026-11-24", "checkout", "-q", "main")
    git(root, "2026-11-24", "merge", "-q", "--no-ff", "-m", "合并审核", "review")
    assert run(root, date="2026-11-30").with_code("CONTENT-08") == []
    # …while a re-dating after the merge, on the published branch, is said.
    (root / review).write_text(news("2026-11-29"), encoding="utf-8")
    commit(root, "2026-11-29", "改日期")
    [found] = run(root, date="2026-11-30").with_code("CONTENT-08")
    assert "把 2026-11-24 改为 2026-11-29" in found


def test_many_redated_files_are_read_by_one_git_process(tmp_path: Path) -> None:
    """A commit that restores many items' dates: each file's earlier version is read (is it
    a draft?) without a git process a file."""
    root = make_site(tmp_path, {f"content/dt/n{i}.md": news("2026-11-01") for i in range(40)})
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    commit(root, "2026-11-02", "发布")
    for i in range(40):
        (root / f"content/dt/n{i}.md").write_text(news("2026-11-03"), encoding="utf-8")
    commit(root, "2026-11-04", "统一改日期")
    calls: list[list[str]] = []
    real = subprocess.Popen

    def counted(argv: list[str], *args: object, **kwargs: object) -> object:
        calls.append(list(argv))
        return real(argv, *args, **kwargs)  # type: ignore[call-overload]

    import ssg.check.date_history as history

    history._CACHE.clear()
    subprocess.Popen = counted  # type: ignore[assignment, misc]  # (subprocess.run's too)
    try:
        found = history.redatings(root)
    finally:
        subprocess.Popen = real  # type: ignore[misc]
    assert len(found) == 40 and {c.new for c in found.values()} == {"2026-11-03"}
    assert [argv[3] for argv in calls] == ["rev-parse", "-c", "cat-file"], calls  # (-c: log)


def hanging_blobs(root: Path) -> Path:
    """A folder with a `git` that runs the real one, but for `git cat-file`, which hangs
    (as on a held lock or a stalled disk) without answering: to put first on PATH."""
    real = shutil.which("git")
    folder = root / "bin"
    folder.mkdir()
    fake = folder / "git"
    fake.write_text(
        f'#!/bin/sh\ncase " $* " in *" cat-file "*) exec sleep 30 ;; esac\nexec "{real}" "$@"\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    return folder


def redatings_with(root: Path, monkeypatch: pytest.MonkeyPatch, path: str) -> tuple[dict, float]:
    """The re-datings read with `path` first on PATH and a 1 s limit for git's answers, and
    the seconds it took."""
    import ssg.check.date_history as history
    from ssg.check import history_diff

    monkeypatch.setenv("PATH", f"{path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(history_diff, "GIT_TIMEOUT", 1.0)
    history._CACHE.clear()
    started = time.monotonic()
    found = history.redatings(root)
    took = time.monotonic() - started
    history._CACHE.clear()
    return found, took


def test_a_git_that_hangs_answering_is_given_up_as_no_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `git cat-file` that never answers is given up after the limit each git run has
    (history_diff.GIT_TIMEOUT, 60 s, made 1 s here) and the history is read as none, as
    when `git log` fails: no finding, and a build that goes on (it waited for ever)."""
    root = repository(tmp_path / "site", news("2026-11-01"))
    (root / NEWS).write_text(news("2026-11-17"), encoding="utf-8")
    commit(root, "2026-11-17", "更新日期")
    found, took = redatings_with(root, monkeypatch, str(hanging_blobs(tmp_path)))
    assert found == {} and took < 10, (found, took)


def test_a_git_that_answers_within_the_limit_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Near miss: the same history, the same 1 s limit, a git that answers: the re-dating,
    whose new date is read from its blob, is found."""
    root = repository(tmp_path / "site", news("2026-11-01"))
    (root / NEWS).write_text(news("2026-11-17"), encoding="utf-8")
    commit(root, "2026-11-17", "更新日期")
    found, _took = redatings_with(root, monkeypatch, str(tmp_path / "no-such-folder"))
    assert [(path, r.old, r.new) for path, r in found.items()] == [
        (NEWS, "2026-11-01", "2026-11-17")
    ], found


MOVED = "content/tz/tingdian.md"


def notices_column(root: Path) -> None:
    """A second news column (通知 moved from 工作动态 into it)."""
    (root / "content/tz").mkdir()
    (root / "content/tz/_index.md").write_text(
        "---\ntitle: 通知\ntype: news\ndescription: 本市的通知\nkeywords: [通知]\n---\n", "utf-8"
    )


def test_an_item_moved_in_the_commit_that_redated_it_is_found_where_it_is(
    tmp_path: Path,
) -> None:
    """Moved to another column (a git rename) in the very commit that changed its date:
    with renames not followed the commit showed an added and a deleted file, no re-dating."""
    root = repository(tmp_path, news("2026-11-01"))
    notices_column(root)
    git(root, "2026-11-17", "mv", NEWS, MOVED)
    (root / MOVED).write_text(news("2026-11-17"), encoding="utf-8")
    commit(root, "2026-11-17", "移到通知栏目并改日期")
    [found] = run(root).with_code("CONTENT-08")
    assert found.startswith(f"{MOVED}:3: deduct [CONTENT-08] date: ")
    assert "（2026-11-17）把 2026-11-01 改为 2026-11-17" in found


def test_an_item_redated_then_moved_is_found_where_it_is_now(tmp_path: Path) -> None:
    """Re-dated, then moved in a later commit (twice, the second time back under a new
    name): the re-dating was looked up under the path it had then, and never matched. A new
    item written later at its old path has no re-dating of its own."""
    root = repository(tmp_path, news("2026-11-01"))
    (root / NEWS).write_text(news("2026-11-17"), encoding="utf-8")
    commit(root, "2026-11-17", "改日期")
    notices_column(root)
    git(root, "2026-11-18", "mv", NEWS, MOVED)
    commit(root, "2026-11-18", "移到通知栏目")
    again = "content/dt/tingdian-2.md"
    git(root, "2026-11-19", "mv", MOVED, again)
    (root / NEWS).write_text(news("2026-11-19"), encoding="utf-8")
    commit(root, "2026-11-19", "移回并新写一条")
    [found] = run(root).with_code("CONTENT-08")
    assert found.startswith(f"{again}:3: deduct [CONTENT-08] date: ")
    assert "（2026-11-17）把 2026-11-01 改为 2026-11-17" in found


def test_a_move_alone_is_no_redating(tmp_path: Path) -> None:
    """The near miss: moved to another column, its date kept (and in the same commit an
    item whose date had not come, rescheduled as it moved)."""
    root = repository(tmp_path, news("2026-11-01"))
    plan = "content/dt/jihua.md"
    (root / plan).write_text(news("2026-11-30"), encoding="utf-8")
    commit(root, "2026-11-03", "定时发布")
    notices_column(root)
    git(root, "2026-11-17", "mv", NEWS, MOVED)
    git(root, "2026-11-17", "mv", plan, "content/tz/jihua.md")
    (root / "content/tz/jihua.md").write_text(news("2026-11-18"), encoding="utf-8")
    commit(root, "2026-11-17", "移到通知栏目")
    assert run(root).with_code("CONTENT-08") == []


@pytest.mark.parametrize(
    ("folder", "name"),
    [("site", "tingdian"), ("", "停电通知")],
    ids=["site-in-a-sub-folder", "chinese-file-name"],
)
def test_a_redating_is_found_in_a_site_folder_and_under_a_chinese_name(
    tmp_path: Path, folder: str, name: str
) -> None:
    """A site in a folder of the repository (several sites, sites.yaml): each earlier
    version was asked for by its path from the site's folder, which git reads from the
    repository's top, and found missing. A Chinese file name: git wrote it quoted, in octal
    escapes, and it matched no item."""
    item = f"content/dt/{name}.md"
    root = tmp_path / folder if folder else tmp_path
    make_site(root, {item: news("2026-11-01")})
    subprocess.run(["git", "init", "-q", "-b", "main", str(tmp_path)], check=True)
    commit(tmp_path, "2026-11-02", "发布停电通知")
    (root / item).write_text(news("2026-11-17"), encoding="utf-8")
    commit(tmp_path, "2026-11-17", "更新日期")
    [found] = run(root).with_code("CONTENT-08")
    assert found.startswith(f"{item}:3: deduct [CONTENT-08] date: ")


def test_a_shallow_clone_says_the_pre_check_did_not_run(tmp_path: Path) -> None:
    """CI's clone of depth 1 has no earlier version to compare: no finding, no traceback,
    and an advice that says so (it said nothing, as if the dates had been checked)."""
    origin = repository(tmp_path / "origin", news("2026-11-01"))
    (origin / NEWS).write_text(news("2026-11-17"), encoding="utf-8")
    commit(origin, "2026-11-17", "更新日期")
    clone = tmp_path / "clone"
    git(origin, "2026-11-20", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    result = run(clone, "--strict")
    assert result.with_code("CONTENT-08") == [] and result.code == 0, result.lines
    [said] = result.with_code("SSG-06")
    assert "（这是浅克隆（shallow clone），没有更早的提交可比较）" in said


REASON = "原稿日期录入错误，以印发日期为准"


def test_an_allow_does_not_cover_a_later_redating(tmp_path: Path) -> None:
    """A reason committed with one re-dating went on to accept every later one: re-dated
    again, with the reason left as it was, the change is reported, not accepted, and says
    which commit wrote the reason. A new reason in the working tree (not committed yet, as
    in the preview) accepts it; committed, it still does."""
    root = repository(tmp_path, news("2026-11-01"))
    (root / NEWS).write_text(news("2026-11-11", "allow:", f"  CONTENT-08: {REASON}"), "utf-8")
    commit(root, "2026-11-12", "改正日期")
    (root / NEWS).write_text(news("2026-11-18", "allow:", f"  CONTENT-08: {REASON}"), "utf-8")
    commit(root, "2026-11-18", "再改日期")
    result = run(root)
    [found] = result.with_code("CONTENT-08")
    assert found.startswith(
        f"{NEWS}:3: deduct [CONTENT-08] date: 已发布信息的发布日期在 git 历史中被改动："
    )
    assert "（2026-11-18）把 2026-11-11 改为 2026-11-18" in found
    assert "allow: {CONTENT-08: …} 写于提交 " in found and "（2026-11-12），早于这次改动" in found
    assert "已接受" not in found
    assert result.with_code("ALLOW-03") == []  # (the allow is not unused: it is why)
    assert run(root, "--strict").code == 1
    # The editor writes why this change was made: accepted in the preview, then committed.
    again = "日期按第二次印发重新核定"
    (root / NEWS).write_text(news("2026-11-18", "allow:", f"  CONTENT-08: {again}"), "utf-8")
    [found] = run(root).with_code("CONTENT-08")
    assert found.endswith(f"[已接受 accepted: {again}]")
    commit(root, "2026-11-19", "写明原因")
    result = run(root, "--strict")
    [found] = result.with_code("CONTENT-08")
    assert found.endswith(f"[已接受 accepted: {again}]") and result.code == 0


def test_an_allow_committed_after_the_redating_covers_it(tmp_path: Path) -> None:
    """The near miss: re-dated in one commit, the reason written in a later one (after the
    item was moved to another column): it covers that change, as today; and a reason not
    committed at all covers it, as in the preview."""
    root = repository(tmp_path, news("2026-11-01"))
    (root / NEWS).write_text(news("2026-11-11"), "utf-8")
    commit(root, "2026-11-12", "改日期")
    notices_column(root)
    git(root, "2026-11-13", "mv", NEWS, MOVED)
    commit(root, "2026-11-13", "移到通知栏目")
    (root / MOVED).write_text(news("2026-11-11", "allow:", f"  CONTENT-08: {REASON}"), "utf-8")
    [found] = run(root).with_code("CONTENT-08")  # (not committed)
    assert found.startswith(f"{MOVED}:3: ") and found.endswith(f"[已接受 accepted: {REASON}]")
    commit(root, "2026-11-14", "补写原因")
    result = run(root, "--strict")
    [found] = result.with_code("CONTENT-08")
    assert found.endswith(f"[已接受 accepted: {REASON}]") and result.code == 0


def test_an_allow_written_with_the_item_covers_no_redating(tmp_path: Path) -> None:
    """An `allow` that came with the item, before any change of its date, was written for
    none of them."""
    root = repository(tmp_path, news("2026-11-01", f"allow: {{CONTENT-08: {REASON}}}"))
    (root / NEWS).write_text(news("2026-11-17", f"allow: {{CONTENT-08: {REASON}}}"), "utf-8")
    commit(root, "2026-11-17", "更新日期")
    [found] = run(root).with_code("CONTENT-08")
    assert "allow: {CONTENT-08: …} 随该信息一起提交，早于这次改动" in found
    assert "已接受" not in found


def test_an_allow_moved_in_its_file_is_no_new_reason(tmp_path: Path) -> None:
    """Re-dated again while the front matter was reordered: git shows the `allow` lines
    removed and added, but no reason was written for this change."""
    root = repository(tmp_path, news("2026-11-01"))
    (root / NEWS).write_text(news("2026-11-11", "allow:", f"  CONTENT-08: {REASON}"), "utf-8")
    commit(root, "2026-11-12", "改正日期")
    moved = news("2026-11-18").replace("---\n", f"---\nallow:\n  CONTENT-08: {REASON}\n", 1)
    (root / NEWS).write_text(moved, "utf-8")
    commit(root, "2026-11-18", "再改日期，调整字段顺序")
    [found] = run(root).with_code("CONTENT-08")
    assert found.startswith(f"{NEWS}:5: deduct [CONTENT-08] date: ")
    assert "（2026-11-12），早于这次改动" in found and "已接受" not in found


def test_a_file_deleted_and_written_again_is_a_new_item(tmp_path: Path) -> None:
    """Re-dated (with a reason), deleted, and a new item (another title) written later at the
    same path: the walk took the two for one item, and the new one was said to be re-dated on
    the old one's account, under the old one's reason. Only the changes after it was written
    again are its own: a re-dating of it then is said, with the reason that came with it."""
    root = repository(tmp_path, news("2026-11-01"))
    (root / NEWS).write_text(news("2026-11-11", "allow:", f"  CONTENT-08: {REASON}"), "utf-8")
    commit(root, "2026-11-12", "改正日期")
    git(root, "2026-11-13", "rm", "-q", NEWS)
    commit(root, "2026-11-13", "撤下")
    allow = ("allow:", f"  CONTENT-08: {REASON}")
    (root / NEWS).write_text(news("2026-11-14", *allow, title=OTHER_TITLE), "utf-8")
    commit(root, "2026-11-14", "新写一条")
    assert run(root).with_code("CONTENT-08") == []
    # The near miss: the new item re-dated after it was written is said, as any item is.
    (root / NEWS).write_text(news("2026-11-18", *allow, title=OTHER_TITLE), "utf-8")
    commit(root, "2026-11-18", "改日期")
    [found] = run(root).with_code("CONTENT-08")
    assert found.startswith(f"{NEWS}:3: deduct [CONTENT-08] date: ")
    assert "（2026-11-18）把 2026-11-14 改为 2026-11-18" in found
    assert "allow: {CONTENT-08: …} 随该信息一起提交，早于这次改动" in found


OTHER_TITLE = "关于临时交通管制的通告"
POLICY = "content/zcwj/wenjian.md"


def test_an_item_deleted_and_written_again_with_a_new_date_is_redated(tmp_path: Path) -> None:
    """Deleted in one commit and written again (the same title) with a new date in a later
    one, at its path or under another: no commit changed a `date:` line, and the column
    looked updated. The re-dating is the commit that wrote it again; a reason written with
    it covers it, as any reason committed with its change."""
    root = repository(tmp_path, news("2026-11-01"))
    again = "content/dt/tingdian-xin.md"
    git(root, "2026-11-13", "rm", "-q", NEWS)
    commit(root, "2026-11-13", "撤下")
    (root / "content/dt/other.md").write_text(news("2026-11-14", title=OTHER_TITLE), "utf-8")
    commit(root, "2026-11-14", "另一条")
    (root / again).write_text(news("2026-11-17"), "utf-8")
    commit(root, "2026-11-17", "重新发布")
    [found] = run(root).with_code("CONTENT-08")
    assert found.startswith(f"{again}:3: deduct [CONTENT-08] date: ")
    assert f"（2026-11-17）重新写入了此前从 {NEWS} 删除的同一信息（同一栏目中标题相同" in found
    assert "并把 2026-11-01 改为 2026-11-17" in found
    # …deleted again and written back at its first path, with a reason this time.
    git(root, "2026-11-18", "rm", "-q", again)
    commit(root, "2026-11-18", "再撤下")
    (root / NEWS).write_text(news("2026-11-19", "allow:", f"  CONTENT-08: {REASON}"), "utf-8")
    commit(root, "2026-11-19", "再发布")
    result = run(root, "--strict")
    [found] = result.with_code("CONTENT-08")
    assert found.startswith(f"{NEWS}:3: ") and "把 2026-11-17 改为 2026-11-19" in found
    assert found.endswith(f"[已接受 accepted: {REASON}]") and result.code == 0


def test_a_redated_item_deleted_and_restored_keeps_its_redating(tmp_path: Path) -> None:
    """Re-dated, then deleted and restored as it was (its new date kept): the restored file
    was a new item, and the re-dating was no longer said."""
    root = repository(tmp_path, news("2026-11-01"))
    (root / NEWS).write_text(news("2026-11-17"), "utf-8")
    commit(root, "2026-11-17", "改日期")
    git(root, "2026-11-18", "rm", "-q", NEWS)
    commit(root, "2026-11-18", "撤下")
    git(root, "2026-11-19", "checkout", "HEAD~1", "--", NEWS)
    commit(root, "2026-11-19", "恢复")
    [found] = run(root).with_code("CONTENT-08")
    assert (
        found.startswith(f"{NEWS}:3: ") and "（2026-11-17）把 2026-11-01 改为 2026-11-17" in found
    )


def test_a_copy_with_a_new_date_and_the_original_deleted_in_one_commit(tmp_path: Path) -> None:
    """Written under a new name with a new date and the old file deleted in the same commit,
    the text rewritten beyond git's rename threshold: git shows an addition and a deletion,
    not a move, and no `date:` line changed. A 文号 is what a policy is: the same 文号 under
    a re-typed title is the same document."""
    number = "测政办发〔2026〕12号"
    root = repository(tmp_path, news("2026-11-01"))
    (root / POLICY).write_text(policy(number, "2026-11-01"), "utf-8")
    commit(root, "2026-11-02", "印发")
    body = "".join(f"第{i}条 重新排版的条文。\n" for i in range(30))
    git(root, "2026-11-17", "rm", "-q", NEWS, POLICY)
    (root / "content/dt/tingdian-1117.md").write_text(news("2026-11-17") + body, "utf-8")
    retitled = policy(number, "2026-11-17", title="关于印发办法的通知（修订）")
    (root / "content/zcwj/wenjian-2.md").write_text(retitled + body, "utf-8")
    commit(root, "2026-11-17", "重新发布")
    found = run(root).with_code("CONTENT-08")
    assert len(found) == 2, found
    assert all("并把 2026-11-01 改为 2026-11-17" in line for line in found)
    assert {(line.split(":")[0], line.split("此前从 ")[1].split(" ")[0]) for line in found} == {
        ("content/dt/tingdian-1117.md", NEWS),
        ("content/zcwj/wenjian-2.md", POLICY),
    }


def test_a_new_item_at_a_deleted_items_path_is_no_redating(tmp_path: Path) -> None:
    """The near miss: a deleted item's path reused by a new item of another title (and a
    draft, a policy of another 文号, written again with a new date: neither was published
    or is the same document)."""
    root = repository(tmp_path, news("2026-11-01"))
    draft = "content/dt/caogao.md"
    (root / draft).write_text(news("2026-11-01", "draft: true", title="草稿"), "utf-8")
    title = "关于印发办法的通知"
    (root / POLICY).write_text(policy("测政办发〔2026〕12号", "2026-11-01", title=title), "utf-8")
    commit(root, "2026-11-03", "草稿与文件")
    git(root, "2026-11-13", "rm", "-q", NEWS, draft, POLICY)
    commit(root, "2026-11-13", "撤下")
    (root / NEWS).write_text(news("2026-11-17", title=OTHER_TITLE), "utf-8")
    (root / draft).write_text(news("2026-11-17", title="草稿"), "utf-8")
    (root / POLICY).write_text(policy("测政办发〔2026〕30号", "2026-11-17", title=title), "utf-8")
    commit(root, "2026-11-17", "新写")
    assert run(root).with_code("CONTENT-08") == []


def test_a_published_item_made_a_draft_and_redated_is_redated(tmp_path: Path) -> None:
    """Published, made a draft, re-dated as a draft (free) and published again: its date
    was changed after citizens saw it. So is one published again with a new date in the
    commit that removes its `draft:` line, and one whose `date:` line was removed and
    written back with another date."""
    root = repository(tmp_path, news("2026-11-01"))
    undated, withdrawn = "content/dt/wuriqi.md", "content/dt/chehui.md"
    (root / undated).write_text(news("2026-11-01", title=OTHER_TITLE), "utf-8")
    (root / withdrawn).write_text(news("2026-11-01", title="关于道路施工的通告"), "utf-8")
    commit(root, "2026-11-02", "另两条")
    for path in (NEWS, withdrawn):
        text = (root / path).read_text("utf-8")
        (root / path).write_text(text.replace("date:", "draft: true\ndate:"), "utf-8")
    dateless = news("2026-11-01", title=OTHER_TITLE).replace("date: 2026-11-01\n", "")
    (root / undated).write_text(dateless, "utf-8")
    commit(root, "2026-11-10", "撤回修改")
    (root / NEWS).write_text(news("2026-11-15", "draft: true"), "utf-8")
    commit(root, "2026-11-15", "草稿改日期")
    (root / NEWS).write_text(news("2026-11-15"), "utf-8")
    (root / undated).write_text(news("2026-11-16", title=OTHER_TITLE), "utf-8")
    (root / withdrawn).write_text(news("2026-11-16", title="关于道路施工的通告"), "utf-8")
    commit(root, "2026-11-16", "重新发布")
    found = run(root).with_code("CONTENT-08")
    said = {line.split(":")[0]: line for line in found}
    assert len(found) == 3 and set(said) == {NEWS, undated, withdrawn}, found
    assert "（2026-11-15）把 2026-11-01 改为 2026-11-15" in said[NEWS]
    assert "（2026-11-16）把 2026-11-01 改为 2026-11-16" in said[undated]
    assert "（2026-11-16）把 2026-11-01 改为 2026-11-16" in said[withdrawn]


def test_a_side_branch_keeping_a_deleted_item_with_a_new_date(tmp_path: Path) -> None:
    """Deleted on the published branch while a side branch re-dated it: the merge keeps the
    side branch's file, and the published branch receives it as an addition."""
    root = repository(tmp_path, news("2026-11-01"))
    git(root, "2026-11-10", "checkout", "-q", "-b", "side")
    (root / NEWS).write_text(news("2026-11-10"), "utf-8")
    commit(root, "2026-11-10", "改日期")
    git(root, "2026-11-11", "checkout", "-q", "main")
    git(root, "2026-11-11", "rm", "-q", NEWS)
    commit(root, "2026-11-11", "撤下")
    merge = subprocess.run(
        ["git", "-C", str(root), "merge", "-q", "-m", "合并", "side"],
        env=git_env("2026-11-12"),
        capture_output=True,
        check=False,
    )
    assert merge.returncode != 0  # (modify/delete: the editor keeps the side branch's file)
    git(root, "2026-11-12", "add", NEWS)
    git(root, "2026-11-12", "commit", "-q", "--no-edit")
    [found] = run(root).with_code("CONTENT-08")
    assert found.startswith(f"{NEWS}:3: ") and "把 2026-11-01 改为 2026-11-10" in found


ALLOW_YAML = "data/allow.yaml"


def test_an_entry_in_allow_yaml_does_not_cover_a_later_redating(tmp_path: Path) -> None:
    """data/allow.yaml's entry for CONTENT-08 accepted every re-dating, whenever it was
    made: it is held to the commit that last wrote one of its lines, as an item's own
    `allow` is. Re-dated again later, the change is said, not accepted, naming the entry's
    line and commit; a reason rewritten in the working tree (the preview) accepts it, and
    still does once committed."""
    root = repository(tmp_path, news("2026-11-01"))
    (root / NEWS).write_text(news("2026-11-11"), "utf-8")
    entry = "# 接受的检查结果\n- code: CONTENT-08\n  path: dt/tingdian\n  reason: {}\n"
    (root / ALLOW_YAML).write_text(entry.format(REASON), "utf-8")
    commit(root, "2026-11-12", "改正日期")
    [found] = run(root).with_code("CONTENT-08")
    assert found.endswith(f"[已接受 accepted: {REASON}]")
    (root / NEWS).write_text(news("2026-11-18"), "utf-8")
    commit(root, "2026-11-18", "再改日期")
    result = run(root)
    [found] = result.with_code("CONTENT-08")
    assert found.startswith(f"{NEWS}:3: deduct [CONTENT-08] date: ")
    assert "（2026-11-18）把 2026-11-11 改为 2026-11-18" in found
    assert "data/allow.yaml 第 2 行登记的 CONTENT-08 接受项写于提交 " in found
    assert "（2026-11-12），早于这次改动" in found and "已接受" not in found
    assert result.with_code("ALLOW-03") == []  # (the entry is not unused: it is why)
    assert run(root, "--strict").code == 1
    again = "日期按第二次印发重新核定"
    (root / ALLOW_YAML).write_text(entry.format(again), "utf-8")
    [found] = run(root).with_code("CONTENT-08")  # (not committed)
    assert found.endswith(f"[已接受 accepted: {again}]")
    commit(root, "2026-11-19", "写明原因")
    result = run(root, "--strict")
    [found] = result.with_code("CONTENT-08")
    assert found.endswith(f"[已接受 accepted: {again}]") and result.code == 0


def test_an_entry_in_allow_yaml_committed_after_the_redating_covers_it(tmp_path: Path) -> None:
    """The near miss: re-dated, the entry (for the item's folder, on one line) written in a
    later commit, and another entry's line changed after that: it covers the change; so does
    an entry not committed at all."""
    root = repository(tmp_path, news("2026-11-01"))
    (root / NEWS).write_text(news("2026-11-11"), "utf-8")
    commit(root, "2026-11-12", "改日期")
    entry = f"- {{code: CONTENT-08, path: dt, reason: {REASON}}}\n"
    (root / ALLOW_YAML).write_text(entry, "utf-8")
    [found] = run(root).with_code("CONTENT-08")  # (not committed)
    assert found.endswith(f"[已接受 accepted: {REASON}]")
    commit(root, "2026-11-13", "补写原因")
    other = "- {code: CONTENT-08, path: zcwj, reason: 另一栏目}\n"
    (root / ALLOW_YAML).write_text(entry + other, "utf-8")
    commit(root, "2026-11-14", "另一接受项")
    result = run(root, "--strict")
    [found] = result.with_code("CONTENT-08")
    assert found.endswith(f"[已接受 accepted: {REASON}]") and result.code == 0


def test_an_entry_in_allow_yaml_moved_in_its_file_is_no_new_reason(tmp_path: Path) -> None:
    """Re-dated again while the entries of data/allow.yaml were put in another order (and
    re-indented): its lines were moved, not written for this change."""
    root = repository(tmp_path, news("2026-11-01"))
    (root / NEWS).write_text(news("2026-11-11"), "utf-8")
    mine = f"- code: CONTENT-08\n  path: dt/tingdian\n  reason: {REASON}\n"
    other = "- code: SEC-06\n  path: zcwj/base\n  reason: 外链网站已关闭，已报备\n"
    (root / ALLOW_YAML).write_text(mine + other, "utf-8")
    commit(root, "2026-11-12", "改正日期")
    (root / NEWS).write_text(news("2026-11-18"), "utf-8")
    indented = mine.replace("- ", "-   ", 1).replace("\n  ", "\n    ")
    (root / ALLOW_YAML).write_text(other + indented, "utf-8")
    commit(root, "2026-11-18", "再改日期，调整接受项顺序")
    [found] = run(root).with_code("CONTENT-08")
    assert "data/allow.yaml 第 4 行登记的 CONTENT-08 接受项写于提交 " in found
    assert "（2026-11-12），早于这次改动" in found and "已接受" not in found


def test_data_allow_yaml_is_read_by_one_module_for_both(tmp_path: Path) -> None:
    """accept() and CONTENT-08's pre-check read data/allow.yaml through one module
    (ssg/check/allow_file.py): date_history kept its own copy of the file's name and imported
    allow.py inside functions, to step round a cycle. Imported first in a fresh interpreter,
    either module loads."""
    for first in ("ssg.check.date_history", "ssg.check.allow"):
        code = (
            f"import {first}\n"
            "from ssg.check import allow, allow_file, date_history\n"
            "assert date_history.ALLOW_FILE is allow_file.ALLOW_FILE is allow.ALLOW_FILE\n"
            "assert date_history.load_allow is allow_file.load_allow is allow.load_allow\n"
            "assert date_history.covers is allow.covers\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr


def test_a_body_line_date_is_no_date(tmp_path: Path) -> None:
    """A Markdown line of the body that begins `date:` (a meeting's minutes) was read as
    the item's date when a commit changed it: the front matter alone says it. A re-dating
    in the front matter of the same file is still said, from its own date."""
    minutes = "\n会议记录：\n\ndate: 2026-10-30\n"
    root = repository(tmp_path, news("2026-11-01") + minutes)
    (root / NEWS).write_text(news("2026-11-01") + minutes.replace("10-30", "11-16"), "utf-8")
    commit(root, "2026-11-16", "改正文")
    assert run(root).with_code("CONTENT-08") == []
    (root / NEWS).write_text(news("2026-11-17") + minutes.replace("10-30", "10-31"), "utf-8")
    commit(root, "2026-11-17", "改日期")
    [found] = run(root).with_code("CONTENT-08")
    assert found.startswith(f"{NEWS}:3: ") and "把 2026-11-01 改为 2026-11-17" in found


def test_a_body_line_title_is_no_title(tmp_path: Path) -> None:
    """A deleted published item's title written in the body of a new item of another title
    (`title:` as a line of text), the new item's front matter writing its own title under a
    quoted key: it was taken for the deleted item again, re-dated."""
    root = repository(tmp_path, news("2026-11-01"))
    git(root, "2026-11-13", "rm", "-q", NEWS)
    commit(root, "2026-11-13", "撤下")
    other = news("2026-11-17", title=OTHER_TITLE).replace("title:", '"title":', 1)
    (root / NEWS).write_text(other + "\ntitle: 关于计划停电的通知\n", "utf-8")
    commit(root, "2026-11-17", "新写一条")
    assert run(root).with_code("CONTENT-08") == []


def dated(date_line: str, title: str = "关于计划停电的通知") -> str:
    """An item whose `date:` line is written as `date_line`."""
    return re.sub(
        r"^date: .*$", lambda _: date_line, news("2026-01-01", title=title), count=1, flags=re.M
    )


WRITTEN_AS = {
    "block-scalar": "date: >-\n  {}",
    "literal-block": "date: |\n  {}",
    "double-quoted-key": '"date": {}',
    "single-quoted-key": "'date': {}",
    "comment": "date: {}  # 按印发日期",
    "full-width-digits": "date: {}",
}


def _typed(form: str, day: str) -> str:
    if form == "full-width-digits":
        day = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in day)
    return WRITTEN_AS[form].format(day)


@pytest.mark.parametrize("form", sorted(WRITTEN_AS))
def test_a_date_is_read_as_the_build_reads_it(tmp_path: Path, form: str) -> None:
    """A date written as a block scalar, under a quoted key, with a comment after it or in
    full-width digits: the re-dating was missed (no `+date: YYYY-MM-DD` line in the diff)
    or misread (a date retyped in full-width digits was another date). The pre-check reads
    it as the build does."""
    root = repository(tmp_path, dated(_typed(form, "2026-11-01")))
    # The near miss: the same date retyped in the plain form, and back, is no re-dating.
    (root / NEWS).write_text(dated("date: 2026-11-01"), "utf-8")
    commit(root, "2026-11-10", "改写日期格式")
    (root / NEWS).write_text(dated(_typed(form, "2026-11-01")), "utf-8")
    commit(root, "2026-11-11", "改回")
    assert run(root).with_code("CONTENT-08") == []
    (root / NEWS).write_text(dated(_typed(form, "2026-11-17")), "utf-8")
    commit(root, "2026-11-17", "改日期")
    [found] = run(root).with_code("CONTENT-08")
    assert found.startswith(f"{NEWS}:3: ") and "把 2026-11-01 改为 2026-11-17" in found


COPY = "content/dt/tingdian-1117.md"


def test_a_copy_written_first_and_the_original_deleted_later_is_redated(tmp_path: Path) -> None:
    """A copy with a new date written beside the published item (the same title; a policy:
    the same 文号 under a re-typed title), and the original deleted in a later commit: no
    commit changed a date, nor wrote a file after the deletion. Said at the copy's `date`
    line, naming the deleted file and the commit that deleted it."""
    number = "测政办发〔2026〕12号"
    root = repository(tmp_path, news("2026-11-01"))
    (root / POLICY).write_text(policy(number, "2026-11-01"), "utf-8")
    commit(root, "2026-11-02", "印发")
    (root / COPY).write_text(news("2026-11-17"), "utf-8")
    retitled = policy(number, "2026-11-17", title="关于印发办法的通知（修订）")
    (root / "content/zcwj/wenjian-2.md").write_text(retitled, "utf-8")
    commit(root, "2026-11-17", "重新发布")
    (root / "content/dt/other.md").write_text(news("2026-11-18", title=OTHER_TITLE), "utf-8")
    commit(root, "2026-11-18", "另一条")
    git(root, "2026-11-19", "rm", "-q", NEWS, POLICY)
    commit(root, "2026-11-19", "撤下旧稿")
    found = run(root).with_code("CONTENT-08")
    said = {line.split(":")[0]: line for line in found}
    assert set(said) == {COPY, "content/zcwj/wenjian-2.md"}, found
    assert said[COPY].startswith(f"{COPY}:3: deduct [CONTENT-08] date: ")
    assert f"（2026-11-19）删除了已发布的 {NEWS}，留下此前另行写入的同一信息" in said[COPY]
    assert "即把 2026-11-01 改为 2026-11-17" in said[COPY]
    assert f"删除了已发布的 {POLICY}，" in said["content/zcwj/wenjian-2.md"]


def test_a_copy_moved_in_the_commit_that_deletes_the_original_is_redated(
    tmp_path: Path,
) -> None:
    """A copy with a new date written beside the published item, then moved (renamed) in
    the very commit that deletes the original: while that commit's deletions were read, the
    copy was out of the live files (it was moving), so it was no copy, and the original
    waited among the deleted for a file written later. A policy's copy (its 文号) moved to
    another column (a sub-column) likewise. Said at the copy where it went, naming the deleted file."""
    number = "测政办发〔2026〕12号"
    root = repository(tmp_path, news("2026-11-01"))
    (root / POLICY).write_text(policy(number, "2026-11-01"), "utf-8")
    commit(root, "2026-11-02", "印发")
    (root / COPY).write_text(news("2026-11-17"), "utf-8")
    (root / "content/zcwj/wenjian-2.md").write_text(policy(number, "2026-11-17"), "utf-8")
    commit(root, "2026-11-17", "重新发布")
    (root / "content/zcwj/bgs").mkdir()  # (a sub-column of 政策文件: 办公室文件)
    index = (root / "content/zcwj/_index.md").read_text("utf-8").replace("政策文件", "办公室文件")
    (root / "content/zcwj/bgs/_index.md").write_text(index, "utf-8")
    moved, filed = "content/dt/tingdian-xin.md", "content/zcwj/bgs/wenjian.md"
    git(root, "2026-11-19", "rm", "-q", NEWS, POLICY)
    git(root, "2026-11-19", "mv", COPY, moved)
    git(root, "2026-11-19", "mv", "content/zcwj/wenjian-2.md", filed)
    commit(root, "2026-11-19", "撤下旧稿，副本改名")
    found = run(root).with_code("CONTENT-08")
    said = {line.split(":")[0]: line for line in found}
    assert set(said) == {moved, filed}, found
    assert said[moved].startswith(f"{moved}:3: deduct [CONTENT-08] date: ")
    assert f"（2026-11-19）删除了已发布的 {NEWS}，留下此前另行写入的同一信息" in said[moved]
    assert "即把 2026-11-01 改为 2026-11-17" in said[moved]
    assert f"删除了已发布的 {POLICY}，" in said[filed] and "改为 2026-11-17" in said[filed]


def test_a_copy_moved_with_its_date_or_its_reason_as_it_deletes_the_original(
    tmp_path: Path,
) -> None:
    """The near misses: a copy of the original's date moved as the original is deleted is
    no re-dating; one of a new date moved with a reason written in that commit is accepted
    (the reason was written for the change, in its commit); and the kept copy re-dated
    after that, with the reason left as it was, is said again."""
    root = repository(tmp_path, news("2026-11-01"))
    same = "content/dt/fuben.md"
    (root / same).write_text(news("2026-11-01", title=OTHER_TITLE), "utf-8")
    commit(root, "2026-11-03", "另一条")
    (root / COPY).write_text(news("2026-11-17"), "utf-8")
    (root / "content/dt/fuben-2.md").write_text(news("2026-11-01", title=OTHER_TITLE), "utf-8")
    commit(root, "2026-11-17", "副本")
    moved = "content/dt/tingdian-xin.md"
    git(root, "2026-11-19", "rm", "-q", NEWS, same)
    git(root, "2026-11-19", "mv", COPY, moved)
    git(root, "2026-11-19", "mv", "content/dt/fuben-2.md", "content/dt/fuben-xin.md")
    (root / moved).write_text(news("2026-11-17", "allow:", f"  CONTENT-08: {REASON}"), "utf-8")
    commit(root, "2026-11-19", "撤下旧稿，副本改名并写明原因")
    result = run(root, "--strict")
    [found] = result.with_code("CONTENT-08")
    assert found.startswith(f"{moved}:3: ") and "删除了已发布的" in found
    assert found.endswith(f"[已接受 accepted: {REASON}]") and result.code == 0
    (root / moved).write_text(news("2026-11-20", "allow:", f"  CONTENT-08: {REASON}"), "utf-8")
    commit(root, "2026-11-20", "再改日期")
    [found] = run(root).with_code("CONTENT-08")
    assert "把 2026-11-17 改为 2026-11-20" in found and "已接受" not in found


def _merge(root: Path, when: str, branch: str) -> None:
    git(root, when, "merge", "-q", "--no-ff", "-m", f"合并 {branch}", branch)


@pytest.mark.parametrize("where", ["both", "deletion", "copy"])
def test_a_copy_and_a_deletion_through_a_side_branch(tmp_path: Path, where: str) -> None:
    """The copy and the deletion made on a side branch (both, in two commits: the merge
    brings them as one), or one of them: the copy on the published branch and the deletion
    merged in, or the copy merged in and the original deleted on the published branch."""
    root = repository(tmp_path, news("2026-11-01"))
    # (rewritten beyond git's rename threshold: the merge shows no move)
    rewritten = news("2026-11-17") + "".join(f"第{i}条 重新排版的条文。\n" for i in range(30))
    git(root, "2026-11-16", "checkout", "-q", "-b", "side")
    if where in ("both", "copy"):
        (root / COPY).write_text(rewritten, "utf-8")
        commit(root, "2026-11-17", "重新发布")
    if where in ("both", "deletion"):
        git(root, "2026-11-18", "rm", "-q", NEWS)
        commit(root, "2026-11-18", "撤下旧稿")
    git(root, "2026-11-18", "checkout", "-q", "main")
    if where == "deletion":
        (root / COPY).write_text(rewritten, "utf-8")
        commit(root, "2026-11-17", "重新发布")
    _merge(root, "2026-11-19", "side")
    if where == "copy":
        git(root, "2026-11-20", "rm", "-q", NEWS)
        commit(root, "2026-11-20", "撤下旧稿")
    [found] = run(root, date="2026-11-21").with_code("CONTENT-08")
    assert found.startswith(f"{COPY}:3: ") and "把 2026-11-01 改为 2026-11-17" in found
    assert f"{NEWS}，" in found or f"此前从 {NEWS} 删除的同一信息" in found  # ("both": one merge)


def test_an_older_namesake_or_a_same_dated_copy_left_is_no_redating(tmp_path: Path) -> None:
    """The near misses: the newer of two items of one title deleted (the older one was there
    all along, with its own date); a copy with the original's date kept when the original
    is deleted; a draft (never published) deleted beside its copy. The copy kept is that
    item again: re-dated after, it is said."""
    root = repository(tmp_path, news("2026-11-01"))
    (root / COPY).write_text(news("2026-11-05"), "utf-8")
    same, draft = "content/dt/fuben.md", "content/dt/caogao.md"
    (root / same).write_text(news("2026-11-01", title=OTHER_TITLE), "utf-8")
    (root / draft).write_text(news("2026-11-01", "draft: true", title="草稿"), "utf-8")
    commit(root, "2026-11-05", "两条")
    (root / "content/dt/fuben-2.md").write_text(news("2026-11-01", title=OTHER_TITLE), "utf-8")
    (root / "content/dt/caogao-2.md").write_text(news("2026-11-10", title="草稿"), "utf-8")
    commit(root, "2026-11-10", "副本")
    git(root, "2026-11-12", "rm", "-q", COPY, same, draft)
    commit(root, "2026-11-12", "撤下")
    assert run(root).with_code("CONTENT-08") == []
    (root / "content/dt/fuben-2.md").write_text(news("2026-11-15", title=OTHER_TITLE), "utf-8")
    commit(root, "2026-11-15", "改日期")
    [found] = run(root).with_code("CONTENT-08")
    assert (
        found.startswith("content/dt/fuben-2.md:3: ") and "把 2026-11-01 改为 2026-11-15" in found
    )


def test_a_copy_kept_for_the_original_is_as_old_as_the_original(tmp_path: Path) -> None:
    """Two copies written beside the published item, the second with a later date: deleting
    the original keeps the newest copy as that item again (said), and deleting that one
    next left the first copy, written after the original, with yet another date. The kept
    copy counted as written when the copy was, not when the item it had become was: the
    first copy, older than it, was taken for a namesake there all along, and its date was
    never said. It is a copy of the item too: said, naming the second deletion."""
    root = repository(tmp_path, news("2026-11-01"))
    first, second = "content/dt/tingdian-a.md", "content/dt/tingdian-b.md"
    (root / first).write_text(news("2026-11-05"), "utf-8")
    commit(root, "2026-11-05", "副本一")
    (root / second).write_text(news("2026-11-17"), "utf-8")
    commit(root, "2026-11-17", "副本二")
    git(root, "2026-11-18", "rm", "-q", NEWS)
    commit(root, "2026-11-18", "撤下原稿")
    [found] = run(root).with_code("CONTENT-08")
    assert found.startswith(f"{second}:3: ") and "即把 2026-11-01 改为 2026-11-17" in found
    git(root, "2026-11-19", "rm", "-q", second)
    commit(root, "2026-11-19", "撤下副本二")
    [found] = run(root).with_code("CONTENT-08")
    assert found.startswith(f"{first}:3: deduct [CONTENT-08] date: "), found
    assert f"（2026-11-19）删除了已发布的 {second}，留下此前另行写入的同一信息" in found
    assert "即把 2026-11-17 改为 2026-11-05" in found


def test_an_item_brought_back_is_as_old_as_it_was(tmp_path: Path) -> None:
    """The near miss: a published item deleted and brought back keeps its place as the
    older: a namesake written in another column before it came back, and moved into its
    column later, is no copy of it when the namesake is deleted (the item has its own date,
    as it always had); deleting the item instead leaves the namesake as the item with
    another date, which is said."""
    root = repository(tmp_path, news("2026-11-01"))
    notices_column(root)
    (root / MOVED).write_text(news("2026-11-05"), "utf-8")
    commit(root, "2026-11-05", "通知栏目的停电通知")
    git(root, "2026-11-06", "rm", "-q", NEWS)
    commit(root, "2026-11-06", "撤下")
    git(root, "2026-11-07", "checkout", "HEAD~1", "--", NEWS)
    commit(root, "2026-11-07", "恢复")
    namesake = "content/dt/tingdian-tz.md"
    git(root, "2026-11-08", "mv", MOVED, namesake)
    commit(root, "2026-11-08", "移到工作动态")
    git(root, "2026-11-09", "rm", "-q", namesake)
    commit(root, "2026-11-09", "撤下重复的一条")
    assert run(root).with_code("CONTENT-08") == []
    git(root, "2026-11-10", "checkout", "HEAD~1", "--", namesake)
    git(root, "2026-11-10", "rm", "-q", NEWS)
    commit(root, "2026-11-10", "留下另一条")
    [found] = run(root).with_code("CONTENT-08")
    assert found.startswith(f"{namesake}:3: ") and "把 2026-11-01 改为 2026-11-05" in found


def test_a_namesake_in_another_column_is_another_item(tmp_path: Path) -> None:
    """A title alone named one document site-wide: a department's page or a notice
    forwarded to several columns has namesakes elsewhere. Written in another column after
    the published item was deleted, or written there first and kept when it was deleted:
    another item, with its own date."""
    root = repository(tmp_path, news("2026-11-01"))
    notices_column(root)
    forwarded = "content/dt/zhuanfa.md"
    (root / forwarded).write_text(news("2026-11-01", title=OTHER_TITLE), "utf-8")
    commit(root, "2026-11-02", "转发通告")
    (root / "content/tz/zhuanfa.md").write_text(news("2026-11-10", title=OTHER_TITLE), "utf-8")
    commit(root, "2026-11-10", "通知栏目也转发")
    git(root, "2026-11-12", "rm", "-q", NEWS, forwarded)
    commit(root, "2026-11-12", "撤下")
    (root / MOVED).write_text(news("2026-11-17"), "utf-8")
    commit(root, "2026-11-17", "通知栏目的停电通知")
    assert run(root).with_code("CONTENT-08") == []


def test_the_same_title_in_its_column_or_the_same_number_anywhere_is_the_item(
    tmp_path: Path,
) -> None:
    """The other side: written again in its column as a bundle (content/dt/x/index.md is
    in 工作动态 as content/dt/x.md is); a policy of the same 文号 filed in another column;
    and an item moved to another column in the commit that re-wrote it (git's rename) are
    each the deleted item again."""
    root = repository(tmp_path, news("2026-11-01"))
    number = "测政办发〔2026〕12号"
    (root / POLICY).write_text(policy(number, "2026-11-01"), "utf-8")
    moving = "content/dt/jiaotong.md"
    (root / moving).write_text(news("2026-11-01", title=OTHER_TITLE), "utf-8")
    commit(root, "2026-11-02", "印发")
    git(root, "2026-11-12", "rm", "-q", NEWS, POLICY)
    commit(root, "2026-11-12", "撤下")
    bundle = "content/dt/tingdian-xin/index.md"
    (root / bundle).parent.mkdir()
    (root / bundle).write_text(news("2026-11-17"), "utf-8")
    notices_column(root)
    (root / "content/zcwj/bgs").mkdir()  # (a sub-column of 政策文件: 办公室文件)
    index = (root / "content/zcwj/_index.md").read_text("utf-8").replace("政策文件", "办公室文件")
    (root / "content/zcwj/bgs/_index.md").write_text(index, "utf-8")
    (root / "content/zcwj/bgs/wenjian.md").write_text(policy(number, "2026-11-17"), "utf-8")
    git(root, "2026-11-17", "mv", moving, "content/tz/jiaotong.md")
    (root / "content/tz/jiaotong.md").write_text(news("2026-11-17", title=OTHER_TITLE), "utf-8")
    commit(root, "2026-11-17", "重新发布")
    found = run(root).with_code("CONTENT-08")
    said = {line.split(":")[0] for line in found if "把 2026-11-01 改为 2026-11-17" in line}
    assert said == {bundle, "content/zcwj/bgs/wenjian.md", "content/tz/jiaotong.md"}, found
