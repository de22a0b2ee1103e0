"""The sample portal (content/ + data/ at the repository root, what `make build` builds) has a
data/deploy.yaml as an operator would write it: its build writes public-deploy/, and the
nginx.conf there loads in a real nginx (`nginx -t`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from ssg.build import BuildOptions, build
from ssg.deploy.artefacts import (
    DEFAULT_SERVER_FILE,
    MANIFEST_FILE,
    NGINX_FILE,
    URLS_FILE,
    deploy_dir,
    nginx_site,
)
from ssg.deploy.config import load_deploy
from ssg.deploy.manifest import scan_output
from ssg.deploy.nginx import render
from ssg.diagnostics import Diagnostics
from ssg.lifecycle import load_lifecycle
from ssg.monitor.verify import REDIRECTS_FILE
from tests.deploy.conftest import Certificate, nginx_binary, nginx_test, wrapper_conf
from tests.e2e.conftest import REPO, sample_date

SAMPLE_DOMAIN = "www.qinglan.gov.cn"


def test_the_sample_portals_nginx_conf_passes_nginx_t(
    tmp_path: Path, certificate: Certificate
) -> None:
    out = tmp_path / "public"
    result = build(
        BuildOptions(source=REPO, out=out, build_date=dt.date.fromisoformat(sample_date()))
    )
    assert result.written and result.site is not None
    deploy_findings = [d for d in result.diagnostics if d.file == "data/deploy.yaml"]
    assert deploy_findings == [], [str(d) for d in deploy_findings]  # (no DEPLOY-03 default)
    folder = deploy_dir(out)
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == sorted(
        (DEFAULT_SERVER_FILE, MANIFEST_FILE, NGINX_FILE, REDIRECTS_FILE, URLS_FILE)
    )
    written = (folder / NGINX_FILE).read_text(encoding="utf-8")
    assert f"server_name {SAMPLE_DOMAIN} " in written
    assert "listen [::]:443 ssl http2;" in written  # (ipv6: true)
    assert f'root "/var/www/{SAMPLE_DOMAIN}";' in written

    # The operator's certificate paths do not exist here: the same generator, given only this
    # machine's test certificate instead, must give the written file but for those two paths.
    deploy = load_deploy(REPO, SAMPLE_DOMAIN, Diagnostics())
    assert deploy is not None
    here = dataclasses.replace(
        deploy, certificate=str(certificate.cert), certificate_key=str(certificate.key)
    )
    tested = render(
        nginx_site(result.site, here, load_lifecycle(REPO, Diagnostics()), scan_output(out))
    )
    assert tested == written.replace(deploy.certificate, here.certificate).replace(
        deploy.certificate_key, here.certificate_key
    )
    conf = tmp_path / "nginx-wrapper.conf"
    (tmp_path / "site.conf").write_text(tested, encoding="utf-8")
    conf.write_text(wrapper_conf(tmp_path, tmp_path / "site.conf"), encoding="utf-8")
    checked = nginx_test(nginx_binary(), tmp_path, conf)
    assert checked.returncode == 0, checked.stderr
