"""The output swap: the new tree replaces the old at once; the old one is deleted afterwards,
in the background, together with any a killed build left behind."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from ssg import write
from ssg.check.scan_cache import stamp
from ssg.write import (
    MARKER,
    OutputError,
    Staging,
    abandoned_stagings,
    check_output_dir,
    remove_later,
)
from tests.sitekit import BUILD_DATE, cli, make_site


def staged(out: Path, text: str) -> Staging:
    staging = Staging(out)
    staging.write_text("index.html", text)
    return staging


def wait_gone(paths: list[Path], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while any(p.exists() for p in paths) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(p.exists() for p in paths), paths


def test_a_swap_replaces_the_output_and_the_old_tree_goes(tmp_path: Path) -> None:
    out = tmp_path / "public"
    staged(out, "一").commit()
    leftover = tmp_path / ".public.old-1-2"  # as a build killed mid-delete leaves it
    (leftover / "deep").mkdir(parents=True)
    (leftover / "deep/page.html").write_text("旧", encoding="utf-8")

    staged(out, "二").commit()

    assert (out / "index.html").read_text(encoding="utf-8") == "二"
    assert (out / MARKER).is_file()
    wait_gone([leftover, *tmp_path.glob(".public.old-*")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_remove_later_deletes_in_a_detached_process(tmp_path: Path) -> None:
    folders = []
    for n in range(3):
        folder = tmp_path / f"old{n}"
        (folder / "a/b").mkdir(parents=True)
        (folder / "a/b/file.txt").write_text("x", encoding="utf-8")
        folders.append(folder)
    started = os.getpid()
    remove_later(folders)
    assert os.getpid() == started  # (the children never come back here)
    wait_gone(folders)


def test_nothing_to_remove_starts_no_process_and_no_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A build into a new folder has no old tree: forking a process that holds the whole
    site, twice, to delete nothing cost 0.06-0.08 s of a 10,000-item build's serial end."""

    def no_fork() -> int:
        raise AssertionError("forked to delete nothing")

    def no_thread(*args: object, **kwargs: object) -> None:
        raise AssertionError("a thread to delete nothing")

    monkeypatch.setattr(os, "fork", no_fork)
    monkeypatch.setattr(threading, "Thread", no_thread)
    remove_later([])


