"""集约化 and a domain change: one moment, the change's `date` (启用新域名日期), for the
portal's generated nginx.conf and for the links the other sites of its repository write to it
(RULES NOTICE-04, 吉林办法 第十六条: the change is announced on the 原网站, which must still be
readable on the old domain until then). Real repository on disk, real CLI, real nginx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ssg.build import BuildOptions, build
from ssg.deploy.artefacts import deploy_dir
from tests.deploy.conftest import (
    DOMAIN,
    OLD_DOMAIN,
    Built,
    Certificate,
    nginx_binary,
    nginx_test,
    serving,
    wrapper_conf,
)
from tests.sitekit import interpretation, make_site, policy
from tests.test_sites import DEPARTMENT_YAML, NOTICES, cli

CHANGE = "2026-11-25"
BEFORE = "2026-11-24"
LIFECYCLE = (
    f"- event: domain_change\n  date: {CHANGE}\n  old_domain: {OLD_DOMAIN}\n"
    "  reason: 按照政府网站域名管理要求规范域名\n  reviewed_by: 审核人\n"
)
REDIRECT = f"return 301 https://{DOMAIN}$request_uri;"


def repository(root: Path, certificate: Certificate) -> Path:
    deploy_yaml = (
        f"tls:\n  certificate: {certificate.cert}\n  key: {certificate.key}\n"
        "hosting:\n  provider: 吉林省政务云\n  region: 吉林省长春市\n"
    )
    make_site(
        root / "www",
        {
            **NOTICES,
            "content/zcwj/p200.md": policy("测政发〔2026〕200号"),
            "data/lifecycle.yaml": LIFECYCLE,
            "data/deploy.yaml": deploy_yaml,
        },
    )
    make_site(
        root / "bumen/fgw",
        {"content/zcjd/jd200.md": interpretation("测政发〔2026〕200号", title="图解二百号文件")},
        site_yaml=DEPARTMENT_YAML,
    )
    (root / "sites.yaml").write_text("- path: www\n- path: bumen/fgw\n", encoding="utf-8")
    return root


def old_domain_server(conf: str) -> str:
    """The text of the server block whose server_name is the old domain alone."""
    return conf.split(f"server_name {OLD_DOMAIN};", 1)[1].split("\n}", 1)[0]


def test_the_old_domain_redirects_from_the_day_the_links_move_and_not_before(
    tmp_path: Path, certificate: Certificate
) -> None:
    repo = repository(tmp_path / "repo", certificate)
    seen: dict[str, tuple[str, str]] = {}
    for date in (BEFORE, CHANGE):
        code, _, err = cli("build", "--source", str(repo), "--date", date)
        assert code == 0, (date, err)
        conf = (repo / "public/www-deploy/nginx.conf").read_text(encoding="utf-8")
        reading = (repo / "public/bumen/fgw/zcjd/jd200.html").read_text(encoding="utf-8")
        seen[date] = (conf, reading)
        prefix = tmp_path / f"nginx-{date}"
        prefix.mkdir()
        wrapper = prefix / "nginx.conf"
        wrapper.write_text(
            wrapper_conf(prefix, repo / "public/www-deploy/nginx.conf"), encoding="utf-8"
        )
        checked = nginx_test(nginx_binary(), prefix, wrapper)
        assert checked.returncode == 0, (date, checked.stderr)

    conf, reading = seen[BEFORE]
    # Before the date the department links the portal on its old domain, and the portal's
    # configuration still serves the site there: no redirect of the old domain yet.
    assert f'href="https://{OLD_DOMAIN}/zcwj/p200.html"' in reading
    assert f"https://{DOMAIN}/" not in reading
    assert REDIRECT not in old_domain_server(conf)
    assert f"return 301 https://{OLD_DOMAIN}$request_uri;" in old_domain_server(conf)  # (HTTP)
    assert f"server_name {DOMAIN} {OLD_DOMAIN};" in conf  # the HTTPS server of the site
    assert CHANGE in conf

    conf, reading = seen[CHANGE]
    # From the date both move together: links to the new domain, the old one redirected.
    assert f'href="https://{DOMAIN}/zcwj/p200.html"' in reading
    assert f"https://{OLD_DOMAIN}/" not in reading
    assert REDIRECT in old_domain_server(conf)
    assert f"server_name {DOMAIN};" in conf and f"server_name {DOMAIN} {OLD_DOMAIN};" not in conf


@pytest.mark.parametrize(("date", "expected"), [(BEFORE, 200), (CHANGE, 301)])
def test_a_real_nginx_serves_the_old_domain_until_the_date_then_redirects_it(
    tmp_path: Path,
    certificate: Certificate,
    tmp_path_factory: pytest.TempPathFactory,
    date: str,
    expected: int,
) -> None:
    repo = repository(tmp_path / "repo", certificate)
    out = tmp_path / "out"
    result = build(
        BuildOptions(source=repo / "www", out=out, build_date=dt.date.fromisoformat(date))
    )
    assert result.written and result.site is not None
    built = Built(repo / "www", out, deploy_dir(out), result.site)
    with serving(built, certificate, tmp_path_factory) as server:
        status, headers, body = server.request("GET", "/zcwj/p200.html", host=OLD_DOMAIN)
        assert status == expected, date
        if expected == 200:
            assert "关于测政发〔2026〕200号的通知".encode() in body
        else:
            assert headers["location"].endswith(f"{DOMAIN}:{server.https_port}/zcwj/p200.html")
        status, headers, _ = server.request("GET", "/zcwj/p200.html", host=OLD_DOMAIN, https=False)
        assert status == 301
        target = DOMAIN if expected == 301 else OLD_DOMAIN
        assert headers["location"] == f"https://{target}:{server.https_port}/zcwj/p200.html"
