"""A build with nothing changed replays the last one (ssg/unchanged.py): same findings, same
exit, output untouched; any change to an input or to the output takes a real build."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ssg.build import BuildOptions, BuildResult, build
from ssg.cli import main
from ssg.unchanged import (
    _record_path,
    folders_stamp,
    input_fingerprint,
    kept_output,
    output_fingerprint,
    replay,
)
from tests.sitekit import make_site

DATE = dt.date(2026, 11, 20)
NEWS = "content/dt/huiyi.md"


def age(root: Path, seconds: float = 60) -> None:
    """Make every input look saved a minute ago: files written just now are "racy"."""
    past = time.time() - seconds
    for folder in ("content", "data", "static", "themes"):
        for path in (root / folder).rglob("*"):
            os.utime(path, (past, past))


def options(root: Path, **changes: object) -> BuildOptions:
    settings: dict[str, object] = {
        "source": root,
        "out": root / "public",
        "build_date": DATE,
        "jobs": 1,
    }
    settings.update(changes)
    return BuildOptions(**settings)  # type: ignore[arg-type]


def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def first_build(root: Path, **changes: object) -> BuildResult:
    make_site(root, {"content/dt/jiu.md": _stale_news()})
    age(root)
    result = build(options(root, **changes))
    assert result.written and not result.replayed
    return result


def _stale_news() -> str:
    # One deduct finding (a picture without alt text) so that replays have something to replay.
    return (
        "---\ntitle: 旧闻\ndate: 2026-11-02\nsource: 测试市人民政府办公室\nreviewed_by: 审核人\n"
        "---\n![](/static/emblem.png)\n"
    )


def test_no_change_replays_the_findings_and_leaves_the_output_alone(tmp_path: Path) -> None:
    first = first_build(tmp_path)
    assert any(d.code == "A11Y-02" for d in first.diagnostics)
    before = snapshot(tmp_path / "public")

    again = build(options(tmp_path))

    assert again.replayed and again.written and again.checked
    assert [str(d) for d in again.diagnostics.sorted()] == [
        str(d) for d in first.diagnostics.sorted()
    ]
    assert (again.pages, again.files) == (first.pages, first.files)
    assert [name for name, _ in again.stages] == ["unchanged"]
    assert snapshot(tmp_path / "public") == before, "not one file rewritten"


def test_an_edit_takes_a_real_build(tmp_path: Path) -> None:
    first_build(tmp_path)
    source = tmp_path / NEWS
    source.write_text(source.read_text(encoding="utf-8").replace("常务会议", "全体会议"),
                      encoding="utf-8")  # fmt: skip
    again = build(options(tmp_path))
    assert not again.replayed and again.written
    assert "全体会议" in (tmp_path / "public/dt/huiyi.html").read_text(encoding="utf-8")


def test_a_same_size_edit_with_an_old_timestamp_is_still_seen(tmp_path: Path) -> None:
    """The inode and the size stay, the content changes, the time is set back: the time still
    differs from the recorded one in its nanoseconds, which is what the fingerprint keeps."""
    first_build(tmp_path)
    source = tmp_path / NEWS
    text = source.read_text(encoding="utf-8")
    with source.open("r+", encoding="utf-8") as handle:  # same inode, same size
        handle.write(text.replace("常务会议", "全体会议"))
    past = time.time() - 30
    os.utime(source, (past, past))
    again = build(options(tmp_path))
    assert not again.replayed
    assert "全体会议" in (tmp_path / "public/dt/huiyi.html").read_text(encoding="utf-8")


def test_a_new_file_in_data_or_static_takes_a_real_build(tmp_path: Path) -> None:
    first_build(tmp_path)
    (tmp_path / "static/extra.txt").write_text("新文件", encoding="utf-8")
    again = build(options(tmp_path))
    assert not again.replayed
    assert (tmp_path / "public/static/extra.txt").read_text(encoding="utf-8") == "新文件"


def test_a_touched_output_takes_a_real_build_that_repairs_it(tmp_path: Path) -> None:
    first_build(tmp_path)
    page = tmp_path / "public/dt/huiyi.html"
    good = page.read_bytes()
    page.unlink()
    again = build(options(tmp_path))
    assert not again.replayed
    assert page.read_bytes() == good


def test_other_options_take_a_real_build(tmp_path: Path) -> None:
    first_build(tmp_path)
    assert not build(options(tmp_path, build_date=dt.date(2026, 11, 21))).replayed
    assert not build(options(tmp_path, strict=True)).replayed  # (it blocks: a deduct finding)
    assert not build(options(tmp_path, out=tmp_path / "elsewhere")).replayed


def test_files_saved_just_before_the_build_leave_no_record_to_replay(tmp_path: Path) -> None:
    """A file saved within the clock tick of the build could change again unseen ("racy"):
    its record is kept only for the output it vouches for (the preview's restart)."""
    make_site(tmp_path, {})
    assert build(options(tmp_path)).written
    assert kept_output(options(tmp_path)) is not None
    assert not build(options(tmp_path)).replayed


def test_a_damaged_record_is_only_a_slower_build(tmp_path: Path) -> None:
    first_build(tmp_path)
    _record_path(options(tmp_path)).write_bytes(b"\x80\x05not a pickle")
    assert not build(options(tmp_path)).replayed
    foreign = _record_path(options(tmp_path))
    foreign.write_bytes(pickle.dumps({"not": "a record"}))
    assert not build(options(tmp_path)).replayed


def test_serve_style_builds_never_replay(tmp_path: Path) -> None:
    first_build(tmp_path)
    result = build(options(tmp_path, replay=False))
    assert not result.replayed and result.site is not None and result.renderer is not None


def cli_build(root: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["build", "--source", str(root), "--date", "2026-11-20", *args])
    return code, out.getvalue(), err.getvalue()


def test_the_cli_says_nothing_changed_and_exits_as_before(tmp_path: Path) -> None:
    make_site(tmp_path, {"content/dt/jiu.md": _stale_news()})
    age(tmp_path)
    first = cli_build(tmp_path)
    second = cli_build(tmp_path, "--timings")
    assert first[0] == second[0] == 0
    finding = [line for line in first[2].splitlines() if "[A11Y-02]" in line]
    assert finding and finding[0] in second[2].splitlines()
    assert "输入没有变化" in second[1] and "nothing changed" in second[1]
    assert "unchanged" in second[2]
    blocked = cli_build(tmp_path, "--strict")  # same inputs, other options: a real build
    assert blocked[0] != 0 and "输入没有变化" not in blocked[1]


def test_a_copy_that_keeps_size_and_times_is_still_seen(tmp_path: Path) -> None:
    """`cp -p` or `touch -r` puts the old modification time back; the change time stays."""
    first_build(tmp_path)
    source = tmp_path / NEWS
    before = source.stat()
    text = source.read_text(encoding="utf-8")
    with source.open("r+", encoding="utf-8") as handle:  # same inode, same size
        handle.write(text.replace("常务会议", "全体会议"))
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))  # the exact old time
    assert source.stat().st_mtime_ns == before.st_mtime_ns
    again = build(options(tmp_path))
    assert not again.replayed
    assert "全体会议" in (tmp_path / "public/dt/huiyi.html").read_text(encoding="utf-8")


