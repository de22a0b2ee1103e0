"""SEC-07 over HTTPS against a real nginx configured by the build (tests/deploy/conftest.py):
the 301s of the build's own nginx.conf are the deployment as built, not a tampering."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from ssg.monitor.verify import parse_redirects
from tests.deploy.conftest import Built, Certificate, Server, serving
from tests.sitekit import cli


@pytest.fixture(scope="module")
def answering(
    built: Built, certificate: Certificate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    # default_server: requests to https://127.0.0.1:port/ reach the site's server block
    with serving(built, certificate, tmp_path_factory, default_server=True) as running:
        yield running


def test_a_correct_deployment_with_aliases_passes_over_https(
    built: Built, certificate: Certificate, answering: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate.cert))
    manifest = built.deploy / "manifest.sha256"
    redirects = parse_redirects((built.deploy / "redirects.tsv").read_text(encoding="utf-8"))
    listed = {line.split("  ", 1)[1] for line in manifest.read_text(encoding="utf-8").splitlines()}
    aliases = {path for path in redirects if path.lstrip("/") in listed}
    assert {"/旧网站/会议 通知.html", "/old-news/index.html", "/2019/huiyi.html"} <= aliases
    url = f"https://127.0.0.1:{answering.https_port}/"
    code, out, err = cli("verify", "--manifest", str(manifest), url)
    assert code == 0, err
    assert f"已核对 {len(listed)} 个文件：一致 {len(listed)}，被改动 0" in out
    # the manifest is still sha256sum's, as the web root's copy of the alias pages is
    checked = subprocess.run(
        ["sha256sum", "-c", "--quiet", str(manifest)], cwd=built.out, capture_output=True
    )
    assert checked.returncode == 0, checked.stdout


def test_a_redirect_the_build_did_not_make_is_still_reported(
    built: Built,
    certificate: Certificate,
    answering: Server,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate.cert))
    deploy = tmp_path / "public-deploy"
    deploy.mkdir()
    (deploy / "manifest.sha256").write_bytes((built.deploy / "manifest.sha256").read_bytes())
    # a redirects.tsv that says the alias goes elsewhere: nginx's 301 is then not as built
    text = (built.deploy / "redirects.tsv").read_text(encoding="utf-8")
    (deploy / "redirects.tsv").write_text(
        text.replace("/2019/huiyi.html\t/dt/huiyi.html", "/2019/huiyi.html\t/gk/gaikuang.html"),
        encoding="utf-8",
    )
    url = f"https://127.0.0.1:{answering.https_port}/"
    code, _out, err = cli("verify", "--manifest", str(deploy / "manifest.sha256"), url)
    assert code == 1
    assert f"{url}2019/huiyi.html 被重定向到 {url}dt/huiyi.html" in err
    assert err.count("deduct [SEC-07]") == 1, err
