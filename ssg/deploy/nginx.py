"""The nginx configuration of a site: settings in, text out (pure functions, no I/O).

`NginxSite` holds everything the configuration depends on — names, paths, the listen
addresses (tests bind high ports on 127.0.0.1 and ::1 with the same generator), redirects,
the file types of the output and the Content-Security-Policy — and `render` fills the
template `nginx.conf.j2` beside this module. `nginx_site` assembles one from the linked
site, data/deploy.yaml and what the build wrote.

Why each directive is there is said in the template's comments, in Chinese for the people
who deploy: HTTP → HTTPS and IPv6 (RULES ID-17), old domains (NOTICE-04), aliases and a
migration's mapping (ARCHITECTURE §1.3, NOTICE-02), the search index served as the gzip
bytes it is, security headers (SEC-01: only the site itself and the configured official
embeds may load anything).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2

from ssg import __version__
from ssg.config import read_host_key

_TEMPLATE = Path(__file__).with_name("nginx.conf.j2")
_DEFAULT_TEMPLATE = Path(__file__).with_name("default_server.conf.j2")
CONAC_HOST = "dcs.conac.cn"  # RULES ID-11: the 党政机关网站标识 script and its image
JIUCUO_HOST = "zfwzgl.www.gov.cn"  # RULES ID-12: the 我为政府网站找错 script


@dataclass(frozen=True, slots=True)
class Listen:
    """Where the servers listen. Production: every address on 80 and 443; tests: loopback."""

    http_port: int = 80
    https_port: int = 443
    ipv4: str = ""  # "" = every IPv4 address; "127.0.0.1"
    ipv6: str = "[::]"  # used only when the site has ipv6; "[::1]"
    # The site's HTTPS server answers any Host (a request by address): off in production,
    # where a server reached by its IP address should not pass for the site (the default
    # server, render_default_server, answers those); on for a browser test that can only
    # reach 127.0.0.1.
    default_server: bool = False


@dataclass(frozen=True, slots=True)
class Redirect:
    path: str  # the decoded URL path nginx matches: /旧栏目/a b.html
    target: str  # where to: a site path or a full URL, percent-encoded
    why: str  # the comment beside it: which alias or mapping row


@dataclass(frozen=True, slots=True)
class QueryRedirects:
    """The 301s of one path by its query string (aliases such as `/detail.jsp?id=101`), in
    the path's exact location; a query none of them names gets `otherwise`, the path's own
    redirect, or with "" the path served as any other."""

    path: str  # the decoded path
    cases: tuple[tuple[str, str], ...]  # (query as the browser sends it, target), sorted
    otherwise: str = ""
    # The path is a file this build wrote: served as any other. Else 404: the location is
    # exact, so the rules that refuse dotfiles and file types the build did not write (regex
    # locations) never see the path (an old /index.php, /.git/config).
    built: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class NginxSite:
    domain: str
    names: tuple[str, ...]  # server_name: the domain, the Chinese domain in IDNA
    root: str
    certificate: str
    certificate_key: str
    ipv6: bool = True
    listen: Listen = field(default_factory=Listen)
    redirects: tuple[Redirect, ...] = ()
    query_redirects: tuple[QueryRedirects, ...] = ()
    old_domains: tuple[str, ...] = ()  # domain changes in effect: each 301s to `domain`
    # Domain changes still to come, (old domain, its date): until that date the old domain
    # is still the site's address and serves it (RULES NOTICE-04; Event.in_effect).
    pending_domains: tuple[tuple[str, str], ...] = ()
    extensions: tuple[str, ...] = ()  # file types the build wrote; () = no restriction
    csp: str = "default-src 'self'"
    skipped: tuple[str, ...] = ()  # redirects that cannot be written, shown as comments
    acme_root: str = ""  # served at /.well-known/acme-challenge/ over plain HTTP
    build_date: str = ""


def quote_value(value: str) -> str:
    """An nginx string: double-quoted, with `"` and `\\` escaped (a ; { } # or space inside
    an unquoted value would end it or start a comment)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def idna(name: str) -> str:
    """A host name as nginx's server_name and the Host header carry it: 青岚市人民政府.政务 →
    xn--….xn--zfr164b (browsers send the IDNA form)."""
    try:
        return name.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return ""


