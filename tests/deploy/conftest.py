"""One small site built once (real files on disk), with aliases, a Chinese domain, a domain
change and data/deploy.yaml; a self-signed certificate; a real nginx serving the build on
free high ports of 127.0.0.1 and ::1, configured by the same generator with test listen
addresses, root and certificate (ssg/deploy/nginx.py `Listen`, not string edits).

nginx comes from deps/apt.txt (Debian's package). Without it the live tests are skipped on
a developer's machine and fail in CI (CI=true), where their absence would hide a regression.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import http.client
import os
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ssg.build import BuildOptions, build
from ssg.deploy.artefacts import deploy_dir, nginx_site
from ssg.deploy.config import load_deploy
from ssg.deploy.manifest import scan_output
from ssg.deploy.nginx import Listen, render, render_default_server
from ssg.diagnostics import Diagnostics
from ssg.lifecycle import load_lifecycle
from ssg.link import Site
from tests.derive.kit import NOTICE_COLUMN
from tests.sitekit import BUILD_DATE, SITE_YAML, make_site

DOMAIN = "www.ceshi.gov.cn"
OLD_DOMAIN = "ceshi.jl.gov.cn"
CHINESE_DOMAIN = "测试市政府.政务"

NEWS = (
    "---\ntitle: 市政府召开常务会议\ndate: 2026-11-18\nsource: 测试市人民政府办公室\n"
    "reviewed_by: 审核人\naliases:\n  - /旧网站/会议 通知.html\n  - /old-news/\n"
    "  - /2019/huiyi.html\n---\n会议内容。\n"
)
LIFECYCLE = (
    "- event: domain_change\n  date: 2026-11-10\n  old_domain: ceshi.jl.gov.cn\n"
    "  reason: 按照政府网站域名管理要求规范域名\n  reviewed_by: 审核人\n"
)


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None
    )
    if found:
        return found
    message = "nginx 未安装：deps/apt.txt 列有 nginx，make test 会安装 (nginx is not installed)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    # (IP:127.0.0.1: `ssg verify https://127.0.0.1:port/` checks the copy nginx serves)
    names = f"DNS:{DOMAIN},DNS:{OLD_DOMAIN},IP:127.0.0.1"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={DOMAIN}", "-addext", f"subjectAltName={names}",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return Certificate(cert, key)


@dataclass(frozen=True)
class Built:
    root: Path  # the site's sources
    out: Path  # its published output
    deploy: Path  # <out>-deploy/
    site: Site


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, certificate: Certificate) -> Built:
    return build_site(
        tmp_path_factory.mktemp("site"),
        certificate,
        {**NOTICE_COLUMN, "content/dt/huiyi.md": NEWS, "data/lifecycle.yaml": LIFECYCLE},
        site_yaml=SITE_YAML + f"chinese_domain: {CHINESE_DOMAIN}\n",
    )


def build_site(
    root: Path, certificate: Certificate, files: dict[str, str], site_yaml: str = SITE_YAML
) -> Built:
    """A site with `files` and data/deploy.yaml naming `certificate`, built without an error."""
    deploy_yaml = (
        f"tls:\n  certificate: {certificate.cert}\n  key: {certificate.key}\n"
        "hosting:\n  provider: 吉林省政务云\n  region: 吉林省长春市\n"
    )
    make_site(root, {**files, "data/deploy.yaml": deploy_yaml}, site_yaml=site_yaml)
    out = root / "public"
    result = build(BuildOptions(source=root, out=out, build_date=dt.date.fromisoformat(BUILD_DATE)))
    problems = [str(d) for d in result.diagnostics if d.severity.value in ("error", "veto")]
    assert result.written, problems
    assert result.site is not None
    return Built(root, out, deploy_dir(out), result.site)


ACME_CHALLENGE = ".well-known/acme-challenge/Kx9TqR3z"
ACME_ANSWER = "Kx9TqR3z.thumbprint"


def free_port(ipv6: bool) -> int:
    """A port free on 127.0.0.1 (and on ::1 when `ipv6`)."""
    for _ in range(50):
        with socket.socket(socket.AF_INET) as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        if not ipv6:
            return port
        try:
            with socket.socket(socket.AF_INET6) as other:
                other.bind(("::1", port))
            return port
        except OSError:
            continue
    raise RuntimeError("no free port")


def has_ipv6_loopback() -> bool:
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


def wrapper_conf(prefix: Path, included: Path) -> str:
    """nginx.conf as Debian's includes conf.d/*.conf: inside http {}, with mime.types."""
    temp = prefix / "temp"
    temp.mkdir(exist_ok=True)
    # Workers of a root master run as nobody, who cannot enter pytest's 0700 temp folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    paths = "".join(
        f"    {kind}_temp_path {temp}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}worker_processes 1;\nevents {{ worker_connections 64; }}\nhttp {{\n"
        "    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    access_log off;\n{paths}    include {included};\n}}\n"
    )


