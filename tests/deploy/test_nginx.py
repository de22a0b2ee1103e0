"""The nginx generator on its own: settings in, text out, for odd inputs.

tests/deploy/test_nginx_live.py runs what it writes in a real nginx.
"""

from __future__ import annotations

import re

from ssg.deploy.nginx import (
    Listen,
    NginxSite,
    alias_locations,
    content_security_policy,
    extension_pattern,
    idna,
    quote_value,
    redirects,
    render,
)


def site(**changes: object) -> NginxSite:
    fields: dict[str, object] = {
        "domain": "www.ceshi.gov.cn",
        "names": ("www.ceshi.gov.cn",),
        "root": "/var/www/www.ceshi.gov.cn",
        "certificate": "/etc/nginx/ssl/a.crt",
        "certificate_key": "/etc/nginx/ssl/a.key",
    }
    fields.update(changes)
    return NginxSite(**fields)  # type: ignore[arg-type]


def locations(text: str) -> dict[str, str]:
    """`location = "path" { return 301 "target"; }` lines → {path: target}, unescaped."""
    found = {}
    for match in re.finditer(
        r'location = ("(?:[^"\\]|\\.)*") \{ return 301 ("(?:[^"\\]|\\.)*"); \}', text
    ):
        path, target = (re.sub(r"\\(.)", r"\1", g[1:-1]) for g in match.groups())
        found[path] = target
    return found


def test_chinese_alias_is_matched_decoded_and_redirects_percent_encoded() -> None:
    # nginx matches `location` against the decoded URI: the Chinese path as it is; the
    # Location header carries the target percent-encoded.
    found, _ = redirects({"旧栏目/会议 通知.html": "/dt/会议.html"})
    assert locations(render(site(redirects=found))) == {
        "/旧栏目/会议 通知.html": "/dt/%E4%BC%9A%E8%AE%AE.html"
    }


def test_a_folder_alias_answers_with_and_without_its_slash() -> None:
    assert alias_locations("old/index.html") == ("/old/", "/old/index.html", "/old")
    assert alias_locations("a.html") == ("/a.html",)
    found, _ = redirects({"old/index.html": "/new.html"})
    assert set(locations(render(site(redirects=found)))) == {"/old/", "/old/index.html", "/old"}


def test_quotes_backslashes_and_dollars_cannot_break_out_of_the_value() -> None:
    assert quote_value('a"b\\c') == '"a\\"b\\\\c"'
    found, _ = redirects({'a"b;{c}.html': "/x.html"}, [("/m.html", "https://new.gov.cn/$uri x")])
    text = render(site(redirects=found))
    assert locations(text) == {
        '/a"b;{c}.html': "/x.html",
        "/m.html": "https://new.gov.cn/%24uri%20x",
    }
    # ($ would name an nginx variable in `return`; a space would end the value)


def test_a_redirect_to_itself_is_left_out() -> None:
    # An alias that equals its own target (the page's own path) would loop forever.
    found, skipped = redirects({"dt/a.html": "/dt/a.html", "zw/index.html": "/zw/"})
    # (/zw → /zw/ is no loop: the slash redirect nginx would make anyway, in one hop)
    assert [(r.path, r.target) for r in found] == [("/zw", "/zw/")] and skipped == ()


def test_the_migration_mapping_wins_over_an_alias_for_the_same_path() -> None:
    found, _ = redirects({"a.html": "/b.html"}, [("/a.html", "https://new.gov.cn/a.html")])
    assert [(r.path, r.target) for r in found] == [("/a.html", "https://new.gov.cn/a.html")]


def test_a_path_with_a_control_character_is_skipped_and_shown_escaped() -> None:
    found, skipped = redirects({"a\nb.html": "/b.html"})
    assert found == () and skipped == ("'/a\\nb.html'",)
    text = render(site(redirects=found, skipped=skipped))
    assert "a\nb" not in text and "'/a\\nb.html'" in text


