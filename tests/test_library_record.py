"""The policy library's URLs do not move (ssg/library_record.py, derive/policy_library.py):
data/library-urls.yaml records which name each published by-topic/ and by-issuer/ URL
belongs to. A homophone that comes later takes the next free suffix; a published URL is never
given to another name; a name whose URL must change (renamed in the record) redirects every
page of its old URL. Real sites built twice on disk."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from ssg.build import BuildOptions, BuildResult, build
from ssg.diagnostics import Diagnostics
from ssg.library_record import RECORD_FILE, append_record, load_record
from ssg.unchanged import LIBRARY_RECORD
from tests.sitekit import SITE_YAML, make_site, policy
from tests.test_unchanged import age

DATE = dt.date(2026, 11, 20)
TOPICS = "/zcwj/by-topic"
# 公示 and 公式 read alike (gong-shi); 公式 sorts first (式 U+5F0F before 示 U+793A), so slugs
# handed out afresh in sorted order gave 公式 gong-shi/ and moved 公示 to gong-shi-2/.
SHOWN, FORMULA = "公示", "公式"
DEPLOY = (
    "tls: {certificate: /etc/nginx/ssl/a.crt, key: /etc/nginx/ssl/a.key}\n"
    "hosting: {provider: 吉林省政务云, region: 吉林省长春市}\n"
)


def on(topic: str, n: int, **extra: str) -> str:
    return policy(f"测政发〔2026〕{n}号", f"2026-10-{n:02d}", topic=topic, **extra)


def run(
    root: Path, out: Path | None = None, renamed: str | None = None, **options: object
) -> BuildResult:
    """Build; no LIBRARY-01 or URL-01 but the one `renamed` advice the test expects."""
    result = build(
        BuildOptions(source=root, out=out or root / "public", build_date=DATE, jobs=1, **options)  # type: ignore[arg-type]
    )
    assert result.written, [str(d) for d in result.diagnostics.sorted()]
    found = [str(d) for d in result.diagnostics if d.code in ("URL-01", "LIBRARY-01")]
    assert not [d for d in found if renamed is None or not d.startswith(renamed)], found
    return result


def site(root: Path, files: dict[str, str]) -> Path:
    return make_site(
        root, {**files, "data/deploy.yaml": DEPLOY}, site_yaml=SITE_YAML + "page_size: 5\n"
    )


def refresh_target(page: Path) -> str | None:
    found = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page.read_text("utf-8"))
    return found.group(1) if found else None


def redirects(root: Path) -> dict[str, str]:
    lines = (root / "public-deploy/redirects.tsv").read_text("utf-8").splitlines()
    return dict(line.split("\t") for line in lines)


def test_a_published_group_keeps_its_url_when_a_homophone_that_sorts_first_comes(
    tmp_path: Path,
) -> None:
    site(tmp_path, {"content/zcwj/a.md": on(SHOWN, 1)})
    run(tmp_path)
    record = tmp_path / RECORD_FILE
    first = record.read_bytes()
    assert f"{TOPICS}/gong-shi/: {SHOWN}".encode() in first

    (tmp_path / "content/zcwj/b.md").write_text(on(FORMULA, 2), "utf-8")
    run(tmp_path)

    public = tmp_path / "public/zcwj/by-topic"
    assert refresh_target(public / "gong-shi/index.html") is None
    assert SHOWN in (public / "gong-shi/index.html").read_text("utf-8")
    assert FORMULA not in (public / "gong-shi/index.html").read_text("utf-8")
    assert FORMULA in (public / "gong-shi-2/index.html").read_text("utf-8")
    # The record grew by the newcomer's line, after every byte that was there.
    now = record.read_bytes()
    assert (
        now.startswith(first) and now[len(first) :] == f"{TOPICS}/gong-shi-2/: {FORMULA}\n".encode()
    )
    # Nothing moved, so nothing redirects.
    assert not any("/by-topic/" in path for path in redirects(tmp_path))
    # 公示 goes: 公式 stays at gong-shi-2/ (handed out afresh, it moved to gong-shi/).
    (tmp_path / "content/zcwj/a.md").unlink()
    run(tmp_path)
    assert not (public / "gong-shi").exists()
    assert FORMULA in (public / "gong-shi-2/index.html").read_text("utf-8")


def test_a_url_once_published_is_never_given_to_another_name(tmp_path: Path) -> None:
    """公示 leaves the library; 公式 comes: gong-shi/ is 公示's still, and a link to it must not
    show 公式's documents as if they were what it linked."""
    site(tmp_path, {"content/zcwj/a.md": on(SHOWN, 1)})
    run(tmp_path)
    (tmp_path / "content/zcwj/a.md").write_text(on(FORMULA, 1), "utf-8")
    hint = rename_hint(record_line(tmp_path, f"{TOPICS}/gong-shi/"), f"{TOPICS}/gong-shi/", SHOWN)
    run(tmp_path, renamed=hint + f"本次首次发布了“{FORMULA}”")
    public = tmp_path / "public/zcwj/by-topic"
    assert not (public / "gong-shi").exists()
    assert FORMULA in (public / "gong-shi-2/index.html").read_text("utf-8")
    # …and when 公示 comes back, it has its URL again.
    (tmp_path / "content/zcwj/b.md").write_text(on(SHOWN, 2), "utf-8")
    run(tmp_path)
    assert SHOWN in (public / "gong-shi/index.html").read_text("utf-8")
    assert FORMULA in (public / "gong-shi-2/index.html").read_text("utf-8")


