"""ID rules: the site's identity in data/site.yaml — domains, codes, filings, emblem.

Sources: RULES.md §1 (吉林办法 第十、十一、十二条 ✅; 指引 三; formats ◐ from real footers).
Formats are ◐ (inferred from real sites), so a wrong one is `deduct`, never `veto`.
ID-04 reads the links of the rendered pages through the output rules' shared scan
(ssg/check/output.py), whose line finder points each finding at the line that writes it.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from ssg.check.output import (
    _LINKED,
    Element,
    PageFault,
    Say,
    _loaded,
    _needles,
    _scan,
    _template_copy,
    _theme_or_page,
    host_key,
    link_place,
)
from ssg.check.registry import CheckContext, Finding, rule
from ssg.config import SITE_FILE, SiteConfig
from ssg.diagnostics import Diagnostics, Severity
from ssg.lifecycle import MIGRATION, load_lifecycle

DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+gov\.cn$")
PORTAL_DOMAIN = re.compile(r"^www\.[a-z0-9-]+\.gov\.cn$")
CHINESE_DOMAIN = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9-]+\.政务$")
CENTRAL_PORTAL = "gov.cn"  # www.gov.cn, 中央人民政府门户网站: its departments use www.<abbr>.gov.cn
# `[0-9]`, not `\d`: Python's `\d` also takes full-width and other Unicode digits, and an
# identifier written with them is not the one the filing systems issued (ID-07, ID-09, ID-10).
SITE_CODE = re.compile(r"^(?:[0-9]{10}|bm[0-9]{8})$")
_PROVINCES_ICP = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝蜀川黔贵滇云藏陕甘陇青宁新"
_PROVINCES_POLICE = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔贵滇云藏陕甘青宁新"
ICP = re.compile(rf"^[{_PROVINCES_ICP}]ICP备([0-9]{{5,10}})号(?:-[0-9]{{1,3}})?$")
POLICE = re.compile(rf"^[{_PROVINCES_POLICE}]公网安备\s?([0-9]{{14}})号$")
CONAC_SCRIPT = re.compile(
    r"^https?://dcs\.conac\.cn/js/([0-9]{2})/([0-9]{3})/([0-9]{4})/([0-9]{8})/CA\1\2\3\4[0-9]{4}\.js$"
)


def _wide_digits(value: str) -> tuple[str, str]:
    """A hint (Chinese, English) when the value has non-ASCII digits: they look right on screen."""
    if any(ch.isdigit() and not ch.isascii() for ch in value):
        return "；其中含全角或非半角数字，请改用半角数字 0-9", "; use ASCII digits 0-9"
    return "", ""


def _at(config: SiteConfig, key: str, message: str, severity: Severity | None = None) -> Finding:
    return Finding(SITE_FILE, config.lines.get(key, 1), key, message, severity)


# What an organiser's name is written with but a site is not named after: the 办公室 or
# 办公厅 of a government hosts its portal (青岚市人民政府办公室 hosts 青岚市人民政府).
_OFFICES = ("办公室", "办公厅")
# The usual name of a government portal (RULES ID-01, 吉林办法 第十一条): the government's own.
PORTAL_NAME = "人民政府"


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def organisation_names(config: SiteConfig) -> tuple[str, ...]:
    """The organisation names a site's `name` may be made of: its `host` (主办单位), the host
    without its 办公室/办公厅, and for a portal the government's usual form (…人民政府)."""
    host = _bare(config.host)
    found = [host] if host else []
    found += [host.removesuffix(o) for o in _OFFICES if host.endswith(o) and host != o]
    if config.is_portal:
        found.append(PORTAL_NAME)
    return tuple(dict.fromkeys(found))


@rule(
    "ID-01",
    Severity.ADVICE,
    "网站以机构名称命名（疑似未以机构名称命名）",
    "吉林办法 第十一条",
    "网站全称写主办机构的名称，如 “青岚市人民政府”“青岚市发展和改革委员会”；"
    "不符合的在原名称处加注规范名称",
)
def named_after_organisation(ctx: CheckContext) -> Iterator[Finding]:
    """Advice, not deduct: whether a name “is” the organisation's is a person's judgement
    (an abbreviation, a renamed office); a name that holds none of its names is worth a look."""
    config = ctx.site.config
    name = _bare(config.name)
    forms = organisation_names(config)
    if not name or any(form in name for form in forms):
        return
    usual = f"，门户网站一般为 “…{PORTAL_NAME}”" if config.is_portal else ""
    yield _at(
        config,
        "name",
        f"网站全称 “{config.name}” 不含主办单位 “{config.host}” 的名称{usual}；网站应以机构名称"
        "命名（吉林办法 第十一条），请核对，不符合的在原名称处加注规范名称 "
        "(the site name does not contain the organisation's name)",
    )


