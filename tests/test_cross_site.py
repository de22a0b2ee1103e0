"""集约化: a department's interpretation of a policy its portal publishes, linked both ways
(ssg/cross_site.py), built by the real CLI on real folders."""

from __future__ import annotations

from pathlib import Path

from tests.sitekit import BUILD_DATE, interpretation, make_site, policy
from tests.test_sites import DEPARTMENT_YAML, cli

PORTAL_POLICY = "content/zcwj/p200.md"
READING = "content/zcjd/jd200.md"


def repository(root: Path, reference: str = "测政发〔2026〕200号", **portal: str) -> Path:
    make_site(
        root / "www",
        {PORTAL_POLICY: policy("测政发〔2026〕200号", date="2026-10-08", **portal)},
    )
    make_site(
        root / "bumen/fgw",
        {READING: interpretation(reference, date="2026-10-08", title="图解测试市二百号文件")},
        site_yaml=DEPARTMENT_YAML,
    )
    (root / "sites.yaml").write_text("- path: www\n- path: bumen/fgw\n", encoding="utf-8")
    return root


OLD = 1_700_000_000  # a time long past (seconds)


def settled(repo: Path) -> Path:
    """`repo` with every file dated long ago, so that a view read now may be kept (one of
    a file saved within the clock's tick is read again: ssg/unchanged.py RACY_NS)."""
    import os

    for path in repo.rglob("*"):
        os.utime(path, (OLD, OLD))
    return repo


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_a_department_interprets_a_portal_policy_and_both_pages_link(tmp_path: Path) -> None:
    repo = repository(tmp_path, needs_interpretation="true")
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    assert "POLICY-03" not in err  # the department's reading counts for the important policy
    assert "本仓库站点" not in err  # (the links between the two pages are to pages that exist)
    reading = read(repo / "public/bumen/fgw/zcjd/jd200.html")
    assert 'href="https://www.ceshi.gov.cn/zcwj/p200.html"' in reading
    assert "关于测政发〔2026〕200号的通知" in reading and "测试市人民政府" in reading
    page = read(repo / "public/www/zcwj/p200.html")
    assert 'href="https://fgw.ceshi.gov.cn/zcjd/jd200.html"' in page
    assert "图解测试市二百号文件" in page and "测试市发展和改革委员会" in page
    # the portal's policy library names the reading beside its entry
    library = read(repo / "public/www/zcwj/index.html")
    assert "https://fgw.ceshi.gov.cn/zcjd/jd200.html" in library
    # a reference the site answers itself stays the site's own
    own = read(repo / "public/bumen/fgw/zcjd/base.html")
    assert 'href="/zcwj/base.html"' in own and "https://www.ceshi.gov.cn" not in own


def test_a_path_id_in_another_site_is_written_with_its_folder(tmp_path: Path) -> None:
    repo = repository(tmp_path, reference="www:zcwj/p200")
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    assert "https://www.ceshi.gov.cn/zcwj/p200.html" in read(
        repo / "public/bumen/fgw/zcjd/jd200.html"
    )
    assert "https://fgw.ceshi.gov.cn/zcjd/jd200.html" in read(repo / "public/www/zcwj/p200.html")


def test_a_reference_no_site_answers_names_the_sites_searched(tmp_path: Path) -> None:
    repo = repository(tmp_path, reference="测政发〔2026〕999号")
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 1
    line = next(x for x in err.splitlines() if "[REF-01]" in x)
    assert line.startswith("bumen/fgw/content/zcjd/jd200.md:")
    assert "本仓库的其他站点（www）中也没有" in line
    assert (repo / "public/www/zcwj/p200.html").is_file()  # the portal is built all the same