def test_a_renamed_name_written_on_its_old_line_redirects_every_page_there(tmp_path: Path) -> None:
    """测试市人民政府 becomes 测试市政府: the editor writes the new name on the old line; the old
    URL's pages (two at page_size 5) redirect to the same pages of the new URL, as aliases do."""
    site(tmp_path, {f"content/zcwj/p{n}.md": on(SHOWN, n) for n in range(1, 7)})
    run(tmp_path)
    old, new = (
        "/zcwj/by-issuer/ce-shi-shi-ren-min-zheng-fu/",
        "/zcwj/by-issuer/ce-shi-shi-zheng-fu/",
    )
    for path in (tmp_path / "content").rglob("*.md"):
        path.write_text(
            path.read_text("utf-8").replace("issuer: 测试市人民政府", "issuer: 测试市政府"), "utf-8"
        )
    record = tmp_path / RECORD_FILE
    record.write_text(
        record.read_text("utf-8").replace(f"{old}: 测试市人民政府", f"{old}: 测试市政府"), "utf-8"
    )
    run(tmp_path)

    public = tmp_path / "public"
    for page in ("", "index_2.html"):
        assert refresh_target(public / old.strip("/") / (page or "index.html")) == new + page
        assert refresh_target(public / new.strip("/") / (page or "index.html")) is None
        assert redirects(tmp_path)[old + page] == new + page
    assert f"{new}: 测试市政府\n" in record.read_text("utf-8")
    issuers = (public / "zcwj/by-issuer/index.html").read_text("utf-8")
    assert f'href="{new}"' in issuers and old not in issuers


def test_without_a_record_the_urls_of_earlier_versions_stand_and_are_recorded(
    tmp_path: Path,
) -> None:
    """A site that has published with an ssg before the record: its groups get the URLs that
    version gave (sorted homophones, place names' old readings redirected), now recorded."""
    files = {
        "content/zcwj/a.md": on(FORMULA, 1),
        "content/zcwj/b.md": on(SHOWN, 2, issuer="长岭县人民政府"),
    }
    site(tmp_path, files)
    run(tmp_path)
    lines = (tmp_path / RECORD_FILE).read_text("utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == [
        f"{TOPICS}/gong-shi/: {FORMULA}",
        f"{TOPICS}/gong-shi-2/: {SHOWN}",
        f"{TOPICS}/zong-he-zheng-wu-zheng-wu-gong-kai/: 综合政务\\政务公开",  # (the sample's)
        "/zcwj/by-issuer/ce-shi-shi-ren-min-zheng-fu/: 测试市人民政府",
        "/zcwj/by-issuer/chang-ling-xian-ren-min-zheng-fu/: 长岭县人民政府",
        "/zcwj/by-issuer/zhang-ling-xian-ren-min-zheng-fu/: 长岭县人民政府",
    ]
    old = tmp_path / "public/zcwj/by-issuer/zhang-ling-xian-ren-min-zheng-fu/index.html"
    assert refresh_target(old) == "/zcwj/by-issuer/chang-ling-xian-ren-min-zheng-fu/"