@rule(
    "ID-13",
    Severity.DEDUCT,
    "底部功能区须列明联系方式：data/site.yaml 的 contact 至少写联系电话或电子邮箱",
    "吉林办法 附件1、第七条；指引 附件",
    "在 data/site.yaml 的 contact 写 phone（联系电话）或 email（电子邮箱），页脚据此列出",
)
def contact_given(ctx: CheckContext) -> Iterator[Finding]:
    """联系方式 is one of the footer's required items (RULES ID-13): a way to reach the
    organiser, which an address or a postcode alone is not. (Whether the footer shows it is
    the output rule's, ssg/check/output.py footer_contact.)"""
    config = ctx.site.config
    if config.contact.get("phone") or config.contact.get("email"):
        return
    yield _at(
        config,
        "contact",
        "联系方式是页脚必列项，但 contact 中没有联系电话（phone）或电子邮箱（email），页脚无法列出；"
        "请至少填写一项 (contact has neither a phone nor an email for the footer)",
    )


@rule(
    "ID-02",
    Severity.DEDUCT,
    "英文域名必须以 .gov.cn 结尾",
    "吉林办法 第十二条；指引 三",
    "使用主管部门分配的 .gov.cn 域名",
)
def domain_suffix(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.site.config
    if DOMAIN.match(config.domain):
        return
    if DOMAIN.match(config.domain.lower()):  # (a .gov.cn domain written with capitals)
        message = (
            f"域名 “{config.domain}” 应全部写成小写：{config.domain.lower()} "
            "(write the domain in lower case)"
        )
    elif DOMAIN.match(config.domain.lower().rstrip(".")):  # (DNS's root dot, written out)
        fixed = config.domain.lower().rstrip(".")
        message = (
            f"域名 “{config.domain}” 末尾多了一个点，应写作 {fixed}（网页与网站地图中的网址也会带上这个点） "
            "(drop the trailing dot)"
        )
    else:
        message = f"域名 “{config.domain}” 不是 .gov.cn 域名 (domain must end in .gov.cn)"
    yield _at(config, "domain", message)


@rule(
    "ID-03",
    Severity.DEDUCT,
    "域名结构：门户为 www.地区名.gov.cn，部门网站为本级门户的下级域名",
    "吉林办法 第十二条；指引 三",
    "门户用 www.□□□.gov.cn；部门网站用 ○○○.□□□.gov.cn，并在 parent 写本级门户域名",
)
def domain_structure(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.site.config
    if not DOMAIN.match(config.domain):
        return  # ID-02 already says so
    if config.is_portal:
        if not PORTAL_DOMAIN.match(config.domain):
            yield _at(
                config,
                "domain",
                f"政府门户的域名应为 www.地区名.gov.cn，不是 “{config.domain}” "
                "(a portal's domain is www.<place>.gov.cn)",
            )
        return
    base = config.parent.removeprefix("www.")
    if base == CENTRAL_PORTAL and PORTAL_DOMAIN.match(config.domain):
        return  # a State Council department's own portal, www.mofcom.gov.cn (RULES ID-03)
    label = config.domain.removesuffix("." + base)
    if not config.parent or label == config.domain or "." in label:
        example = (
            "www.部门简称.gov.cn" if base == CENTRAL_PORTAL else f"jyj.{base or '地区名.gov.cn'}"
        )
        yield _at(
            config,
            "domain",
            f"部门网站应使用本级政府门户 {config.parent or '（未填 parent）'} 的下一级域名，"
            f"如 {example}，不是 “{config.domain}” "
            "(a department site uses one label under its portal's domain)",
        )


@rule(
    "ID-05",
    Severity.DEDUCT,
    "中文域名为“△△△.政务”结构",
    "吉林办法 第十二条",
    "中文域名写作 名称.政务，如 示例市政府.政务",
)
def chinese_domain(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.site.config
    if config.chinese_domain and not CHINESE_DOMAIN.match(config.chinese_domain):
        yield _at(
            config,
            "chinese_domain",
            f"中文域名 “{config.chinese_domain}” 应以 .政务 结尾 (Chinese domain must end in .政务)",
        )


@rule(
    "ID-06",
    Severity.DEDUCT,
    "部门网站须有所属的本级政府门户",
    "吉林办法 第八、九条；指引 三",
    "部门网站在 parent 写本级政府门户的域名；县级部门原则上不单独开设网站",
)
def department_parent(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.site.config
    if config.level == "department" and not config.parent:
        yield _at(
            config,
            "level",
            "部门网站没有写明所属的本级政府门户（parent） (a department site needs its portal)",
        )


@rule(
    "ID-07",
    Severity.DEDUCT,
    "政府网站标识码为 10 位：6 位行政区划代码 + 4 位顺序号，或 bm + 8 位数字",
    "吉林办法 第十条（三）；标识码格式由真实站点归纳",
    "填写全国政府网站信息报送系统赋予的标识码，加引号作为文本",
)
def site_code_format(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.site.config
    if not SITE_CODE.match(config.site_code):
        hint, english = _wide_digits(config.site_code)
        yield _at(
            config,
            "site_code",
            f"标识码 “{config.site_code}” 格式不对：应为 10 位数字或 bm + 8 位数字{hint} "
            f"(site code must be 10 digits or bm + 8 digits{english})",
        )
    elif (
        config.region_code
        and not config.site_code.startswith("bm")
        and config.site_code[:6] != config.region_code
    ):
        yield _at(
            config,
            "site_code",
            f"标识码前 6 位 {config.site_code[:6]} 与行政区划代码 {config.region_code} 不一致 "
            "(site code does not start with the region code)",
            Severity.ADVICE,
        )


@rule(
    "ID-09",
    Severity.DEDUCT,
    "ICP 备案编号格式：省简称ICP备 8 或 10 位数字号，可带 -序号",
    "吉林办法 第十条（二）；工信部备案规定（格式由真实页脚归纳）",
    "按工信部备案系统上的编号填写，如 吉ICP备05002290号-1",
)
def icp_format(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.site.config
    if not config.icp:
        return
    match = ICP.match(config.icp)
    if not match:
        hint, english = _wide_digits(config.icp)
        yield _at(
            config,
            "icp",
            f"ICP 备案编号 “{config.icp}” 格式不对，应如 吉ICP备05002290号-1{hint} "
            f"(ICP number should look like 吉ICP备05002290号-1{english})",
        )
    elif len(match.group(1)) < 8:
        yield _at(
            config,
            "icp",
            f"ICP 备案编号 “{config.icp}” 数字少于 8 位，是否为旧号？请核对 (short, old-style ICP number)",
            Severity.ADVICE,
        )


@rule(
    "ID-10",
    Severity.DEDUCT,
    "公安机关备案号格式：省简称公网安备 14 位数字号",
    "吉林办法 第十条（二）（格式由真实页脚归纳）",
    "按公安机关备案系统上的编号填写，如 吉公网安备 22010202000123号",
)
def police_format(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.site.config
    if config.police_record and not POLICE.match(config.police_record):
        hint, english = _wide_digits(config.police_record)
        yield _at(
            config,
            "police_record",
            f"公安机关备案号 “{config.police_record}” 格式不对，应如 吉公网安备 22010202000123号"
            f"{hint} (should be <省>公网安备 + 14 digits + 号{english})",
        )
    if config.police_record and not config.police_icon:
        yield _at(
            config,
            "police_record",
            "未配置 police_icon：页脚公安备案号前暂用主题自带的示意图标；请把公安备案系统提供的"
            "备案图标放到 static/ 下，并在 police_icon 填写其路径 "
            "(the footer shows the theme's stand-in filing icon)",
            Severity.ADVICE,
        )


@rule(
    "ID-11",
    Severity.DEDUCT,
    "党政机关网站标识的脚本地址格式",
    "吉林办法 第十条（二）（嵌入形式由真实页面归纳）",
    "照抄编制部门给出的脚本地址：https://dcs.conac.cn/js/…/CA….js",
)
def conac_format(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.site.config
    script = config.conac.get("script", "")
    if config.conac and not CONAC_SCRIPT.match(script):
        yield _at(
            config,
            "conac",
            f"党政机关网站标识脚本地址 “{script}” 格式不对 (conac script URL is malformed)",
        )


@rule(
    "ID-14",
    Severity.DEDUCT,
    "县级以上政府门户首页显著位置使用国徽",
    "中华人民共和国国徽法（2020 年修正）",
    "在 data/site.yaml 的 emblem 写国徽图片路径，使用中国人大网、中国政府网发布的标准版本",
)
def emblem(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.site.config
    if config.is_portal and not config.emblem:
        yield _at(
            config,
            "emblem",
            "县级以上政府门户应在首页显示国徽，未配置 emblem (a portal must show the national emblem)",
        )
    if not config.is_portal and config.emblem:
        # 国徽法 does not list department sites; their use depends on the office above (⚠).
        yield _at(
            config,
            "emblem",
            "部门网站是否可以使用国徽由上级办公厅规定，默认主题不显示；请确认已获准许 "
            "(department sites do not show the emblem by default)",
            Severity.ADVICE,
        )


@rule(
    "ID-15",
    Severity.DEDUCT,
    "上线前须取得 ICP 备案、公安机关备案和党政机关网站标识",
    "吉林办法 第十条（二）（三）",
    "在 data/site.yaml 填写 icp、police_record 和 conac",
)
def registrations(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.site.config
    missing = [
        (key, label)
        for key, label, value in (
            ("icp", "ICP 备案编号", config.icp),
            ("police_record", "公安机关备案号", config.police_record),
            ("conac", "党政机关网站标识", config.conac.get("script", "")),
        )
        if not value
    ]
    for key, label in missing:
        yield Finding(
            SITE_FILE,
            config.lines.get(key, 1),
            key,
            f"缺少{label}（{key}）；上线前须取得并在页脚展示 (missing {key})",
        )


@rule(
    "ID-12",
    Severity.DEDUCT,
    "设置“我为政府网站找错”入口",
    "吉林办法 第三十四条；检查指标 功能设计 ◐",
    "在 data/site.yaml 设置 jiucuo: true",
)
def jiucuo_entry(ctx: CheckContext) -> Iterator[Finding]:
    config = ctx.site.config
    if not config.jiucuo:
        yield _at(
            config,
            "jiucuo",
            "未开通“我为政府网站找错”入口（jiucuo） (the 找错 entry is not turned on)",
        )


def _ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _host_of(url: str) -> str:
    try:
        return (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def own_tree(config: SiteConfig) -> str:
    """The domain under which a host is one of this site's own columns, channels, topics or
    business systems rather than another site (RULES ID-04; 吉林办法 第十二条: they use the
    site's own host, “www.□□□.gov.cn/…/…” or “○○○.□□□.gov.cn/…/…”). "" when none is told.

    A department site ○○○.□□□.gov.cn has nothing legitimate below its own domain. Neither has
    a city or province portal below www.□□□.gov.cn; its other sub-domains ○○○.□□□.gov.cn are
    its departments' sites (第十二条), linked as a portal does. A county portal's departments
    do not open sites (吉林办法 第九条, RULES ID-06: content goes into the portal), so a
    sub-domain of □□□.gov.cn is a channel or system that belongs under the portal's host."""
    domain = config.domain.lower().rstrip(".")
    if not domain.endswith(".gov.cn"):
        return ""  # (ID-02 says so)
    if config.level == "county" and domain.startswith("www."):
        return domain.removeprefix("www.")
    return domain


def configured_hosts(ctx: CheckContext, hosts: frozenset[str]) -> frozenset[str]:
    """The hosts the site's settings name, besides `hosts` (its own and `allowed_hosts`, as
    SEC-01 tells them): the parent portal, the sites of the repository (and their old
    domains), the service and interaction platforms, the search server, a migration's
    destination. A link to one of them is no stray column (ID-04)."""
    config = ctx.site.config
    found = set(hosts)
    if config.parent:
        found.add(config.parent.lower().rstrip("."))
    if ctx.site.cross is not None:
        found.update(ctx.site.cross.pages)
    for url in (
        config.services.get("platform_url", ""),
        config.interact.get("platform_url", ""),
        config.search.get("server", ""),
        *(e.destination for e in load_lifecycle(ctx.root, Diagnostics()).of(MIGRATION)),
    ):
        found.add(_host_of(url))
    found.discard("")
    return frozenset(found)


@rule(
    "ID-04",
    Severity.ADVICE,
    "栏目、频道、专题原则上用本站同一域名的路径，不以 IP 地址访问",
    "吉林办法 第十二条；指引 三（IP 地址访问为惯例 ⚠）",
    "把链接改为域名地址；栏目、专题、业务系统放在本站域名的路径下，"
    "确属经批准的独立平台的，在 data/site.yaml 的 allowed_hosts 中写明主机和理由",
)
def stray_hosts(ctx: CheckContext) -> Iterator[Finding]:
    """Links to an IP address, and to a sub-domain of the site's own that no setting names
    (`own_tree`), one finding per line that writes the link (as SEC-06's, `Scan.lines`); one
    a site theme's template writes, once at its line for all its pages (`link_place`)."""
    scan_all = _scan(ctx)
    tree = own_tree(ctx.site.config)
    configured = configured_hosts(ctx, scan_all.allowed_hosts)

    @functools.cache
    def stray(host: str) -> str:
        """Whether `host` is an IP address ("ip"), a stray host under the site's own domain
        ("tree") or fine (""): judged once per distinct host of the run."""
        if _ip(host):
            # An address the site lists in allowed_hosts, with its reason (内网备案系统), is
            # accepted as the fix above says; one the other settings name is still said.
            return "" if host_key(host) in scan_all.allowed_hosts else "ip"
        return "tree" if tree and host.endswith("." + tree) and host not in configured else ""

    # Each distinct tag is judged once for every page that has it (most are the theme's
    # footer links, on every page): per page, only the few that link a stray host are seen.
    # (Keyed by identity: every element lives on its page scan, in scan_all, for the run.)
    judged: dict[int, tuple[tuple[str, str, str], ...]] = {}
    faults: list[PageFault] = []  # (those of a site template's links: once for their pages)

    def stray_link(element: Element) -> bool:
        return any(not asset and stray(host.lower()) for _url, host, asset in element.absolute)

    for scan in scan_all.pages_with(stray_link, _LINKED):
        said: set[tuple[str, int, str]] = set()
        seen: set[str] = set()
        # (not a link written only inside an HTML comment: it is not on the page)
        for element in _loaded(scan_all, scan):
            hits = judged.get(id(element))
            if hits is None:
                hits = judged[id(element)] = tuple(
                    (url, host.lower(), kind)
                    for url, host, asset in element.absolute
                    # (an asset from elsewhere is SEC-01's)
                    if not asset and (kind := stray(host.lower()))
                )
            for url, host, kind in hits:
                if url in seen:
                    continue
                seen.add(url)
                say = _ip_link(host, url) if kind == "ip" else _stray_link(ctx, host, tree)
                lines = scan_all.lines(scan, *_needles(url))
                if lines != [0]:  # (and a site template's copy at its line: `_template_copy`)
                    faults += _template_copy(ctx, scan, url, say)
                if lines == [0] and (place := link_place(ctx, scan, url)):
                    faults.append(PageFault(scan, place, "", say))
                    continue
                message = say(f"页面 {scan.page.path}", scan.page.path)
                for line in lines:
                    if (scan.file, line, url) not in said:
                        said.add((scan.file, line, url))
                        yield Finding(scan.file, line, "", message)
    yield from _theme_or_page(faults)


def _ip_link(host: str, url: str) -> Say:
    return lambda pages, _en: (
        f"{pages} 链接到 IP 地址 {host}，应使用域名 (link to an IP address: {url})"
    )


def _stray_link(ctx: CheckContext, host: str, tree: str) -> Say:
    return lambda pages, _en: (
        f"{pages} 链接到 {host}，是本站域名 {tree} 之下未配置的主机；"
        f"栏目、频道、专题、业务系统原则上用本站域名的路径（如 "
        f"https://{ctx.site.config.domain}/zt/…）。请把链接改为本站路径；确属经批准的"
        f"独立平台的，在 data/site.yaml 的 allowed_hosts 中写明 {host} 和理由 "
        f"(a host under the site's own domain that no setting names: {host})"
    )
