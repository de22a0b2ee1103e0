"""集约化 and deploy together: every site of a sites.yaml repository gets its own nginx
configuration, and the configurations of all of them load into one nginx (conf.d/*.conf), as
on a platform's server, without clashing (ssg/sites.py, ssg/deploy/)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.deploy.conftest import Certificate, nginx_binary, nginx_test, wrapper_conf
from tests.sitekit import BUILD_DATE
from tests.test_sites import cli, platform


def test_each_site_has_its_configuration_and_one_nginx_loads_them_all(
    tmp_path: Path, certificate: Certificate
) -> None:
    repo = platform(tmp_path / "repo")
    deploy_yaml = (
        f"tls:\n  certificate: {certificate.cert}\n  key: {certificate.key}\n"
        "hosting:\n  provider: 吉林省政务云\n  region: 吉林省长春市\n"
    )
    for site in ("www", "bumen/fgw"):
        (repo / site / "data/deploy.yaml").write_text(deploy_yaml, encoding="utf-8")
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