def test_a_clean_clone_with_the_record_builds_what_the_editor_built(tmp_path: Path) -> None:
    """The record is in the repository, not .ssg-cache/: a cold build of a copy without the
    caches and the output (a CI checkout) writes the same bytes and adds no line."""
    editor = site(tmp_path / "editor", {"content/zcwj/a.md": on(SHOWN, 1)})
    run(editor)
    (editor / "content/zcwj/b.md").write_text(on(FORMULA, 2), "utf-8")
    run(editor)
    clone = tmp_path / "clone"
    shutil.copytree(
        editor, clone, ignore=shutil.ignore_patterns(".ssg-cache", "public*", ".public*")
    )
    recorded = (clone / RECORD_FILE).read_bytes()
    run(clone)
    assert (clone / RECORD_FILE).read_bytes() == recorded
    assert files(clone / "public") == files(editor / "public")


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_what_the_editor_wrote_is_never_rewritten(tmp_path: Path) -> None:
    written = (
        "# 我们的记录\n"
        f"{TOPICS}/gong-shi/:   {SHOWN}    # 2024 年发布\n"
        f"'{TOPICS}/jiu-zhu-ti/': 旧主题"  # (no line end: the build adds one before its lines)
    )
    site(
        tmp_path,
        {
            "content/zcwj/a.md": on(SHOWN, 1),
            "content/zcwj/b.md": on(FORMULA, 2),
            RECORD_FILE: written,
        },
    )
    # (旧主题 has no policy, 公式 is new: the likely-rename advice, at its line)
    run(tmp_path, renamed=rename_hint(3, f"{TOPICS}/jiu-zhu-ti/", "旧主题"))
    text = (tmp_path / RECORD_FILE).read_text("utf-8")
    assert text.startswith(written + "\n")
    assert f"{TOPICS}/gong-shi-2/: {FORMULA}" in text[len(written) :]


@pytest.mark.parametrize("where", ["check", "preview"])
def test_check_and_the_preview_publish_nothing_and_record_nothing(
    tmp_path: Path, where: str
) -> None:
    site(tmp_path, {"content/zcwj/a.md": on(SHOWN, 1)})
    if where == "check":
        result = build(
            BuildOptions(source=tmp_path, out=tmp_path / "public", build_date=DATE, write=False)
        )
        assert result.site is not None
    else:
        run(tmp_path, out=tmp_path / ".ssg-cache/preview")
    assert not (tmp_path / RECORD_FILE).exists()


def test_a_line_that_is_no_library_url_is_an_error_at_its_line(tmp_path: Path) -> None:
    record = f"{TOPICS}/gong-shi/: {SHOWN}\n/zcwj/2026-1.html: 某文件\n{TOPICS}/kong/: ''\n"
    site(tmp_path, {"content/zcwj/a.md": on(SHOWN, 1), RECORD_FILE: record})
    result = build(BuildOptions(source=tmp_path, out=tmp_path / "public", build_date=DATE, jobs=1))
    found = [
        (d.severity.value, d.file, d.line) for d in result.diagnostics if d.code == "LIBRARY-01"
    ]
    assert found == [("error", RECORD_FILE, 2), ("error", RECORD_FILE, 3)]
    assert not result.written and (tmp_path / RECORD_FILE).read_text("utf-8") == record