@dataclass(frozen=True)
class Server:
    http_port: int
    https_port: int
    ipv6: bool
    root: Path
    cafile: Path

    def request(
        self,
        method: str,
        path: str,
        host: str = DOMAIN,
        headers: dict[str, str] | None = None,
        https: bool = True,
        address: str = "127.0.0.1",
        sni: str | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        """One request; (status, headers with lower-case names, body). Redirects not followed.
        Over HTTPS the handshake names `sni` (default: the Host, as a browser does; none for an
        IP address)."""
        connection: http.client.HTTPConnection
        if https:
            context = ssl.create_default_context(cafile=str(self.cafile))
            context.check_hostname = False  # (connected by address; the Host header names it)
            connection = _Named(
                address, self.https_port, host if sni is None else sni, timeout=10, context=context
            )
        else:
            connection = http.client.HTTPConnection(address, self.http_port, timeout=10)
        try:
            connection.request(method, path, headers={"Host": host, **(headers or {})})
            response = connection.getresponse()
            body = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            connection.close()


class _Named(http.client.HTTPSConnection):
    """An HTTPS connection to an address whose TLS handshake names a host (SNI), as a
    browser's does: nginx picks the certificate, or rejects the handshake, by that name."""

    def __init__(self, address: str, port: int, sni: str, **kwargs: Any) -> None:
        super().__init__(address, port, **kwargs)
        self.sni = sni

    def connect(self) -> None:
        http.client.HTTPConnection.connect(self)
        # ("" names none; so does an IP address: ssl sends no SNI for one)
        self.sock = self._context.wrap_socket(  # type: ignore[attr-defined]
            self.sock, server_hostname=self.sni or None
        )


def nginx_test(nginx: str, prefix: Path, conf: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [nginx, "-t", "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log"),
         "-g", f"pid {prefix / 'nginx.pid'};"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip


@pytest.fixture(scope="session")
def server(
    built: Built, certificate: Certificate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    with serving(built, certificate, tmp_path_factory) as running:
        yield running


def loopback_ports(ipv6: bool) -> Listen:
    """Listen addresses of a test nginx: two free high ports on the loopback addresses."""
    http_port = free_port(ipv6)
    https_port = free_port(ipv6)
    while https_port == http_port:  # (each probe's port is free again once it is closed)
        https_port = free_port(ipv6)
    return Listen(http_port, https_port, "127.0.0.1", "[::1]")


@contextmanager
def serving(
    built: Built,
    certificate: Certificate,
    tmp_path_factory: pytest.TempPathFactory,
    default_server: bool = False,
) -> Iterator[Server]:
    """A real nginx serving a copy of the build until the block ends, with the build's
    default server beside the site's (default-server.conf) as deployed; `default_server`:
    the site's server instead (a browser or `ssg verify` reaching 127.0.0.1 by address)."""
    ipv6 = has_ipv6_loopback()
    listen = dataclasses.replace(loopback_ports(ipv6), default_server=default_server)
    deploy = load_deploy(built.root, DOMAIN, Diagnostics())
    assert deploy is not None
    # A copy of the output, with files the build did not write placed in it as a careless
    # copy or an intruder might: none of them may be served.
    served = tmp_path_factory.mktemp("served") / "public"
    shutil.copytree(built.out, served)
    (served / ".ssg-cache").mkdir()
    (served / ".ssg-cache/x").write_text("cache", encoding="utf-8")
    (served / ".git").mkdir()
    (served / ".git/config").write_text("[core]", encoding="utf-8")
    (served / "backup.sql").write_text("DROP TABLE", encoding="utf-8")
    (served / "dt/index.html.bak").write_text("old", encoding="utf-8")
    (served / "passwd.html").symlink_to("/etc/passwd")
    # certbot --webroot's folder, outside the web root (data/deploy.yaml acme_root)
    acme = tmp_path_factory.mktemp("acme")
    (acme / ".well-known/acme-challenge").mkdir(parents=True)
    (acme / ACME_CHALLENGE).write_text(ACME_ANSWER, encoding="utf-8")
    settings = nginx_site(
        built.site,
        dataclasses.replace(deploy, root=str(served), ipv6=ipv6, acme_root=str(acme)),
        load_lifecycle(built.root, Diagnostics()),
        scan_output(built.out),
        listen,
    )
    prefix = tmp_path_factory.mktemp("nginx")
    conf_d = prefix / "conf.d"
    conf_d.mkdir()
    (conf_d / "site.conf").write_text(render(settings), encoding="utf-8")
    if not default_server:
        (conf_d / "default-server.conf").write_text(
            render_default_server(listen, ipv6), encoding="utf-8"
        )
    with running_nginx(prefix, conf_d, listen.https_port):
        yield Server(listen.http_port, listen.https_port, ipv6, served, certificate.cert)


@contextmanager
def running_nginx(prefix: Path, conf_d: Path, https_port: int) -> Iterator[None]:
    """A real nginx with every conf_d/*.conf (as Debian's conf.d), `nginx -t` first, until the
    block ends."""
    nginx = nginx_binary()
    conf = prefix / "nginx.conf"
    conf.write_text(wrapper_conf(prefix, conf_d / "*.conf"), encoding="utf-8")
    checked = nginx_test(nginx, prefix, conf)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(
        [nginx, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log"),
         "-g", f"daemon off; pid {prefix / 'nginx.pid'};"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    error = (prefix / "error.log").read_text(errors="replace")
                    pytest.fail(f"nginx did not start: {error}")
                time.sleep(0.05)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
