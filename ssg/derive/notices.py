"""Lifecycle notices as normal 通知公告 items (RULES NOTICE-01..04).

Each event of data/lifecycle.yaml becomes a `Notice` in the site's 通知公告 column (the
top-most column of that ColumnType), dated the day it is announced, so that it appears in
listings, feeds, the site map and search like any notice. It carries what the rules ask a
notice to say: the dates, the reason, the destination and a contact. Opening and migration
events also give a text for the parent portal (上级或本级门户), which `lifecycle_pages`
writes outside the published site.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import deque
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ssg.config import SiteConfig
from ssg.content.model import Item, Location, Notice
from ssg.diagnostics import Diagnostics, Severity
from ssg.lifecycle import (
    DOMAIN_CHANGE,
    LIFECYCLE_FILE,
    MIGRATION,
    OFFLINE,
    OPENING,
    Event,
    Lifecycle,
)
from ssg.link import Site, item_sort_key, own_column_type

if TYPE_CHECKING:
    from ssg.sites import PortalNotice

NOTICE_TYPE = "通知公告"
SLUGS = {
    OPENING: "wangzhan-kaitong",
    OFFLINE: "linshi-xiaxian",
    MIGRATION: "wangzhan-qianyi",
    DOMAIN_CHANGE: "yuming-biangeng",
}


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def notice_column(site: Site) -> str | None:
    """The 通知公告 column the notices are published in: the top-most one, in navigation
    order (breadth first), that holds notices already, else the top-most one. A channel
    without a ColumnType of its own shows its first sub-column's (公告公示 holding 通知公告):
    that is not where notices are listed, so its own type is what counts (as in the policy
    library). (Holding items first: a new, still empty notice column placed before the old
    one, as a column without `order` is, must not take the notices and move their URLs.)"""
    found: list[str] = []
    queue = deque(site.children.get("", ()))
    while queue:
        cid = queue.popleft()
        column = site.columns[cid]
        own = own_column_type(column, site.column_item_type.get(cid, ""))
        if own == NOTICE_TYPE and not column.draft:
            if site.items_in.get(cid):
                return cid
            found.append(cid)
        queue.extend(site.children.get(cid, ()))
    return found[0] if found else None


def contact_line(config: SiteConfig, event: Event) -> str:
    if event.contact:
        return event.contact
    parts = []
    if config.contact.get("phone"):
        parts.append(f"电话 {config.contact['phone']}")
    if config.contact.get("email"):
        parts.append(f"电子邮箱 {config.contact['email']}")
    return "，".join(parts) or config.host


def slug_of(event: Event) -> str:
    return f"{SLUGS[event.kind]}-{event.start:%Y%m%d}"


def notice_item_id(site: Site, event: Event) -> str | None:
    column = notice_column(site)
    if column is None:
        return None
    return f"{column}/{slug_of(event)}"


def title_of(config: SiteConfig, event: Event) -> str:
    return {
        OPENING: f"关于{config.name}网站正式开通的公告",
        OFFLINE: f"关于{config.name}网站临时下线维护的公告",
        MIGRATION: f"关于{config.name}网站迁移整合的公告",
        DOMAIN_CHANGE: f"关于{config.name}网站域名变更的公告",
    }[event.kind]


def _clause(reason: str) -> str:
    """A reason as the clause it becomes in the notice's sentence: without the full stop or
    comma an editor may end it with (……整改。 would read ……整改。，经批准)."""
    return reason.strip().rstrip("。，；、.,; ")


def _because(reason: str) -> str:
    """因……: the offline notice's opening clause, not 因因…… when the reason says 因 itself."""
    clause = _clause(reason)
    return clause if clause.startswith(("因", "由于")) else f"因{clause}"


# A web address a notice may link: http(s), nothing that ends the Markdown destination or
# starts markup. (The addresses are validated as domains or URLs by ssg/config.py and
# ssg/lifecycle.py; this is the last guard: no javascript:, no raw HTML.)
_LINKABLE = re.compile(r"https?://[^\s<>\"\\`]+")


def _link(text: str, url: str) -> str:
    """`text` as a Markdown link to `url` (what a reader on a phone taps), or the bare text
    when `url` is no plain http(s) address. The visible text is the same either way."""
    if not _LINKABLE.fullmatch(url):
        return text
    label = text.replace("[", "\\[").replace("]", "\\]")
    # (<…> keeps an address with parentheses whole: a bare ) would end the destination)
    return f"[{label}](<{url}>)" if "(" in url or ")" in url else f"[{label}]({url})"