def test_a_record_changed_since_the_build_read_it_is_left_alone(tmp_path: Path) -> None:
    site(tmp_path, {RECORD_FILE: f"{TOPICS}/gong-shi/: {SHOWN}\n"})
    diags = Diagnostics()
    record = load_record(tmp_path, diags)
    assert record is not None and record.entries == ((f"{TOPICS}/gong-shi/", SHOWN),)
    (tmp_path / RECORD_FILE).write_text(f"{TOPICS}/gong-shi/: {SHOWN}\n# 编辑刚加的注释\n", "utf-8")
    meant = append_record(tmp_path, record, [(f"{TOPICS}/gong-shi-2/", FORMULA)], diags)
    assert meant is not None and meant != (tmp_path / RECORD_FILE).read_bytes()
    assert (tmp_path / RECORD_FILE).read_text("utf-8").endswith("# 编辑刚加的注释\n")
    assert [(d.code, d.severity.value) for d in diags] == [("LIBRARY-01", "advice")]


def test_the_build_after_the_one_that_recorded_replays(tmp_path: Path) -> None:
    """The record the build extends itself is no change of input (ssg/unchanged.py); the
    editor's change to it is."""
    assert LIBRARY_RECORD == RECORD_FILE
    site(tmp_path, {"content/zcwj/a.md": on(SHOWN, 1)})
    age(tmp_path)  # (inputs saved a minute ago: not "racy")
    run(tmp_path)
    assert (tmp_path / RECORD_FILE).is_file()
    assert build(BuildOptions(source=tmp_path, out=tmp_path / "public", build_date=DATE)).replayed
    record = tmp_path / RECORD_FILE
    record.write_text(record.read_text("utf-8") + "# 注释\n", "utf-8")
    assert not build(
        BuildOptions(source=tmp_path, out=tmp_path / "public", build_date=DATE)
    ).replayed


def test_the_build_says_what_it_recorded_and_how_to_commit_it(tmp_path: Path) -> None:
    """A CI checkout has the record only if it is committed: a build that adds to it says so,
    with the command; one that adds nothing (or only replays) says nothing of it."""
    from tests.sitekit import cli

    root = site(tmp_path / "site", {"content/zcwj/a.md": on(SHOWN, 1)})
    argv = ["build", "--source", str(root), "--date", DATE.isoformat()]
    code, out, err = cli(*argv)
    assert code == 0, err
    said = [line for line in out.splitlines() if RECORD_FILE in line]
    entries = load_record(root, Diagnostics())
    assert entries is not None and entries.entries
    assert len(said) == 1
    assert f"记入 {len(entries.entries)} 个首次发布的政策文件库网址，请提交到 git" in said[0]
    assert f"git -C {root} add {RECORD_FILE}" in said[0]
    (root / "content/zcwj/b.md").write_text(on(SHOWN, 2), encoding="utf-8")
    code, out, err = cli(*argv)
    assert code == 0 and RECORD_FILE not in out  # (a group published before: nothing new)


def rename_hint(line: int, old_url: str, old: str) -> str:
    return (
        f"{RECORD_FILE}:{line}: advice [LIBRARY-01] {old_url}: 已没有政策文件属于“{old}”，"
        f"它的网址 {old_url} 不再发布；"
    )