def test_an_edit_in_a_theme_reached_through_a_link_is_seen(tmp_path: Path) -> None:
    shared = tmp_path / "shared-theme/templates"
    shared.mkdir(parents=True)
    root = tmp_path / "site"
    make_site(root, {"content/dt/jiu.md": _stale_news()})
    (root / "themes").mkdir(exist_ok=True)
    (root / "themes/blue").symlink_to(tmp_path / "shared-theme", target_is_directory=True)
    (root / "themes/blue/loop").symlink_to(root / "themes", target_is_directory=True)
    site_yaml = root / "data/site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "theme: blue\n", "utf-8")
    age(root)
    first = build(options(root))
    assert first.written and not first.replayed
    assert build(options(root)).replayed  # (the loop back up is walked once)

    (shared / "footer.html").write_text("<footer>新页脚</footer>", encoding="utf-8")
    again = build(options(root))
    assert not again.replayed


def test_the_side_folder_is_part_of_the_output(tmp_path: Path) -> None:
    """Deleting the lifecycle side folder a build wrote takes a build that writes it again."""
    first_build(tmp_path)
    side = tmp_path / "public-lifecycle"
    side.mkdir()
    (side / "stray.txt").write_text("x", encoding="utf-8")
    assert not build(options(tmp_path)).replayed  # (the output is not what was recorded)