def safe_target(url: str) -> str:
    """A redirect target with what nginx or the header would misread encoded: `$` starts a
    variable in nginx's `return`, spaces and quotes end values, control characters end
    headers. Existing %XX escapes and URL delimiters are kept."""
    return quote(url, safe=":/?#[]@!&'()*+,;=%~")


def _has_control(text: str) -> bool:
    return any(ord(c) < 32 or ord(c) == 127 for c in text)


def alias_locations(output_path: str) -> tuple[str, ...]:
    """The decoded request paths one alias page answers: `old/index.html` is /old/,
    /old/index.html and /old (else nginx would first add the slash: two hops)."""
    path = "/" + output_path
    if path.endswith("/index.html"):
        folder = path[: -len("index.html")]
        return (folder, path, folder.rstrip("/")) if folder != "/" else (path,)
    return (path,)


def redirects(
    aliases: Mapping[str, str], moved: Iterable[tuple[str, str]] = ()
) -> tuple[tuple[Redirect, ...], tuple[str, ...]]:
    """Exact-location 301s: a migration's mapping (path → URL, it wins: the content left)
    then aliases (output path of the alias page → target path). A path given twice keeps
    its first; a redirect to itself (a loop) and a path with control characters are left
    out, the latter listed as skipped. Returns (redirects sorted by path, skipped)."""
    chosen: dict[str, Redirect] = {}
    skipped: list[str] = []
    for path, url in moved:
        chosen.setdefault(path, Redirect(path, safe_target(url), "迁移对照表 (migration mapping)"))
    for output_path in sorted(aliases):
        target = aliases[output_path]
        for path in alias_locations(output_path):
            chosen.setdefault(path, Redirect(path, safe_target(quote(target, safe="/")), "aliases"))
    kept = []
    for path in sorted(chosen):
        redirect = chosen[path]
        if _has_control(path) or _has_control(redirect.target):
            skipped.append(ascii(path))
        elif not _is_loop(redirect):
            kept.append(redirect)
    return tuple(kept), tuple(skipped)


def query_redirects(
    queries: Iterable[tuple[str, str, str]],
    plain: tuple[Redirect, ...],
    built: Collection[str] = (),
) -> tuple[tuple[QueryRedirects, ...], tuple[Redirect, ...], tuple[str, ...]]:
    """(decoded path, query, target URL path) grouped by path, and the plain redirects left:
    one of a path that has queries becomes its group's `otherwise` (nginx refuses two exact
    locations of one path). `built`: the output's files (relative paths); a path that is none
    of them answers 404 to other queries. A path with control characters is left out, listed
    as skipped."""
    by_path: dict[str, list[tuple[str, str]]] = {}
    skipped: list[str] = []
    for path, args, target in queries:
        if _has_control(path):
            skipped.append(ascii(f"{path}?{args}"))
            continue
        by_path.setdefault(path, []).append((args, safe_target(quote(target, safe="/"))))
    own = {r.path: r.target for r in plain if r.path in by_path}
    groups = tuple(
        QueryRedirects(path, tuple(sorted(cases)), own.get(path, ""), _file_of(path) in built)
        for path, cases in sorted(by_path.items())
    )
    return groups, tuple(r for r in plain if r.path not in by_path), tuple(skipped)


def _file_of(path: str) -> str:
    """The output file a decoded request path is answered with ("" for a dotted segment,
    which is never served)."""
    rel = path.lstrip("/")
    if any(part.startswith(".") for part in rel.split("/")):
        return ""
    return rel + "index.html" if rel.endswith("/") or not rel else rel


def _is_loop(redirect: Redirect) -> bool:
    target = redirect.target
    if "://" in target:
        return False
    own = quote(redirect.path, safe="/")
    return target in (own, own.removesuffix("index.html"))


