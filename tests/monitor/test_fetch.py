"""One request against a real local server: deadlines, redirects, refusals, dropped lines."""

from __future__ import annotations

import base64
import socket
import time

import pytest

from ssg.monitor.fetch import MAX_REDIRECTS, Proxy, fetch, proxy_for
from tests.monitor.conftest import OUTSIDE, STALLS, ForwardProxy, Server


def test_a_complete_2xx_answer_is_ok(server: Server) -> None:
    answer = fetch(server.url("/ok"), timeout=5)
    assert answer.ok and answer.status == 200 and answer.error == ""


def test_a_redirect_is_followed_to_its_answer(server: Server) -> None:
    answer = fetch(server.url("/redirect"), timeout=5)
    assert answer.ok and answer.final == server.url("/ok")


def test_head_follows_redirects_as_head(server: Server) -> None:
    fetch(server.url("/redirect"), "HEAD", timeout=5, read_body=False)
    assert [(s.method, s.path) for s in server.state.seen] == [
        ("HEAD", "/redirect"),
        ("HEAD", "/ok"),
    ]


def test_a_server_error_is_an_answer_but_not_ok(server: Server) -> None:
    answer = fetch(server.url("/fail"), timeout=5)
    assert answer.status == 500 and not answer.ok and answer.error == ""


def test_a_slow_server_is_cut_at_the_deadline(server: Server) -> None:
    started = time.monotonic()
    answer = fetch(server.url("/slow?s=3"), timeout=0.4)
    waited = time.monotonic() - started
    assert not answer.ok and "timed out" in answer.error
    assert 0.4 <= waited < 1.0


def test_a_body_that_trickles_is_cut_at_the_deadline_too(server: Server) -> None:
    # Each byte comes well within any per-read timeout: only a deadline on the whole
    # response stops the wait (1000 bytes at 50 ms would take 50 s).
    started = time.monotonic()
    answer = fetch(server.url("/trickle"), timeout=0.5)
    assert "timed out" in answer.error
    assert time.monotonic() - started < 1.5


def test_a_dropped_connection_is_a_failure(server: Server) -> None:
    answer = fetch(server.url("/drop"), timeout=5)
    assert answer.status == 0 and "connection dropped" in answer.error


def test_a_refused_connection_is_a_failure() -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    answer = fetch(f"http://127.0.0.1:{port}/", timeout=5)
    assert answer.status == 0 and "connection refused" in answer.error


def test_a_redirect_loop_ends(server: Server) -> None:
    answer = fetch(server.url("/loop"), timeout=5)
    assert "too many redirects" in answer.error
    assert len(server.state.seen) == MAX_REDIRECTS + 1


def test_a_chinese_path_is_percent_encoded_when_sent(server: Server) -> None:
    fetch(server.url("/附件/表格 一.pdf"), timeout=5)
    assert server.state.seen[0].path == "/%E9%99%84%E4%BB%B6/%E8%A1%A8%E6%A0%BC%20%E4%B8%80.pdf"


def test_the_seconds_are_measured_by_the_clock_given() -> None:
    ticks = iter([100.0, 103.5])
    answer = fetch("ftp://example.invalid/", timeout=5, clock=lambda: next(ticks))
    assert answer.seconds == 3.5 and "not an http(s) URL" in answer.error


def test_a_chinese_domain_is_looked_up_in_its_ascii_form(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[object] = []

    def lookup(host: object, *args: object, **kwargs: object) -> object:
        asked.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "not here")

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    answer = fetch("http://示例市政府.政务/", timeout=5)
    assert "name not resolved" in answer.error
    [host] = asked
    assert isinstance(host, str) and host.isascii() and host.startswith("xn--")
    assert host.encode("ascii").decode("idna") == "示例市政府.政务"


# --- proxies, as curl takes them from the environment (tests/monitor/conftest.py `proxy`) ---


