"""The default server (default-server.conf beside nginx.conf; ssg/deploy/nginx.py
render_default_server): a request for no site of the server — by IP address, or a Host that
no site's server_name names (a domain someone else points at the server) — gets no answer:
HTTP's connection is closed (444), HTTPS's handshake rejected. Without it nginx gave such a
request to the first server it loaded: on a platform a department's old-domain 301, on a
site alone the site itself. A real nginx (tests/deploy/conftest.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import http.client
import shutil
import ssl
from pathlib import Path

import pytest

from ssg.build import BuildOptions, build
from ssg.deploy.artefacts import DEFAULT_SERVER_FILE, deploy_dir, nginx_site
from ssg.deploy.config import load_deploy
from ssg.deploy.manifest import scan_output
from ssg.deploy.nginx import Listen, render, render_default_server
from ssg.diagnostics import Diagnostics
from ssg.lifecycle import load_lifecycle
from ssg.sites import membership
from tests.deploy.conftest import (
    DOMAIN,
    Built,
    Certificate,
    Server,
    has_ipv6_loopback,
    loopback_ports,
    nginx_binary,
    nginx_test,
    running_nginx,
    wrapper_conf,
)
from tests.deploy.test_platform import platform_with_deploy
from tests.sitekit import BUILD_DATE
from tests.test_sites import cli

# What a refused request raises: the connection closed before any response (444), or the
# TLS handshake rejected (ssl_reject_handshake: an "unrecognized name" alert).
NO_ANSWER = (http.client.RemoteDisconnected, ConnectionResetError, ssl.SSLError)
UNKNOWN = "www.not-this-server.example"


def assert_no_answer(server: Server, **request: object) -> None:
    with pytest.raises(NO_ANSWER):
        server.request("GET", "/", **request)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "request_",
    [
        {"host": UNKNOWN, "https": False},
        {"host": "127.0.0.1", "https": False},  # (by IP address)
        {"host": "127.0.0.1", "sni": ""},  # (by IP address: no name in the handshake)
        {"host": UNKNOWN},  # (the name in the handshake is no site's)
        {"host": UNKNOWN, "sni": DOMAIN},  # (the site's certificate, another Host: 444)
    ],
    ids=["http-unknown-host", "http-by-ip", "https-by-ip", "https-unknown-name", "https-host"],
)
def test_a_request_for_no_site_of_the_server_gets_no_answer(
    server: Server, request_: dict[str, object]
) -> None:
    assert_no_answer(server, **request_)


def test_the_site_still_answers_by_its_names(server: Server) -> None:
    assert server.request("GET", "/")[0] == 200
    status, headers, _ = server.request("GET", "/", https=False)
    assert status == 301 and headers["location"] == f"https://{DOMAIN}:{server.https_port}/"
    if server.ipv6:
        assert server.request("GET", "/", address="::1")[0] == 200
        with pytest.raises(NO_ANSWER):
            server.request("GET", "/", host=UNKNOWN, https=False, address="::1")


def test_a_site_alone_writes_the_default_server_beside_its_nginx_conf(built: Built) -> None:
    """One per nginx, so a file of its own (a second default_server of a port fails nginx
    -t); listening where the site does, IPv6 included (data/deploy.yaml ipv6)."""
    written = (built.deploy / DEFAULT_SERVER_FILE).read_text(encoding="utf-8")
    assert written == render_default_server(Listen(), ipv6=True)
    for listen in ("listen 80 default_server;", "listen [::]:80 default_server;",
                   "listen 443 ssl http2 default_server;", "listen [::]:443 ssl http2 default_server;",
                   "ssl_reject_handshake on;", "return 444;"):  # fmt: skip
        assert listen in written, listen
    assert "[::]" not in render_default_server(Listen(), ipv6=False)
    assert "default_server" not in (built.deploy / "nginx.conf").read_text(encoding="utf-8")


def test_a_platform_answers_no_unknown_host_with_a_department_s_redirect(
    tmp_path: Path, certificate: Certificate
) -> None:
    """The platform of tests/deploy/test_platform.py, the department with a domain change in
    effect: its old domain's 301 server was the first nginx loaded, so every request by IP
    address or for an unknown name was sent on to the department's site. Every site's
    deploy folder has the same default server; one of them goes into conf.d."""
    repo = platform_with_deploy(tmp_path, certificate)
    with (repo / "bumen/fgw/data/lifecycle.yaml").open("a", encoding="utf-8") as file:
        file.write(
            "- event: domain_change\n  date: 2026-11-10\n  announced: 2026-11-01\n"
            "  old_domain: fgw.jl.gov.cn\n  reason: 规范域名\n  reviewed_by: 王某\n"
        )
    code, _, err = cli("build", "--source", str(repo), "--date", BUILD_DATE)
    assert code == 0, err
    defaults = {
        (repo / "public" / f"{site}-deploy" / DEFAULT_SERVER_FILE).read_text(encoding="utf-8")
        for site in ("www", "bumen/fgw")
    }
    assert defaults == {render_default_server(Listen(), ipv6=True)}
    # the files as written, every site's nginx.conf and one default server, load into nginx
    written = tmp_path / "written"
    (written / "conf.d").mkdir(parents=True)
    for site in ("www", "bumen/fgw"):
        shutil.copyfile(
            repo / "public" / f"{site}-deploy/nginx.conf",
            written / "conf.d" / f"{site.replace('/', '-')}.conf",
        )
    shutil.copyfile(
        repo / "public/www-deploy" / DEFAULT_SERVER_FILE, written / "conf.d" / DEFAULT_SERVER_FILE
    )
    conf = written / "nginx.conf"
    conf.write_text(wrapper_conf(written, written / "conf.d/*.conf"), encoding="utf-8")
    checked = nginx_test(nginx_binary(), written, conf)
    assert checked.returncode == 0, checked.stderr

    # served on test ports, by the same generator: the department first, as nginx loads it
    ipv6 = has_ipv6_loopback()
    listen = loopback_ports(ipv6)
    conf_d = tmp_path / "served/conf.d"
    conf_d.mkdir(parents=True)
    for index, site in enumerate(("bumen/fgw", "www")):
        source = repo / site
        found = membership(source)
        assert found is not None
        out = repo / "public" / site
        result = build(
            BuildOptions(
                source=source, out=out, build_date=dt.date.fromisoformat(BUILD_DATE),
                portal_notices=found.notices, repository=found,
            )
        )  # fmt: skip
        assert result.written and result.site is not None
        assert (deploy_dir(out) / DEFAULT_SERVER_FILE).is_file()
        deploy = load_deploy(source, result.site.config.domain, Diagnostics())
        assert deploy is not None
        settings = nginx_site(
            result.site,
            dataclasses.replace(deploy, root=str(out), ipv6=ipv6),
            load_lifecycle(source, Diagnostics()),
            scan_output(out),
            listen,
        )
        (conf_d / f"{index}-{site.replace('/', '-')}.conf").write_text(
            render(settings), encoding="utf-8"
        )
    (conf_d / DEFAULT_SERVER_FILE).write_text(render_default_server(listen, ipv6), encoding="utf-8")
    server = Server(listen.http_port, listen.https_port, ipv6, repo / "public", certificate.cert)
    with running_nginx(tmp_path / "served", conf_d, listen.https_port):
        for request in (
            {"host": UNKNOWN, "https": False},
            {"host": "127.0.0.1", "https": False},
            {"host": "127.0.0.1", "sni": ""},
            {"host": UNKNOWN},
            {"host": UNKNOWN, "sni": "fgw.ceshi.gov.cn"},
        ):
            assert_no_answer(server, **request)
        # every site, and the department's old domain, as before
        status, headers, _ = server.request("GET", "/a.html", host="fgw.jl.gov.cn", https=False)
        assert status == 301
        assert headers["location"] == f"https://fgw.ceshi.gov.cn:{listen.https_port}/a.html"
        for host, site in (("www.ceshi.gov.cn", "www"), ("fgw.ceshi.gov.cn", "bumen/fgw")):
            status, _, body = server.request("GET", "/", host=host)
            assert status == 200, host
            assert body == (repo / "public" / site / "index.html").read_bytes()