def body_of(config: SiteConfig, event: Event, own: bool = True, domain: str = "") -> str:
    """The notice text (Markdown): dates, reason, destination and contact. `own`: published
    on the site it speaks of, which it calls 本网站; on the parent portal it names the site
    and links its domain. `domain`: the site's domain from the event's date on
    (`event_domain`; "" = site.yaml's), the one an opening or domain change announces."""
    site = f"{config.name}网站"
    domain = domain or config.domain
    home = f"https://{domain}/"
    this = "本网站" if own else site
    contact = contact_line(config, event)
    if event.kind == OPENING:
        lines = [
            f"经批准，{site}于{cn_date(event.start)}正式开通上线。"
            + (f"{_clause(event.reason)}。" if _clause(event.reason) else ""),
            "",
            f"- 网站名称：{config.name}",
            f"- 网站域名：{_link(domain, home)}",
            f"- 政府网站标识码：{config.site_code}",
            f"- 主办单位：{config.host}",
        ]
        if config.icp:
            lines.append(f"- ICP备案编号：{config.icp}")
        if config.police_record:
            lines.append(f"- 公安机关备案号：{config.police_record}")
        lines += ["", f"欢迎社会各界访问{this}并提出意见建议。联系方式：{contact}。"]
    elif event.kind == OFFLINE:
        end = event.end or event.start
        portal = f"https://{config.parent}/"
        parent = f"，或访问上级政府门户网站 {_link(portal, portal)}" if config.parent else ""
        lines = [
            f"{_because(event.reason)}，经批准，{site}将于{cn_date(event.start)}至{cn_date(end)}"
            f"临时下线（共 {event.days} 天），预计于{cn_date(event.returns)}恢复访问。",
            "",
            f"下线期间，如需办理业务或咨询，请通过以下方式联系：{contact}{parent}。",
            "",
            "由此带来的不便，敬请谅解。",
        ]
    elif event.kind == MIGRATION:
        # (no reason given, none is stated: a made-up one could be false)
        reason = f"{_clause(event.reason)}，" if _clause(event.reason) else ""
        lines = [
            f"{reason}经批准，{site}自{cn_date(event.start)}起停止更新并永久下线，"
            f"原有内容已迁移至：{_link(event.destination, event.destination)}。",
            "",
            f"{this}各页面均已注明其内容的迁移去向，请通过新网址访问。"
            f"本公告保留至{cn_date(event.kept_until)}。",
            "",
            f"联系方式：{contact}。",
        ]
    else:
        reason = f"{_clause(event.reason)}，" if _clause(event.reason) else ""
        lines = [
            f"{reason}自{cn_date(event.start)}起，{site}的域名由 {event.old_domain} "
            f"变更为 {domain}，新网址为 {_link(home, home)}。",
            "",
            f"原域名 {event.old_domain} 下的网址将自动跳转到新域名下的对应页面，请及时更新收藏夹和链接。",
            "",
            f"联系方式：{contact}。",
        ]
    return "\n".join(lines) + "\n"


def event_domain(config: SiteConfig, lifecycle: Lifecycle, event: Event) -> str:
    """The site's domain from the day of `event` (Lifecycle.domain_on): what its opening
    notice names, and the new domain its domain change announces. A notice states the facts
    of its day: a later domain change has a notice of its own and does not rewrite it (nor
    does a change still to come make it name a domain the site does not answer on yet)."""
    return lifecycle.domain_on(config.domain, event.start)


def notice_of(site: Site, event: Event, column: str, domain: str = "") -> Notice:
    item_id = f"{column}/{slug_of(event)}"
    return _notice(site.config, event, item_id, column, LIFECYCLE_FILE, domain=domain)


def _notice(
    config: SiteConfig,
    event: Event,
    item_id: str,
    column: str,
    file: str,
    own: bool = True,
    domain: str = "",
) -> Notice:
    """The notice of `event`, announced by the site of `config`, from its lifecycle `file`;
    `own`: published on that site (else on its parent portal); `domain`: `event_domain`."""
    line = event.line()
    date_key = "from" if event.kind == OFFLINE else "date"
    announced = event.path("announced") in event.lines
    lines = {
        "title": line,
        "date": event.line("announced" if announced else date_key),
        "reviewed_by": event.line("reviewed_by"),
    }
    expires: dt.date | None = None
    if event.kind == OFFLINE:
        expires = event.returns
    elif event.kind == MIGRATION:
        expires = event.kept_until
    return Notice(
        id=item_id,
        column=column,
        location=Location(file, lines, line),
        title=title_of(config, event),
        date=dt.datetime.combine(event.announced, dt.time()),
        source=config.host,
        keywords=(event.label, "公告"),
        summary="",
        reviewed_by=event.reviewed_by,
        expires=dt.datetime.combine(expires, dt.time()) if expires else None,
        body_md=body_of(config, event, own, domain),
    )


