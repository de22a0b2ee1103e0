"""集约化: a repository of several sites (sites.yaml; ssg/sites.py), built and checked by the
real CLI on real folders: a city portal and a department site whose opening notice the
portal publishes."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from ssg.cli import main
from ssg.diagnostics import Diagnostics
from ssg.sites import load_platform, load_sites
from tests.sitekit import BUILD_DATE, SITE_YAML, make_site

NOTICES = {"content/tz/_index.md": "---\ntitle: 通知公告\ntype: notice\n---\n"}
DEPARTMENT_YAML = (
    SITE_YAML.replace("name: 测试市人民政府", "name: 测试市发展和改革委员会")
    .replace("domain: www.ceshi.gov.cn", "domain: fgw.ceshi.gov.cn")
    .replace("level: city", "level: department")
    .replace("parent: www.jl.gov.cn", "parent: www.ceshi.gov.cn")
    .replace('"2298000001"', '"2298000002"')
    .replace("host: 测试市人民政府办公室", "host: 测试市发展和改革委员会")
)
OPENING = "- event: opening\n  date: 2026-11-02\n  reviewed_by: 王某\n"


def platform(repo: Path, sites_yaml: str = "- path: www\n- path: bumen/fgw\n") -> Path:
    make_site(repo / "www", dict(NOTICES))
    make_site(
        repo / "bumen/fgw",
        {**NOTICES, "data/lifecycle.yaml": OPENING},
        site_yaml=DEPARTMENT_YAML,
    )
    (repo / "sites.yaml").write_text(sites_yaml, encoding="utf-8")
    return repo


def cli(*argv: str) -> tuple[int, str, str]:
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_every_site_is_built_into_its_folder_and_the_portal_publishes_the_opening(
    tmp_path: Path,
) -> None:
    repo = platform(tmp_path)
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    portal, department = repo / "public/www", repo / "public/bumen/fgw"
    assert (portal / "index.html").is_file() and (department / "index.html").is_file()
    # NOTICE-01: the department's opening notice, in the portal's 通知公告 column ...
    url = "tz/fgw-ceshi-wangzhan-kaitong-20261102.html"
    page = (portal / url).read_text(encoding="utf-8")
    assert "关于测试市发展和改革委员会网站正式开通的公告" in page
    assert "fgw.ceshi.gov.cn" in page and "2298000002" in page
    assert url in (portal / "tz/index.html").read_text(encoding="utf-8")
    assert url in (portal / "feeds/tz.xml").read_text(encoding="utf-8")
    # ... and on the department's own site, as a site alone publishes it
    assert (department / "tz/wangzhan-kaitong-20261102.html").is_file()
    assert not (department / url).exists()
    assert "== www（测试市人民政府，www.ceshi.gov.cn）" in err
    assert "集约化仓库：2 个站点，2 个已生成" in err


def test_a_site_of_the_repository_built_alone_is_the_same(tmp_path: Path) -> None:
    """Built with --source www, the portal still publishes the department's notice: a site
    is the same however it is built. A site outside any sites.yaml publishes none."""
    repo = platform(tmp_path)
    code, _, err = cli("build", "--source", str(repo / "www"), "--date", BUILD_DATE)
    assert code == 0, err
    assert (repo / "www/public/tz/fgw-ceshi-wangzhan-kaitong-20261102.html").is_file()
    (repo / "sites.yaml").write_text("- path: bumen/fgw\n", encoding="utf-8")
    code, _, err = cli("build", "--source", str(repo / "www"), "--date", BUILD_DATE)
    assert code == 0, err
    assert not list((repo / "www/public/tz").glob("fgw-*"))


def test_diagnostics_name_files_from_the_repository_and_one_blocked_site_fails_the_run(
    tmp_path: Path,
) -> None:
    repo = platform(tmp_path)
    (repo / "bumen/fgw/content/dt/huiyi.md").write_text(
        "---\ntitle: 会议\nsource: 发改委\nreviewed_by: 审核人\ndate: 2026-13-45\n---\n正文\n",
        encoding="utf-8",
    )
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 1
    assert "bumen/fgw/content/dt/huiyi.md:5: error [" in err, err
    assert (repo / "public/www/index.html").is_file()  # the other site is built all the same
    assert not (repo / "public/bumen/fgw").exists()
    assert "1 个被阻止：bumen/fgw" in err


def test_site_option_builds_only_the_sites_named(tmp_path: Path) -> None:
    repo = platform(tmp_path)
    code, _, err = cli("build", "--source", str(repo), "--site", "bumen/fgw/", "--date", BUILD_DATE)
    assert code == 0, err
    assert (repo / "public/bumen/fgw/index.html").is_file()
    assert not (repo / "public/www").exists()
    code, _, err = cli("build", "--source", str(repo), "--site", "jyj", "--date", BUILD_DATE)
    assert code == 2 and "sites.yaml 中没有站点 jyj；可选：www、bumen/fgw" in err
    code, _, err = cli("build", "--source", str(repo / "www"), "--site", "www")
    assert code == 2 and "--site 只用于根目录有 sites.yaml 的集约化仓库" in err


def test_a_site_folder_written_as_on_windows_is_that_folder(tmp_path: Path) -> None:
    """`- path: bumen\\fgw` in sites.yaml, written with Windows' separator, names the folder
    bumen/fgw (ssg/written_path.py): its site is built into public/bumen/fgw, and the portal
    publishes its opening notice."""
    repo = platform(tmp_path, "- path: www\n- path: bumen\\fgw\n")
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    assert (repo / "public/bumen/fgw/index.html").is_file()
    assert "集约化仓库：2 个站点，2 个已生成" in err
    assert (repo / "public/www/tz/fgw-ceshi-wangzhan-kaitong-20261102.html").is_file()


def test_site_option_written_as_on_windows_names_the_folder(tmp_path: Path) -> None:
    """`--site bumen\\fgw\\`, as a Windows shell completes a folder, names bumen/fgw."""
    repo = platform(tmp_path)
    code, _, err = cli(
        "build", "--source", str(repo), "--site", "bumen\\fgw\\", "--date", BUILD_DATE
    )
    assert code == 0, err
    assert (repo / "public/bumen/fgw/index.html").is_file()
    assert not (repo / "public/www").exists()


@pytest.mark.parametrize("value", ["", " ", ".", "./"])
@pytest.mark.parametrize("command", ["build", "check"])
def test_an_empty_site_option_says_it_is_empty(tmp_path: Path, command: str, value: str) -> None:
    """`--site "$SITE"` with the variable unset said "sites.yaml 中没有站点 ."."""
    repo = platform(tmp_path)
    code, _, err = cli(command, "--source", str(repo), "--site", value, "--date", BUILD_DATE)
    assert code == 2
    assert "--site 的值是空的或是仓库根目录本身" in err and "可选：www、bumen/fgw" in err
    assert "没有站点 ." not in err and not (repo / "public").exists()


def test_a_sites_yaml_that_is_a_folder_is_said_to_be_one(tmp_path: Path) -> None:
    """Taken for a single site, the repository was told `content/` and `data/site.yaml` were
    missing: nothing about the sites.yaml it has."""
    repo = platform(tmp_path)
    (repo / "sites.yaml").unlink()
    (repo / "sites.yaml").mkdir()
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 1
    assert "sites.yaml:0: error [FILE-03] sites.yaml 应为文件，不是文件夹" in err
    assert "CONTENT-00" not in err and "CONFIG-01" not in err
    assert not (repo / "public").exists()


def test_an_output_folder_that_overlaps_a_site_is_refused(tmp_path: Path) -> None:
    repo = platform(tmp_path)
    code, _, err = cli("build", "--source", str(repo), "--out", str(repo / "www"))
    assert code == 2 and "与站点文件夹 www 重叠" in err
    assert not (repo / "www/www").exists()


def test_check_reports_each_site_and_json_holds_them_all(tmp_path: Path) -> None:
    repo = platform(tmp_path)
    code, out, err = cli("check", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    assert "== bumen/fgw（测试市发展和改革委员会，fgw.ceshi.gov.cn） ==" in err
    assert "集约化仓库：检查了 2 个站点，全部通过" in err
    code, out, _ = cli("check", "--source", str(repo), "--date", BUILD_DATE, "--format", "json")
    sites = json.loads(out)["sites"]
    assert [s["site"] for s in sites] == ["www", "bumen/fgw"]
    files = {f["file"] for s in sites for f in s["report"]["diagnostics"]}
    assert files and all(f.startswith(("www/", "bumen/fgw/")) for f in files), files
    code, out, _ = cli("check", "--source", str(repo), "--date", BUILD_DATE, "--format", "sarif")
    assert code == 0 and len(json.loads(out)["runs"]) == 2
    code, _, err = cli("check", "--source", str(repo), "--format", "html")
    assert code == 2 and "html 报告每次一个站点" in err


def test_serve_at_the_repository_root_names_the_sites(tmp_path: Path) -> None:
    repo = platform(tmp_path)
    code, _, err = cli("serve", "--source", str(repo))
    assert code == 2 and "预览一次一个站点" in err and "www、bumen/fgw" in err


def test_two_sites_with_one_domain_or_one_site_code_are_sites_03(tmp_path: Path) -> None:
    repo = platform(tmp_path, "- path: www\n- path: bumen/fgw\n- path: copy\n")
    make_site(repo / "copy", {}, site_yaml=SITE_YAML)
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 1
    lines = [line for line in err.splitlines() if "[SITES-03]" in line]
    assert len(lines) == 2 and all(line.startswith("sites.yaml:3: error") for line in lines)
    assert "域名相同（www.ceshi.gov.cn）" in lines[0] + lines[1]
    assert "政府网站标识码相同（2298000001）" in lines[0] + lines[1]
    assert "没有处理任何站点" in err and not (repo / "public").exists()


def test_a_chinese_domain_copied_from_the_portal_is_sites_03(tmp_path: Path) -> None:
    """Two servers of the platform's nginx with one name: nginx ignores the second with only
    a warning, so one site silently answered for the other's 中文域名."""
    repo = platform(tmp_path)
    for folder in ("www", "bumen/fgw"):
        with (repo / folder / "data/site.yaml").open("a", encoding="utf-8") as file:
            file.write("chinese_domain: 测试市政府.政务\n")
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 1
    lines = [line for line in err.splitlines() if "[SITES-03]" in line]
    assert lines == [
        "sites.yaml:2: error [SITES-03] [2].path: 站点 bumen/fgw 与第 1 行的站点 www 的中文域名相同"
        "（测试市政府.政务）；每个网站的中文域名应唯一 (two sites with one chinese_domain)"
    ]
    assert not (repo / "public").exists()


