"""The names nginx.conf serves a site under come from data/site.yaml's domain as a careless
web team writes it (ssg/deploy/names.py): a spelling nginx can serve is written as browsers
send it; a value that is no host name blocks the build (DEPLOY-05) instead of writing an
nginx.conf that `nginx -t` refuses or that never serves the site. Real builds on disk, the
real CLI, a real nginx (tests/deploy/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssg.deploy.names import server_name
from tests.deploy.conftest import (
    DOMAIN,
    Certificate,
    build_site,
    nginx_binary,
    nginx_test,
    serving,
    wrapper_conf,
)
from tests.derive.kit import NOTICE_COLUMN
from tests.sitekit import BUILD_DATE, SITE_YAML, cli, make_site

DEPLOY_YAML = "hosting:\n  provider: 吉林省政务云\n  region: 吉林省长春市\n"


@pytest.mark.parametrize(
    "written",
    [
        "www.ceshi.gov.cn;",  # nginx: unexpected ";"
        "www.ceshi .gov.cn",  # nginx: invalid number of arguments in "return"
        "www{.ceshi.gov.cn",  # nginx: directive "server_name" is not terminated
        "https://www.ceshi.gov.cn/",  # a server_name no Host header ever matches
        "www.ceshi.gov.cn:8443",
    ],
)
def test_a_domain_that_is_no_host_name_blocks_the_build_at_its_line(
    tmp_path: Path, written: str
) -> None:
    site_yaml = SITE_YAML.replace(f"domain: {DOMAIN}", f"domain: '{written}'")
    root = make_site(tmp_path / "site", {"data/deploy.yaml": DEPLOY_YAML}, site_yaml=site_yaml)
    out = tmp_path / "public"
    code, _, err = cli("build", "--source", str(root), "--out", str(out), "--date", BUILD_DATE)
    assert code == 1, err
    found = [line for line in err.splitlines() if "[DEPLOY-05]" in line]
    assert len(found) == 1, err
    assert found[0].startswith("data/site.yaml:2: error [DEPLOY-05] domain: 英文域名")
    assert written in found[0] and "Traceback" not in err
    assert not (tmp_path / "public-deploy").exists()
    # `ssg check` says the same, without writing anything
    code, _, err = cli("check", "--source", str(root), "--date", BUILD_DATE)
    assert code == 1 and "data/site.yaml:2: error [DEPLOY-05] domain:" in err


def test_a_chinese_domain_nginx_cannot_carry_is_reported_too(tmp_path: Path) -> None:
    site_yaml = SITE_YAML + "chinese_domain: 'http://测试 市政府.政务'\n"
    root = make_site(tmp_path / "site", {"data/deploy.yaml": DEPLOY_YAML}, site_yaml=site_yaml)
    code, _, err = cli("check", "--source", str(root), "--date", BUILD_DATE)
    assert code == 1
    line = len(site_yaml.splitlines())
    assert f"data/site.yaml:{line}: error [DEPLOY-05] chinese_domain: 中文域名" in err


def test_without_deploy_yaml_the_domain_is_only_the_compliance_rules_matter(
    tmp_path: Path,
) -> None:
    site_yaml = SITE_YAML.replace(f"domain: {DOMAIN}", "domain: 'www.ceshi.gov.cn:8443'")
    root = make_site(tmp_path / "site", {}, site_yaml=site_yaml)
    code, _, err = cli("check", "--source", str(root), "--date", BUILD_DATE)
    assert "[DEPLOY-05]" not in err and "[ID-02]" in err
    assert code == 0


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("WWW.Ceshi.gov.cn", "www.ceshi.gov.cn"),
        ("www.ceshi.gov.cn.", "www.ceshi.gov.cn"),
        ("测试.ceshi.gov.cn", "测试.ceshi.gov.cn".encode("idna").decode()),
        ("www.ceshi.gov.cn;", ""),
        ("www..ceshi.gov.cn", ""),
    ],
)
def test_server_name_is_what_a_browser_sends(written: str, name: str) -> None:
    assert server_name(written) == name


@pytest.mark.parametrize("written", ["WWW.CESHI.GOV.CN.", "测试.ceshi.gov.cn"])
def test_a_domain_spelled_otherwise_is_served_and_redirected_to_as_browsers_send_it(
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
    certificate: Certificate,
    written: str,
) -> None:
    name = server_name(written)
    built = build_site(
        tmp_path / "site",
        certificate,
        dict(NOTICE_COLUMN),
        site_yaml=SITE_YAML.replace(f"domain: {DOMAIN}", f"domain: {written}"),
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(wrapper_conf(tmp_path, built.deploy / "nginx.conf"), encoding="utf-8")
    checked = nginx_test(nginx_binary(), tmp_path, conf)
    assert checked.returncode == 0, checked.stderr
    assert f"server_name {name};" in (built.deploy / "nginx.conf").read_text(encoding="utf-8")
    with serving(built, certificate, tmp_path_factory) as server:
        # HTTP → HTTPS names the host a browser can go to (no raw UTF-8, no trailing dot)
        status, headers, _ = server.request("GET", "/dt/?a=1", host=name, https=False)
        assert status == 301
        assert headers["location"] == f"https://{name}:{server.https_port}/dt/?a=1"
        assert server.request("GET", "/", host=name)[0] == 200