def test_a_file_name_that_is_not_utf8_is_no_crash(tmp_path: Path) -> None:
    first_build(tmp_path)
    name = os.fsdecode("附件.docx".encode("gbk"))  # (a name from a zip made on Windows)
    (tmp_path / "static" / name).write_bytes(b"x")
    build(options(tmp_path))  # (what the build says of the name is the loader's to say)


def test_side_dir_is_the_lifecycle_pages_one() -> None:
    from ssg.derive.lifecycle_pages import side_dir as engine_side_dir
    from ssg.unchanged import side_dir

    assert side_dir(Path("/x/public")) == engine_side_dir(Path("/x/public"))


DEPLOY_YAML = (
    "tls:\n  certificate: /etc/nginx/ssl/www.ceshi.gov.cn.crt\n"
    "  key: /etc/nginx/ssl/www.ceshi.gov.cn.key\n"
    "hosting:\n  provider: 吉林省政务云\n  region: 吉林省长春市\n"
)
DOMAIN_CHANGE = (
    "- event: domain_change\n  date: 2026-11-10\n  old_domain: ceshi.jl.gov.cn\n"
    "  reason: 按照政府网站域名管理要求规范域名\n  reviewed_by: 审核人\n"
)


def side_build(root: Path) -> dict[str, dict[str, bytes]]:
    """A site with both side folders (deploy files, the domain change's list for the parent
    portal), built once; returns what a full build wrote in each."""
    from tests.derive.kit import NOTICE_COLUMN

    make_site(
        root,
        {
            **NOTICE_COLUMN,
            "content/dt/jiu.md": _stale_news(),
            "data/deploy.yaml": DEPLOY_YAML,
            "data/lifecycle.yaml": DOMAIN_CHANGE,
        },
    )
    age(root)
    assert build(options(root)).written
    sides = {name: contents(root / name) for name in ("public-deploy", "public-lifecycle")}
    assert sides["public-deploy"] and sides["public-lifecycle"]
    assert build(options(root)).replayed
    return sides