def test_ipv6_listens_only_when_on() -> None:
    listen = Listen(8080, 8443, "127.0.0.1", "[::1]")
    on = render(site(listen=listen))
    off = render(site(listen=listen, ipv6=False))
    assert "listen [::1]:8080;" in on and "listen [::1]:8443 ssl http2;" in on
    assert "[::1]" not in off and "listen 127.0.0.1:8443 ssl http2;" in off
    assert "return 301 https://www.ceshi.gov.cn:8443$request_uri;" in on
    assert "return 301 https://www.ceshi.gov.cn$request_uri;" in render(site())


def test_chinese_domain_is_served_under_its_idna_name() -> None:
    name = idna("测试市政府.政务")
    assert name.startswith("xn--") and name.endswith(".xn--zfr164b")
    text = render(site(names=("www.ceshi.gov.cn", name)))
    assert f"server_name www.ceshi.gov.cn {name};" in text


def test_old_domains_get_their_own_server_that_redirects_every_path() -> None:
    text = render(site(old_domains=("www.old.gov.cn",)))
    block = text.split("server_name www.old.gov.cn;", 1)[1].split("}", 1)[0]
    assert "return 301 https://www.ceshi.gov.cn$request_uri;" in block


def test_csp_allows_the_site_the_inline_scripts_by_hash_and_only_configured_embeds() -> None:
    bare = content_security_policy(["abc="], conac=False, jiucuo=False)
    assert "script-src 'self' 'sha256-abc='" in bare
    assert "unsafe-inline'" not in bare.split("script-src", 1)[1].split(";", 1)[0]
    assert "conac" not in bare and "zfwzgl" not in bare
    full = content_security_policy(
        [], conac=True, jiucuo=True, search_server="https://so.ceshi.gov.cn:8790/api/search"
    )
    assert "https://dcs.conac.cn" in full and "https://zfwzgl.www.gov.cn" in full
    assert "connect-src 'self' https://so.ceshi.gov.cn:8790;" in full
    assert "frame-ancestors 'self'" in full


def test_extension_pattern_refuses_types_the_build_did_not_write() -> None:
    pattern = re.compile(extension_pattern(["html", "bin", "PDF"]), re.I)
    refused = ["/a.php", "/backup.sql", "/a.html~", "/x/y.tar.gz", "/a.html.bak"]
    served = ["/a.html", "/search/s/ab.bin", "/f/附件.PDF", "/zwgk", "/v1.2/page", "/"]
    assert [p for p in refused if pattern.search(p)] == refused
    assert [p for p in served if pattern.search(p)] == []
    assert extension_pattern([]) == ""


def test_redirects_come_sorted_whatever_the_order_given() -> None:
    one, _ = redirects({"b.html": "/x.html", "a.html": "/y.html"})
    two, _ = redirects({"a.html": "/y.html", "b.html": "/x.html"})
    assert one == two and [r.path for r in one] == ["/a.html", "/b.html"]


def test_only_a_test_makes_the_site_the_default_server() -> None:
    assert "default_server" not in render(site(old_domains=("www.old.gov.cn",)))
    text = render(site(listen=Listen(8080, 8443, "127.0.0.1", "[::1]", default_server=True)))
    main = text.split("server_name www.ceshi.gov.cn;")[-2].rsplit("server {", 1)[1]
    assert "listen 127.0.0.1:8443 ssl http2 default_server;" in main


def test_the_acme_challenge_location_is_written_only_when_asked_and_before_the_redirect() -> None:
    plain = render(site())
    assert "acme-challenge" not in plain
    with_acme = render(site(acme_root="/var/www/acme"))
    http_server = with_acme.split("server {", 2)[1]
    assert (
        'location ^~ /.well-known/acme-challenge/ {\n        root "/var/www/acme";' in http_server
    )
    assert http_server.index("acme-challenge") < http_server.index("return 301")
