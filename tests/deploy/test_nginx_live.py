"""The generated configuration in a real nginx, over real HTTP(S) (tests/deploy/conftest.py)."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.deploy.conftest import (
    ACME_ANSWER,
    ACME_CHALLENGE,
    DOMAIN,
    OLD_DOMAIN,
    Built,
    Server,
    nginx_binary,
    nginx_test,
    wrapper_conf,
)


def test_nginx_accepts_the_configuration_the_build_wrote(built: Built, tmp_path: Path) -> None:
    # The file as written to public-deploy/, untouched: ports 80/443, every address
    # (`nginx -t` binds nothing), the certificate data/deploy.yaml names.
    conf = tmp_path / "nginx.conf"
    conf.write_text(wrapper_conf(tmp_path, built.deploy / "nginx.conf"), encoding="utf-8")
    checked = nginx_test(nginx_binary(), tmp_path, conf)
    assert checked.returncode == 0, checked.stderr
    text = (built.deploy / "nginx.conf").read_text(encoding="utf-8")
    assert "listen 443 ssl http2;" in text and "listen [::]:443 ssl http2;" in text


def test_a_page_is_served_whole_with_its_charset(server: Server) -> None:
    status, headers, body = server.request("GET", "/dt/huiyi.html")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert body == (server.root / "dt/huiyi.html").read_bytes()
    assert headers["cache-control"] == "no-cache"


def test_a_missing_page_is_a_404_with_the_404_page(server: Server) -> None:
    status, _headers, body = server.request("GET", "/dt/no-such-page.html")
    assert status == 404
    assert body == (server.root / "404.html").read_bytes()


def test_a_folder_without_its_slash_redirects_to_it(server: Server) -> None:
    status, headers, _ = server.request("GET", "/dt")
    assert (status, headers["location"]) == (301, "/dt/")
    assert server.request("GET", "/dt/")[0] == 200


@pytest.mark.parametrize(("path", "target"), [
    (quote("/旧网站/会议 通知.html"), "/dt/huiyi.html"),  # as a browser sends it
    ("/old-news/", "/dt/huiyi.html"),
    ("/old-news", "/dt/huiyi.html"),
    ("/old-news/index.html", "/dt/huiyi.html"),
    ("/2019/huiyi.html", "/dt/huiyi.html"),
])  # fmt: skip
def test_an_alias_is_a_permanent_redirect_to_its_page(
    server: Server, path: str, target: str
) -> None:
    status, headers, _ = server.request("GET", path)
    assert (status, headers["location"]) == (301, target)


def test_http_redirects_to_https_keeping_path_and_query(server: Server) -> None:
    status, headers, _ = server.request("GET", "/dt/huiyi.html?from=a", https=False)
    assert status == 301
    assert headers["location"] == f"https://{DOMAIN}:{server.https_port}/dt/huiyi.html?from=a"


@pytest.mark.parametrize("https", [True, False])
def test_the_old_domain_redirects_every_path_to_the_new_one(server: Server, https: bool) -> None:
    status, headers, _ = server.request(
        "GET", "/gk/gaikuang.html?x=1", host=OLD_DOMAIN, https=https
    )
    assert status == 301
    assert headers["location"] == f"https://{DOMAIN}:{server.https_port}/gk/gaikuang.html?x=1"


def test_search_index_files_are_sent_as_the_gzip_bytes_they_are(server: Server) -> None:
    bins = sorted((server.root / "search").rglob("*.bin"))
    assert len(bins) >= 4
    for path in bins:
        url = "/" + path.relative_to(server.root).as_posix()
        status, headers, body = server.request("GET", url, headers={"Accept-Encoding": "gzip"})
        assert status == 200, url
        assert "content-encoding" not in headers, url
        assert headers["content-type"] == "application/octet-stream", url
        assert body == path.read_bytes(), url
        assert gzip.decompress(body)  # (search.js inflates them itself)
        entry = url == "/search/index.bin"  # the one file not named by its content's hash
        expected = "no-cache" if entry else "public, max-age=31536000, immutable"
        assert headers["cache-control"] == expected, url


def test_html_is_gzipped_when_the_client_asks(server: Server) -> None:
    status, headers, body = server.request("GET", "/", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == (server.root / "index.html").read_bytes()
    assert "accept-encoding" in headers["vary"].lower()


def test_theme_assets_cache_for_good_only_when_the_url_carries_their_hash(server: Server) -> None:
    page = (server.root / "index.html").read_text(encoding="utf-8")
    css = re.search(r'href="(/assets/css/site\.css\?v=[0-9a-f]+)"', page)
    assert css is not None
    _, hashed, _ = server.request("GET", css.group(1))
    _, plain, _ = server.request("GET", "/assets/css/site.css")
    assert hashed["cache-control"] == "public, max-age=31536000, immutable"
    assert plain["cache-control"] == "no-cache"


def test_security_headers_are_on_every_kind_of_response(server: Server) -> None:
    for path in ("/", "/search/index.bin", "/assets/css/site.css", "/nope.html", "/old-news/"):
        _, headers, _ = server.request("GET", path)
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "SAMEORIGIN", path
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin", path
        assert headers["strict-transport-security"].startswith("max-age="), path
        assert "frame-ancestors 'self'" in headers["content-security-policy"], path
        assert headers["server"] == "nginx", path  # server_tokens off: no version


def test_the_csp_admits_the_themes_inline_scripts_and_the_configured_embeds(
    server: Server,
) -> None:
    _, headers, body = server.request("GET", "/")
    policy = headers["content-security-policy"]
    scripts = re.findall(rb"<script>(.*?)</script>", body, re.S)
    assert scripts
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    # the site configures both embeds (tests/sitekit.py SITE_YAML: conac, jiucuo)
    assert "https://dcs.conac.cn" in policy and "https://zfwzgl.www.gov.cn" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"])
def test_only_get_and_head_are_allowed(server: Server, method: str) -> None:
    status, headers, _ = server.request(method, "/")
    assert status == 405
    assert headers["allow"] == "GET, HEAD"


def test_head_answers_without_a_body(server: Server) -> None:
    status, headers, body = server.request("HEAD", "/")
    assert (status, body) == (200, b"")
    assert headers["content-type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize("path", [
    "/.ssg-output", "/.ssg-cache/x", "/.git/config", "/backup.sql", "/dt/index.html.bak",
    "/passwd.html", "/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/dt/..%2f..%2f..%2fetc/passwd",
])  # fmt: skip
def test_what_the_build_did_not_write_is_not_served(server: Server, path: str) -> None:
    assert (server.root / "backup.sql").is_file()  # (they are there to be refused)
    status, _headers, body = server.request("GET", path)
    assert status in (400, 403, 404), path
    assert b"root:" not in body and b"DROP TABLE" not in body and b"[core]" not in body


def test_ipv6_listen_works(server: Server) -> None:
    if not server.ipv6:
        pytest.skip("this machine has no ::1; the IPv6 listen is tested where it has")
    status, _headers, body = server.request("GET", "/", address="::1")
    assert status == 200 and body == (server.root / "index.html").read_bytes()
    status, headers, _ = server.request("GET", "/x.html", https=False, address="::1")
    assert status == 301 and headers["location"].startswith("https://")


def test_certificate_renewal_challenges_are_answered_over_http_from_their_own_folder(
    server: Server,
) -> None:
    """certbot --webroot (data/deploy.yaml acme_root): Let's Encrypt asks on port 80, for the
    domain and for an old domain still on the certificate; the answer comes from the
    challenge folder, not the web root; everything else still goes to HTTPS, and the HTTPS
    server still refuses every dotted path."""
    path = "/" + ACME_CHALLENGE
    for host in (DOMAIN, OLD_DOMAIN):
        status, headers, body = server.request("GET", path, host=host, https=False)
        assert (status, body.decode()) == (200, ACME_ANSWER), host
        assert headers["content-type"].startswith("text/plain")
    status, _, _ = server.request("GET", "/.well-known/acme-challenge/none", https=False)
    assert status == 404
    status, headers, _ = server.request("GET", "/.well-known/security.txt", https=False)
    assert status == 301 and headers["location"].startswith(f"https://{DOMAIN}")
    assert server.request("GET", path)[0] == 404
