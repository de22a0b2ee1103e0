"""集约化 and deploy together: every site of a sites.yaml repository gets its own nginx
configuration, and the configurations of all of them load into one nginx (conf.d/*.conf), as
on a platform's server, without clashing (ssg/sites.py, ssg/deploy/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.deploy.conftest import Certificate, nginx_binary, nginx_test, wrapper_conf
from tests.sitekit import BUILD_DATE
from tests.test_sites import cli, platform


def test_each_site_has_its_configuration_and_one_nginx_loads_them_all(
    tmp_path: Path, certificate: Certificate
) -> None:
    repo = platform_with_deploy(tmp_path, certificate)
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    portal = repo / "public/www-deploy/nginx.conf"
    department = repo / "public/bumen/fgw-deploy/nginx.conf"
    assert "server_name www.ceshi.gov.cn" in portal.read_text(encoding="utf-8")
    assert "server_name fgw.ceshi.gov.cn" in department.read_text(encoding="utf-8")
    assert "/var/www/fgw.ceshi.gov.cn" in department.read_text(encoding="utf-8")
    conf_d = tmp_path / "conf.d"
    conf_d.mkdir()
    shutil.copyfile(portal, conf_d / "www.ceshi.gov.cn.conf")
    shutil.copyfile(department, conf_d / "fgw.ceshi.gov.cn.conf")
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    conf = prefix / "nginx.conf"
    conf.write_text(wrapper_conf(prefix, conf_d / "*.conf"), encoding="utf-8")
    checked = nginx_test(nginx_binary(), prefix, conf)
    assert checked.returncode == 0, checked.stderr


def platform_with_deploy(tmp_path: Path, certificate: Certificate) -> Path:
    repo = platform(tmp_path / "repo")
    deploy_yaml = (
        f"tls:\n  certificate: {certificate.cert}\n  key: {certificate.key}\n"
        "hosting:\n  provider: 吉林省政务云\n  region: 吉林省长春市\n"
    )
    for site in ("www", "bumen/fgw"):
        (repo / site / "data/deploy.yaml").write_text(deploy_yaml, encoding="utf-8")
    return repo


def nginx_with_every_site(tmp_path: Path, repo: Path) -> str:
    """`nginx -t` of the platform's nginx, each site's nginx.conf in conf.d/: its stderr."""
    conf_d = tmp_path / "conf.d"
    conf_d.mkdir()
    for found in sorted((repo / "public").glob("**/*-deploy/nginx.conf")):
        shutil.copyfile(found, conf_d / f"{found.parent.name}.conf")
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    conf = prefix / "nginx.conf"
    conf.write_text(wrapper_conf(prefix, conf_d / "*.conf"), encoding="utf-8")
    checked = nginx_test(nginx_binary(), prefix, conf)
    assert checked.returncode == 0, checked.stderr
    return checked.stderr


@pytest.mark.parametrize("date", ["2026-11-10", "2026-12-10"])  # in effect, to come
def test_an_old_domain_that_is_another_sites_domain_is_left_to_that_site(
    tmp_path: Path, certificate: Certificate, date: str
) -> None:
    """A department's domain change naming the portal's domain as its old one (handed on, or
    copied by mistake) gave the platform's nginx two servers of www.ceshi.gov.cn: nginx kept
    one with a mere warning, so either the portal answered for nothing or the department's
    redirect took the portal's every page. The department's nginx.conf now leaves the name
    to the portal, and the build says so at the old domain's line."""
    repo = platform_with_deploy(tmp_path, certificate)
    lifecycle = repo / "bumen/fgw/data/lifecycle.yaml"
    with lifecycle.open("a", encoding="utf-8") as file:
        file.write(
            f"- event: domain_change\n  date: {date}\n  announced: 2026-11-01\n"
            "  old_domain: www.ceshi.gov.cn\n  reason: 规范域名\n  reviewed_by: 王某\n"
        )
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    found = [line for line in err.splitlines() if "[DEPLOY-06]" in line]
    assert len(found) == 1, err
    assert found[0].startswith(
        "bumen/fgw/data/lifecycle.yaml:7: advice [DEPLOY-06] [2].old_domain: "
        "原域名 www.ceshi.gov.cn 现在是本仓库站点 www 的域名"
    )
    department = (repo / "public/bumen/fgw-deploy/nginx.conf").read_text(encoding="utf-8")
    assert "www.ceshi.gov.cn" not in department
    warnings = nginx_with_every_site(tmp_path, repo)
    assert "conflicting server name" not in warnings, warnings


def test_an_old_domain_of_no_other_site_is_still_redirected(
    tmp_path: Path, certificate: Certificate
) -> None:
    repo = platform_with_deploy(tmp_path, certificate)
    with (repo / "bumen/fgw/data/lifecycle.yaml").open("a", encoding="utf-8") as file:
        file.write(
            "- event: domain_change\n  date: 2026-11-10\n  announced: 2026-11-01\n"
            "  old_domain: fgw.jl.gov.cn\n  reason: 规范域名\n  reviewed_by: 王某\n"
        )
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0 and "[DEPLOY-06]" not in err, err
    department = (repo / "public/bumen/fgw-deploy/nginx.conf").read_text(encoding="utf-8")
    assert "server_name fgw.jl.gov.cn;" in department
    assert "conflicting server name" not in nginx_with_every_site(tmp_path, repo)