def with_notices(site: Site, lifecycle: Lifecycle, diags: Diagnostics) -> Site:
    """The site with a notice item for every lifecycle event announced by the build date.

    Without a 通知公告 column there is nowhere to publish: the NOTICE rules report that.
    """
    column = notice_column(site)
    if column is None or not lifecycle.events:
        return site
    config = site.config
    pending = [
        (notice_of(site, e, column, event_domain(config, lifecycle, e)), e, LIFECYCLE_FILE)
        for e in lifecycle.events
    ]
    return _publish(site, column, pending, diags)


def with_portal_notices(site: Site, notices: Sequence[PortalNotice], diags: Diagnostics) -> Site:
    """The portal with the opening and migration notices of the repository's sites whose
    parent it is (RULES NOTICE-01: 新开通部门网站在本级政府门户网站发布开通公告, 多站点仓库内
    自动放入对应站点; NOTICE-02: 在上级政府网站或本级门户发布公告, 至少保留 30 天; ssg/sites.py).
    Their URLs carry the announcing site's domain: two sites may open on one day."""
    column = notice_column(site)
    if not notices:
        return site
    if column is None:
        # Nowhere to publish (no 通知公告 column, or only a draft one, as `ssg init` leaves
        # it): said, for the portal's editors; the announcing site's notice is its own.
        for portal in notices:
            event = portal.event
            if event.announced > site.build_date:
                continue
            diags.add(
                Severity.DEDUCT,
                "NOTICE-01" if event.kind == OPENING else "NOTICE-02",
                portal.file,
                event.line(),
                f"[{event.index}]",
                f"{portal.config.name}（{portal.config.domain}）的{event.label}公告应在本门户发布，"
                "但本站没有已发布的通知公告栏目（ColumnType 为 通知公告，不是草稿）；请开设该栏目 "
                "(the portal has no published 通知公告 column for this notice)",
            )
        return site
    pending = []
    for portal in notices:
        owner = portal.config.domain.lower().removesuffix(".gov.cn").replace(".", "-")
        item_id = f"{column}/{owner}-{slug_of(portal.event)}"
        notice = _notice(
            portal.config, portal.event, item_id, column, portal.file, False, portal.domain
        )
        pending.append((notice, portal.event, portal.file))
    return _publish(site, column, pending, diags)


def _publish(
    site: Site, column: str, pending: Sequence[tuple[Notice, Event, str]], diags: Diagnostics
) -> Site:
    # (claimed: files copied from content/ too, which would replace the notice's page)
    taken = {url.lstrip("/") for url in site.urls.values()} | set(site.aliases) | site.claimed
    items: dict[str, Item] = dict(site.items)
    urls = dict(site.urls)
    added: list[str] = []
    for notice, event, file in pending:
        if event.announced > site.build_date:
            continue  # scheduled, like any item dated after the build date
        url = f"/{notice.id}.html"
        if notice.id in items or url.lstrip("/") in taken:
            diags.error(
                "URL-01",
                file,
                event.line(),
                f"[{event.index}]",
                f"{event.label}公告的网址 {url} 已被其他内容占用（同一天的同类事件只能有一个，"
                f"或请为 content 中的同名文件改名） (notice URL already taken)",
            )
            continue
        taken.add(url.lstrip("/"))
        items[notice.id] = notice
        urls[notice.id] = url
        added.append(notice.id)
    if not added:
        return site
    own = sorted([*site.items_in.get(column, ()), *added], key=lambda i: item_sort_key(items[i]))
    items_in: dict[str, tuple[str, ...]] = dict(site.items_in)
    items_in[column] = tuple(own)
    return dataclasses.replace(site, items=items, urls=urls, items_in=items_in)


def parent_portal_text(site: Site, event: Event, domain: str = "") -> str:
    """The notice the parent portal (上级或本级政府门户) publishes (NOTICE-01, NOTICE-02);
    `domain`: `event_domain`."""
    config = site.config
    where = f"https://{config.parent}/" if config.parent else "上级（或本级）政府门户网站"
    heading = title_of(config, event)
    body = body_of(config, event, own=False, domain=domain)
    return (
        f"# {heading}\n\n"
        f"（本文由 ssg 根据 data/lifecycle.yaml 生成，供在 {where} 发布；"
        f"{'新开通的门户网站在上级门户、部门网站在本级门户发布开通公告' if event.kind == OPENING else '下线公告在上级或本级门户至少保留 30 天'}。）\n\n"
        f"{body}\n{config.host}\n{cn_date(event.announced)}\n"
    )


def notices_by_event(site: Site, lifecycle: Lifecycle) -> Mapping[int, str]:
    """Event index → the id of its notice item, for the events whose notice is published."""
    out: dict[int, str] = {}
    for event in lifecycle.events:
        item_id = notice_item_id(site, event)
        if item_id is not None and item_id in site.items:
            out[event.index] = item_id
    return out
