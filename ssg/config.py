"""data/site.yaml → validated, frozen site settings (ARCHITECTURE §2.1)."""

from __future__ import annotations

import difflib
import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ssg.content.frontmatter import YamlValue, parse_data_file
from ssg.diagnostics import Diagnostics
from ssg.monitor.urls import path_problem, url_problem
from ssg.written_path import posix_path

SITE_FILE = "data/site.yaml"
LEVELS = ("province", "city", "county", "department")
LEVEL_LABELS = {"province": "省级", "city": "市级", "county": "县级", "department": "部门"}

# The keys that name a file of the site (in static/, ssg/files.py); `theme` names a folder
# directly under themes/, no path, and the maps' values are URLs.
_STATIC_FILE_KEYS = ("emblem", "police_icon")
# key → (中文名, required, shape) ; shape: text | map | bool | int | list
_SITE_KEYS: dict[str, tuple[str, bool, str]] = {
    "name": ("网站全称", True, "text"),
    "domain": ("英文域名", True, "text"),
    "chinese_domain": ("中文域名", False, "text"),
    "level": ("网站级别", True, "text"),
    "parent": ("上级门户域名", False, "text"),
    "province": ("所属省份", False, "text"),
    "site_code": ("政府网站标识码", True, "text"),
    "region_code": ("行政区划代码", False, "text"),
    "icp": ("ICP 备案编号", False, "text"),
    "police_record": ("公安机关备案号", False, "text"),
    "police_icon": ("公安备案图标", False, "text"),
    "host": ("主办单位", True, "text"),
    "operator": ("承办单位", False, "text"),
    "contact": ("联系方式", False, "map"),
    "emblem": ("国徽图片", False, "text"),
    "conac": ("党政机关网站标识", False, "map"),
    "jiucuo": ("我为政府网站找错", False, "bool"),
    "services": ("办事服务", False, "map"),
    "interpretation_sync_days": ("解读同步发布天数", False, "int"),
    "column_types": ("扩充的栏目类别", False, "list"),
    "interact": ("互动交流平台", False, "map"),
    "search": ("搜索服务", False, "map"),
    "allowed_hosts": ("允许的站外主机", False, "map"),
    "theme": ("主题名", False, "text"),
    "page_size": ("列表每页条数", False, "int"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteConfig:
    name: str
    domain: str
    level: str
    site_code: str
    host: str
    chinese_domain: str = ""
    parent: str = ""
    province: str = ""
    region_code: str = ""
    icp: str = ""
    police_record: str = ""
    # The icon the filing system hands out with the number (ID-10); the theme has a stand-in.
    police_icon: str = ""
    operator: str = ""
    contact: Mapping[str, str] = field(default_factory=dict)
    emblem: str = ""
    conac: Mapping[str, str] = field(default_factory=dict)
    jiucuo: bool = False
    services: Mapping[str, str] = field(default_factory=dict)
    interpretation_sync_days: int = 0
    column_types: tuple[str, ...] = ()
    interact: Mapping[str, str] = field(default_factory=dict)
    search: Mapping[str, str] = field(default_factory=dict)
    allowed_hosts: Mapping[str, str] = field(default_factory=dict)
    theme: str = ""
    page_size: int = 20
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)

    @property
    def base_url(self) -> str:
        return f"https://{self.domain}"

    @property
    def police_record_code(self) -> str:
        """The 14 digits of 公安机关备案号, as its filing site's `recordcode` wants them."""
        match = re.search(r"(\d{14})", self.police_record)
        return match.group(1) if match else ""

    @property
    def is_portal(self) -> bool:
        return self.level != "department"


UNREADABLE = "FILE-03"
_DIGITS = re.compile(r"[0-9]+")


def read_input(path: Path) -> tuple[bytes | None, str]:
    """An editor's data file: (its bytes, "") when read, (None, "") when there is none, and
    (None, why) when something is in its place that cannot be read — a file without read
    permission, a link to nothing, a folder. Callers report `why` as UNREADABLE at line 0:
    an input that silently vanishes, or a traceback, would hide the editor's data."""
    if path.is_symlink() and not path.exists():
        return None, (
            f"{path.name} 是指向不存在文件的符号链接，请修复或删除该链接 (dangling symbolic link)"
        )
    if not path.exists():
        return None, ""
    if not path.is_file():
        return None, f"{path.name} 应为文件，不是文件夹 (expected a file, found a folder)"
    try:
        return path.read_bytes(), ""
    except OSError as exc:
        return None, (
            f"无法读取 {path.name}：{exc.strerror or exc}；请检查文件权限 (cannot read the file)"
        )


PLACEHOLDER = SiteConfig(
    name="（未配置网站名称）", domain="example.gov.cn", level="city", site_code="", host=""
)


def load_site_config(root: Path, diags: Diagnostics) -> SiteConfig | None:
    """Read and validate data/site.yaml; None (after reporting) when it cannot be used."""
    raw, unreadable = read_input(root / SITE_FILE)
    if unreadable:
        diags.error(UNREADABLE, SITE_FILE, 0, "", unreadable)
        return None
    if raw is None:
        diags.error(
            "CONFIG-01",
            SITE_FILE,
            0,
            "",
            "找不到网站配置文件 data/site.yaml；可用 `ssg init` 生成带注释的模板 "
            "(data/site.yaml not found)",
        )
        return None
    read = Diagnostics()
    nulls: set[str] = set()
    data, lines = parse_data_file(raw, SITE_FILE, read, nulls)
    diags.extend(read)
    if read.blocks():
        # The file could not be read as YAML (that error is reported): its settings are
        # unknown, not missing, so no CONFIG-02 "required setting missing" for each.
        return None
    if not isinstance(data, dict):
        diags.error("CONFIG-02", SITE_FILE, 1, "", "site.yaml 应为映射 (must be a mapping)")
        return None
    config = _typed_config(data, lines, diags, frozenset(nulls))
    theme = config.theme if config is not None else ""
    # The default theme needs no folder; any other named theme must be one under themes/
    # (else the build silently used the default theme).
    if theme and theme != "default" and not _is_theme(root, theme):
        diags.error(
            "CONFIG-02",
            SITE_FILE,
            lines.get("theme", 1),
            "theme",
            f"找不到主题文件夹 themes/{theme}/；主题名应为站点 themes/ 下的文件夹名，"
            "不写 theme 时使用默认主题 (theme folder not found)",
        )
        return None
    return config


def _is_theme(root: Path, theme: str) -> bool:
    """`theme` names a folder directly under the site's themes/ (not a path out of it)."""
    from ssg.sites import shared_roots

    return (
        "/" not in theme
        and "\\" not in theme
        and theme not in (".", "..")
        and any((top / "themes" / theme).is_dir() for top in [root, *shared_roots(root)])
    )


def host_of(text: str) -> str:
    """The domain a site.yaml field names, as written or inside a URL:
    `https://WWW.shili.gov.cn/index.html` → `www.shili.gov.cn`."""
    value = text.strip()
    if "//" in value:
        value = value.split("//", 1)[1]
    return value.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rstrip(".").lower()


@dataclass(frozen=True, slots=True)
class HostKey:
    """A key of `allowed_hosts` read as a host: `host` in lower case (an IPv6 address without
    its brackets, in its one written form), `port` as written ("" none)."""

    host: str
    port: str = ""

    @property
    def ipv6(self) -> bool:
        return ":" in self.host


# A DNS name as an editor writes one: labels of letters (a 中文域名's too) and digits, hyphens
# inside, dots between, a final dot allowed. No `_` or `*`: CSP's host-char is ALPHA / DIGIT /
# "-" (CSP3 host-source), and SEC-01 and ID-04 compare whole hosts, not patterns.
_LABEL = r"[^\W_]+(?:-+[^\W_]+)*"
_NAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?")
_HOST_PORT = re.compile(r"(?P<host>\[[^\]]*\]|[^:\[\]]*)(?::(?P<port>[^:]*))?")


def read_host_key(key: str) -> HostKey | None:
    """A key of `allowed_hosts` as the host (and port) it names; None when it names none.

    The forms ID-04 accepts (README, allowed_hosts): a name or IPv4 address, `[IPv6]`, each
    with an optional `:port` as copied off the address bar, and a bare IPv6 address (whose
    colons are no port)."""
    text = key.strip()
    try:
        bare = ipaddress.IPv6Address(text)
    except ValueError:
        bare = None
    if bare is not None:
        # (fe80::1%eth0: one machine's interface, no host of the web)
        return None if bare.scope_id else HostKey(bare.compressed)
    match = _HOST_PORT.fullmatch(text)
    if match is None:
        return None
    host, port = match["host"], match["port"]
    if port is not None and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        return None
    if host.startswith("["):
        try:
            address = ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return None
        if address.scope_id:
            return None
        return HostKey(address.compressed, port or "")
    if not _NAME.fullmatch(host):
        return None
    if re.fullmatch(r"[0-9.]+", host):  # (all digits: an IPv4 address, or no host at all)
        try:
            host = str(ipaddress.IPv4Address(host.rstrip(".")))
        except ValueError:
            return None
    try:
        host.encode("idna")  # (a 中文域名 the browser cannot send is no host either)
    except UnicodeError:
        return None
    return HostKey(host.rstrip(".").lower(), port or "")


def allowed_host_problem(key: str) -> str:
    """What is wrong with a key of `allowed_hosts`, "" when it names a host (read_host_key).
    A URL copied whole (https://cdn.example.cn/js/) became `https://https://cdn…` in the
    nginx Content-Security-Policy, which browsers drop: say the host to write instead."""
    if read_host_key(key) is not None:
        return ""
    text = key.strip()
    rest = text.split("://", 1)[1] if "://" in text else text.removeprefix("//")
    host = re.split(r"[/?#]", rest, maxsplit=1)[0].rpartition("@")[2]
    if host != text and read_host_key(host) is not None:
        return (
            f"允许的站外主机 “{key}” 只写主机名（可带端口），不写协议、路径或查询参数：请写作 {host} "
            "(a host, optionally :port, not a URL)"
        )
    if "*" in text:
        return (
            f"允许的站外主机 “{key}” 不能用通配符 *：请逐个写出经批准的主机，各附理由 "
            "(no wildcards: list each host)"
        )
    return (
        f"允许的站外主机 “{key}” 不是主机名：应为域名（v.example.gov.cn）、IPv4 地址（10.1.2.3）"
        "或方括号中的 IPv6 地址（[fd00::1]），可带端口（10.1.2.3:8080） "
        "(not a host: a name, an IPv4 or [IPv6] address, optionally :port)"
    )


def channel_problem(value: str, label: str) -> str:
    """What is wrong with the address of a channel (`interact.platform_url`, the 互动交流
    platform; `services.platform_url`, the 政务服务平台), "" when
    nothing: a whole http(s) URL (ARCHITECTURE §2.1: the unified interaction platform) or a
    path of this site (/hdjl/). Any other text (待填写, abc, http://) named no channel, yet
    INTERACT-01 counted it as one and the home page linked to it: the veto it guards could
    not be found. The words are those of every URL an editor writes (ssg/monitor/urls.py)."""
    if value.startswith("/") and not value.startswith("//"):
        return path_problem(value, label)
    if "://" not in value and "/" not in value and "." not in value:
        return (
            f"{label} “{value}” 不是网址：应为完整的 http(s) 网址，如 https://www.example.gov.cn/hdjl/，"
            "或本站的路径，如 /hdjl/；还没有平台时删除这一行 "
            "(not a URL: an http(s) URL or a path of this site)"
        )
    return url_problem(value, label)


# The keys each mapping of site.yaml has (ARCHITECTURE §2.1, README): another is a slip that
# the theme and the rules never read (contact: {fax: …} showed nowhere), said as CONFIG-03.
# allowed_hosts' keys are hosts, checked by allowed_host_problem.
_SUB_KEYS = {
    "contact": ("phone", "email", "address", "postcode"),
    "conac": ("script",),
    "services": ("external", "platform_url"),
    "interact": ("platform_url",),
    "search": ("server",),
}
# What services.external may say (ssg/check/service.py reads false/no/否 as false).
_YES_NO = ("true", "false", "yes", "no", "是", "否")


def _unknown_sub_keys(
    key: str, value: Mapping[str, YamlValue], lines: Mapping[str, int], diags: Diagnostics
) -> None:
    known = _SUB_KEYS.get(key)
    if known is None:
        return
    for sub in value:
        if sub in known:
            continue
        close = difflib.get_close_matches(sub, list(known), n=1, cutoff=0.6)
        hint = f"，是不是 {key}.{close[0]}？" if close else f"；可写的项：{'、'.join(known)}"
        path = f"{key}.{sub}"
        diags.advice(
            "CONFIG-03",
            SITE_FILE,
            lines.get(path, lines.get(key, 1)),
            path,
            f"未知的配置项{hint} (unknown setting)",
        )


def _typed_config(
    data: Mapping[str, YamlValue],
    lines: Mapping[str, int],
    diags: Diagnostics,
    nulls: frozenset[str] = frozenset(),
) -> SiteConfig | None:
    ok = True
    values: dict[str, object] = {}

    def fail(key: str, message: str) -> None:
        nonlocal ok
        ok = False
        diags.error("CONFIG-02", SITE_FILE, lines.get(key, 1), key, message)

    for key, value in data.items():
        spec = _SITE_KEYS.get(key)
        if spec is None:
            close = difflib.get_close_matches(key, list(_SITE_KEYS), n=1, cutoff=0.6)
            hint = f"，是不是 {close[0]}？" if close else ""
            diags.advice(
                "CONFIG-03",
                SITE_FILE,
                lines.get(key, 1),
                key,
                f"未知的配置项{hint} (unknown setting)",
            )
            continue
        label, required, shape = spec
        if key in nulls and isinstance(value, str):
            # `host: ~` is YAML's null, not a name: published as it was, the footer read
            # 主办单位：~ (front matter says the same of its fields: SCHEMA-03).
            said = f"{label}写的是 {value}，是否漏填？如确实如此请加引号，如 “{key}: '{value}'”"
            english = "(YAML null written as the value of a setting)"
            if required:
                fail(key, f"{said} {english}")
            else:
                diags.advice(
                    "CONFIG-02", SITE_FILE, lines.get(key, 1), key, f"{said}；已忽略 {english}"
                )
            continue
        if shape == "text":
            if not isinstance(value, str):
                fail(key, f"{label}应为文本 (expected text)")
            elif value.strip():
                values[key] = value.strip()
        elif shape == "map":
            if not isinstance(value, dict):
                fail(key, f"{label}应为“键: 文本”的映射 (expected a mapping of text values)")
            elif not all(isinstance(v, str) for v in value.values()):
                for sub, v in value.items():  # (named at its own line: contact.phone)
                    if not isinstance(v, str):
                        fail(f"{key}.{sub}", f"{label}的 {sub} 应为文本 (expected text)")
            else:
                values[key] = {k: str(v).strip() for k, v in value.items()}
                _unknown_sub_keys(key, value, lines, diags)
        elif shape == "bool":
            if value not in ("true", "false"):
                fail(key, f"{label}应为 true 或 false (expected true or false)")
            else:
                values[key] = value == "true"
        elif shape == "int":
            # (str.isdigit() also takes ① and ², which int() refuses)
            if not isinstance(value, str) or not _DIGITS.fullmatch(value.strip()):
                fail(key, f"{label}应为非负整数 (expected a whole number)")
            else:
                values[key] = int(value)
        elif shape == "list":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                fail(key, f"{label}应为文本列表 (expected a list of text)")
            else:
                values[key] = tuple(str(v).strip() for v in value)
    for key, (label, required, _shape) in _SITE_KEYS.items():
        if required and key not in values and key not in data:
            fail(key, f"缺少必填配置项 {key}（{label}） (required setting missing)")
        elif required and key not in values and ok:
            fail(key, f"{label}不能为空 (must not be empty)")
    for key in _STATIC_FILE_KEYS:
        name = values.get(key)
        if isinstance(name, str):
            # (static\emblem.png, as a Windows editor writes a path: that file, as `mapping`
            # and `previous_urls` read one, not REF-03's “应为 static/ 中的文件”; and the
            # theme links /static/emblem.png, which a backslash in a URL is not)
            values[key] = posix_path(name)
    level = values.get("level")
    if isinstance(level, str) and level not in LEVELS:
        fail("level", f"网站级别应为 {' / '.join(LEVELS)} 之一，不是 “{level}” (unknown level)")
    parent = values.get("parent")
    if isinstance(parent, str) and host_of(parent) != parent:
        # A URL copied from the browser (https://www.shili.gov.cn/): the domain is what the
        # field holds (the footer, the notices and the platform's links put it in URLs).
        values["parent"] = host_of(parent)
        diags.advice(
            "CONFIG-02",
            SITE_FILE,
            lines.get("parent", 1),
            "parent",
            f"上级门户域名只写域名 {values['parent']}，不写 “{parent}” 中的协议、路径或大写；"
            "已按域名处理 (parent is a domain, not a URL)",
        )
    # (the same for the 政务服务平台 that SERVICE-01 and the annual report count as a channel)
    for key, label in (("interact", "统一互动平台地址"), ("services", "政务服务平台地址")):
        block = values.get(key)
        if isinstance(block, dict) and block.get("platform_url"):
            problem = channel_problem(block["platform_url"], label)
            if problem:
                fail(f"{key}.platform_url", problem)
    services = values.get("services")
    external = services.get("external", "") if isinstance(services, dict) else ""
    if external and external.lower() not in _YES_NO:
        # (ssg/check/service.py reads anything but false/no/否 as true: `external: 无` or a
        # mistyped `flase` turned the SERVICE rules on without a word)
        fail(
            "services.external",
            f"有无对外服务职能应为 true 或 false，不是 “{external}” (expected true or false)",
        )
    hosts = values.get("allowed_hosts")
    if isinstance(hosts, dict):
        for key, reason in hosts.items():
            problem = allowed_host_problem(key)
            if not problem and isinstance(reason, str) and not reason.strip():
                # (each allowed host carries its reason, ARCHITECTURE §2.1: the approval the
                # inspector asks for when the page loads from outside the site)
                problem = (
                    f"允许的站外主机 “{key}” 没有写理由；请写明用途与审批，如 “{key}: 视频点播平台（经审批）” "
                    "(an allowed host needs its reason)"
                )
            if problem:  # (at the key's own line: the allowed_hosts line when it has none)
                ok = False
                path = f"allowed_hosts.{key}"
                line = lines.get(path, lines.get("allowed_hosts", 1))
                diags.error("CONFIG-02", SITE_FILE, line, path, problem)
    if isinstance(values.get("page_size"), int) and not 5 <= int(str(values["page_size"])) <= 200:
        fail("page_size", "列表每页条数应在 5 到 200 之间 (page_size must be 5..200)")
    if not ok:
        return None
    return SiteConfig(lines=dict(lines), **values)  # type: ignore[arg-type]
