"""What a build's lifecycle puts in the generated nginx configuration (real builds on disk)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.deploy.conftest import NEWS, Certificate, nginx_binary, nginx_test, wrapper_conf
from tests.derive.kit import LIFECYCLE, fixture_site
from tests.sitekit import make_site, run

DEPLOY_YAML = "hosting: {provider: 吉林省政务云, region: 吉林省长春市}\n"
_LOCATION = re.compile(r'location = "([^"]*)" \{ return 301 "([^"]*)"; \}')


def test_a_migration_in_force_redirects_its_mapping_but_not_home_nor_notice(
    tmp_path: Path, certificate: Certificate
) -> None:
    # tests/fixtures/lifecycle/migration: since 2026-11-19 the site is the migration notice;
    # its mapping sends /dt/huiyi.html and the column /zcwj/ to the new site. "/" added here.
    tls = f"tls: {{certificate: {certificate.cert}, key: {certificate.key}}}\n"
    root = fixture_site(
        tmp_path / "site", LIFECYCLE / "migration", {"data/deploy.yaml": DEPLOY_YAML + tls}
    )
    mapping = root / "data/migration.csv"
    mapping.write_text(
        mapping.read_text(encoding="utf-8") + "/,https://www.jl.gov.cn/ceshi/\n", "utf-8"
    )
    assert run(root, command="build").code == 0
    text = (root / "public-deploy/nginx.conf").read_text(encoding="utf-8")
    found = dict(_LOCATION.findall(text))
    new = "https://www.jl.gov.cn/ceshi"
    assert found == {
        "/dt/huiyi.html": f"{new}/dt/huiyi.html",
        "/zcwj/": f"{new}/zcwj/",
        "/zcwj/index.html": f"{new}/zcwj/",
        "/zcwj": f"{new}/zcwj/",
    }  # the home page keeps the notice in place (NOTICE-02), as does the notice itself
    conf = tmp_path / "nginx.conf"
    conf.write_text(wrapper_conf(tmp_path, root / "public-deploy/nginx.conf"), encoding="utf-8")
    checked = nginx_test(nginx_binary(), tmp_path, conf)
    assert checked.returncode == 0, checked.stderr


def test_before_its_date_a_migration_redirects_nothing(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, LIFECYCLE / "migration", {"data/deploy.yaml": DEPLOY_YAML})
    assert run(root, command="build", date="2026-11-18").code == 0
    text = (root / "public-deploy/nginx.conf").read_text(encoding="utf-8")
    assert _LOCATION.findall(text) == []


def test_the_domain_change_writes_a_server_for_the_old_domain(tmp_path: Path) -> None:
    root = fixture_site(tmp_path, LIFECYCLE / "domain_change", {"data/deploy.yaml": DEPLOY_YAML})
    assert run(root, command="build").code == 0
    text = (root / "public-deploy/nginx.conf").read_text(encoding="utf-8")
    block = text.split("server_name ceshi.jl.gov.cn;", 1)[1].split("}", 1)[0]
    assert "return 301 https://www.ceshi.gov.cn$request_uri;" in block


def test_an_alias_on_an_existing_page_blocks_the_build_and_writes_no_configuration(
    tmp_path: Path,
) -> None:
    # An exact-location 301 would hide the page for good: linking refuses the alias (URL-01)
    # and a blocked build writes neither the output nor the deploy folder.
    news = NEWS.replace("  - /2019/huiyi.html\n", "  - /gk/gaikuang.html\n")
    root = make_site(tmp_path, {"content/dt/huiyi.md": news, "data/deploy.yaml": DEPLOY_YAML})
    result = run(root, command="build")
    assert result.code == 1 and result.with_code("URL-01")
    assert not (root / "public-deploy").exists()


def test_urls_txt_lists_the_domain_the_pages_are_served_on_that_day(tmp_path: Path) -> None:
    """Before a domain change's date the site is served on its old domain (its pages say so,
    RULES NOTICE-04): urls.txt lists the URLs published then; from the date, the new ones.
    The next build's NOTICE-05 takes the copy kept of either (no page vanished)."""
    root = fixture_site(tmp_path, LIFECYCLE / "domain_change", {"data/deploy.yaml": DEPLOY_YAML})
    urls = root / "public-deploy/urls.txt"
    hosts = {}
    for date in ("2026-11-09", "2026-11-10"):  # (the change's date: 2026-11-10)
        assert run(root, command="build", date=date).code == 0
        hosts[date] = {line.split("/")[2] for line in urls.read_text("utf-8").splitlines()}
    assert hosts == {"2026-11-09": {"ceshi.jl.gov.cn"}, "2026-11-10": {"www.ceshi.gov.cn"}}
    assert run(root, command="build", date="2026-11-09").code == 0
    (root / "data/urls-before.txt").write_text(urls.read_text("utf-8"), "utf-8")
    deploy = DEPLOY_YAML + "previous_urls: data/urls-before.txt\n"
    (root / "data/deploy.yaml").write_text(deploy, "utf-8")
    after = run(root, command="build", date="2026-11-10")
    assert (after.with_code("NOTICE-05"), after.with_code("DEPLOY-04")) == ([], [])
