"""The names nginx serves a site under (server_name, and the host of its redirects'
Location), from data/site.yaml's `domain` and `chinese_domain`.

Both are text in site.yaml, and their shape is a compliance matter (RULES ID-02, ID-05:
deduct, the site can still be built). The nginx.conf written from them is another matter: a
file the server loads. `jyj.ceshi.gov.cn;`, a space or a brace ends the directive and
`nginx -t` refuses the whole configuration — on a 集约化 platform, every site's with it —
and `https://…/` or `:8443` is a server_name no request's Host header ever matches, so the
site is not served at all. With data/deploy.yaml such a name is an input error (DEPLOY-05,
at its line) and blocks the build, as a relative `root` does (DEPLOY-01). What differs
only in spelling — upper case, the DNS root's trailing dot, a Chinese label — is written as
browsers send it: lower case, no trailing dot, IDNA (`xn--…`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ssg.config import SITE_FILE, SiteConfig
from ssg.diagnostics import Diagnostics
from ssg.lifecycle import DOMAIN_CHANGE, LIFECYCLE_FILE, Event, Lifecycle

CODE = "DEPLOY-05"
HANDED_ON = "DEPLOY-06"  # advice: an old domain that is another site's now

# One label: letters, digits, hyphens (and underscores, which nginx and DNS accept though a
# host name should not carry them; ID-02 reports them), at most 63 characters.
_LABEL = r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
_HOST = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*$")


def server_name(written: str) -> str:
    """`written` as nginx's server_name and a Host header carry it, or "" when it is no
    host name at all (a URL, a port, spaces, nginx's ; {{ }} …)."""
    name = written.strip().lower()
    if name.endswith(".") and not name.endswith(".."):
        name = name[:-1]  # (www.x.gov.cn. is the same host, fully qualified)
    try:
        name = name.encode("idna").decode("ascii")
    except UnicodeError:
        return ""
    return name if _HOST.match(name) else ""


def check_server_names(config: SiteConfig, diags: Diagnostics) -> bool:
    """Report (DEPLOY-05) each name of the site that nginx.conf cannot be written with;
    True when there is none."""
    ok = True
    for key, label, example in (
        ("domain", "英文域名", "www.shili.gov.cn"),
        ("chinese_domain", "中文域名", "示例市政府.政务"),
    ):
        written = getattr(config, key)
        if not written or server_name(written):
            continue
        ok = False
        diags.error(
            CODE,
            SITE_FILE,
            config.lines.get(key, 1),
            key,
            f"{label} “{written}” 不是主机名，无法写入 nginx 配置（server_name 与跳转地址）："
            f"只写域名本身，如 {example}，不写 https://、端口、路径、空格或标点；"
            "data/deploy.yaml 存在时，这样的值会使生成的 nginx.conf 无法加载或不能提供本站 "
            "(not a host name: nginx.conf cannot serve the site under it)",
        )
    return ok


def handed_on(lifecycle: Lifecycle, served: Mapping[str, str]) -> list[tuple[Event, str]]:
    """The domain changes whose old domain another site of the repository is served under
    now (`served`: its names → its folder, ssg/cross_site.py), with that site's folder.
    Such a name is that site's (README 集约化: links to it are judged by that site): this
    site's nginx.conf neither redirects nor serves it, else the platform's nginx has two
    servers of one name and ignores one of them — the other site's, or this one's redirect,
    by the order the files are included in — with only a warning."""
    found = []
    for event in lifecycle.of(DOMAIN_CHANGE):
        folder = served.get(server_name(event.old_domain))
        if event.old_domain and folder is not None:
            found.append((event, folder))
    return found


def report_handed_on(lifecycle: Lifecycle, served: Mapping[str, str], diags: Diagnostics) -> None:
    """Say so at the old domain's line (advice: the editor may have handed the name on, or
    copied another site's domain by mistake; either way the nginx.conf written is sound)."""
    for event, folder in handed_on(lifecycle, served):
        diags.advice(
            HANDED_ON,
            LIFECYCLE_FILE,
            event.line("old_domain"),
            event.path("old_domain"),
            f"原域名 {event.old_domain} 现在是本仓库站点 {folder} 的域名：本站的 nginx 配置不为它生成跳转或提供"
            f"本站，由 {folder} 的配置提供（否则平台的 nginx 中两个站点同名，只有一个生效）；若写错了原域名，请改正 "
            f"(the old domain is now another site's, {folder}: nginx.conf leaves it to that site)",
        )
