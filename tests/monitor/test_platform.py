"""集约化: `ssg links --external` and `ssg verify` at the root of a sites.yaml repository work
through every site (as `ssg probe` does), each site's output under public/<folder>/, files
named from the repository root, exit 1 when a site has a finding that blocks."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.monitor.conftest import Server
from tests.sitekit import BUILD_DATE
from tests.test_sites import cli, platform

DEPLOY_YAML = (
    "tls:\n  certificate: /etc/nginx/ssl/site.crt\n  key: /etc/nginx/ssl/site.key\n"
    "hosting:\n  provider: 吉林省政务云\n  region: 吉林省长春市\n"
)


def news(link: str) -> str:
    return (
        "---\ntitle: 外部链接\ndate: 2026-11-18\nsource: 测试市人民政府办公室\nreviewed_by: 审核人\n"
        f"---\n详见[相关网站]({link})。\n"
    )


def built_repository(root: Path, server: Server, deploy: bool = False) -> Path:
    repo = platform(root)
    (repo / "www/content/dt/wailian.md").write_text(news(server.url("/ok")), encoding="utf-8")
    (repo / "bumen/fgw/content/dt/wailian.md").write_text(
        news(server.url("/gone")), encoding="utf-8"
    )
    (repo / "bumen/fgw/content/dt/gongxiang.md").write_text(
        news(server.url("/ok")), encoding="utf-8"
    )
    if deploy:
        for site in ("www", "bumen/fgw"):
            (repo / site / "data/deploy.yaml").write_text(DEPLOY_YAML, encoding="utf-8")
    code, _out, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    return repo


def test_links_checks_every_site_and_names_files_from_the_repository(
    tmp_path: Path, server: Server
) -> None:
    repo = built_repository(tmp_path / "repo", server)
    code, out, err = cli("links", "--external", "--source", str(repo), "--delay", "0")
    assert code == 0, err  # (a dead link is deduct: it blocks only under --strict)
    assert "== www（测试市人民政府，www.ceshi.gov.cn） → " in err
    assert "== bumen/fgw（" in err
    dead = [line for line in err.splitlines() if "[SEC-06]" in line and "/gone" in line]
    assert len(dead) == 1 and dead[0].startswith("bumen/fgw/content/dt/wailian.md:7: deduct"), dead
    # A URL two sites link to is asked once in the run.
    assert [s.method for s in server.state.seen if s.path == "/ok"] == ["HEAD"]
    assert out.count("检查了") == 2
    assert "集约化仓库：2 个站点外链巡检完成" in err

    strict, _out, err = cli(
        "links", "--external", "--source", str(repo), "--delay", "0", "--strict"
    )
    assert strict == 1 and "bumen/fgw" in err.splitlines()[-1]


def test_links_takes_the_sites_named(tmp_path: Path, server: Server) -> None:
    repo = built_repository(tmp_path / "repo", server)
    code, _out, err = cli(
        "links", "--external", "--source", str(repo), "--delay", "0", "--site", "www"
    )
    assert code == 0, err
    assert "== www（" in err and "== bumen/fgw（" not in err
    assert not [s for s in server.state.seen if s.path == "/gone"]


def test_links_says_which_site_has_no_output(tmp_path: Path, server: Server) -> None:
    repo = built_repository(tmp_path / "repo", server)
    shutil.rmtree(repo / "public/bumen/fgw")
    code, _out, err = cli("links", "--external", "--source", str(repo), "--delay", "0")
    assert code == 1
    assert "找不到构建输出" in err and "bumen/fgw" in err.splitlines()[-1]


def test_verify_checks_each_sites_copy_against_its_own_manifest(
    tmp_path: Path, server: Server
) -> None:
    repo = built_repository(tmp_path / "repo", server, deploy=True)
    public = repo / "public"
    code, out, err = cli("verify", "--source", str(repo), str(public))
    assert code == 0, err + out
    assert f"== www（测试市人民政府，www.ceshi.gov.cn） → {public / 'www'} ==" in err

    page = public / "bumen/fgw/dt/wailian.html"
    page.write_text(page.read_text(encoding="utf-8") + "<script>x</script>", encoding="utf-8")
    code, out, err = cli("verify", "--source", str(repo), str(public))
    assert code == 1
    changed = [line for line in err.splitlines() if "[SEC-07]" in line]
    assert len(changed) == 1
    assert changed[0].startswith("public/bumen/fgw-deploy/manifest.sha256:"), changed
    assert "dt/wailian.html" in changed[0]
    assert "bumen/fgw" in err.splitlines()[-1]


def test_verify_without_a_target_visits_each_sites_domain(tmp_path: Path, server: Server) -> None:
    """No resolver in the tests: every file fails, at the site's own https://<domain>/."""
    repo = built_repository(tmp_path / "repo", server, deploy=True)
    code, _out, err = cli("verify", "--source", str(repo), "--site", "bumen/fgw", "--timeout", "5")
    assert code == 1
    assert "== bumen/fgw（" in err and "→ https://fgw.ceshi.gov.cn/ ==" in err
    findings = [line for line in err.splitlines() if "[SEC-07]" in line]
    assert findings
    assert all(f.startswith("public/bumen/fgw-deploy/manifest.sha256:") for f in findings)


def test_verify_in_a_repository_refuses_one_manifest_or_one_url(tmp_path: Path) -> None:
    repo = platform(tmp_path / "repo")
    code, _out, err = cli("verify", "--source", str(repo), "--manifest", str(repo / "m"))
    assert code == 2 and "--manifest" in err
    code, _out, err = cli("verify", "--source", str(repo), "https://www.ceshi.gov.cn/")
    assert code == 2


def test_verify_outside_a_repository_still_needs_its_target(tmp_path: Path) -> None:
    code, _out, err = cli("verify", "--source", str(tmp_path))
    assert code == 2 and "DIR|URL" in err
    code, _out, err = cli("verify", "--site", "www", str(tmp_path))
    assert code == 2 and "--site" in err