def csp_source(key: str) -> str:
    """The CSP host-source of a key of site.yaml's `allowed_hosts` (a host, optionally :port,
    as config.read_host_key reads it): `https://`, the host in the ASCII form CSP3's host-char
    allows (a 中文域名 as IDNA), and any port (`:*`): ID-04 and SEC-01 compare hosts, not ports
    (README), so an asset they pass from `https://10.1.2.3:8443/` must load under the key
    "10.1.2.3" too — a source without a port would allow 443 only, and one with the key's port
    that port only. "" for a key CSP cannot express:

    - an IPv6 address: CSP3's host-part has no brackets or colons (`1*host-char *( "."
      1*host-char )`), so a browser drops `https://[fd00::1]` from the directive as invalid
      and then blocks the address's assets whatever is written. The key still lets ID-04 and
      SEC-01 pass links to the address (an intranet system's page is a link, and links are
      no CSP matter); an asset has to come from a named host to load.
    - a key config loading refused (CONFIG-02), should one reach here all the same."""
    host = read_host_key(key)
    if host is None or host.ipv6:
        return ""
    name = idna(host.host)
    if not name:
        return ""
    return f"https://{name}:*"


def _server_source(url: str) -> str:
    """The CSP source of the search server's origin, by the same host reading as csp_source:
    the URL's netloc as written could carry a user name and password (sent to every visitor
    in the header) or an IPv6 literal no browser accepts as a source; "" for those."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname or ":" in parts.hostname:
        return ""
    source = csp_source(parts.hostname)  # (its port is the URL's own: the origin exactly)
    if not source:
        return ""
    origin = source.removesuffix(":*").replace("https://", f"{parts.scheme}://", 1)
    return f"{origin}:{port}" if port else origin


def content_security_policy(
    script_hashes: Iterable[str],
    conac: bool,
    jiucuo: bool,
    search_server: str = "",
    allowed_hosts: Iterable[str] = (),
) -> str:
    """Only the site itself may load anything (RULES SEC-01; ARCHITECTURE §3.2), plus the two
    official embeds when configured (ID-11 conac: its script and image from dcs.conac.cn;
    ID-12 jiucuo: zfwzgl.www.gov.cn) and the hosts data/site.yaml allows, each with a reason.
    Inline scripts of the theme (base.html sets the reading preferences before the first
    paint) are allowed by their SHA-256, never by 'unsafe-inline'. Inline styles are allowed:
    templates carry <style> blocks and editors' tables keep `text-align` (sanitised bodies),
    and a style cannot run code."""
    embeds = [f"https://{h}" for h, on in ((CONAC_HOST, conac), (JIUCUO_HOST, jiucuo)) if on]
    allowed = sorted({source for key in allowed_hosts if (source := csp_source(key))})
    hashes = [f"'sha256-{h}'" for h in sorted(set(script_hashes))]
    connect = ["'self'", *allowed]
    if search_server:
        connect.append(_server_source(search_server))
    directives = [
        ("default-src", ["'self'", *allowed]),
        ("script-src", ["'self'", *hashes, *embeds, *allowed]),
        ("style-src", ["'self'", "'unsafe-inline'", *embeds, *allowed]),
        ("img-src", ["'self'", "data:", *embeds, *allowed]),
        ("connect-src", list(dict.fromkeys(c for c in connect if c))),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'self'"]),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives) + (
        "; upgrade-insecure-requests"
    )


def security_headers(site: NginxSite, indent: str) -> str:
    """The headers every response carries. nginx drops a level's add_header as soon as a
    location has one of its own, so each such location repeats the whole block."""
    pairs = [
        ("Content-Security-Policy", site.csp),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "SAMEORIGIN"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Strict-Transport-Security", "max-age=31536000"),
    ]
    return "\n".join(
        f"{indent}add_header {name} {quote_value(value)} always;" for name, value in pairs
    )


def extension_pattern(extensions: Iterable[str]) -> str:
    """A regex matching a last path segment whose type the build did not write. A segment
    without a dot (a folder: /zwgk → /zwgk/) is never matched."""
    listed = sorted({e.lower() for e in extensions if e})
    if not listed:
        return ""
    alternatives = "|".join(re.escape(e) for e in listed)
    return rf"\.(?!(?:{alternatives})$)[^./]*$"


def _listen(listen: Listen, ipv6: bool, port: int, ssl: bool, default: bool = False) -> str:
    suffix = (" ssl http2" if ssl else "") + (" default_server" if default else "")
    lines = [f"    listen {listen.ipv4 + ':' if listen.ipv4 else ''}{port}{suffix};"]
    if ipv6:
        lines.append(f"    listen {listen.ipv6}:{port}{suffix};")
    return "\n".join(lines)


@functools.cache
def _template(path: Path = _TEMPLATE) -> jinja2.Template:
    env = jinja2.Environment(
        autoescape=False,  # (nginx text, quoted by the `q` filter where it needs it)
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["q"] = quote_value
    return env.from_string(path.read_text(encoding="utf-8"))


def render(site: NginxSite) -> str:
    """The configuration file's text (include it in nginx's http {} block)."""
    port = site.listen.https_port
    https_base = f"https://{site.domain}" + ("" if port == 443 else f":{port}")
    variable = "$ssg_assets_cache_" + re.sub(r"[^a-z0-9]", "_", site.domain.lower())
    return _template().render(
        site=site,
        version=__version__,
        build_date=site.build_date or "-",
        listen_http=_listen(site.listen, site.ipv6, site.listen.http_port, ssl=False),
        listen_https=_listen(site.listen, site.ipv6, port, ssl=True),
        listen_site=_listen(
            site.listen, site.ipv6, port, ssl=True, default=site.listen.default_server
        ),
        site_names=" ".join((*site.names, *(old for old, _date in site.pending_domains))),
        port_suffix="" if port == 443 else f":{port}",
        https_base=https_base,
        headers=security_headers(site, "        "),
        server_headers=security_headers(site, "    "),
        assets_cache_var=variable,
        extension_pattern=extension_pattern(site.extensions),
        redirects=site.redirects,
        query_redirects=site.query_redirects,
        acme_location=_acme_location(site),
    )


def render_default_server(listen: Listen, ipv6: bool) -> str:
    """The server that answers what no site's server_name names (a request by IP address, a
    domain someone else points at the server): nothing, on every address and port the
    sites listen on. One per nginx: a second default_server of a port fails `nginx -t`, so
    it is a file of its own, not part of any site's configuration."""
    return _template(_DEFAULT_TEMPLATE).render(
        version=__version__,
        listen_http=_listen(listen, ipv6, listen.http_port, ssl=False, default=True),
        listen_https=_listen(listen, ipv6, listen.https_port, ssl=True, default=True),
    )


def _acme_location(site: NginxSite) -> str:
    """The HTTP-01 challenges of certificate renewal (certbot --webroot -w <acme_root>), from
    a folder of their own: they are not the build's files (the output is swapped whole at
    each deploy, and `ssg verify` would count a file put into it as tampering), and the HTTPS
    server refuses every dotted path. Before the redirect to HTTPS: a `location`, because a
    `return` at the server level would answer first."""
    if not site.acme_root:
        return ""
    return (
        "    # 证书自动续期（ACME HTTP-01，如 certbot --webroot -w 下面的目录）：验证文件从单独的目录发送\n"
        "    # (certificate renewal challenges, from a folder of their own).\n"
        "    location ^~ /.well-known/acme-challenge/ {\n"
        f"        root {quote_value(site.acme_root)};\n"
        "        default_type text/plain;\n"
        "    }\n"
    )


def script_hash(body: bytes) -> str:
    """The CSP source of one inline script's text (base64 of its SHA-256)."""
    return base64.b64encode(hashlib.sha256(body).digest()).decode("ascii")
