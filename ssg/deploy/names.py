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

from ssg.config import SITE_FILE, SiteConfig
from ssg.diagnostics import Diagnostics

CODE = "DEPLOY-05"

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
