"""SERVICE rules: a site with outward services offers them, with complete guides.

Sources: 吉林办法 第二十一条、第二十七条 ✅; 检查指标 单项否决“服务不实用” ✅. A site whose
`services.external` is false (no 对外服务职能) is not checked (RULES SERVICE-06).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from urllib.parse import urlsplit

from ssg.check.dates import add_months
from ssg.check.output import allowed_host, host_key
from ssg.check.registry import CheckContext, Finding, rule
from ssg.content.model import Service
from ssg.diagnostics import Severity
from ssg.files import locate
from ssg.link import Site

SERVICE_FRESH_MONTHS = 3  # SERVICE-05 ◐

# A number a citizen can dial, as guides write them (digits NFKC-folded first): a landline
# with its area code (0431-88888888, 0439 8110110, 010-6520 3663, 0431-8888-8888, (010)6520
# 3663), a local number alone (88888888, 6520 3663), a mobile (13900000000, 139-0000-0000), a
# service hotline (12345, 12315; 95598, 96110, 962525), a 400/800 number in any grouping
# (400-123-4567, 4008-123-123), or any of these after +86 (+86 431 8888 8888). A local number
# split in two starts with 2-9, as every Chinese local number does: 0439-0000 and 1234-5678
# are a half-filled template and a stray figure, not numbers.
_LOCAL = r"(?:\d{7,8}|[2-9]\d{2,3}[-\s]\d{4})"
_DIALABLE = re.compile(
    r"(?<![\dA-Za-z])(?:"
    rf"(?:\+86[-\s]?\(?0?|\(?0)[1-9]\d{{1,2}}[-—–\s)）]*{_LOCAL}"
    r"|(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}"
    rf"|{_LOCAL}"
    r"|1\d{4}"
    r"|9[56]\d{3,4}"
    r"|[48]00(?:[-\s]?\d){7}"
    r")(?![\dA-Za-z*＊×])"
)


def has_external_services(site: Site) -> bool:
    return site.config.services.get("external", "true").lower() not in ("false", "no", "否")


def _services(site: Site) -> list[Service]:
    return [i for i in site.items.values() if isinstance(i, Service)]


@rule(
    "SERVICE-01",
    Severity.DEDUCT,
    "办事服务的提供方式须配置（本站办事或链接政务服务平台）",
    "吉林办法 第二十一条、第二十七条",
    "在 data/site.yaml 写 services: {external: true/false, platform_url: …}",
)
def services_configured(ctx: CheckContext) -> Iterator[Finding]:
    if not ctx.site.config.services:
        yield Finding(
            "data/site.yaml",
            1,
            "services",
            "未配置 services：请写明本站是否有对外服务职能，以及办事是否在政务服务平台办理 "
            "(services not configured)",
        )


# Government hosts: *.gov.cn (RULES ID-02) and a 中文域名 *.政务 (ID-05), as typed or in IDNA;
# and *.公益, the 事业单位's (many 办事 platforms are run by one).
_GOVERNMENT_SUFFIXES = (".gov.cn", ".政务", ".xn--zfr164b", ".公益", ".xn--55qw42g")
_GOVERNMENT_HOSTS = frozenset({"gov.cn"})


def _url_host(url: str) -> str:
    try:
        return host_key((urlsplit(url.strip()).hostname or "").rstrip("."))
    except ValueError:
        return ""


@rule(
    "SSG-03",
    Severity.ADVICE,
    "办事指南的在线办理地址不在政府网站或政务服务平台上",
    "ssg 质量检查（RULES SERVICE-01 的统一办事入口；吉林办法 第二十一条、第二十七条未规定每个链接的主机）",
    "把 online_url 改为政务服务平台上该事项的地址；确属经批准的平台（*.gov.cn、*.政务、*.公益 以外，"
    "如学信网）的，在 data/site.yaml 的 allowed_hosts 中写明主机和理由",
)
def online_url_government(ctx: CheckContext) -> Iterator[Finding]:
    """The 在线办理 button of a guide sends citizens to apply, with their documents: to a
    host that is no government site (a shop, a blog, a typo'd domain) it sends them away
    from the 政务服务平台. A site path (/bsfw/…) is the site's own; the configured platform
    and the hosts `allowed_hosts` approves, with their reason, are accepted."""
    config = ctx.site.config
    accepted = {allowed_host(key) for key in config.allowed_hosts}
    accepted.add(_url_host(config.services.get("platform_url", "")))
    for service in sorted(_services(ctx.site), key=lambda s: s.id):
        url = service.online_url
        if not url or url.startswith("/"):
            continue
        host = _url_host(url)
        if (
            not host
            or host.endswith(_GOVERNMENT_SUFFIXES)
            or host in _GOVERNMENT_HOSTS
            or host in accepted
        ):
            continue
        # ssg's own advice, no rule's: RULES SERVICE-01 asks for the entry and the catalogue,
        # not for the host of each guide's link, and national platforms live on other domains
        # too (学信网 www.chsi.com.cn): a likely mistake to look at, not a finding of the rules.
        yield Finding(
            service.location.file,
            service.location.line("online_url"),
            "online_url",
            f"在线办理地址的主机 {host} 不是政府网站（*.gov.cn、*.政务）或事业单位网站（*.公益），也不是"
            " data/site.yaml 配置的政务服务平台或 allowed_hosts 中经批准的主机；请核对：应为政务服务平台上"
            "该事项的地址，确属经批准的平台（如学信网）的，在 allowed_hosts 中写明主机和理由 "
            f"(online_url is on {host}, no government host)",
        )


# The levels of 网上可办理程度 that say some of the item is done online (validate.ONLINE).
_ONLINE = ("全程网办", "部分网办")


@rule(
    "SSG-04",
    Severity.ADVICE,
    "办事指南标明可网上办理（全程网办、部分网办），却没有在线办理的地址",
    "ssg 质量检查（RULES SERVICE-01：标明服务事项网上可办理程度，吉林办法 第二十一条 ✅；"
    "该条未规定每个事项须附链接）",
    "在 online_url 写政务服务平台上该事项的在线办理网址；事项都在政务服务平台办理的，在 data/site.yaml "
    "写 services.platform_url；不能在网上办理的，把 online 改为 线下办理",
)
def online_level_has_a_link(ctx: CheckContext) -> Iterator[Finding]:
    """A guide that says 全程网办 (or 部分网办) with no 在线办理 address sends a citizen
    nowhere: the page has no 在线办理 button, and the site names no 政务服务平台. A site
    whose `services.platform_url` is set links that platform from its home page (前往政务服务
    平台办理): there the item is found, and that is link enough. ssg's own advice, not a
    finding of SERVICE-01: 第二十一条 asks that the level be marked (标明网上可办理程度), and
    names no link for each item."""
    if ctx.site.config.services.get("platform_url"):
        return
    for service in sorted(_services(ctx.site), key=lambda s: s.id):
        if service.online not in _ONLINE or service.online_url:
            continue
        yield Finding(
            service.location.file,
            service.location.line("online"),
            "online",
            f"网上可办理程度是“{service.online}”，却没有在线办理地址 online_url，data/site.yaml 也没有"
            "配置政务服务平台 services.platform_url：页面上没有“在线办理”入口，办事群众找不到在哪里网上"
            "办理；请在 online_url 写政务服务平台上该事项的网址，不能网上办理的改为 线下办理 "
            f"(online: {service.online}, but no online_url and no services.platform_url)",
        )


# 收费标准 text that says a fee is charged (NFKC-folded first): a verb of charging or paying,
# or a fee by name (工本费).
_CHARGED = re.compile(r"收费|收取|缴纳|缴费|交费|交纳|付费|有偿|工本费|[需须][缴交付]")
# ... unless the clause says it is not (不收费, 免收, 无需缴费, 零收费, 首次申领免费, 不另行收费
# …); 不 only before a verb of charging, as 不动产登记收费 is a fee. The wordings guides use
# for "no fee" count too (review 12): 不涉及收费, 不属于收费项目, 非收费事项 (非 only before
# charging: 非住宅收费 is a fee), 没有收费, and a form's answer 收费：否 / 是否收费：否 (the 否 of
# 是否 alone is no answer: 是否收费：是 is a fee).
_NOT_CHARGED = re.compile(
    r"不[收缴交付需须用另予再涉属]|免|无|零|未收|没|非(?:收|缴|交|付|有偿)|:\s*否"
)
# Text that gives the amount, or says where the standard is: a figure (20 元, 80元/件, 5%), an
# amount or rate in words (五十元, 按登记金额的千分之三, ‰), a named document (按《…》执行), a
# 标准 or 价格 referred to (按国家和省规定的标准收取, 按核定价格), or an attachment holding the table.
_AMOUNT_OR_STANDARD = re.compile(r"\d|元|分之|‰|标准|《|价格|核定|附件|详见")
# Clauses of a 收费标准 (首次申领免费；补换卡收费): each is judged by itself.
_CLAUSE = re.compile(r"[；;，,。、\n]")


def fee_without_amount(fees: str) -> bool:
    """Whether `fees` says a fee is charged and gives neither its amount nor its standard:
    收费, 按规定收费, 补换卡收取工本费. Text with any figure, 元, 标准, a named document or
    an attachment is taken as giving it (narrow: a guess about prose must not fire on
    不收费/免费, nor on 按…标准收取), and a clause with 不收/免/无/零/不涉及/非收费/收费：否 as
    saying no fee."""
    text = unicodedata.normalize("NFKC", fees)
    if _AMOUNT_OR_STANDARD.search(text):
        return False
    return any(
        _CHARGED.search(clause) and not _NOT_CHARGED.search(clause)
        for clause in _CLAUSE.split(text)
    )


@rule(
    "SSG-05",
    Severity.ADVICE,
    "办事指南的收费标准说要收费，却没有金额或收费依据",
    "ssg 质量检查（RULES SERVICE-02：收费标准是办事指南重点要素 ✅；吉林办法 第二十一条“列明…收费标准”）",
    "写明金额（如 20 元/件）或依据的收费标准（如 按《××收费标准》执行），不收费的写 不收费",
)
def fees_have_an_amount(ctx: CheckContext) -> Iterator[Finding]:
    """收费 alone, or 按规定收费, tells a citizen that they pay, not what: the 收费标准 the
    guide must list (第二十一条) is the amount or the standard it follows. Whether free text
    states one is a reading of prose ssg can only approximate (按规定收取 may point to a
    目录 the editor knows), so this is ssg's advice rather than a SERVICE-02 finding; the
    phone check differs, as a number either is in its text or is not."""
    for service in sorted(_services(ctx.site), key=lambda s: s.id):
        if not fee_without_amount(service.fees):
            continue
        yield Finding(
            service.location.file,
            service.location.line("fees"),
            "fees",
            f"收费标准 “{service.fees}” 说要收费，却没有写金额或收费依据，办事群众无从知道要交多少钱；"
            "请写明金额（如 20 元/件）或依据的收费标准（如 按《××收费标准》执行），不收费的写 不收费 "
            "(a fee is charged, but neither its amount nor its standard is given)",
        )


@rule(
    "SERVICE-03",
    Severity.VETO,
    "服务不实用：有对外服务职能却未提供办事服务",
    "检查指标（国办秘函〔2019〕19号）单项否决",
    "发布办事指南，或在 services.platform_url 链接政务服务平台；无对外服务职能时写 external: false",
)
def services_offered(ctx: CheckContext) -> Iterator[Finding]:
    site = ctx.site
    if not has_external_services(site) or site.config.services.get("platform_url"):
        return
    if not _services(site):
        yield Finding(
            "data/site.yaml",
            site.config.lines.get("services", 1),
            "services",
            "本站有对外服务职能，但没有任何办事指南，也未链接政务服务平台 "
            "(outward services but no service guide and no platform link)",
        )


@rule(
    "SERVICE-04",
    Severity.DEDUCT,
    "办事材料的表格、示范文本可下载且非空",
    "吉林办法 第二十一条；2015 年普查“附件下载”考察点",
    "放入真实的空白表格和示范文本文件",
)
def forms_not_empty(ctx: CheckContext) -> Iterator[Finding]:
    for service in sorted(_services(ctx.site), key=lambda s: s.id):
        for index, material in enumerate(service.materials, start=1):
            for key in ("template", "example"):
                name = getattr(material, key)
                path = locate(ctx.root, service, name) if name else None
                if path is not None and path.stat().st_size == 0:
                    field = f"materials[{index}].{key}"
                    yield Finding(
                        service.location.file,
                        service.location.line(field),
                        field,
                        f"文件 “{name}” 是空文件 (empty file)",
                    )


@rule(
    "SERVICE-02",
    Severity.DEDUCT,
    "办事指南的联系电话须是可拨打的电话号码",
    "检查指标 办事指南重点要素“联系电话” ✅；吉林办法 第二十一条（联系方式）",
    "写区号和号码（如 0431-88888888）、手机号或 12345 这样的服务热线",
)
def phone_dialable(ctx: CheckContext) -> Iterator[Finding]:
    """A 联系电话 with no number in it (待定, 123, 0439-000) left the guide without the
    element the schema requires: present as a field, missing as a phone number. Checked on
    every published guide, as SERVICE-04 is: a wrong number is wrong whatever the site."""
    for service in sorted(_services(ctx.site), key=lambda s: s.id):
        if _DIALABLE.search(unicodedata.normalize("NFKC", service.phone)):
            continue
        yield Finding(
            service.location.file,
            service.location.line("phone"),
            "phone",
            f"联系电话 “{service.phone}” 中没有可拨打的电话号码；应写区号和号码（如 0431-88888888）、"
            "手机号或 12345 这样的服务热线 (no dialable phone number)",
        )


@rule(
    "SERVICE-05",
    Severity.ADVICE,
    "办事服务信息 3 个月内应有更新",
    "国管局 2019 年自查报告 ◐（指办事统计数据；ssg 以办事指南的更新近似）",
    "核对办事指南是否仍然准确，更新后写 updated 日期",
)
def services_fresh(ctx: CheckContext) -> Iterator[Finding]:
    site = ctx.site
    services = _services(site)
    if not services or not has_external_services(site):
        return
    stamps = [stamp.date() for s in services if (stamp := s.updated or s.date) is not None]
    if not stamps:
        return
    newest = max(stamps)
    if site.build_date > add_months(newest, SERVICE_FRESH_MONTHS):
        yield Finding(
            "content",
            0,
            "",
            f"办事指南 3 个月内没有更新，最近一次是 {newest:%Y-%m-%d} "
            "(no service guide updated in three months)",
        )