@pytest.mark.parametrize("written", ["WWW.ceshi.gov.cn.", "www.ceshi.gov.cn."])
def test_one_domain_spelled_two_ways_is_still_one_domain(tmp_path: Path, written: str) -> None:
    repo = platform(tmp_path, "- path: www\n- path: bumen/fgw\n- path: copy\n")
    site_yaml = SITE_YAML.replace("domain: www.ceshi.gov.cn", f"domain: {written}")
    make_site(repo / "copy", {}, site_yaml=site_yaml.replace('"2298000001"', '"2298000009"'))
    code, _, err = cli("check", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 1
    lines = [line for line in err.splitlines() if "[SITES-03]" in line]
    assert len(lines) == 1 and lines[0].startswith("sites.yaml:3: error [SITES-03] [3].path:")
    assert f"域名相同（{written}）" in lines[0]


def test_a_portal_domain_written_with_capitals_and_the_roots_dot_gets_the_notice(
    tmp_path: Path,
) -> None:
    """The department's `parent` names the portal as browsers do; the portal's own site.yaml
    spells it otherwise (an ID-02 finding). The notice still goes to the portal (NOTICE-01)."""
    repo = platform(tmp_path)
    site_yaml = repo / "www/data/site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    site_yaml.write_text(text.replace("domain: www.ceshi.gov.cn", "domain: WWW.ceshi.gov.cn."))
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    assert (repo / "public/www/tz/fgw-ceshi-wangzhan-kaitong-20261102.html").is_file()


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ("path: www\n", 1, "", "应为站点列表"),
        ("- path: www\n- path: www/\n", 2, "[2].path", "已在第 1 行列出"),
        ("- path: bumen\n- path: bumen/fgw\n", 1, "[1].path", "中没有 data/site.yaml"),
        ("- path: www\n- path: www/content\n", 2, "[2].path", "中没有 data/site.yaml"),
        ("- path: ../www\n", 1, "[1].path", "仓库内的相对路径"),
        ("- path: /srv/www\n", 1, "[1].path", "仓库内的相对路径"),
        ("- path: .\n", 1, "[1].path", "不能是仓库根目录本身"),
        ("- path: jyj\n", 1, "[1].path", "jyj 不存在"),
        ("- path: www\n  out: x\n", 2, "[1].out", "未知字段 “out”"),
        ("- {}\n", 1, "[1].path", "缺少站点文件夹"),
    ],
)
def test_sites_yaml_problems_name_their_line(
    tmp_path: Path, text: str, line: int, field: str, words: str
) -> None:
    repo = platform(tmp_path)
    (repo / "sites.yaml").write_text(text, encoding="utf-8")
    diags = Diagnostics()
    load_sites(repo, diags)
    [found] = list(diags)
    assert (found.file, found.line, found.field) == ("sites.yaml", line, field)
    assert found.code in ("SITES-01", "SITES-02") and words in found.message, found