def record_line(root: Path, url: str) -> int:
    text = (root / RECORD_FILE).read_text("utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(url))


def test_a_name_renamed_in_the_policies_only_is_advised_at_its_record_line(
    tmp_path: Path,
) -> None:
    """The editor renames a topic in every policy but not in the record: the old URL is no
    longer published (an old link finds nothing), and the build says which line to change;
    changed as it says, the old URL redirects and the advice is gone."""
    root = site(tmp_path, {f"content/zcwj/p{n}.md": on("营商环境", n) for n in (1, 2)})
    run(root)
    record = root / RECORD_FILE
    old = f"{TOPICS}/ying-shang-huan-jing/"
    line = next(
        n
        for n, text in enumerate(record.read_text("utf-8").splitlines(), 1)
        if text.startswith(old)
    )
    for path in (root / "content/zcwj").glob("p*.md"):
        path.write_text(path.read_text("utf-8").replace("营商环境", "优化营商环境"), "utf-8")
    checked = build(BuildOptions(source=root, out=root / "public", build_date=DATE, write=False))
    hint = rename_hint(line, old, "营商环境") + f"本次首次发布了“优化营商环境”（{TOPICS}/you-"
    said = [str(d) for d in checked.diagnostics if d.code == "LIBRARY-01"]
    assert len(said) == 1 and said[0].startswith(hint), said  # (`ssg check` says it too)
    assert "请把这一行的名称改为新名称" in said[0]
    run(root, renamed=next(iter(said)))
    assert not (root / "public" / old.strip("/")).exists()

    record.write_text(
        record.read_text("utf-8").replace(f"{old}: 营商环境", f"{old}: 优化营商环境"), "utf-8"
    )
    run(root)  # (no LIBRARY-01 now)
    new = f"{TOPICS}/you-hua-ying-shang-huan-jing/"
    assert refresh_target(root / "public" / old.strip("/") / "index.html") == new


def test_a_name_that_only_goes_is_no_rename(tmp_path: Path) -> None:
    """A topic whose policies are all abolished or moved to topics published before: nothing
    new is published, so nothing is advised (its URL stays recorded, unpublished)."""
    root = site(
        tmp_path, {"content/zcwj/a.md": on(SHOWN, 1), "content/zcwj/b.md": on("营商环境", 2)}
    )
    run(root)
    (root / "content/zcwj/b.md").write_text(on(SHOWN, 2), "utf-8")
    run(root)  # (asserts no LIBRARY-01)


def test_a_name_still_the_scaffold_stand_in_is_not_recorded(tmp_path: Path) -> None:
    """`ssg new policy` writes issuer 示例市人民政府: published while it stands (a deduct
    finding), it is no name of the site's. Recorded, it held its URL for ever and was taken
    for a renamed issuer once the editor wrote the real one."""
    from ssg.scaffold import ITEM_PLACEHOLDERS
    from tests.sitekit import cli

    stand_in = ITEM_PLACEHOLDERS["issuer"]
    root = site(tmp_path / "site", {"content/zcwj/a.md": on(SHOWN, 1, issuer=stand_in)})
    argv = ["build", "--source", str(root), "--date", DATE.isoformat()]
    # (a build that refuses the stand-in, --strict, records nothing at all)
    code, out, err = cli(*argv, "--strict")
    assert code != 0 and not (root / RECORD_FILE).exists(), out + err
    code, out, err = cli(*argv)
    assert code == 0, out + err
    assert (root / "public/zcwj/by-issuer/shi-li-shi-ren-min-zheng-fu/index.html").is_file()
    record = (root / RECORD_FILE).read_text("utf-8")
    assert f"{TOPICS}/gong-shi/: {SHOWN}" in record and stand_in not in record

    page = root / "content/zcwj/a.md"
    page.write_text(page.read_text("utf-8").replace(stand_in, "长岭县人民政府"), "utf-8")
    code, out, err = cli(*argv)
    assert code == 0, out + err
    assert "LIBRARY-01" not in out + err
    record = (root / RECORD_FILE).read_text("utf-8")
    assert "/zcwj/by-issuer/chang-ling-xian-ren-min-zheng-fu/: 长岭县人民政府\n" in record
    assert stand_in not in record


@pytest.mark.parametrize("end", ["\r\n", ""], ids=["ended", "last-line-unended"])
def test_a_record_saved_with_crlf_keeps_its_line_ends(tmp_path: Path, end: str) -> None:
    """Saved on Windows, the record gets its new lines in CRLF too, not LF ones among them
    (a mixed file editors and git diff show as changed throughout); what was there stays."""
    from tests.sitekit import cli

    written = f"# 我们的记录\r\n{TOPICS}/gong-shi/: {SHOWN}{end}"
    files = {"content/zcwj/a.md": on(SHOWN, 1), "content/zcwj/b.md": on(FORMULA, 2)}
    root = site(tmp_path / "site", files)
    (root / RECORD_FILE).write_bytes(written.encode())
    code, out, err = cli("build", "--source", str(root), "--date", DATE.isoformat())
    assert code == 0, out + err
    raw = (root / RECORD_FILE).read_bytes()
    assert raw.startswith(written.encode())
    assert f"{TOPICS}/gong-shi-2/: {FORMULA}\r\n".encode() in raw
    assert raw.endswith(b"\r\n") and raw.count(b"\n") == raw.count(b"\r\n") > 2


def test_a_stand_in_recorded_by_an_earlier_version_is_no_rename(tmp_path: Path) -> None:
    """Versions before recorded ssg new's 示例市人民政府 when it was published; the line
    stays (the editor's file), but the real issuer that came after is no rename of it."""
    from ssg.scaffold import ITEM_PLACEHOLDERS

    stand_in = ITEM_PLACEHOLDERS["issuer"]
    written = f"/zcwj/by-issuer/shi-li-shi-ren-min-zheng-fu/: {stand_in}\n"
    root = site(tmp_path, {"content/zcwj/a.md": on(SHOWN, 1), RECORD_FILE: written})
    run(root)  # (asserts no LIBRARY-01)
    text = (root / RECORD_FILE).read_text("utf-8")
    assert text.startswith(written)
    assert "/zcwj/by-issuer/ce-shi-shi-ren-min-zheng-fu/: 测试市人民政府\n" in text


def test_a_stand_in_published_first_is_no_new_name_to_rename_to(tmp_path: Path) -> None:
    """The recorded issuer's policies now all say ssg new's 示例市人民政府 (a new policy
    replacing them, its issuer not yet written): no advice to rename the issuer to it."""
    from ssg.scaffold import ITEM_PLACEHOLDERS

    written = (
        "/zcwj/by-issuer/ce-shi-shi-ren-min-zheng-fu/: 测试市人民政府\n"  # (the site's other policy's)
        "/zcwj/by-issuer/chang-ling-xian-ren-min-zheng-fu/: 长岭县人民政府\n"
    )
    files = {"content/zcwj/a.md": on(SHOWN, 1, issuer=ITEM_PLACEHOLDERS["issuer"])}
    root = site(tmp_path, {**files, RECORD_FILE: written})
    run(root)  # (asserts no LIBRARY-01)
    assert ITEM_PLACEHOLDERS["issuer"] not in (root / RECORD_FILE).read_text("utf-8")


def test_the_librarys_new_names_and_renames_leave_the_stand_in_out_for_any_caller(
    tmp_path: Path,
) -> None:
    """unrecorded and likely_renames (derive/policy_library.py) leave ssg new's stand-in
    out themselves, for any caller, not only at the build's own two calls: a stand-in
    published first is no name to record nor to rename to, one recorded earlier and gone
    now is no renamed name."""
    from ssg.derive.policy_library import likely_renames, unrecorded
    from ssg.scaffold import ITEM_PLACEHOLDERS

    stand_in = ITEM_PLACEHOLDERS["issuer"]
    files = {"content/zcwj/a.md": on(SHOWN, 1, issuer=stand_in)}
    written = (
        "/zcwj/by-issuer/ce-shi-shi-ren-min-zheng-fu/: 测试市人民政府\n"  # (the site's other policy's)
        "/zcwj/by-issuer/chang-ling-xian-ren-min-zheng-fu/: 长岭县人民政府\n"
    )
    published = run(site(tmp_path / "published", {**files, RECORD_FILE: written})).site
    assert published is not None
    new = unrecorded(published)
    assert (f"{TOPICS}/gong-shi/", SHOWN) in new  # (a real name published first is there)
    assert [name for _, name in new if name == stand_in] == []
    assert likely_renames(published) == []

    written = f"/zcwj/by-issuer/shi-li-shi-ren-min-zheng-fu/: {stand_in}\n"
    files = {"content/zcwj/a.md": on(SHOWN, 1), RECORD_FILE: written}
    recorded = run(site(tmp_path / "recorded", files)).site
    assert recorded is not None
    assert ("/zcwj/by-issuer/ce-shi-shi-ren-min-zheng-fu/", "测试市人民政府") in unrecorded(
        recorded
    )
    assert likely_renames(recorded) == []