def test_an_http_url_goes_through_http_proxy(
    server: Server, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name resolves nowhere here: only the proxy can reach it, as from an intranet."""
    proxy.names[OUTSIDE] = server.port
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    answer = fetch(f"http://{OUTSIDE}/ok", timeout=5)
    assert answer.ok, answer.error
    assert proxy.seen == [("GET", f"http://{OUTSIDE}/ok", "")]
    assert [(s.path, s.host) for s in server.state.seen] == [("/ok", OUTSIDE)]


def test_an_https_url_goes_through_a_connect_tunnel(
    tls_origin: Server, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy.names[OUTSIDE] = tls_origin.port
    monkeypatch.setenv("https_proxy", proxy.url.removeprefix("http://"))  # (curl: http:// implied)
    answer = fetch(f"https://{OUTSIDE}/redirect", timeout=5)
    assert answer.ok, answer.error
    assert answer.final == f"https://{OUTSIDE}/ok"
    # One tunnel per request; the proxy saw the host, never the path (TLS end to end).
    assert proxy.seen == [("CONNECT", f"{OUTSIDE}:443", "")] * 2
    assert [s.path for s in tls_origin.state.seen] == ["/redirect", "/ok"]


def test_the_proxy_url_may_carry_credentials(
    server: Server, tls_origin: Server, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy.names[OUTSIDE] = server.port
    monkeypatch.setenv("http_proxy", proxy.url.replace("://", "://zhang%40san:mi%3Ama@"))
    assert fetch(f"http://{OUTSIDE}/ok", timeout=5).ok
    proxy.names[OUTSIDE] = tls_origin.port
    monkeypatch.setenv("HTTPS_PROXY", proxy.url.replace("://", "://zhang%40san:mi%3Ama@"))
    assert fetch(f"https://{OUTSIDE}/ok", timeout=5).ok
    expected = "Basic " + base64.b64encode(b"zhang@san:mi:ma").decode()
    assert [auth for _method, _target, auth in proxy.seen] == [expected, expected]


def test_all_proxy_serves_both_schemes_when_the_others_are_unset(
    server: Server, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy.names[OUTSIDE] = server.port
    monkeypatch.setenv("ALL_PROXY", proxy.url)
    assert fetch(f"http://{OUTSIDE}/ok", timeout=5).ok
    assert [m for m, _t, _a in proxy.seen] == ["GET"]


def test_no_proxy_hosts_are_reached_directly(
    server: Server, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "intranet.gov.cn, 127.0.0.0/8")
    assert fetch(server.url("/ok"), timeout=5).ok  # (by CIDR range)
    monkeypatch.setenv("NO_PROXY", ".example.gov.cn")
    direct = fetch(f"http://{OUTSIDE}/ok", timeout=5)  # (by domain suffix: not resolved here)
    assert not direct.ok and "name not resolved" in direct.error
    monkeypatch.setenv("no_proxy", "*")
    assert fetch(server.url("/ok"), timeout=5).ok
    assert proxy.seen == []
    assert len(server.state.seen) == 2


def test_lower_case_wins_and_a_cgi_program_ignores_http_proxy(
    server: Server, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy.names[OUTSIDE] = server.port
    monkeypatch.setenv("http_proxy", proxy.url)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # (nothing listens on port 9)
    assert fetch(f"http://{OUTSIDE}/ok", timeout=5).ok
    monkeypatch.delenv("http_proxy")
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("REQUEST_METHOD", "GET")  # (CGI: HTTP_PROXY is a request's header)
    assert not fetch(f"http://{OUTSIDE}/ok", timeout=5).ok
    assert len(proxy.seen) == 1


def test_the_deadline_bounds_the_exchange_through_the_proxy_too(
    proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    started = time.monotonic()
    answer = fetch(f"https://{STALLS}/", timeout=0.5)
    waited = time.monotonic() - started
    assert not answer.ok and "timed out" in answer.error
    assert 0.5 <= waited < 1.5
    assert proxy.seen == [("CONNECT", f"{STALLS}:443", "")]


def test_a_refused_tunnel_and_an_unusable_setting_are_said(
    proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    refused = fetch("https://unknown.example.gov.cn/", timeout=5)  # (the proxy answers 502)
    assert "proxy refused the tunnel" in refused.error and "502" in refused.error
    monkeypatch.setenv("HTTPS_PROXY", "socks5://127.0.0.1:1080")
    unusable = fetch(f"https://{OUTSIDE}/", timeout=5)
    assert "only http:// proxies" in unusable.error


@pytest.mark.parametrize(
    ("no_proxy", "url", "direct"),
    [
        ("", "http://a.gov.cn/", False),
        ("a.gov.cn", "http://a.gov.cn/", True),
        ("a.gov.cn", "http://www.a.gov.cn/", True),
        ("a.gov.cn", "http://ba.gov.cn/", False),
        (".a.gov.cn", "http://a.gov.cn/", True),
        ("A.GOV.CN", "http://a.gov.cn./", True),
        ("a.gov.cn:8080", "http://a.gov.cn:8080/", True),
        ("a.gov.cn:8080", "http://a.gov.cn/", False),
        ("10.0.0.0/8", "http://10.2.3.4/", True),
        ("10.0.0.1", "http://10.0.0.2/", False),
        ("::1", "http://[::1]:8000/", True),
        ("*", "https://any.example.org/", True),
    ],
)
def test_no_proxy_matches_as_curl_does(no_proxy: str, url: str, direct: bool) -> None:
    env = {"http_proxy": "proxy.intranet:3128", "https_proxy": "proxy.intranet:3128"}
    found = proxy_for(url, {**env, "no_proxy": no_proxy})
    assert (found is None) == direct
    if found is not None:
        assert (found.host, found.port) == ("proxy.intranet", 3128)


def test_a_proxy_without_a_port_is_on_curls_1080() -> None:
    assert proxy_for("http://a.gov.cn/", {"http_proxy": "proxy.intranet"}) == Proxy(
        "proxy.intranet", 1080
    )
    assert proxy_for("http://a.gov.cn/", {}) is None