def test_a_doc_number_two_other_sites_publish_is_ambiguous(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    third = DEPARTMENT_YAML.replace("fgw.ceshi.gov.cn", "jyj.ceshi.gov.cn").replace(
        '"2298000002"', '"2298000003"'
    )
    make_site(tmp_path / "bumen/jyj", {PORTAL_POLICY: policy("测政发〔2026〕200号")}, third)
    (repo / "sites.yaml").write_text(
        "- path: www\n- path: bumen/fgw\n- path: bumen/jyj\n", encoding="utf-8"
    )
    code, _, err = cli("check", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 1
    line = next(x for x in err.splitlines() if "[REF-02]" in x)
    assert line.startswith("bumen/fgw/content/zcjd/jd200.md:")
    assert "www/content/zcwj/p200.md" in line and "bumen/jyj/content/zcwj/p200.md" in line


def test_a_site_built_alone_is_the_same_and_sees_the_others_edits(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    whole = read(repo / "public/www/zcwj/p200.html")
    alone = repo / "www/public"
    code, _, err = cli("build", "--source", str(repo / "www"), "--date", BUILD_DATE)
    assert code == 0, err
    assert read(alone / "zcwj/p200.html") == whole
    # Nothing of the portal changed, but the department retitled its reading: the portal's
    # next build is not the last one replayed, and its page names the new title.
    (repo / "bumen/fgw" / READING).write_text(
        interpretation("测政发〔2026〕200号", date="2026-10-08", title="一图读懂二百号文件"),
        encoding="utf-8",
    )
    code, _, err = cli("build", "--source", str(repo / "www"), "--date", BUILD_DATE)
    assert code == 0, err
    page = read(alone / "zcwj/p200.html")
    assert "一图读懂二百号文件" in page and "图解测试市二百号文件" not in page
    # and a reading the department withdraws leaves the portal's page
    (repo / "bumen/fgw" / READING).unlink()
    code, _, err = cli("build", "--source", str(repo / "www"), "--date", BUILD_DATE)
    assert code == 0, err
    assert "fgw.ceshi.gov.cn/zcjd" not in read(alone / "zcwj/p200.html")


def test_a_late_reading_on_another_site_is_judged_by_the_policys_date(tmp_path: Path) -> None:
    repo = repository(tmp_path)
    (repo / "bumen/fgw" / READING).write_text(
        interpretation("测政发〔2026〕200号", date="2026-11-09"), encoding="utf-8"
    )
    code, _, err = cli("check", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err  # (deduct: reported, the build goes on)
    line = next(x for x in err.splitlines() if "[POLICY-03]" in x and "jd200" in x)
    assert "解读晚于文件 32 天发布（文件 2026-10-08" in line


def test_a_draft_on_the_other_site_does_not_resolve_and_errors_there_do_not_spread(
    tmp_path: Path,
) -> None:
    """The portal's file is a draft: the department's reference does not resolve (REF-01 at
    the department). A broken file of the department's is the department's problem alone: the
    portal still builds and still lists the department's valid reading of its other file."""
    repo = repository(tmp_path, draft="true")
    make_site(
        repo / "www",
        {"content/zcwj/p300.md": policy("测政发〔2026〕300号")},
    )
    make_site(
        repo / "bumen/fgw",
        {
            "content/zcjd/jd300.md": interpretation("测政发〔2026〕300号"),
            "content/dt/huai.md": "---\ntitle: [坏\n---\n",
        },
        site_yaml=DEPARTMENT_YAML,
    )
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 1
    ref = next(x for x in err.splitlines() if "[REF-01]" in x)
    assert ref.startswith("bumen/fgw/content/zcjd/jd200.md:") and "测政发〔2026〕200号" in ref
    assert "1 个被阻止：bumen/fgw" in err
    page = read(repo / "public/www/zcwj/p300.html")
    assert 'href="https://fgw.ceshi.gov.cn/zcjd/jd300.html"' in page
    assert not (repo / "public/www/zcwj/p200.html").exists()


def test_the_other_sites_are_read_once_while_they_do_not_change(tmp_path: Path) -> None:
    """A process building several sites (a whole repository; a preview) keeps each other
    site's view while its files are unchanged, and reads it again when one changes."""
    import datetime as dt
    import os

    from ssg.cross_site import other_sites

    repo = settled(repository(tmp_path))
    date = dt.date(2026, 11, 20)
    first = other_sites(repo / "www", date)
    again = other_sites(repo / "www", date)
    assert first is not None and again is not None
    assert again[1][0] is first[1][0]  # the department's view, kept
    reading = repo / "bumen/fgw" / READING
    reading.write_text(
        interpretation("测政发〔2026〕200号", date="2026-10-08", title="新标题"), encoding="utf-8"
    )
    os.utime(reading, (OLD, OLD))  # (same old time: the size and change time tell)
    changed = other_sites(repo / "www", date)
    assert changed is not None and changed[1][0] is not first[1][0]
    ((entry, _refs),) = changed[1][0].readings
    assert entry.item.title == "新标题"


def _ref_01(err: str) -> str:
    """The department's REF-01 (a draft column of the portal is the portal's REF-01 too)."""
    return next(x for x in err.splitlines() if "[REF-01]" in x and x.startswith("bumen/fgw/"))


def test_a_reference_to_another_sites_unpublished_policy_says_what_it_is_there(
    tmp_path: Path,
) -> None:
    """Found in another site but not published there: REF-01 at the reference's own line and
    field, naming the site, the file and why, not "no site has it"."""
    cases = {
        "draft": (policy("测政发〔2026〕200号", draft="true"), "是草稿"),
        "scheduled": (policy("测政发〔2026〕200号", date="2026-12-01"), "是定时发布的，尚未发布"),
    }
    for name, (text, why) in cases.items():
        repo = repository(tmp_path / name)
        (repo / "www" / PORTAL_POLICY).write_text(text, encoding="utf-8")
        code, _, err = cli("check", "--source", str(repo), "--date", BUILD_DATE)
        assert code == 1, (name, err)
        line = _ref_01(err)
        assert line.startswith(f"bumen/fgw/{READING}:4: error [REF-01] policy: "), (name, line)
        assert f"www:zcwj/p200（测试市人民政府）{why}" in line, (name, line)
        assert "中也没有" not in line and "最接近" not in line, (name, line)


def test_a_reference_to_another_sites_draft_column_or_invalid_file_says_so(
    tmp_path: Path,
) -> None:
    repo = repository(tmp_path / "column")
    column = repo / "www/content/zcwj/_index.md"
    column.write_text(read(column).replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    code, _, err = cli("check", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 1, err
    assert "www:zcwj/p200（测试市人民政府）所在的栏目 zcwj/ 是草稿" in _ref_01(err)

    repo = repository(tmp_path / "invalid", issuer="")  # (a required field left empty)
    code, _, err = cli("check", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 1, err
    line = _ref_01(err)
    assert line.startswith(f"bumen/fgw/{READING}:4: error [REF-01] policy: "), line
    assert "www:zcwj/p200（测试市人民政府）本身有错误" in line, line


def test_a_site_changing_its_domain_is_linked_at_the_old_one_until_the_change_takes_effect(
    tmp_path: Path,
) -> None:
    """site.yaml's `domain` is the new domain; until the change's date the portal still
    answers on `old_domain` only, and from that date on the new one (RULES NOTICE-04)."""
    repo = repository(tmp_path)
    (repo / "www/data/lifecycle.yaml").write_text(
        "- event: domain_change\n  date: 2026-11-25\n  old_domain: www.ceshi-old.gov.cn\n",
        encoding="utf-8",
    )
    reading = repo / "public/bumen/fgw/zcjd/jd200.html"
    for date, host in (("2026-11-24", "www.ceshi-old.gov.cn"), ("2026-11-25", "www.ceshi.gov.cn")):
        code, _, err = cli("build", "--source", str(repo), "--site", "bumen/fgw", "--date", date)
        assert code == 0, (date, err)
        page = read(reading)
        assert f'href="https://{host}/zcwj/p200.html"' in page, (date, page)
        other = ({"www.ceshi-old.gov.cn", "www.ceshi.gov.cn"} - {host}).pop()
        assert f"https://{other}/" not in page, date
    # The portal takes the change back: a build on a day that read it before follows (the
    # portal's view is read again, not kept from that build).
    (repo / "www/data/lifecycle.yaml").unlink()
    code, _, err = cli(
        "build", "--source", str(repo), "--site", "bumen/fgw", "--date", "2026-11-24"
    )
    assert code == 0, err
    assert 'href="https://www.ceshi.gov.cn/zcwj/p200.html"' in read(reading)


def test_a_migrated_site_is_linked_where_its_migration_sends_each_page(tmp_path: Path) -> None:
    """The department has migrated into the portal: its reading mapped to a new URL is linked
    there; one the mapping leaves out, at the migration's destination, as the department's own
    page at the old URL sends readers (NOTICE-02). Before the migration's date: the old URLs."""
    repo = repository(tmp_path)
    fgw = repo / "bumen/fgw"
    (fgw / "content/zcjd/jd201.md").write_text(
        interpretation("测政发〔2026〕200号", title="二百号文件问答"), encoding="utf-8"
    )
    (fgw / "data/migration.csv").write_text(
        "old,new\n/zcjd/jd200.html,https://www.ceshi.gov.cn/bmzl/fgw/jd200.html\n",
        encoding="utf-8",
    )
    (fgw / "data/lifecycle.yaml").write_text(
        "- event: migration\n  date: 2026-11-21\n"
        "  destination: https://www.ceshi.gov.cn/bmzl/fgw/\n  mapping: data/migration.csv\n",
        encoding="utf-8",
    )
    portal = repo / "public/www/zcwj/p200.html"
    code, _, err = cli("build", "--source", str(repo), "--site", "www", "--date", BUILD_DATE)
    assert code == 0, err
    page = read(portal)
    assert 'href="https://fgw.ceshi.gov.cn/zcjd/jd200.html"' in page
    assert 'href="https://fgw.ceshi.gov.cn/zcjd/jd201.html"' in page
    assert "/bmzl/fgw/" not in page
    code, _, err = cli("build", "--source", str(repo), "--site", "www", "--date", "2026-11-21")
    assert code == 0, err
    page = read(portal)
    assert 'href="https://www.ceshi.gov.cn/bmzl/fgw/jd200.html"' in page
    assert 'href="https://www.ceshi.gov.cn/bmzl/fgw/"' in page  # jd201: not mapped
    assert "https://fgw.ceshi.gov.cn/" not in page
    assert "图解测试市二百号文件" in page and "二百号文件问答" in page


def test_a_path_id_written_with_the_sites_own_folder_is_its_own(tmp_path: Path) -> None:
    """`www:zcwj/base` in www names www's own policy (the form used across sites, copied
    into the portal): it resolves there, not as an error that blocks the portal."""
    repo = repository(tmp_path)
    (repo / "www/content/zcjd/own.md").write_text(
        interpretation("www:zcwj/base", date="2026-10-08", title="解读本站文件"), encoding="utf-8"
    )
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    assert "REF-01" not in err
    assert 'href="/zcwj/base.html"' in read(repo / "public/www/zcjd/own.html")
    assert "解读本站文件" in read(repo / "public/www/zcwj/base.html")
    # the department does not take the portal's own reading for one of its own
    assert "解读本站文件" not in read(repo / "public/bumen/fgw/zcwj/base.html")


def test_a_reference_to_a_folder_sites_yaml_does_not_list_says_so(tmp_path: Path) -> None:
    repo = repository(tmp_path, reference="bumen/jyj:zcwj/p200")
    third = DEPARTMENT_YAML.replace("fgw.ceshi.gov.cn", "jyj.ceshi.gov.cn").replace(
        '"2298000002"', '"2298000003"'
    )
    make_site(tmp_path / "bumen/jyj", {PORTAL_POLICY: policy("测政发〔2026〕200号")}, third)
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 1
    line = next(x for x in err.splitlines() if "[REF-01]" in x)
    assert line.startswith("bumen/fgw/content/zcjd/jd200.md:")
    assert "“bumen/jyj” 不是 sites.yaml 列出的站点文件夹（其他站点：www）" in line, line


def test_a_missing_path_on_another_site_suggests_none_of_this_sites_paths(
    tmp_path: Path,
) -> None:
    """`www:zcwj/p1`, where www has no such file: the nearest paths of the referring site
    were offered (最接近的是：zcwj/base), paths on another site than the one named."""
    repo = repository(tmp_path, reference="www:zcwj/p199")
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 1
    line = next(x for x in err.splitlines() if "[REF-01]" in x)
    assert "站点 www 中没有这份政策文件" in line and "最接近的是" not in line, line


def test_a_path_id_in_another_site_may_name_its_folder_as_windows_writes_it(
    tmp_path: Path,
) -> None:
    """`bumen\\fgw:zcwj/base`, the folder written with Windows' separator, names the
    department's policy as `bumen/fgw:zcwj/base` does (ssg/written_path.py), not REF-01."""
    repo = repository(tmp_path)
    (repo / "www/content/zcjd/fgw.md").write_text(
        interpretation("bumen\\fgw:zcwj/base", title="解读发改委文件"), encoding="utf-8"
    )
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    assert "REF-01" not in err
    assert 'href="https://fgw.ceshi.gov.cn/zcwj/base.html"' in read(
        repo / "public/www/zcjd/fgw.html"
    )
    assert "解读发改委文件" in read(repo / "public/bumen/fgw/zcwj/base.html")