def test_beside_other_threads_remove_later_deletes_in_a_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`ssg serve` runs HTTP threads, so no fork: a thread deletes, and the caller goes on."""
    folder = tmp_path / "old"
    (folder / "a").mkdir(parents=True)
    (folder / "a/file.txt").write_text("x", encoding="utf-8")

    def no_fork() -> int:
        raise AssertionError("forked beside running threads")

    monkeypatch.setattr(os, "fork", no_fork)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        remove_later([folder])
    finally:
        stop.set()
        other.join()
    wait_gone([folder])


def test_a_source_that_cannot_be_read_is_kept_for_the_build_to_report(tmp_path: Path) -> None:
    staging = Staging(tmp_path / "public")
    (tmp_path / "src").mkdir()
    (tmp_path / "src/a.png").write_bytes(b"png")
    (tmp_path / "src/gone.png").symlink_to(tmp_path / "nowhere")
    staging.copy(tmp_path / "src/gone.png", "gone.png")
    staging.copy_tree(tmp_path / "src", "static")
    assert [(source, type(exc)) for source, exc in staging.unreadable] == [
        (tmp_path / "src/gone.png", FileNotFoundError),
        (tmp_path / "src/gone.png", FileNotFoundError),
    ]
    assert staging.written == 1 and (staging.path / "static/a.png").read_bytes() == b"png"
    staging.discard()


def test_an_output_that_cannot_be_written_is_not_the_sources_fault(tmp_path: Path) -> None:
    staging = Staging(tmp_path / "public")
    (tmp_path / "a.png").write_bytes(b"png")
    (staging.path / "a.png").mkdir()  # the target cannot be opened for writing
    with pytest.raises(IsADirectoryError):
        staging.copy(tmp_path / "a.png", "a.png")
    assert staging.unreadable == []
    staging.discard()


@pytest.mark.parametrize(
    "inside",
    [
        "static/pub",
        "static",
        "themes/gov/static/out",
        "themes",
        "content/x",
        "data/x",
        ".ssg-cache",
    ],
)
def test_the_output_may_not_be_in_the_sources(tmp_path: Path, inside: str) -> None:
    # Inside static/ (or a theme's), every build copied the last output into the next one.
    with pytest.raises(OutputError, match=r"\(output (inside sources|folder would overwrite)"):
        check_output_dir(tmp_path / inside, tmp_path)


def test_the_output_may_be_beside_the_sources_or_the_preview_folder(tmp_path: Path) -> None:
    for out in ("public", "site-public", ".ssg-cache/preview", "../elsewhere"):
        check_output_dir(tmp_path / out, tmp_path)


@pytest.mark.parametrize(
    ("out", "expected"),
    [
        ("notes.txt", "是一个文件，不是文件夹；为免误删不会覆盖"),
        # (once an internal error, exit 3: FileExistsError from mkdir)
        ("notes.txt/public", "无法建立：{site}/notes.txt 是一个文件，不是文件夹"),
        ("notes.txt/a/b", "无法建立：{site}/notes.txt 是一个文件，不是文件夹"),
    ],
)
def test_an_output_at_or_under_a_file_is_a_usage_error(
    tmp_path: Path, out: str, expected: str
) -> None:
    site = make_site(tmp_path / "site", {})
    (site / "notes.txt").write_text("编辑的笔记", encoding="utf-8")
    code, _out, err = cli(
        "build", "--source", str(site), "--date", BUILD_DATE, "--out", str(site / out)
    )
    assert code == 2, err
    assert expected.format(site=site) in err and "内部错误" not in err
    assert (site / "notes.txt").read_text(encoding="utf-8") == "编辑的笔记"


def test_a_file_where_the_cache_folder_goes_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / ".ssg-cache").write_text("编辑的文件", encoding="utf-8")
    with pytest.raises(OutputError, match="缓存文件夹"):
        check_output_dir(site / "public", site)
    assert (site / ".ssg-cache").read_text(encoding="utf-8") == "编辑的文件"


def test_a_staged_file_written_again_is_a_new_file_not_a_write_through_its_link(
    tmp_path: Path,
) -> None:
    """A staged page may be a hard link to the last output's file, or to public/'s (the
    preview's first start): writing it again must leave that file as it was."""
    elsewhere = tmp_path / "public-page.html"
    elsewhere.write_text("public", encoding="utf-8")
    copied = tmp_path / "static.txt"
    copied.write_text("copied", encoding="utf-8")
    staging = Staging(tmp_path / "out")
    for rel in ("page.html", "file.txt"):
        os.link(elsewhere, staging.target(rel))
    staging.write_text("page.html", "preview")
    staging.copy(copied, "file.txt")
    assert (staging.path / "page.html").read_text(encoding="utf-8") == "preview"
    assert (staging.path / "file.txt").read_text(encoding="utf-8") == "copied"
    assert elsewhere.read_text(encoding="utf-8") == "public"


def test_the_staging_folder_of_a_killed_build_goes_with_the_next_swap(tmp_path: Path) -> None:
    """A build killed before its swap (kill -9) left its whole staging folder beside the
    output, and every later build kept it (a copy of the site each time it happened)."""
    out = tmp_path / "public"
    staged(out, "一").commit()
    gone = os.fork()  # a process id that no process has any more
    if gone == 0:
        os._exit(0)
    os.waitpid(gone, 0)
    killed = tmp_path / f".public.tmp-{gone}"
    (killed / "deep").mkdir(parents=True)
    (killed / "deep/page.html").write_text("半", encoding="utf-8")
    running = tmp_path / f".public.tmp-{os.getppid()}"  # (a build still at work: kept)
    running.mkdir()
    # (another machine's build into a shared folder: its process id means nothing here, but
    # it is at work: kept while its folder was touched within the hour)
    elsewhere = tmp_path / f".public.tmp-{gone}1"
    elsewhere.mkdir()
    hour_ago = time.time() - 3700
    for folder in (killed, running):
        os.utime(folder, (hour_ago, hour_ago))
    assert abandoned_stagings(out) == [killed]

    staged(out, "二").commit()

    wait_gone([killed])
    assert running.is_dir() and elsewhere.is_dir()
    assert (out / "index.html").read_text(encoding="utf-8") == "二"


def test_two_hosts_with_one_process_id_stage_in_folders_of_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two containers building into one shared output folder can have the same process id
    (each starts its own numbering): named by the id alone, the second build took the first's
    staging folder for a leftover of its own and deleted it under the running build."""
    out = tmp_path / "public"
    monkeypatch.setattr(write, "host_name", lambda: "builder-a")
    first = staged(out, "甲")
    monkeypatch.setattr(write, "host_name", lambda: "builder-b")
    second = staged(out, "乙")
    assert first.path != second.path
    assert (first.path / "index.html").read_text(encoding="utf-8") == "甲"
    assert first.path.name == f".public.tmp-builder-a-{os.getpid()}"
    assert write.is_working_folder(first.path.name)
    second.commit()
    first.commit()
    assert (out / "index.html").read_text(encoding="utf-8") == "甲"


def test_another_hosts_staging_folder_is_judged_by_idleness_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process id names a process of this host only: another container's running build can
    have the id of no process here (its folder must stay while it works), and its killed build
    the id of one that runs here (its folder must still go once idle for the hour)."""
    monkeypatch.setattr(write, "host_name", lambda: "here")
    out = tmp_path / "public"
    gone = os.fork()
    if gone == 0:
        os._exit(0)
    os.waitpid(gone, 0)
    alive = os.getppid()
    folders = {
        name: tmp_path / f".public.tmp-{name}"
        for name in (
            f"here-{gone}",  # this host, process gone, idle: goes
            f"here-{alive}",  # this host, still at work: stays
            f"there-{alive}",  # another host's killed build whose id runs here: goes
            f"there-{gone}",  # another host's, touched within the hour: stays
            f"re-mote.host-{alive}",  # a host name with a dash and a dot, idle: goes
        )
    }
    for folder in folders.values():
        folder.mkdir()
    hour_ago = time.time() - 3700
    for name in (f"here-{gone}", f"here-{alive}", f"there-{alive}", f"re-mote.host-{alive}"):
        os.utime(folders[name], (hour_ago, hour_ago))
    expected = [
        folders[f"here-{gone}"],
        folders[f"re-mote.host-{alive}"],
        folders[f"there-{alive}"],
    ]
    assert abandoned_stagings(out) == sorted(expected)


def test_a_written_files_status_is_the_one_stat_gives_after(tmp_path: Path) -> None:
    """write_bytes hands back the file's status as written (the page facts' stamp), the same
    as looking at the file afterwards; written again over a hard link, the new file's."""
    staging = Staging(tmp_path / "out")
    data = "页面".encode() * 5000  # (more than one write's worth on some systems)
    written = staging.write_bytes("a/b/page.html", data, "content/a/b/page.md")
    target = staging.path / "a/b/page.html"
    assert stamp(written) == stamp(os.stat(target))
    assert target.read_bytes() == data
    assert staging.sources == {"a/b/page.html": "content/a/b/page.md"}
    assert staging.written == 1
    elsewhere = tmp_path / "public-page.html"
    elsewhere.write_text("public", encoding="utf-8")
    os.link(elsewhere, staging.target("a/link.html"))
    again = staging.write_bytes("a/link.html", b"new")
    assert stamp(again) == stamp(os.stat(staging.path / "a/link.html"))
    assert again.st_ino != os.stat(elsewhere).st_ino
    assert elsewhere.read_text(encoding="utf-8") == "public"