def test_nested_sites_are_refused(tmp_path: Path) -> None:
    repo = platform(tmp_path, "- path: www\n- path: bumen/fgw\n")
    make_site(repo / "www/sub", {}, site_yaml=DEPARTMENT_YAML)
    (repo / "sites.yaml").write_text("- path: www\n- path: www/sub\n", encoding="utf-8")
    diags = Diagnostics()
    assert [e.path for e in load_sites(repo, diags)] == ["www"]
    [found] = list(diags)
    assert found.line == 2 and "互相嵌套" in found.message


def test_notices_go_to_the_parent_only_when_it_is_a_site_of_the_repository(
    tmp_path: Path,
) -> None:
    repo = platform(tmp_path)
    found = load_platform(repo, Diagnostics())
    [notice] = found.notices["www"]
    assert notice.config.domain == "fgw.ceshi.gov.cn" and notice.event.kind == "opening"
    assert notice.file == "../bumen/fgw/data/lifecycle.yaml"
    (repo / "bumen/fgw/data/site.yaml").write_text(
        DEPARTMENT_YAML.replace("parent: www.ceshi.gov.cn", "parent: www.jl.gov.cn"),
        encoding="utf-8",
    )
    assert load_platform(repo, Diagnostics()).notices == {}


def test_a_rebuild_sees_a_change_in_another_sites_lifecycle(tmp_path: Path) -> None:
    """The portal's inputs include the notices other sites announce for it: with nothing of
    its own changed, a new event in the department's lifecycle file still rebuilds it."""
    repo = platform(tmp_path)
    assert cli("build", "--source", str(repo), "--date", BUILD_DATE)[0] == 0
    lifecycle = repo / "bumen/fgw/data/lifecycle.yaml"
    lifecycle.write_text(OPENING.replace("2026-11-02", "2026-11-03"), encoding="utf-8")
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    tz = repo / "public/www/tz"
    assert (tz / "fgw-ceshi-wangzhan-kaitong-20261103.html").is_file()
    assert not (tz / "fgw-ceshi-wangzhan-kaitong-20261102.html").exists()


