"""Deploy rules, judged on data/deploy.yaml and the output (deploy phase one, README):

- SEC-01 不得境外托管 — 吉林办法 第三十条（二）✅ “政府网站服务器、云计算中心（平台）等不得放在境外，
  禁止使用境外机构提供的物理服务器和虚拟主机”. RULES asks for a declared 托管方与地域: when
  data/deploy.yaml exists, a missing declaration and a region outside 中国境内 are findings.
  香港、澳门、台湾 count as 境外 here: the measure does not define 境外, and national practice
  on network data treats them as outside the 境内 where it must stay (数据出境 rules; ◐, not
  read in the seed). Not a single-veto item: deduct. A region ssg cannot place is advice.
- ID-17 IPv6 — 吉林办法 第二十八条 ✅ “确保新建政府网站（含政务服务平台）全面支持IPv6”: `ipv6: false`.
- NOTICE-05 改版不断服 — 吉林办法 第十四条 ✅ “网站改版升级应在确保正常运行的情况下进行”: a URL
  of the last published urls.txt (`previous_urls`) that this build neither publishes nor
  redirects (aliases, a migration's mapping). The file's lines that are no URL of this site
  are input errors met reading it (DEPLOY-04, ssg/deploy/previous_urls.py), never pages.

Problems in data/deploy.yaml itself are the build's to report (DEPLOY-0x), once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ssg.check.registry import CheckContext, Finding, rule
from ssg.deploy.config import DEPLOY_FILE, DeployConfig, load_deploy
from ssg.deploy.previous_urls import CODE as PREVIOUS_URLS_CODE
from ssg.deploy.previous_urls import PreviousUrl, load_previous_urls, site_hosts
from ssg.derive.lifecycle_pages import new_url
from ssg.diagnostics import Diagnostics, Severity
from ssg.lifecycle import DOMAIN_CHANGE, MIGRATION, load_lifecycle, normalise_path


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# 31 provincial-level divisions of the mainland, and the usual words for it.
MAINLAND = _words(
    "北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 "
    "广东 广西 海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 中国境内 中国大陆 境内 内地"
)
# 境外 for SEC-01 (see the module's docstring), and places a region is commonly written as.
ABROAD = _words(
    "境外 海外 国外 香港 澳门 台湾 台北 新加坡 日本 东京 大阪 韩国 首尔 美国 硅谷 弗吉尼亚 加利福尼亚 "
    "德国 法兰克福 英国 伦敦 法国 巴黎 荷兰 俄罗斯 莫斯科 印度 孟买 澳大利亚 悉尼 加拿大 马来西亚 "
    "吉隆坡 泰国 曼谷 印度尼西亚 雅加达 越南 菲律宾 阿联酋 迪拜 沙特 巴西 hongkong macau macao "
    " taiwan singapore tokyo japan korea seoul virginia california oregon frankfurt london"
)
ABROAD_PHRASES = ("hong kong",)
# Cloud region codes: cn-beijing, cn-north-1 are mainland; cn-hongkong, ap-…, us-… are not.
_CODE_ABROAD = re.compile(r"\bcn-(?:hongkong|hk|macau|taiwan)\b|^(?:ap|us|eu|me|sa|af|ca|il|mx)-")
_CODE_MAINLAND = re.compile(r"\bcn-[a-z]+")
_FURTHER_PAGE = re.compile(r"^(.*/)index_\d+\.html$")


def region_place(region: str) -> str | None:
    """ "abroad", "mainland", or None when the text names no place ssg knows."""
    text = region.strip().lower()
    if any(word in text for word in (*ABROAD, *ABROAD_PHRASES)) or _CODE_ABROAD.search(text):
        return "abroad"
    if any(word in text for word in MAINLAND) or _CODE_MAINLAND.search(text):
        return "mainland"
    return None


def _deploy(ctx: CheckContext) -> DeployConfig | None:
    return load_deploy(ctx.root, ctx.site.config.domain, Diagnostics())


@rule(
    "SEC-01",
    Severity.DEDUCT,
    "政府网站服务器、云平台不得放在境外；部署配置须声明托管方与地域",
    "吉林办法 第三十条（二）",
    "在 data/deploy.yaml 写 hosting: {provider: 托管方全称, region: 服务器所在省市}，"
    "服务器与云平台须在中国境内（不含港澳台）",
)
def hosting_declared(ctx: CheckContext) -> Iterator[Finding]:
    deploy = _deploy(ctx)
    if deploy is None:
        return
    for key, value, label in (
        ("provider", deploy.hosting_provider, "托管方"),
        ("region", deploy.hosting_region, "服务器所在地域"),
    ):
        if not value:
            yield Finding(
                DEPLOY_FILE,
                deploy.lines.get(f"hosting.{key}", deploy.line("hosting")),
                f"hosting.{key}",
                f"部署配置未声明{label}：政府网站服务器不得放在境外，须写明托管方与地域 "
                f"(hosting {key} not declared)",
            )
    region = deploy.hosting_region
    if not region:
        return
    place = region_place(region)
    line = deploy.line("hosting.region")
    if place == "abroad":
        yield Finding(
            DEPLOY_FILE,
            line,
            "hosting.region",
            f"服务器所在地域 “{region}” 在境外（港澳台按境外计）：政府网站服务器、云计算中心不得放在境外 "
            "(servers hosted outside mainland China)",
        )
    elif place is None:
        yield Finding(
            DEPLOY_FILE,
            line,
            "hosting.region",
            f"无法确认服务器所在地域 “{region}” 在中国境内；请写省级行政区，如 吉林省长春市 "
            "(region not recognised as mainland China)",
            Severity.ADVICE,
        )


@rule(
    "ID-17",
    Severity.DEDUCT,
    "新建政府网站须全面支持 IPv6",
    "吉林办法 第二十八条",
    "删除 data/deploy.yaml 中的 ipv6: false（默认 true），并在服务器上开通 IPv6 地址与解析",
)
def ipv6_enabled(ctx: CheckContext) -> Iterator[Finding]:
    deploy = _deploy(ctx)
    if deploy is not None and not deploy.ipv6:
        yield Finding(
            DEPLOY_FILE,
            deploy.line("ipv6"),
            "ipv6",
            "ipv6: false：生成的 nginx 配置不监听 IPv6；新建政府网站须全面支持 IPv6 "
            "(IPv6 turned off)",
        )


@rule(
    "NOTICE-05",
    Severity.DEDUCT,
    "网站改版须确保正常运行：上一次发布的网址须仍可访问或跳转",
    "吉林办法 第十四条",
    "在内容的新位置写 aliases: [旧网址]，或在迁移对照表中写出旧网址的去向",
)
def urls_kept(ctx: CheckContext) -> Iterator[Finding]:
    deploy = _deploy(ctx)
    if deploy is None or not deploy.previous_urls:
        return
    lifecycle = load_lifecycle(ctx.root, Diagnostics())
    hosts = site_hosts(ctx.site.config, (e.old_domain for e in lifecycle.of(DOMAIN_CHANGE)))
    read = Diagnostics()
    previous = load_previous_urls(ctx.root, deploy.previous_urls, hosts, read)
    for problem in read:  # (lines that are no URL of this site: input errors, DEPLOY-04)
        yield Finding(
            problem.file, problem.line, problem.field, problem.message, problem.severity,
            problem.code,
        )  # fmt: skip
    if not previous and not read:
        # A file named and left empty (or comments only) is most likely one not filled in
        # yet: NOTICE-05 compared nothing, and said nothing. Advice at the field that names
        # it, not an error: the file is valid input, and before a site's first release there
        # is no urls.txt to copy in.
        yield Finding(
            DEPLOY_FILE, deploy.line("previous_urls"), "previous_urls",
            f"上一次发布的网址清单 {deploy.previous_urls} 是空的，没有一个网址：NOTICE-05 没有可比对的"
            "网址；请放入上一次发布的 urls.txt 的副本，网站还没有发布过时删除 previous_urls 这一项 "
            "(the previous_urls file lists no URL: nothing was compared)",
            Severity.ADVICE, PREVIOUS_URLS_CODE,
        )  # fmt: skip
    mapped: dict[str, str] = {}
    for event in lifecycle.of(MIGRATION):
        mapped.update({row.old: row.new for row in event.mapping})
    if ctx.output is None:
        # (`ssg build` and `ssg check` both render, the latter into a folder it throws away;
        # a caller without rendered pages gets what the site model can tell, and is told so)
        yield from _judged_without_output(ctx, deploy, previous, mapped)
        return
    present = {normalise_path(page.url) for page in ctx.pages}
    for entry in previous:
        path = entry.path
        if path in present or new_url(mapped, path):
            continue
        if (ctx.output / path.lstrip("/")).is_file():
            continue  # (a file other than a page: an attachment still published)
        further = _FURTHER_PAGE.match(path)
        if further and further.group(1) in present:
            continue  # a column's further page: fewer items, fewer pages; the column stays
        yield Finding(
            deploy.previous_urls,
            entry.line,
            "",
            f"上一次发布的网址 {path} 在本次构建中既不存在，也没有跳转（aliases 或迁移对照表）；"
            f"改版不得使旧网址失效 (published URL vanished without a redirect)",
        )


def _judged_without_output(
    ctx: CheckContext,
    deploy: DeployConfig,
    previous: Iterable[PreviousUrl],
    mapped: dict[str, str],
) -> Iterator[Finding]:
    """NOTICE-05 without the rendered output: a previous URL that is an item, a column, an
    alias or a file of content/ is kept; whether the others vanished only the output can tell
    (pages ssg generates: listings, the policy library, feeds, the files of static/). They are
    not passed in silence: one advice at `previous_urls` says how many went unjudged."""
    site = ctx.site
    known = {normalise_path(url) for url in site.urls.values()}
    known.update(normalise_path(site.column_url(column)) for column in site.columns)
    known.update(normalise_path("/" + path) for path in (*site.aliases, *site.claimed))
    unjudged = [
        entry for entry in previous if entry.path not in known and not new_url(mapped, entry.path)
    ]
    if not unjudged:
        return
    shown = "、".join(f"{e.path}（第 {e.line} 行）" for e in unjudged[:3])
    more = f" 等 {len(unjudged)} 个" if len(unjudged) > 3 else ""
    yield Finding(
        DEPLOY_FILE,
        deploy.line("previous_urls"),
        "previous_urls",
        f"没有渲染出的网站可供比对，{deploy.previous_urls} 中的 {shown}{more}网址未检查是否仍然存在"
        "（它们不是信息、栏目、旧网址或 content/ 中的文件）；请用 ssg check 或 ssg build 检查 "
        f"(no rendered output: {len(unjudged)} previous URLs not compared)",
        Severity.ADVICE,
    )
