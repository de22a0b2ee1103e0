"""site.yaml's allowed_hosts in the Content-Security-Policy nginx sends (ssg/deploy/nginx.py
`csp_source`): every source a real nginx sends is one CSP3's grammar accepts, a browser
dropping none of them. Real build on disk, real nginx (tests/deploy/conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ssg.deploy.nginx import content_security_policy, csp_source, idna
from tests.deploy.conftest import (
    CHINESE_DOMAIN,
    Certificate,
    build_site,
    nginx_binary,
    nginx_test,
    serving,
    wrapper_conf,
)
from tests.derive.kit import NOTICE_COLUMN
from tests.sitekit import SITE_YAML

# CSP3 §2.3.1 source-expression, as the spec writes it (https://www.w3.org/TR/CSP3/):
#   host-source = [ scheme-part "://" ] host-part [ ":" port-part ] [ path-part ]
#   host-part   = "*" / [ "*." ] 1*host-char *( "." 1*host-char ) [ "." ]
#   host-char   = ALPHA / DIGIT / "-"          port-part = 1*DIGIT / "*"
_SCHEME = r"[A-Za-z][A-Za-z0-9+.-]*"
_HOST_SOURCE = re.compile(
    rf"(?:{_SCHEME}://)?(?:\*|(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?)"
    r"(?::(?:[0-9]+|\*))?(?:/[^\s;,]*)?"
)
_OTHER_SOURCE = re.compile(
    rf"{_SCHEME}:|'(?:self|none|unsafe-inline|unsafe-eval|strict-dynamic)'"
    r"|'sha(?:256|384|512)-[A-Za-z0-9+/_-]+={0,2}'"
)


def invalid_sources(policy: str) -> list[str]:
    """The source expressions of `policy` that CSP3's grammar does not accept."""
    bad = []
    for directive in policy.split(";"):
        name, *sources = directive.split()
        if name in ("upgrade-insecure-requests",):
            continue
        bad += [s for s in sources if not (_HOST_SOURCE.fullmatch(s) or _OTHER_SOURCE.fullmatch(s))]
    return bad


# Any port (`:*`): the checker compares hosts, not ports, and what it passes must load.
KEYS = {
    "v.ceshi.gov.cn": "https://v.ceshi.gov.cn:*",
    "Img.Ceshi.gov.cn.": "https://img.ceshi.gov.cn:*",
    "10.1.2.3": "https://10.1.2.3:*",
    "10.1.2.4:8080": "https://10.1.2.4:*",
    "视频.政务": f"https://{idna('视频.政务')}:*",
    "[fd00::1]": "",  # (CSP3's host-part has no IPv6 form: left out)
    "[FD00:0::2]:8443": "",
    "fd00::3": "",
}


@pytest.mark.parametrize(("key", "source"), KEYS.items())
def test_each_allowed_host_is_a_source_csp_accepts_or_none(key: str, source: str) -> None:
    """It was `https://<key>`: `https://https://cdn…` for a URL (now refused by config
    loading, CONFIG-02), `https://[fd00::1]` for an IPv6 key, a Chinese name unencoded."""
    assert csp_source(key) == source
    assert invalid_sources(content_security_policy([], False, False, allowed_hosts=[key])) == []


@pytest.mark.parametrize(
    ("server", "source"),
    [
        ("https://so.ceshi.gov.cn:8790/api/search", "https://so.ceshi.gov.cn:8790"),
        ("http://10.1.2.5:8790/api/search", "http://10.1.2.5:8790"),
        # (a user name and password were sent to every visitor in the header)
        ("https://ssg:secret@so.ceshi.gov.cn/api/search", "https://so.ceshi.gov.cn"),
        ("https://搜索.政务/api/search", f"https://{idna('搜索.政务')}"),
        ("http://[fd00::5]:8790/api/search", ""),  # (as an IPv6 key: CSP has no form for it)
    ],
)
def test_the_search_servers_origin_is_a_source_csp_accepts_or_none(
    server: str, source: str
) -> None:
    policy = content_security_policy([], False, False, search_server=server)
    assert invalid_sources(policy) == []
    connect = policy.split("connect-src ", 1)[1].split(";", 1)[0].split()
    assert connect == ["'self'", *([source] if source else [])]


def test_a_real_nginx_sends_a_policy_whose_every_source_is_valid(
    tmp_path: Path, certificate: Certificate, tmp_path_factory: pytest.TempPathFactory
) -> None:
    keys = "".join(f'  "{key}": 经审批的平台\n' for key in KEYS)
    built = build_site(
        tmp_path / "site",
        certificate,
        {**NOTICE_COLUMN},
        site_yaml=SITE_YAML + f"chinese_domain: {CHINESE_DOMAIN}\nallowed_hosts:\n{keys}",
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(wrapper_conf(tmp_path, built.deploy / "nginx.conf"), encoding="utf-8")
    checked = nginx_test(nginx_binary(), tmp_path, conf)
    assert checked.returncode == 0, checked.stderr
    with serving(built, certificate, tmp_path_factory) as server:
        status, headers, _ = server.request("GET", "/")
    assert status == 200
    policy = headers["content-security-policy"]
    assert invalid_sources(policy) == []
    default_src = policy.split(";", 1)[0].split()
    assert default_src == ["default-src", "'self'", *sorted(s for s in KEYS.values() if s)]
    assert "fd00" not in policy and "[" not in policy