def test_server_search_indexes_every_site_of_a_repository(tmp_path: Path) -> None:
    repo = platform(tmp_path)
    code, out, err = cli("search", "index", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    assert "已为 2 个站点" in out
    meta = json.loads((repo / ".ssg-cache/search/ssg-search.json").read_text(encoding="utf-8"))
    assert sorted(meta["site_keys"]) == ["fgw.ceshi.gov.cn", "www.ceshi.gov.cn"]


def test_the_repository_themes_are_shared_and_a_sites_own_theme_wins(tmp_path: Path) -> None:
    """集约化: one look for the platform. A template or static file in the repository's
    themes/default/ is every site's, unless the site has its own; changing it rebuilds."""
    from ssg.render import DEFAULT_THEME

    repo = platform(tmp_path)
    footer = (DEFAULT_THEME / "templates/footer.html").read_text(encoding="utf-8")
    shared = repo / "themes/default"
    (shared / "templates").mkdir(parents=True)
    marked = footer.replace('<footer class="site-footer">', '<footer class="site-footer">平台页脚')
    (shared / "templates/footer.html").write_text(marked, encoding="utf-8")
    (shared / "static/css").mkdir(parents=True)
    (shared / "static/css/platform.css").write_text("body{}\n", encoding="utf-8")
    own = repo / "www/themes/default/templates"
    own.mkdir(parents=True)
    (own / "footer.html").write_text(marked.replace("平台页脚", "本站页脚"), encoding="utf-8")
    assert cli("build", "--source", str(repo), "--date", BUILD_DATE)[0] == 0
    portal, department = repo / "public/www", repo / "public/bumen/fgw"
    assert "本站页脚" in (portal / "index.html").read_text(encoding="utf-8")
    assert "平台页脚" in (department / "index.html").read_text(encoding="utf-8")
    assert (department / "assets/css/platform.css").is_file()
    (shared / "templates/footer.html").write_text(
        marked.replace("平台页脚", "新的平台页脚"), encoding="utf-8"
    )
    assert cli("build", "--source", str(repo), "--date", BUILD_DATE)[0] == 0
    assert "新的平台页脚" in (department / "index.html").read_text(encoding="utf-8")
    assert "本站页脚" in (portal / "index.html").read_text(encoding="utf-8")


def test_a_theme_named_in_site_yaml_may_live_in_the_repository(tmp_path: Path) -> None:
    repo = platform(tmp_path)
    (repo / "themes/pingtai/templates").mkdir(parents=True)
    site_yaml = repo / "bumen/fgw/data/site.yaml"
    site_yaml.write_text(DEPARTMENT_YAML + "theme: pingtai\n", encoding="utf-8")
    code, _, err = cli("check", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    (repo / "themes/pingtai/templates").rmdir()
    (repo / "themes/pingtai").rmdir()
    code, _, err = cli("check", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 1 and "bumen/fgw/data/site.yaml" in err and "theme" in err


def test_init_inside_a_repository_adds_the_site_to_sites_yaml(tmp_path: Path) -> None:
    """A new department site on the platform: `ssg init bumen/jyj` lists it in sites.yaml,
    after what the file already says (comments kept), and the platform builds it."""
    repo = platform(tmp_path, "# 本平台的网站\n- path: www   # 门户\n- path: bumen/fgw")
    code, out, err = cli(
        "init", str(repo / "bumen/jyj"), "--level", "department", "--date", BUILD_DATE
    )
    assert code == 0, err
    assert "已把 bumen/jyj 加入" in out
    text = (repo / "sites.yaml").read_text(encoding="utf-8")
    assert text == "# 本平台的网站\n- path: www   # 门户\n- path: bumen/fgw\n- path: bumen/jyj\n"
    code, _, err = cli("check", "--source", str(repo), "--date", BUILD_DATE)
    assert "== bumen/jyj（" in err and "集约化仓库：检查了 3 个站点" in err


def test_init_of_a_site_sites_yaml_lists_already_says_so(tmp_path: Path) -> None:
    """Listed before it was made (sites.yaml written first): nothing is added, and the message
    no longer says it was."""
    repo = platform(tmp_path, "- path: www\n- path: bumen/fgw\n- path: bumen/jyj\n")
    before = (repo / "sites.yaml").read_bytes()
    code, out, err = cli(
        "init", str(repo / "bumen/jyj"), "--level", "department", "--date", BUILD_DATE
    )
    assert code == 0, err
    assert "中已列出 bumen/jyj，未改动" in out and "已把" not in out
    assert (repo / "sites.yaml").read_bytes() == before


def test_init_leaves_a_sites_yaml_it_cannot_extend_as_it_was(tmp_path: Path) -> None:
    repo = platform(tmp_path, "[{path: www}, {path: bumen/fgw}]\n")
    code, _, err = cli("init", str(repo / "bumen/jyj"), "--level", "department")
    assert code == 0 and "请手工在其中加一项 “- path: bumen/jyj”" in err
    assert (repo / "sites.yaml").read_text(encoding="utf-8") == "[{path: www}, {path: bumen/fgw}]\n"


def test_a_platform_of_new_sites_builds_with_their_stand_ins(tmp_path: Path) -> None:
    """Every `ssg init` writes the same stand-in 标识码 (and two departments the same stand-in
    domain): not a clash between sites (SITES-03) but each site's own placeholder finding,
    so that a new platform can be built and previewed. A real value twice is still one."""
    (tmp_path / "sites.yaml").write_text("- path: www\n", encoding="utf-8")
    for folder, level in (
        ("www", "city"),
        ("bumen/fgw", "department"),
        ("bumen/jyj", "department"),
    ):
        code, _, err = cli("init", str(tmp_path / folder), "--level", level, "--date", BUILD_DATE)
        assert code == 0, err
    code, _, err = cli("build", "--source", str(tmp_path), "--date", BUILD_DATE)
    assert code == 0, err
    assert "SITES-03" not in err and "集约化仓库：3 个站点，3 个已生成" in err
    for folder in ("bumen/fgw", "bumen/jyj"):
        site_yaml = tmp_path / folder / "data/site.yaml"
        text = site_yaml.read_text(encoding="utf-8").replace("0000000000", "2298000009")
        site_yaml.write_text(text, encoding="utf-8")
    code, _, err = cli("check", "--source", str(tmp_path), "--date", BUILD_DATE)
    assert code == 1
    assert "站点 bumen/jyj 与第 2 行的站点 bumen/fgw 的政府网站标识码相同（2298000009）" in err


def test_the_portal_notice_names_the_department_and_links_its_domain(tmp_path: Path) -> None:
    """On the portal, 本网站 would be the portal: the notice names the department's site."""
    repo = platform(tmp_path)
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    page = (repo / "public/www/tz/fgw-ceshi-wangzhan-kaitong-20261102.html").read_text("utf-8")
    assert "欢迎社会各界访问测试市发展和改革委员会网站并提出意见建议" in page
    assert "本网站" not in page.split('class="article-body"')[1].split("</div>")[0]
    assert '<a href="https://fgw.ceshi.gov.cn/">fgw.ceshi.gov.cn</a>' in page
    own = (repo / "public/bumen/fgw/tz/wangzhan-kaitong-20261102.html").read_text("utf-8")
    assert "欢迎社会各界访问本网站并提出意见建议" in own


def test_the_portal_notice_names_the_domain_the_department_opened_on(tmp_path: Path) -> None:
    """The department opened on fgw.jl-ceshi.gov.cn and moves to site.yaml's domain later:
    the opening notice the portal publishes says what the department's own does (NOTICE-01)."""
    repo = platform(tmp_path)
    change = "- event: domain_change\n  date: 2026-12-01\n  old_domain: fgw.jl-ceshi.gov.cn\n"
    lifecycle = repo / "bumen/fgw/data/lifecycle.yaml"
    lifecycle.write_text(OPENING + change, encoding="utf-8")
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    page = (repo / "public/www/tz/fgw-ceshi-wangzhan-kaitong-20261102.html").read_text("utf-8")
    assert '<a href="https://fgw.jl-ceshi.gov.cn/">fgw.jl-ceshi.gov.cn</a>' in page
    own = (repo / "public/bumen/fgw/tz/wangzhan-kaitong-20261102.html").read_text("utf-8")
    assert '网站域名：<a href="https://fgw.jl-ceshi.gov.cn/">fgw.jl-ceshi.gov.cn</a>' in own


def test_a_notice_the_portal_cannot_publish_is_reported_and_a_parent_url_is_a_domain(
    tmp_path: Path,
) -> None:
    repo = platform(tmp_path)
    (repo / "www/content/tz/_index.md").write_text(
        "---\ntitle: 通知公告\ntype: notice\ndraft: true\n---\n", encoding="utf-8"
    )
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    line = next(x for x in err.splitlines() if "应在本门户发布" in x)
    assert line.startswith("bumen/fgw/data/lifecycle.yaml:1: deduct [NOTICE-01] [1]:")
    assert not list((repo / "public/www").rglob("fgw-*"))
    # A parent written as the portal's URL is read as its domain, with advice; the notice lands.
    (repo / "www/content/tz/_index.md").write_text(
        "---\ntitle: 通知公告\ntype: notice\n---\n", encoding="utf-8"
    )
    site_yaml = repo / "bumen/fgw/data/site.yaml"
    text = site_yaml.read_text(encoding="utf-8")
    site_yaml.write_text(
        text.replace("parent: www.ceshi.gov.cn", "parent: https://WWW.ceshi.gov.cn/"), "utf-8"
    )
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    assert (repo / "public/www/tz/fgw-ceshi-wangzhan-kaitong-20261102.html").is_file()
    advice = next(x for x in err.splitlines() if "[CONFIG-02] parent" in x)
    assert advice.startswith("bumen/fgw/data/site.yaml:")
    assert "只写域名 www.ceshi.gov.cn" in advice
    assert "ID-03" not in err


def test_machine_readable_check_reports_a_broken_sites_yaml(tmp_path: Path) -> None:
    """CI reads stdout: with sites.yaml broken it still gets one document, holding the error
    (SARIF file URIs percent-encoded, as a URI reference must be)."""
    repo = platform(tmp_path, "- path: www\n- path: 不存在 的站点\n")
    code, out, _ = cli("check", "--source", str(repo), "--date", BUILD_DATE, "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["sites"] == []
    (found,) = document["repository"]["diagnostics"]
    assert (found["code"], found["file"], found["line"]) == ("SITES-02", "sites.yaml", 2)
    code, out, _ = cli("check", "--source", str(repo), "--date", BUILD_DATE, "--format", "sarif")
    assert code == 1
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["ruleId"] == "SITES-02"
    (repo / "sites.yaml").write_text("- path: www\n- path: bumen/fgw\n", encoding="utf-8")
    site_yaml = repo / "bumen/fgw/data/site.yaml"
    site_yaml.write_text(site_yaml.read_text("utf-8") + "sitee: 1\n", "utf-8")
    code, out, _ = cli("check", "--source", str(repo), "--date", BUILD_DATE, "--format", "sarif")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for run in json.loads(out)["runs"]
        for r in run["results"]
    }
    assert "bumen/fgw/data/site.yaml" in uris
    fgw = tmp_path / "bumen/fgw"
    fgw.rename(tmp_path / "bumen/发改 委")
    (repo / "sites.yaml").write_text("- path: www\n- path: bumen/发改 委\n", encoding="utf-8")
    code, out, _ = cli("check", "--source", str(repo), "--date", BUILD_DATE, "--format", "sarif")
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for run in json.loads(out)["runs"]
        for r in run["results"]
    }
    assert "bumen/%E5%8F%91%E6%94%B9%20%E5%A7%94/data/site.yaml" in uris, uris


def test_a_site_folder_linking_outside_the_repository_is_refused(tmp_path: Path) -> None:
    repo = platform(tmp_path / "repo")
    make_site(tmp_path / "elsewhere", dict(NOTICES))
    (repo / "bumen/jyj").symlink_to(tmp_path / "elsewhere")
    (repo / "sites.yaml").write_text("- path: www\n- path: bumen/jyj\n", encoding="utf-8")
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 1
    assert "sites.yaml:2: error [SITES-02] [2].path: 站点文件夹 bumen/jyj 是指向仓库以外" in err
    assert not (repo / "public").exists()


def test_init_inside_another_site_is_refused_before_writing(tmp_path: Path) -> None:
    repo = platform(tmp_path)
    code, out, err = cli("init", str(repo / "www/sub"), "--level", "department")
    assert code == 2 and "在站点" in err and "之内" in err, err
    assert not (repo / "www/sub").exists() and out == ""
    assert (repo / "sites.yaml").read_text(encoding="utf-8") == "- path: www\n- path: bumen/fgw\n"


def test_a_site_taken_out_of_sites_yaml_takes_its_output_with_it(tmp_path: Path) -> None:
    """Deployed with `rsync --delete public/`, a left-over folder would go on publishing a
    site the platform took away; only what ssg wrote is removed, and only by a build of the
    whole platform (--site builds some sites, not the list)."""
    repo = platform(tmp_path)
    (repo / "bumen/fgw/data/lifecycle.yaml").write_text(
        OPENING + "- event: migration\n  date: 2026-11-15\n  destination: https://www.ceshi.gov.cn/"
        "\n  reviewed_by: 王某\n",
        encoding="utf-8",
    )
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    public = repo / "public"
    assert (public / "bumen/fgw-lifecycle").is_dir()
    (public / "notes").mkdir()
    (public / "notes/readme.txt").write_text("运维笔记", encoding="utf-8")
    (repo / "sites.yaml").write_text("- path: www\n", encoding="utf-8")
    code, _, err = cli("build", "--source", str(repo), "--site", "www", "--date", BUILD_DATE)
    assert code == 0 and (public / "bumen/fgw/index.html").is_file()
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    assert "已删除不在 sites.yaml 中的站点的旧输出" in err
    assert not (public / "bumen").exists()
    assert (public / "www/index.html").is_file()
    assert (public / "notes/readme.txt").read_text(encoding="utf-8") == "运维笔记"


def test_a_shared_output_root_keeps_what_other_builds_wrote_there(tmp_path: Path) -> None:
    """`--out /srv/www` may already hold a site built on its own, or another repository's
    sites, all marked as ssg's: a whole-platform build deleted them as "no longer in
    sites.yaml". Only what this repository built there goes, once sites.yaml drops it."""
    repo = platform(tmp_path / "repo")
    other = platform(tmp_path / "other")
    (other / "bumen/fgw").rename(other / "qt")
    (other / "sites.yaml").write_text("- path: qt\n", encoding="utf-8")
    srv = tmp_path / "srv"
    code, _, err = cli(
        "build", "--source", str(repo / "www"), "--out", str(srv / "portal"), "--date", BUILD_DATE
    )  # fmt: skip
    assert code == 0, err
    for source in (other, repo):
        code, _, err = cli(
            "build", "--source", str(source), "--out", str(srv), "--date", BUILD_DATE
        )
        assert code == 0, err
        assert "已删除" not in err
    (repo / "sites.yaml").write_text("- path: www\n", encoding="utf-8")
    code, _, err = cli("build", "--source", str(repo), "--out", str(srv), "--date", BUILD_DATE)
    assert code == 0, err
    assert err.count("已删除不在 sites.yaml 中的站点的旧输出") == 2  # (bumen/fgw, its -lifecycle)
    assert not (srv / "bumen").exists()
    for kept in ("portal", "qt", "qt-lifecycle", "www"):
        assert (srv / kept).is_dir(), kept


def test_the_server_index_holds_the_notices_the_portal_publishes(tmp_path: Path) -> None:
    """`ssg search index` finds what `ssg build` publishes: the department's opening notice
    on the portal too, as the static index does."""
    from ssg.search import engine
    from ssg.search.whoosh_index import WhooshSource

    repo = platform(tmp_path)
    folder = tmp_path / "index"
    code, _, err = cli(
        "search", "index", "--source", str(repo / "www"), "--index", str(folder),
        "--date", BUILD_DATE,
    )  # fmt: skip
    assert code == 0, err
    source = WhooshSource(folder)
    try:
        hits = engine.search("发展和改革委员会网站正式开通", source)
        urls = [hit["url"] for hit in hits["results"]]
    finally:
        source.close()
    assert "/tz/fgw-ceshi-wangzhan-kaitong-20261102.html" in urls, hits


def test_a_build_s_working_folders_are_not_a_removed_site_s_output(tmp_path: Path) -> None:
    """An old output a build swapped out carries ssg's marker while a process of its own
    deletes it in the background; a whole-platform build that took it for a removed site's
    output deleted it too, and the two deletions raced (an internal error, seen in this file's
    tests). A staging folder of another build is left alone as well."""
    from ssg.sites import SiteEntry, stale_outputs
    from ssg.write import MARKER

    out = tmp_path / "public"
    for name in ("www", ".www.old-4242-1764000000000000000", ".www.tmp-4242", "bumen/gone"):
        (out / name).mkdir(parents=True)
        (out / name / MARKER).write_text("ssg\n", encoding="utf-8")
    (out / ".notes").mkdir()  # (not ssg's: not its business either way)
    entries = [SiteEntry("www", 1, tmp_path / "www")]
    assert stale_outputs(out, entries, tmp_path) == [out / "bumen/gone"]


def test_a_sites_first_preview_after_the_repositorys_build_starts_from_its_output(
    tmp_path: Path,
) -> None:
    """`ssg build` at the repository root writes public/<folder>/, not <site>/public/: the
    preview of one of its sites starts from there (the review's defect 2), with the same bytes
    as a cold start."""
    import datetime as dt

    from ssg.serve import Preview
    from ssg.sites import build_outputs

    repo = platform(tmp_path)
    site = repo / "bumen/fgw"
    assert build_outputs(site) == [repo / "public/bumen/fgw", site / "public"]
    assert build_outputs(tmp_path / "alone") == [tmp_path / "alone/public"]
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    date = dt.date.fromisoformat(BUILD_DATE)
    preview = Preview(site, site / ".ssg-cache/preview", date, port=0, quiet=True)
    try:
        result = preview.rebuild()
    finally:
        preview.server.server_close()
    assert result.written
    assert preview.seeded is not None and preview.seeded.files > 0
    assert result.render_cache is not None and result.render_cache.rendered == 0
    built = repo / "public/bumen/fgw"
    shared = [
        p.relative_to(built).as_posix()
        for p in built.rglob("*.html")
        if p.stat().st_ino == (site / ".ssg-cache/preview" / p.relative_to(built)).stat().st_ino
    ]
    assert len(shared) > 5, shared  # (the build's pages, hard-linked, not made again)
    assert (site / ".ssg-cache/preview/index.html").read_bytes() == (
        built / "index.html"
    ).read_bytes()


def test_init_keeps_the_line_ends_of_a_sites_yaml_saved_on_windows(tmp_path: Path) -> None:
    """Notepad saves sites.yaml with a BOM and CRLF: the line `ssg init` adds ends as the
    others do (an LF line among CRLF ones made a mixed file, shown changed throughout)."""
    repo = platform(tmp_path, "- path: www")
    (repo / "sites.yaml").write_bytes(b"\xef\xbb\xbf# \xe7\xab\x99\xe7\x82\xb9\r\n- path: www\r\n")
    code, out, err = cli(
        "init", str(repo / "bumen/jyj"), "--level", "department", "--date", BUILD_DATE
    )
    assert code == 0 and "已把 bumen/jyj 加入" in out, err
    raw = (repo / "sites.yaml").read_bytes()
    assert raw == b"\xef\xbb\xbf# \xe7\xab\x99\xe7\x82\xb9\r\n- path: www\r\n- path: bumen/jyj\r\n"
    code, _, err = cli("check", "--source", str(repo), "--date", BUILD_DATE)
    assert "== bumen/jyj（" in err


def test_init_says_why_a_sites_yaml_in_gbk_was_not_extended(tmp_path: Path) -> None:
    """A sites.yaml saved as GBK cannot be read: `ssg init` leaves it as it was and says why,
    in the line the build would give (FILE-01, with the command that converts it), not only
    “add the line by hand” to a file that would still not build."""
    repo = platform(tmp_path, "- path: www")
    gbk = "# 本平台的网站\n- path: www\n".encode("gbk")
    (repo / "sites.yaml").write_bytes(gbk)
    code, _, err = cli("init", str(repo / "bumen/jyj"), "--level", "department")
    assert code == 0
    assert "sites.yaml:1: error [FILE-01] 文件不是 UTF-8 编码" in err and "iconv -f GBK" in err
    assert "请在其中加一项 “- path: bumen/jyj”" in err
    assert (repo / "sites.yaml").read_bytes() == gbk


@pytest.mark.parametrize(
    "argv",
    [("new", "news", "zwdt/市政府召开常务会议"), ("new", "annual-report", "2025")],
)
def test_new_at_the_root_of_a_repository_names_its_sites(
    tmp_path: Path, argv: tuple[str, ...]
) -> None:
    """`ssg new` run where `ssg build` is, at the repository's root: it said “. 不是 ssg 站点目录”,
    as of any folder, where `ssg serve` and `ssg report freeze` name the sites to choose from."""
    repo = platform(tmp_path)
    before = sorted(p.as_posix() for p in repo.rglob("*"))
    code, _out, err = cli(*argv, "--source", str(repo), "--date", BUILD_DATE)
    assert code == 2
    assert "是含 sites.yaml 的集约化仓库" in err and "可选：www、bumen/fgw" in err, err
    assert sorted(p.as_posix() for p in repo.rglob("*")) == before