def contents(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_deleted_deploy_folder_is_written_again(tmp_path: Path) -> None:
    import shutil

    sides = side_build(tmp_path)
    shutil.rmtree(tmp_path / "public-deploy")
    again = build(options(tmp_path))
    assert not again.replayed and again.written
    assert contents(tmp_path / "public-deploy") == sides["public-deploy"]
    assert build(options(tmp_path)).replayed  # (and the next build is fast again)


def test_a_file_deleted_from_the_deploy_folder_is_written_again(tmp_path: Path) -> None:
    sides = side_build(tmp_path)
    (tmp_path / "public-deploy/urls.txt").unlink()
    assert not build(options(tmp_path)).replayed
    assert contents(tmp_path / "public-deploy") == sides["public-deploy"]


def test_a_hand_edited_nginx_conf_is_written_again(tmp_path: Path) -> None:
    sides = side_build(tmp_path)
    conf = tmp_path / "public-deploy/nginx.conf"
    conf.write_text(conf.read_text(encoding="utf-8").replace("301", "302"), encoding="utf-8")
    assert not build(options(tmp_path)).replayed
    assert contents(tmp_path / "public-deploy") == sides["public-deploy"]


def test_a_same_size_edit_of_nginx_conf_with_its_old_time_is_still_seen(tmp_path: Path) -> None:
    """In place, same size, the modification time put back (`cp -p`, `touch -r`): only the
    change time tells."""
    sides = side_build(tmp_path)
    conf = tmp_path / "public-deploy/nginx.conf"
    before = conf.stat()
    text = conf.read_text(encoding="utf-8")
    assert "return 301" in text
    with conf.open("r+", encoding="utf-8") as handle:
        handle.write(text.replace("return 301", "return 302"))
    os.utime(conf, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (conf.stat().st_ino, conf.stat().st_size) == (before.st_ino, before.st_size)
    assert not build(options(tmp_path)).replayed
    assert contents(tmp_path / "public-deploy") == sides["public-deploy"]


def test_a_deleted_lifecycle_side_folder_is_written_again(tmp_path: Path) -> None:
    import shutil

    sides = side_build(tmp_path)
    shutil.rmtree(tmp_path / "public-lifecycle")
    assert not build(options(tmp_path)).replayed
    assert contents(tmp_path / "public-lifecycle") == sides["public-lifecycle"]


def test_cache_dir_is_the_caches_one() -> None:
    """(`ssg build` takes its lock there without importing ssg.cache: ssg/cli.py)"""
    from ssg.cache import CACHE_DIR as ENGINE_CACHE_DIR
    from ssg.unchanged import CACHE_DIR

    assert CACHE_DIR == ENGINE_CACHE_DIR


def test_deploy_dir_is_the_deploy_artefacts_one() -> None:
    from ssg.deploy.artefacts import deploy_dir as engine_deploy_dir
    from ssg.unchanged import deploy_dir

    assert deploy_dir(Path("/x/public")) == engine_deploy_dir(Path("/x/public"))


def test_previous_urls_outside_data_is_part_of_the_fingerprint(tmp_path: Path) -> None:
    """data/deploy.yaml may name a urls.txt anywhere in the site (here releases/): editing it
    changes what NOTICE-05 finds, so it takes a real build."""
    releases = tmp_path / "releases/urls-2025.txt"
    releases.parent.mkdir(parents=True)
    releases.write_text(
        "https://www.ceshi.gov.cn/dt/huiyi.html\nhttps://www.ceshi.gov.cn/dt/old-page.html\n",
        encoding="utf-8",
    )
    make_site(
        tmp_path,
        {
            "content/dt/jiu.md": _stale_news(),
            "data/deploy.yaml": DEPLOY_YAML + "previous_urls: releases/urls-2025.txt\n",
        },
    )
    age(tmp_path)
    past = time.time() - 60
    os.utime(releases, (past, past))
    first = build(options(tmp_path))
    assert [d.line for d in first.diagnostics if d.code == "NOTICE-05"] == [2]
    assert build(options(tmp_path)).replayed

    releases.write_text("https://www.ceshi.gov.cn/dt/huiyi.html\n", encoding="utf-8")
    os.utime(releases, (past, past))  # (not racy: an edit of a minute ago)
    again = build(options(tmp_path))
    assert not again.replayed
    assert not [d for d in again.diagnostics if d.code == "NOTICE-05"]
    assert build(options(tmp_path)).replayed  # (the new record watches it too)


def test_a_migration_mapping_outside_data_is_part_of_the_fingerprint(tmp_path: Path) -> None:
    """data/lifecycle.yaml may name its mapping CSV anywhere in the site: editing it changes
    where migrated pages and nginx.conf send citizens, so it takes a real build."""
    mapping = tmp_path / "releases/mapping.csv"
    mapping.parent.mkdir(parents=True)
    mapping.write_text(
        "旧路径,新网址\n/dt/huiyi.html,https://www.jl.gov.cn/old-target.html\n", encoding="utf-8"
    )
    make_site(
        tmp_path,
        {
            "data/lifecycle.yaml": (
                "- event: migration\n  date: 2026-11-15\n  destination: https://www.jl.gov.cn/\n"
                "  mapping: releases/mapping.csv\n  reason: 集约化\n  reviewed_by: 审核人\n"
            )
        },
    )
    age(tmp_path)
    past = time.time() - 60
    os.utime(mapping, (past, past))
    assert build(options(tmp_path)).written
    assert build(options(tmp_path)).replayed
    page = tmp_path / "public/dt/huiyi.html"
    assert "old-target.html" in page.read_text(encoding="utf-8")

    mapping.write_text(
        "旧路径,新网址\n/dt/huiyi.html,https://www.jl.gov.cn/new-target.html\n", encoding="utf-8"
    )
    os.utime(mapping, (past, past))  # (not racy: an edit of a minute ago)
    again = build(options(tmp_path))
    assert again.written and not again.replayed
    assert "new-target.html" in page.read_text(encoding="utf-8")
    assert build(options(tmp_path)).replayed  # (the new record watches it too)


def test_previous_urls_saved_during_the_build_leaves_no_record(tmp_path: Path) -> None:
    releases = tmp_path / "releases/urls-2025.txt"
    releases.parent.mkdir(parents=True)
    releases.write_text("https://www.ceshi.gov.cn/dt/huiyi.html\n", encoding="utf-8")
    make_site(
        tmp_path,
        {"data/deploy.yaml": DEPLOY_YAML + "previous_urls: releases/urls-2025.txt\n"},
    )
    age(tmp_path)  # (every input old but the urls.txt, saved just now)
    assert build(options(tmp_path)).written
    assert not build(options(tmp_path)).replayed


def test_ssgs_own_code_is_fingerprinted_once_per_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The code that builds is the code this process loaded: a file of ssg saved between two
    builds (a checkout or a merge while the tests run) does not stop the second from replaying
    the first (this test file's fingerprint tests failed so, now and then); a new process
    fingerprints the files anew."""
    import ssg.unchanged

    package = tmp_path / "package"
    package.mkdir()
    (package / "code.py").write_text("A = 1\n", encoding="utf-8")
    monkeypatch.setattr(ssg.unchanged, "_PACKAGE", package)
    monkeypatch.setattr(ssg.unchanged, "_code", [], raising=False)
    site = tmp_path / "site"
    first_build(site)
    (package / "code.py").write_text("A = 2\n", encoding="utf-8")  # saved over, not loaded
    assert build(options(site)).replayed
    monkeypatch.setattr(ssg.unchanged, "_code", [], raising=False)  # a new process
    assert not build(options(site)).replayed


def _stamps(folder: Path) -> dict[str, tuple[int, int, int, int]]:
    found = {}
    for path in folder.rglob("*"):
        if path.is_file():
            st = path.stat()
            found[path.relative_to(folder).as_posix()] = (
                st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns
            )  # fmt: skip
    return found


def test_the_output_fingerprint_takes_known_stamps_as_its_own_stat_would(tmp_path: Path) -> None:
    """The record's fingerprint takes the stamps the checks took of the pages (issue 9) rather
    than stat them again: the same fingerprint as a walk of the output, so a build with no
    change still replays; a page changed after its stamp was taken makes another one, so its
    record is never replayed over the changed page; a symbolic link's stamp (its target's) is
    not taken for it."""
    first_build(tmp_path)
    out = tmp_path / "public"
    stamps = _stamps(out)
    assert len(stamps) > 20
    assert output_fingerprint(out, stamps) == output_fingerprint(out)

    page = out / "index.html"
    page.write_bytes(page.read_bytes() + b"\n")
    assert output_fingerprint(out, stamps) != output_fingerprint(out)

    (out / "link.html").symlink_to(page)
    stamps = _stamps(out)  # (link.html: its target's stamp)
    assert output_fingerprint(out, stamps) == output_fingerprint(out)


def test_a_checked_build_replays_with_the_fingerprint_of_its_stamps(tmp_path: Path) -> None:
    """The build hands the checks' stamps to its record (ssg/build.py): a second build with
    nothing changed replays it."""
    first_build(tmp_path, jobs=2)
    again = build(options(tmp_path, jobs=2))
    assert again.replayed


def test_a_build_with_nothing_changed_loads_only_what_it_replays_with(tmp_path: Path) -> None:
    """`ssg build` with nothing changed takes ~50 ms, most of it Python's start and imports
    (issue 9): it loads neither the engine nor what only a real build, an error or another
    command needs: hashlib (OpenSSL's library), the output writer and its sockets, tracebacks,
    threads, shell quoting, temporary files (and the random names they are made with),
    shutil (and the compression libraries it loads: argparse's help width imported it)."""
    first_build(tmp_path)
    unneeded = ("ssg.build", "jinja2", "yaml", "ssg.write", "ssg.cache", "hashlib", "_hashlib",
                "socket", "traceback", "threading", "shlex", "tempfile", "random", "shutil",
                "bz2", "lzma")  # fmt: skip
    code = f"""
import sys
from ssg.cli import main
code = main(["build", "--source", {str(tmp_path)!r}, "--date", "2026-11-20", "--jobs", "1"])
print(code, [name for name in {unneeded!r} if name in sys.modules])
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    *said, last = done.stdout.splitlines()
    assert "nothing changed" in said[-1]  # (a replay)
    assert last == "0 []"


def test_the_fingerprints_leave_no_folder_open(tmp_path: Path) -> None:
    """The walks open each folder to stat its files by name (ssg/unchanged.py): each is closed
    again, a link that loops, a dangling one and a file in a folder's place included."""
    first_build(tmp_path)
    (tmp_path / "content" / "loop").symlink_to(tmp_path / "content")
    (tmp_path / "content" / "self").symlink_to(tmp_path / "content" / "self")
    (tmp_path / "static" / "gone").symlink_to(tmp_path / "nowhere")
    (tmp_path / "public" / "dt" / "to-top").symlink_to(tmp_path / "public")
    (tmp_path / "themes").write_text("not a folder", encoding="utf-8")
    before = sorted(os.listdir("/proc/self/fd"))
    for _ in range(3):
        assert input_fingerprint(options(tmp_path)).digest
        assert folders_stamp(tmp_path, ("content", "static", "themes", "missing"))[0]
        assert output_fingerprint(tmp_path / "public")
        assert output_fingerprint(tmp_path / "missing") == ""
        assert replay(options(tmp_path)) is None  # (the inputs changed)
    assert sorted(os.listdir("/proc/self/fd")) == before


def test_a_replay_that_ends_the_process_says_everything_first(tmp_path: Path) -> None:
    """`ssg build` ends its process right after a replay, without Python's finalization
    (ssg/cli.py: _end_now): what it says to pipes, which hold it in their buffers until
    then, is all said first, and its exit is the build's."""
    first_build(tmp_path)
    command = [sys.executable, "-m", "ssg", "build", "--source", str(tmp_path), "--date",
               "2026-11-20", "--all", "--timings"]  # fmt: skip
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    done = subprocess.run(command, capture_output=True, text=True, env=buffered)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("输入没有变化") and done.stdout.endswith("s)\n")
    assert "[A11Y-02]" in done.stderr
    assert done.stderr.splitlines()[-1].split()[0] == "unchanged"
    blocked = subprocess.run([*command, "--strict"], capture_output=True, text=True, env=buffered)
    assert blocked.returncode == 1 and "输入没有变化" not in blocked.stdout


# The git history CONTENT-08 and SSG-06 read (ssg/check/date_history.py): a commit, an amend,
# a branch switched or a reset changes no file the build reads, and changes the findings.
REDATED = "content/dt/tingdian.md"


def _redated(date: str) -> str:
    return (
        f"---\ntitle: 关于计划停电的通知\ndate: {date}\nsource: 测试市人民政府办公室\n"
        "reviewed_by: 审核人\n---\n正文。\n"
    )


def _git(root: Path, when: str, *args: str) -> None:
    from tests.check.test_date_history import git

    git(root, when, *args)


def _history_site(repo: Path) -> Path:
    """A site in a git repository: a notice published on 11-01 and committed, then re-dated
    to 11-17 in the working tree (not committed); its output and caches ignored by git."""
    make_site(repo, {REDATED: _redated("2026-11-01")})
    (repo / ".gitignore").write_text("public/\n.ssg-cache/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    _git(repo, "2026-11-02", "add", "-A")
    _git(repo, "2026-11-02", "commit", "-q", "-m", "发布停电通知")
    (repo / REDATED).write_text(_redated("2026-11-17"), encoding="utf-8")
    age(repo)
    return repo


def _redating(built: tuple[int, str, str]) -> list[str]:
    return [line for line in built[2].splitlines() if "[CONTENT-08]" in line]


def _replayed(built: tuple[int, str, str]) -> bool:
    return "输入没有变化" in built[1]


def test_a_commit_of_a_redating_takes_a_real_build(tmp_path: Path) -> None:
    """`git commit` changes no file the build reads: the build after it is not the replay of
    the one before, which had no re-dating to report (`ssg check` reported it)."""
    root = _history_site(tmp_path)
    assert not _redating(cli_build(root))  # (not committed: not a re-dating yet)
    assert _replayed(cli_build(root))
    _git(root, "2026-11-17", "commit", "-q", "-a", "-m", "更新日期")
    committed = cli_build(root)
    assert not _replayed(committed)
    assert _redating(committed)
    again = cli_build(root)  # (nothing changed since: the record of the commit's build)
    assert _replayed(again) and _redating(again) == _redating(committed)


def test_an_amend_or_a_branch_with_the_same_files_takes_a_real_build(tmp_path: Path) -> None:
    root = _history_site(tmp_path)
    _git(root, "2026-11-17", "commit", "-q", "-a", "-m", "更新日期")
    committed = _redating(cli_build(root))
    assert committed and _replayed(cli_build(root))
    # The same commit amended (another time): the finding names the new commit.
    _git(root, "2026-11-18", "commit", "-q", "--amend", "--no-edit", "--reset-author")
    amended = cli_build(root)
    assert not _replayed(amended) and _redating(amended) and _redating(amended) != committed
    # A branch whose one commit has the same files: nothing was ever re-dated there.
    _git(root, "2026-11-19", "checkout", "-q", "--orphan", "squashed")
    _git(root, "2026-11-19", "commit", "-q", "-m", "合并历史")
    squashed = cli_build(root)
    assert not _replayed(squashed) and not _redating(squashed)
    _git(root, "2026-11-19", "checkout", "-q", "main")  # (no file rewritten: the same)
    back = cli_build(root)
    assert not _replayed(back) and _redating(back) == _redating(amended)


def test_a_commit_in_a_linked_worktree_takes_a_real_build(tmp_path: Path) -> None:
    """A site in a `git worktree add` checkout: its `.git` is a file naming the repository's
    folder for it (`gitdir:`), whose HEAD names a branch kept in the main repository."""
    main = _history_site(tmp_path / "main")
    _git(main, "2026-11-17", "commit", "-q", "-a", "-m", "更新日期")
    _git(main, "2026-11-17", "worktree", "add", "-q", "-b", "side", str(tmp_path / "side"))
    root = tmp_path / "side"
    assert (root / ".git").is_file()
    (root / REDATED).write_text(_redated("2026-11-19"), encoding="utf-8")
    age(root)
    first = cli_build(root)
    assert _redating(first) and _replayed(cli_build(root))
    _git(root, "2026-11-19", "commit", "-q", "-a", "-m", "再次更新日期")
    committed = cli_build(root)
    assert not _replayed(committed) and _redating(committed) != _redating(first)
    assert _replayed(cli_build(root))
    _git(root, "2026-11-19", "reset", "-q", "--soft", "HEAD~1")  # (the files stay)
    reset = cli_build(root)
    assert not _replayed(reset) and _redating(reset) == _redating(first)


def test_a_site_outside_any_repository_has_no_history_to_fingerprint(tmp_path: Path) -> None:
    from ssg.unchanged import history_fingerprint

    make_site(tmp_path, {})
    if any((folder / ".git").exists() for folder in tmp_path.resolve().parents):
        pytest.skip("the temporary folder is inside a git repository")
    assert history_fingerprint(tmp_path) == ""


def test_a_package_installed_or_removed_takes_a_real_build(tmp_path: Path) -> None:
    """A no-change build in a process whose site-packages folder gained or lost a package
    (pip adds or removes its `*.dist-info` folder: a new Jinja2 or deflate makes another
    output) is a real build. The folder is a temporary one on the real CLI's path, where a
    fake dist-info is written: installing a real package would ask the package registry."""
    site = tmp_path / "site"
    first_build(site)
    packages = tmp_path / "lib" / "site-packages"
    packages.mkdir(parents=True)
    path = os.pathsep.join(filter(None, (os.environ.get("PYTHONPATH"), str(packages))))
    command = [sys.executable, "-m", "ssg", "build", "--source", str(site), "--date",
               "2026-11-20", "--jobs", "1"]  # fmt: skip

    def built() -> str:
        env = {**os.environ, "PYTHONPATH": path}
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout

    built()  # (a real build: this process's path is not the test's)
    assert "输入没有变化" in built()
    info = packages / "jinja2-9.9.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Name: Jinja2\nVersion: 9.9\n", encoding="utf-8")
    assert "输入没有变化" not in built()
    assert "输入没有变化" in built()
    (info / "METADATA").unlink()
    info.rmdir()
    assert "输入没有变化" not in built()
