"""`ssg init` and `ssg new`: write new files for editors, never over existing ones."""

from __future__ import annotations

import datetime as dt
import functools
import re
import struct
import zlib
from pathlib import Path

from ssg.content.frontmatter import parse_data_file, parse_document
from ssg.content.model import DEFAULT_COLUMN_TYPE, ITEM_CLASSES, NATIONAL_GAPS
from ssg.diagnostics import Diagnostics
from ssg.link import (
    _PAGED_INDEX,
    _STEM_BAD,
    RESERVED_ROOT_PAGES,
    RESERVED_TOP,
    SEGMENT_LIMIT,
    segment_limit_text,
    too_long_segment,
)
from ssg.slugs import new_slug


class ScaffoldError(Exception):
    """A usage problem; the message is for the editor."""


# The stand-ins `ssg init` and `ssg new` write where only the site can say what goes: its
# names, domains, 标识码, filings, contact and an item's reviewer. One list: the scaffold
# writes from it and `ssg check` (ssg/check/placeholders.py) reports each one still in place,
# so that a site does not go live with them. Keys are site.yaml paths (`contact.phone`).
_PORTAL_STAND_INS = {
    "name": "示例市人民政府",
    "domain": "www.example.gov.cn",
    "host": "示例市人民政府办公室",
    "contact.email": "webmaster@www.example.gov.cn",
}
_DEPARTMENT_STAND_INS = {
    "name": "示例市某某局",
    "domain": "dept.example.gov.cn",
    "host": "示例市某某局",
    "contact.email": "webmaster@dept.example.gov.cn",
}
_SHARED_STAND_INS = {
    "parent": "www.example.gov.cn",
    "chinese_domain": "示例市政府.政务",  # (written commented out: an example to copy)
    "operator": "示例市政务服务和数字化建设管理局",  # (likewise)
    "site_code": "0000000000",
    "icp": "吉ICP备00000000号-1",
    "police_record": "吉公网安备 22000000000000号",
    "contact.phone": "0000-0000000",
    "contact.address": "请填写办公地址",
    "contact.postcode": "000000",
}
SITE_PLACEHOLDERS: dict[str, frozenset[str]] = {
    key: frozenset(
        values[key]
        for values in (_PORTAL_STAND_INS, _DEPARTMENT_STAND_INS, _SHARED_STAND_INS)
        if key in values
    )
    for key in {**_PORTAL_STAND_INS, **_DEPARTMENT_STAND_INS, **_SHARED_STAND_INS}
}
# Front-matter keys of the items `ssg new` (and the first item of `ssg init`) writes; a list
# field (conditions) holds its stand-in as an entry.
ITEM_PLACEHOLDERS: dict[str, str] = {
    "title": "请填写标题",
    "reviewed_by": "请填写审核人",
    "source": "示例市人民政府办公室",
    "issuer": "示例市人民政府",
    "conditions": "请填写申请条件",
    "address": "请填写办理地点",
    "agency": "请填写办理机构",
    "phone": "0000-0000000",
    "department": "请填写答复部门",
    "question": "请填写网民留言内容",
    "name": "请填写姓名",
    "position": "请填写职务",
    "duties": "请填写分管工作",
}
# Stand-ins built from the year `ssg new` runs in (`{year}`): a policy's 索引号 and 发文字号,
# and an interpretation's reference to that 发文字号. Any year's is the stand-in: the check
# matches `{year}` as four digits (YEAR_PLACEHOLDER_PATTERNS), the rest exactly.
YEAR_PLACEHOLDERS: dict[str, str] = {
    "index_number": "000000000/{year}-00001",
    "doc_number": "示政发〔{year}〕1号",
    "policy": "示政发〔{year}〕1号",
}
YEAR_PLACEHOLDER_PATTERNS: dict[str, re.Pattern[str]] = {
    key: re.compile(re.escape(template).replace(re.escape("{year}"), r"\d{4}"))
    for key, template in YEAR_PLACEHOLDERS.items()
}
BODY_PLACEHOLDERS = ("正文从这里开始。", "请在这里填写答复内容。")  # (of a reply: the answer)
# The name of a column `ssg new` makes for a folder whose name is no Chinese one.
COLUMN_TITLE_PLACEHOLDER = "请填写栏目名称"


def is_year_placeholder(key: str, value: str) -> bool:
    """Whether *value* is the stand-in `ssg new` writes for *key* (in any year), as the
    placeholder check reports it (ssg/check/placeholders.py): a value reported there is not
    reported again by another check (two fresh policies share it: link.py's duplicates)."""
    pattern = YEAR_PLACEHOLDER_PATTERNS.get(key)
    return pattern is not None and pattern.fullmatch(value.strip()) is not None


def _stand_ins(portal: bool) -> dict[str, str]:
    """SITE_YAML's fields for a portal or a department site (`contact.phone` → contact_phone)."""
    values = {**_SHARED_STAND_INS, **(_PORTAL_STAND_INS if portal else _DEPARTMENT_STAND_INS)}
    return {key.replace(".", "_"): value for key, value in values.items()}


SITE_YAML = """\
# 网站配置（ARCHITECTURE §2.1）。每一项都写明含义；带“可选”的可以删除。
# 所有像数字的值请加引号，例如标识码 "2299000001"：它们是文本，不是数字。

name: {name}                       # 网站全称，显示在页头（SiteName）；须以机构名称命名（ID-01）
domain: {domain}                   # 英文域名，须以 .gov.cn 结尾（ID-02），门户为 www.地区名.gov.cn
# chinese_domain: {chinese_domain}      # 可选：中文域名，须为“△△△.政务”（ID-05）
level: {level}                     # 网站级别：province 省级 | city 市级 | county 县级 | department 部门
parent: {parent}         # 上级门户的域名（部门网站填本级政府门户）
province: 吉林                     # 所属省份，开启该省自己的规则
site_code: "{site_code}"             # 政府网站标识码：10 位（6 位区划代码 + 4 位顺序号），加引号（ID-07）
# region_code: "220100"            # 可选：行政区划代码，即地方标识码的前 6 位
icp: {icp}            # ICP 备案编号，页脚链接工信部备案系统（ID-09）
police_record: {police_record}   # 公安机关备案号：省简称 + 公网安备 + 14 位数字 + 号（ID-10）
# police_icon: static/police-record.png   # 公安备案图标：备案系统提供的图标放到 static/ 后填写；不填时页脚用主题自带的示意图标（ID-10）
host: {host}                       # 主办单位
# operator: {operator}   # 可选：承办单位
contact:                           # 联系方式，显示在页脚
  phone: {contact_phone}
  email: {contact_email}
  address: {contact_address}
  postcode: "{contact_postcode}"
{emblem}
# conac:                           # 上线前必填：党政机关网站标识（ID-11、ID-15），取得后取消注释，填编制部门给出的脚本地址
#   script: https://dcs.conac.cn/js/…
jiucuo: false                      # “我为政府网站找错”入口（ID-12）：开通后改为 true
services:                          # 办事服务
  external: "false"                # 本站是否有对外服务职能（SERVICE-06）：有则改为 "true" 并发布办事指南
  # platform_url: https://…        # 事项在政务服务平台办理时填平台地址；有对外服务职能而不发布办事指南时必填（SERVICE-03）
interpretation_sync_days: 0        # 解读可晚于政策文件发布的天数，默认 0 = 同日发布（POLICY-03）
# column_types: [人事信息]          # 可选：本站在国家栏目类别词表外登记的类别
# interact:                        # 统一互动交流平台；不设咨询投诉（留言答复）栏目时必填（INTERACT-01）
#   platform_url: https://…
# search:                          # 可选：搜索服务地址；不填则使用静态站内搜索
#   server: https://…
# allowed_hosts:                   # 可选：允许引用的站外主机及理由
#   v.example.gov.cn: 视频点播平台（经审批）
# theme: default                   # 可选：themes/ 下覆盖默认主题的文件夹名
# page_size: 20                    # 可选：栏目列表每页条数
"""

# What a build writes beside the sources: not for git (the cache of a large site is
# hundreds of MB, README 出错时是什么样子), and regenerated by every build.
GITIGNORE = """\
# ssg 生成的文件，不提交到 git：构建输出、构建缓存、给上级门户的公告文字、部署配置、探测日志
public/
.public.*
.ssg-cache/
public-lifecycle/
public-deploy/
.ssg-monitor/
"""

# (folder, title, type, column_type, update, children)
_Column = tuple[str, str, str, str, str, list["_Column"]]

_PORTAL_TREE: list[_Column] = [
    ("zjwm", "走进{area}", "", "", "", [
        ("gkxx", "概况信息", "page", "概况信息", "none", []),
        ("jgzn", "机构职能", "page", "机构职能", "none", []),
        ("fzrxx", "负责人信息", "leader", "负责人信息", "none", []),
    ]),
    ("zwgk", "政务公开", "", "", "", [
        ("zcwj", "政策文件", "policy", "政策文件", "6m", []),
        ("zcjd", "政策解读", "interpretation", "政策解读", "6m", []),
        ("tzgg", "通知公告", "notice", "通知公告", "6m", []),
        ("szfzczz", "省政府重要政策转载", "policy", "政策文件", "6m", []),
    ]),
    ("zwdt", "政务动态", "news", "工作动态", "2w", []),
    ("bsfw", "办事服务", "service", "办事服务", "1y", []),
    ("hdjl", "互动交流", "reply", "咨询投诉", "3m", []),
]  # fmt: skip

# No 省政府重要政策转载 column: 吉林办法 第三十七条 asks it of the 省直部门 and the city and
# county portals, and the department site written here is a city's (示例市某某局). A 省直部门,
# once its 标识码 says so, is told to open one by CONTENT-06 (check/freshness.py).
_DEPARTMENT_TREE: list[_Column] = [
    ("jgzn", "机构职能", "page", "机构职能", "none", []),
    ("fzrxx", "负责人信息", "leader", "负责人信息", "none", []),
    ("zwgk", "政务公开", "", "", "", [
        ("zcwj", "政策文件", "policy", "政策文件", "6m", []),
        ("zcjd", "政策解读", "interpretation", "政策解读", "6m", []),
        ("tzgg", "通知公告", "notice", "通知公告", "6m", []),
    ]),
    ("gzdt", "工作动态", "news", "工作动态", "2w", []),
    ("hdjl", "互动交流", "reply", "咨询投诉", "3m", []),
]  # fmt: skip


def _without(column: _Column, folder: str) -> _Column:
    """`column` with no child (at any depth) in `folder`."""
    name, title, kind, column_type, update, children = column
    kept = [_without(child, folder) for child in children if child[0] != folder]
    return name, title, kind, column_type, update, kept


_AREA = {"province": "本省", "city": "本市", "county": "本县", "department": "本部门"}


def init_site(target: Path, level: str, today: dt.date) -> list[Path]:
    """A new portal in an empty folder: site.yaml, the standard columns, a first item."""
    if target.exists() and not target.is_dir():
        raise ScaffoldError(
            f"{target} 是一个文件，不是目录；ssg init 只在空目录或新目录中新建站点 "
            "(the target is a file, not a folder)"
        )
    # (a clone of an empty repository holds only .git: the site is to go into it)
    if target.exists() and any(entry.name != ".git" for entry in target.iterdir()):
        raise ScaffoldError(
            f"目录 {target} 不是空的；ssg init 只在空目录中新建站点 (target folder is not empty)"
        )
    written: list[Path] = []

    def write(rel: str, text: str) -> None:
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
        written.append(path)

    portal = level != "department"
    write("data/site.yaml", site_yaml_text(level))
    write(".gitignore", GITIGNORE)
    write("content/_index.md", "---\ntitle: 首页\n---\n\n欢迎访问本网站。\n")
    tree = _PORTAL_TREE if portal else _DEPARTMENT_TREE
    if level == "province":  # (it publishes the 重要政策 the others 转载: CONTENT-06)
        tree = [_without(column, "szfzczz") for column in tree]
    news_folder = "zwdt" if portal else "gzdt"
    for order, column in enumerate(tree, start=1):
        _write_column(write, "", column, order * 10, _AREA[level], live={news_folder, "hdjl"})
    news_dir = "content/zwdt" if portal else "content/gzdt"
    write(
        f"{news_dir}/wangzhan-shangxian.md",
        new_item_text("news", "网站正式上线", today).replace(
            BODY_PLACEHOLDERS[0], "本网站今天正式上线，欢迎各界提出意见建议。"
        ),
    )
    static = target / "static"
    static.mkdir(exist_ok=True)
    if portal:
        with (static / "emblem.png").open("xb") as handle:
            handle.write(placeholder_emblem_png())
        written.append(static / "emblem.png")
    return written


def site_yaml_text(level: str) -> str:
    """The data/site.yaml `ssg init --level <level>` writes."""
    portal = level != "department"
    emblem = (
        "emblem: static/emblem.png             # 国徽图片：县级以上政府门户首页须显示（ID-14），"
        "请换成中国政府网发布的标准版本"
        if portal
        else "# emblem:                         # 部门网站默认不显示国徽（ID-14）"
    )
    return SITE_YAML.format(level=level, emblem=emblem, **_stand_ins(portal))


@functools.cache  # (the check compares the site's emblem with it on every build)
def placeholder_emblem_png(size: int = 96) -> bytes:
    """A red disc on gold: a stand-in until the site puts the standard 国徽 image in place."""
    rows = []
    centre, radius = (size - 1) / 2, size * 0.42
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            inside = (x - centre) ** 2 + (y - centre) ** 2 <= radius**2
            row += bytes((0xC8, 0x10, 0x2E)) if inside else bytes((0xF2, 0xC2, 0x3A))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def _write_column(
    write: object, parent: str, column: _Column, order: int, area: str, live: set[str]
) -> None:
    """One standard column. Until it has content it is a draft, so that a new site is not
    full of empty columns (空白栏目, CONTENT-02/04); `live` columns are published at once."""
    folder, title, type_name, column_type, update, children = column
    path = f"{parent}/{folder}" if parent else folder
    lines = ["---", f"title: {title.format(area=area)}"]
    if folder not in live and not any(child[0] in live for child in children):
        lines.append("draft: true                     # 栏目发布第一条内容后删除这一行")
    if type_name:
        lines.append(f"type: {type_name}                # 本栏目条目的默认内容类型")
    if column_type:
        lines.append(f"column_type: {column_type}       # 国家栏目类别（ColumnType）")
    lines.append(f"description: {title.format(area=area)}栏目   # 栏目描述（ColumnDescription）")
    lines.append(f"keywords: [{title.format(area=area)}]   # 栏目关键词（ColumnKeywords）")
    if update:
        lines.append(f"update: {update}                # 最长更新间隔：Nd/Nw/Nm/Ny 或 none")
    lines.append(f"order: {order}")
    lines.append("---")
    assert callable(write)
    write(f"content/{path}/_index.md", "\n".join(lines) + "\n")
    for index, child in enumerate(children, start=1):
        _write_column(write, path, child, index * 10, area, live)


_FIELD_TEMPLATES: dict[str, list[str]] = {
    "common": [
        "title: {title}                      # 标题（必填）",
        "date: {date}                        # 发布日期（必填）：YYYY-MM-DD 或 YYYY-MM-DD HH:MM",
        "source: {source}                    # 信息来源（ContentSource）",
        "reviewed_by: {reviewed_by}              # 审核人（SEC-03）",
        "# keywords: [关键词一, 关键词二]       # 可选：关键词",
        "# summary: 一句话摘要                 # 可选：摘要",
    ],
    "policy": [
        "issuer: {issuer}                # 发文机关（必填）",
        "written: {date}                     # 成文日期（必填），不晚于发布日期",
        "index_number: {index_number}   # 索引号（必填）：机构代码/年份-5 位序号",
        "topic: '综合政务\\政务公开'            # 主题分类（必填），层级用 \\ 分隔",
        "doc_number: {doc_number}        # 发文字号：机关代字〔年份〕序号号，用六角括号",
        "validity: 有效                       # 有效性：有效 / 已修改 / 已废止 / 失效",
        "needs_interpretation: false          # 重要政策须同步发布解读时改为 true",
        "# superseded_by: 示政发〔2020〕1号    # 可选：替代本文件的新文件",
        "# attachments: [附件1.pdf]            # 可选：附件，放在本条目的文件夹中",
    ],
    "interpretation": [
        "policy: {policy}            # 所解读的政策文件（必填）：发文字号或路径",
        "form: 文字解读                        # 解读形式：文字解读/图解/视频/音频/动漫/专家解读/答记者问/媒体评论",
    ],
    "service": [
        "basis: 《中华人民共和国行政许可法》      # 设定依据（必填）",
        "conditions:                          # 申请条件（必填）：一段文字或列表",
        "  - {conditions}",
        "materials:                           # 办理材料（必填）",
        "  - name: 申请表                      # 材料名称",
        "    form: 原件                        # 原件 / 复印件 / 电子件",
        "    copies: 1                         # 份数",
        "    # template: 申请表.docx            # 空白表格文件",
        "address: {address}                # 办理地点（必填）",
        "agency: {agency}                 # 办理机构（必填）",
        "fees: 不收费                          # 收费标准（必填）",
        "hours: 工作日 9:00-17:00               # 办理时间（必填）",
        "phone: {phone}                  # 联系电话（必填）",
        "process:                             # 办理流程（必填）",
        "  - 申请",
        "  - 受理",
        "  - 审核",
        "  - 办结",
        "time_limit: 5 个工作日                 # 办理时限（必填）",
        "notes: 无                            # 注意事项（必填）",
        "online: 全程网办                      # 网上可办理程度：全程网办 / 部分网办 / 线下办理",
        # (prose, not a commented-out field: `https://…` uncommented would be published as a
        # link to nowhere; SSG-04 asks for the address until it is written)
        "# 全程网办、部分网办的事项另写一行 online_url：政务服务平台上本事项的在线办理网址"
        "（如 https://zwfw.….gov.cn/item/…）；没有时 ssg check 提示 SSG-04",
        '# item_code: "000000000000"           # 可选：事项编码',
    ],
    "notice": ["# expires: {date}                 # 可选：有效期至"],
    "news": [
        "# author: 记者姓名                    # 可选：作者",
        "# image: 题图.jpg                   # 可选：题图",
    ],
    "reply": [
        "asked: {date}                       # 留言日期（必填）",
        "received: {date}                    # 受理日期（必填），不早于留言日期",
        "replied: {date}                     # 答复日期（必填），不早于受理日期",
        "department: {department}             # 答复部门（必填）",
        "question: |                          # 留言内容（必填）",
        "  {question}",
        "category: 咨询                        # 留言类别：咨询 / 投诉 / 建议 / 找错",
    ],
    "leader": [
        "name: {name}                       # 姓名（必填）",
        "position: {position}                   # 职务（必填）",
        "duties: {duties}                 # 分管工作（必填）",
        "# photo: photo.jpg                    # 可选：照片，放在本条目的文件夹中",
        "# order: 1                            # 可选：排序",
        "# updated: {date}                 # 更新日期：不填则页面发布时间为空（DESIGN-04）",
    ],
    # (page and leader have no `date`: without `updated` the PubDate is empty, DESIGN-04)
    "page": ["# updated: {date}                 # 更新日期：不填则页面发布时间为空（DESIGN-04）"],
}


def check_type(type_name: str) -> None:
    if type_name not in ITEM_CLASSES:
        raise ScaffoldError(
            f"未知的内容类型 “{type_name}”；可选 {', '.join(ITEM_CLASSES)} (unknown content type)"
        )


def new_item_text(type_name: str, title: str, today: dt.date, own_type: bool = False) -> str:
    """The item's front matter and a placeholder body. `own_type`: write `type:`, as the
    column's default type is another one (without it the item would be read as that one)."""
    check_type(type_name)
    common = list(_FIELD_TEMPLATES["common"])
    if type_name in ("page", "leader"):
        common = [line for line in common if not line.startswith(("date:", "source:"))]
    if type_name == "interpretation":
        common = [
            line.replace("# 信息来源（ContentSource）", "# 解读机关（必填）") for line in common
        ]
    values = {
        **ITEM_PLACEHOLDERS,
        **{key: template.format(year=today.year) for key, template in YEAR_PLACEHOLDERS.items()},
        "title": title,
        "date": today.isoformat(),
    }
    lines = [line.format(**values) for line in common + _FIELD_TEMPLATES[type_name]]
    if own_type:
        lines.insert(1, f"type: {type_name}                   # 内容类型：与栏目的默认类型不同")
    body = BODY_PLACEHOLDERS[1] if type_name == "reply" else BODY_PLACEHOLDERS[0]
    header = f"# 新建{ITEM_CLASSES[type_name].LABEL}：填写下列字段后删除本行注释"
    return "---\n" + header + "\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"


# An example field `ssg new` or `ssg init` writes commented out (`# summary: 一句话摘要   #
# 可选：摘要`, a nested `    # template: …`, site.yaml's `#   script: …` under `# conac:`, a
# host as the key of `#   v.example.gov.cn: …`): the editor may uncomment it, as it stands.
_COMMENTED_FIELD = re.compile(r"^(\s*)# (\s*[a-z_][a-z0-9_.-]*:(?: |$))", re.M)
_EXAMPLE_DAY = dt.date(2000, 1, 1)  # (any day: a value built from it is told apart by it)


def uncomment_examples(text: str) -> str:
    """A file of `ssg new` with every commented-out example field written in, unchanged."""
    return _COMMENTED_FIELD.sub(r"\1\2", text)


@functools.cache
def example_placeholders() -> dict[str, dict[str, frozenset[str]]]:
    """What `ssg new` writes commented out, as examples, in an item of each type ("item") and
    in a column (_index.md, "column"): field path (a list's index left out, as in
    `materials.template`) -> the example's text values (a list's entries). Derived from the
    files the scaffold writes, so that an example added there is one here. A value built
    from the day `ssg new` ran (`# expires: {date}`) is no example: it is that day."""
    found: dict[str, dict[str, set[str]]] = {"item": {}, "column": {}}
    texts = [("item", new_item_text(t, "示例", _EXAMPLE_DAY)) for t in ITEM_CLASSES]
    texts.append(("column", new_column_text("lm", "news")))
    for kind, text in texts:
        written = _leaves(_front_matter(text))
        for path, value in _leaves(_front_matter(uncomment_examples(text))):
            if (path, value) not in written and value != _EXAMPLE_DAY.isoformat():
                found[kind].setdefault(path, set()).add(value)
    return {kind: {k: frozenset(v) for k, v in paths.items()} for kind, paths in found.items()}


# What `ssg new` writes uncommented in a field of the scaffold's own choosing (not a stand-in
# above, not the title or a date of the day) is an example of the field's shape, reported
# when published as it stands (ssg/check/placeholders.py) — unless it is a value an editor may
# rightly keep. That is decided per value, from the regulation, here; a value the scaffold
# changes is an example again until decided anew. Kept: a value that is true of real items.
KEPT_DEFAULTS: dict[str, str | tuple[str, ...]] = {
    # 收费标准: 行政许可法 第五十八条 — 实施行政许可不得收取任何费用, unless a law or
    # administrative regulation provides otherwise: “不收费” is the law's default for an item,
    # true of most (吉林办法 第二十一条 asks only that the 收费标准 be listed).
    "fees": "不收费",
    # 注意事项: SERVICE-02 makes the element required so that it is listed; “无” is what a
    # guide without notes truthfully lists.
    "notes": "无",
    # 办理时间: a service hall's real hours (many halls work through noon); 第二十一条 asks that
    # they be listed, and an editor whose hall keeps them has nothing to change.
    "hours": "工作日 9:00-17:00",
    # 办理时限: a common 承诺时限 (the sample portal's 城乡居民医保 guide, a real item's, has it).
    "time_limit": "5 个工作日",
    # 办理流程: the stages 行政许可法 第三章 gives every item (申请、受理、审查、决定), which real
    # guides list as they are (the sample portal's 排污许可 and 公共场所卫生许可 guides do).
    "process": ("申请", "受理", "审核", "办结"),
    # 主题分类: the category RULES POLICY-01 reads on the 指引's own page (✅), a real one of
    # the 政府信息公开 topic vocabulary; a policy on 政务公开 keeps it.
    "topic": "综合政务\\政务公开",
}
# Not kept, each no real item's (吉林办法 第二十一条: 列明依据条件, 材料提供规范表格, “与线下保持
# 一致”): `basis` 《中华人民共和国行政许可法》 alone — the general law, whose 第十四条～第十七条
# leave setting an item to other laws, with no article: no item's 设定依据 by itself; and the
# one `materials` entry “申请表” (原件, 1 份) — a form of no name, the only material. Each is
# reported only while the whole value is the scaffold's (materials with a 申请表 among others
# are the editor's), and a guide whose value truly is that says so in `allow` (ARCHITECTURE
# §2.6). Values of a vocabulary (`enum`: validity 有效, form 文字解读, online 全程网办, category
# 咨询), booleans and numbers are choices, any of them a real one: never examples.
_EXAMPLE_KINDS = frozenset({"text", "multitext", "list", "refs", "materials"})


@functools.cache
def written_examples() -> dict[str, dict[str, object]]:
    """Content type -> field -> the value `ssg new` writes in it uncommented as an example,
    as the content model holds it (a tuple of Material for `materials`): compared whole with
    an item's. Derived from the files the scaffold writes, so that a field it fills in later
    is reported unless KEPT_DEFAULTS keeps its value."""
    from ssg.content.loader import parse_item
    from ssg.content.validate import TABLES

    stand_ins = {*ITEM_PLACEHOLDERS, *YEAR_PLACEHOLDERS}
    found: dict[str, dict[str, object]] = {}
    for type_name in ITEM_CLASSES:
        raw = new_item_text(type_name, "示例", _EXAMPLE_DAY).encode("utf-8")
        item = parse_item(raw, "example", "example.md", "", False, type_name, Diagnostics())
        parsed = parse_document(raw, "example.md", Diagnostics())
        # (the scaffold writes valid front matter: its tests build it)
        assert not isinstance(item, str) and parsed is not None, raw
        table = TABLES[type_name]
        for key, written in parsed.data.items():
            spec = table.get(key)
            if key in stand_ins or key == "title" or spec is None:
                continue
            value = tuple(written) if isinstance(written, list) else written
            if spec.kind not in _EXAMPLE_KINDS or KEPT_DEFAULTS.get(key) == value:
                continue
            found.setdefault(type_name, {})[key] = getattr(item, key)
    return found


# site.yaml's settings `ssg init` writes that are no examples, each for its reason: the level
# the editor chose (`--level`), a real default the site may keep, or a value another check
# judges (as REF-03 a file name): the stand-ins (SITE_PLACEHOLDERS) have rules of their own.
KEPT_SITE_SETTINGS: dict[str, str] = {
    # ssg's own rules are Jilin's (吉林办法, RULES' seed); a site of 吉林 keeps it.
    "province": "吉林",
    # SERVICE-06: a site without outward services says so, the true default until it has them.
    "services.external": "false",
    # A real 行政区划代码 (长春市): right for a site there; ID-07 compares it with site_code.
    "region_code": "220100",
    # A real ColumnType many sites add (RULES CONTENT-03 names 人事 columns).
    "column_types": "人事信息",
    # The default theme's own name.
    "theme": "default",
}
_SITE_JUDGED_ELSEWHERE = frozenset(
    {
        "level",  # (the editor's --level)
        "emblem",  # (the stand-in image: ID-14's placeholder_emblem compares its bytes)
        "police_icon",  # (a file name: REF-03 until the icon is in static/)
        "conac.script",  # (its “…” is refused by ID-11's format check)
    }
)
_SITE_SHAPES_NOT_TEXT = frozenset({"jiucuo", "interpretation_sync_days", "page_size"})


@functools.cache
def site_examples() -> dict[str, str]:
    """site.yaml path (`services.platform_url`, `allowed_hosts.v.example.gov.cn`) -> the example
    value `ssg init` writes there, uncommented or (most) commented out, for a portal or a
    department site: what is left of its settings once the stand-ins, the kept defaults and what
    other checks judge are taken out. Derived from the file the scaffold writes."""
    found: dict[str, str] = {}
    for level in ("city", "department"):
        text = uncomment_examples(site_yaml_text(level))
        data, _lines = parse_data_file(text.encode("utf-8"), "data/site.yaml", Diagnostics())
        for path, value in sorted(_leaves(data)):
            head = path.partition(".")[0]
            if (
                not value
                or path in SITE_PLACEHOLDERS
                or path in _SITE_JUDGED_ELSEWHERE
                or head in _SITE_SHAPES_NOT_TEXT
                or KEPT_SITE_SETTINGS.get(path) == value
            ):
                continue
            found[path] = value
    return found


def _front_matter(text: str) -> object:
    parsed = parse_document(text.encode("utf-8"), "example.md", Diagnostics())
    assert parsed is not None, text  # (the scaffold writes valid YAML: its tests build it)
    return parsed.data


def _leaves(value: object, path: str = "") -> set[tuple[str, str]]:
    """(path, text) of each text value in parsed front matter; list entries share the list's
    path, keys of a mapping extend it."""
    if isinstance(value, str):
        return {(path, value.strip())}
    if isinstance(value, list):
        return {leaf for entry in value for leaf in _leaves(entry, path)}
    if isinstance(value, dict):
        return {
            leaf
            for key, entry in value.items()
            for leaf in _leaves(entry, f"{path}.{key}" if path else str(key))
        }
    return set()


_CJK = re.compile(r"[\u3400-\u9fff]")
# Full-width digits and letters (２０２６年, as a Chinese input method types them) read as ASCII
# ones: pinyin passes them through and a slug keeps only a-z and 0-9, so 第２期 lost its 2, and
# ２０２５年工作要点 and ２０２６年工作要点 both asked for nian-gong-zuo-yao-dian.md.
_HALF_WIDTH = str.maketrans(
    {
        code: code - 0xFEE0
        for low, high in ("０９", "ＡＺ", "ａｚ")
        for code in range(ord(low), ord(high) + 1)
    }
)


def new_item(root: Path, type_name: str, path: str, today: dt.date) -> Path:
    """Write one content file; a Chinese name becomes the title and a pinyin slug the file name."""
    return create_item(root, type_name, path, today)[0]


def create_item(root: Path, type_name: str, path: str, today: dt.date) -> tuple[Path, list[Path]]:
    """new_item, and the `_index.md` of each folder on the way that had none: a folder of
    content without one is an error that blocks the build (COLUMN-01)."""
    folder, _, stem = content_path(root, path).rpartition("/")
    name = title = stem
    if _CJK.search(stem):
        stem = new_slug(stem.translate(_HALF_WIDTH))
    else:
        title = ITEM_PLACEHOLDERS["title"]
    _refuse_reserved(path, folder, stem)
    # (the page is stem.html: a name the file system takes as stem.md can still not build)
    long = too_long_segment(f"{folder}/{stem}.html")
    if long is not None:
        raise ScaffoldError(
            f"路径 “{path}” 不可用：{segment_limit_text(long)}，生成的网页无法写出；请用短一些的名称 "
            f"(a name over {SEGMENT_LIMIT} bytes on disk)"
        )
    content = root / "content"
    target = content / folder / f"{stem}.md"
    if target.exists():
        # (a monthly 停水通知 is a second item of one title: its file needs a name of its own,
        # and the title is the one in the file, whatever the name)
        again = "/".join(part for part in (folder, f"{name}-2") if part)
        raise ScaffoldError(
            f"{target} 已存在，不会覆盖；要新建另一条同名的信息，请换一个名称，如 "
            f"ssg new {type_name} {again}（名称决定文件名和网址，标题写在文件中） "
            "(file exists; not overwritten)"
        )
    if (content / folder / stem / "index.md").is_file():  # (a bundle: the same URL, URL-01)
        raise ScaffoldError(
            f"{content / folder / stem}/ 已是一条信息（有 index.md），新信息会与它网址相同；"
            "请换一个名称 (an item bundle of that name exists)"
        )
    if (content / folder / stem).is_dir():
        # (zwdt/qlyw.md beside the column zwdt/qlyw/: an item whose name is a column's, at
        # zwdt/qlyw.html next to zwdt/qlyw/index.html; meant, almost always, inside it)
        name = f"{folder}/{stem}".strip("/")
        raise ScaffoldError(
            f"{name} 是栏目文件夹（content/{name}/），不能再新建同名的信息；要在该栏目中新建信息，"
            f"请写 {name}/<名称>，如 ssg new {type_name} {name}/新信息标题 "
            "(that name is a column's folder: write a path inside it)"
        )
    bundle = _bundle_above(content, folder)
    if bundle is not None:
        raise ScaffoldError(
            f"content/{bundle}/ 有 index.md，是一条信息的条目文件夹（bundle），其中的 Markdown 不会发布；"
            "请把新信息放到栏目文件夹中 (that folder is an item bundle, not a column)"
        )
    parts = [part for part in folder.split("/") if part]
    missing = [
        "/".join(parts[:end])
        for end in range(1, len(parts) + 1)
        if not content.joinpath(*parts[:end], "_index.md").exists()
    ]
    # (a new column of its own is of this type: the item need not say it)
    own_type = folder not in missing and column_default_type(content, folder) != type_name
    text = new_item_text(type_name, title, today, own_type=own_type)
    columns = []
    for column in missing:
        index = content / column / "_index.md"
        index.parent.mkdir(parents=True, exist_ok=True)
        with index.open("x", encoding="utf-8") as handle:
            handle.write(new_column_text(column, type_name if column == folder else ""))
        columns.append(index)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return target, columns


def require_site(root: Path) -> None:
    """`ssg new` writes into a site: run elsewhere, it made content/ (or data/) there."""
    if (root / "content").is_dir() or (root / "data" / "site.yaml").is_file():
        return
    if (root / "sites.yaml").is_file():
        # (run at the root of a repository of sites, as `ssg build` is: say which folders are
        # sites, as `ssg serve` and `ssg report freeze` do, not that this is no site at all)
        from ssg.sites import load_sites  # (ssg.sites imports this module)

        folders = "、".join(entry.path for entry in load_sites(root, Diagnostics())) or "（无）"
        raise ScaffoldError(
            f"{root} 是含 sites.yaml 的集约化仓库，新建的文件属于其中一个站点：请用 --source "
            f"<站点文件夹> 指定，可选：{folders} (a repository of sites: name one with --source)"
        )
    raise ScaffoldError(
        f"{root} 不是 ssg 站点目录（其中没有 content/ 和 data/site.yaml）；请在站点目录中运行，"
        "或用 --source 指定站点目录 (not a site folder: use --source)"
    )


_SLASHES = str.maketrans({"\\": "/", "／": "/", "＼": "/"})


def content_path(root: Path, path: str) -> str:
    """PATH of `ssg new` as a path under content/ without `.md`: given relative to content/
    (`content/` in front allowed) or as a file's full path inside the site's content/."""
    # (typed as on Windows, or with a Chinese input method's full-width ／ and ＼: they made
    # zwgk／tzgg／通知 one item at the top of content/, zwgk-tzgg-tong-zhi.md)
    text = path.translate(_SLASHES)
    # A path through the site's folder from where the command runs (`站点/content/zwdt/x`
    # with --source 站点) is that file's path too; a column folder named content is not.
    through = not Path(text).is_absolute() and "content" in text.split("/")[1:]
    if through and (root / "content").resolve() in Path(text).resolve().parents:
        text = str(Path(text).resolve())
    if Path(text).is_absolute():
        content = (root / "content").resolve()
        try:
            text = Path(text).resolve().relative_to(content).as_posix()
        except ValueError:
            raise ScaffoldError(
                f"路径 “{path}” 不在站点的 content/ 文件夹（{content}）中；请写 content/ 下的路径，"
                f"如 zwdt/市政府召开常务会议 (path outside the site's content/ folder)"
            ) from None
    # (a space typed beside a slash, `zwgk/tzgg /通知`, made a new column `tzgg ` beside tzgg)
    parts = [part.strip() for part in text.split("/")]
    parts = [part for part in parts if part and part != "."]
    if parts[:1] == ["content"]:
        parts = parts[1:]
    if parts and parts[-1].lower().endswith(".md"):
        parts[-1] = parts[-1][:-3]
    if not parts or text.rstrip().endswith("/") or ".." in parts:  # (zwdt/: the name left out)
        raise ScaffoldError(
            f"路径 “{path}” 不可用：应为 content/ 下的栏目文件夹加文件名，不能含 .. "
            "(invalid path: expected a column folder and a name under content/)"
        )
    for part in parts:
        if part.startswith((".", "_")):
            raise ScaffoldError(
                f"路径 “{path}” 不可用：“{part}” 以 . 或 _ 开头，ssg 不读取这样的文件和文件夹 "
                "(names starting with . or _ are not read)"
            )
        if _STEM_BAD.search(part):
            raise ScaffoldError(
                f"路径 “{path}” 不可用：“{part}” 含有网址中不能用的字符（? # % 或控制字符） "
                "(a name may not hold ? # % or control characters)"
            )
    return "/".join(parts)


def _refuse_reserved(path: str, folder: str, stem: str) -> None:
    """Names whose URLs ssg writes itself (README 保留路径, URL-03): the item would not build."""
    top = folder.split("/", 1)[0] if folder else stem
    if (
        _PAGED_INDEX.match(stem)
        or top in RESERVED_TOP
        or (not folder and stem in RESERVED_ROOT_PAGES)
    ):
        raise ScaffoldError(
            f"路径 “{path}” 不可用：{top if top in RESERVED_TOP else stem} 是 ssg 生成的页面或文件夹的"
            "保留名（栏目页 index、index_N，首页下的 sitemap、404、search 等），请换一个名称 "
            "(reserved name)"
        )


def new_column_text(column: str, type_name: str) -> str:
    """The `_index.md` of a column `ssg new` makes; a channel (only sub-columns) has no type."""
    name = column.rpartition("/")[2]
    title = "'" + name.replace("'", "''") + "'" if _CJK.search(name) else COLUMN_TITLE_PLACEHOLDER
    lines = [
        "---",
        f"title: {title}                # 栏目名称（ColumnName）：请确认或改为正式名称",
    ]
    if type_name:
        lines.append(f"type: {type_name}                # 本栏目条目的默认内容类型")
    # (the values the column has when they stay commented out: uncommenting one as written
    # changes nothing; a notice column is not turned into a 2-week 工作动态 one)
    kind = DEFAULT_COLUMN_TYPE.get(type_name, "概况信息")
    national = NATIONAL_GAPS.get(kind)
    gap = str(national) if national else "1y"
    lines.append(
        f"# column_type: {kind}{' ' * (19 - 2 * len(kind))}# 可选：国家栏目类别（ColumnType），默认由 type 推出"
    )
    if title == COLUMN_TITLE_PLACEHOLDER:
        # (a name to fill in first: they would be made from it. Not called optional: a
        # column without them is told what was generated, COLUMN-05)
        lines += [
            "# description: 栏目描述            # 建议填写：栏目描述（ColumnDescription），不写时自动生成",
            "# keywords: [关键词]               # 建议填写：栏目关键词（ColumnKeywords），不写时自动生成",
        ]
    else:
        # Written, as `ssg init` writes its columns' (ARCHITECTURE §1.1: a column without them
        # shows generated text, reported as advice, COLUMN-05).
        quoted = "'" + name.replace("'", "''") + "'"
        lines += [
            f"description: {quoted[:-1]}栏目'   # 栏目描述（ColumnDescription）：请改写为栏目设置目的、主要内容",
            f"keywords: [{quoted}]   # 栏目关键词（ColumnKeywords）",
        ]
    lines += [
        f"# update: {gap:<24}# 可选：最长更新间隔 Nd/Nw/Nm/Ny 或 none",
        "# order: 10                       # 可选：导航中的顺序",
        "---",
    ]
    return "\n".join(lines) + "\n"


def column_default_type(content: Path, folder: str) -> str | None:
    """The type an item in `folder` is read as when it names none: the nearest column's
    `type` (loader.default_type), "page" when no column has one; None when an `_index.md` on
    the way cannot be read (the item then says its type itself)."""
    parts = [part for part in folder.split("/") if part]
    for end in range(len(parts), -1, -1):
        index = content.joinpath(*parts[:end], "_index.md")
        try:
            raw = index.read_bytes()
        except FileNotFoundError:
            continue
        except OSError:
            return None
        parsed = parse_document(raw, "_index.md", Diagnostics())
        if parsed is None:
            return None
        kind = parsed.data.get("type")
        if kind:
            return kind if isinstance(kind, str) else None
    return "page"


def _bundle_above(content: Path, folder: str) -> str | None:
    """The item bundle (a folder with index.md and no _index.md) at or above `folder`."""
    parts = [part for part in folder.split("/") if part]
    for end in range(len(parts), 0, -1):
        here = content.joinpath(*parts[:end])
        if (here / "index.md").is_file() and not (here / "_index.md").is_file():
            return "/".join(parts[:end])
    return None


# As the build reads it (content/validate.py k_bool): True and TRUE too, quoted or not.
_DRAFT = re.compile(r"""^draft:[ \t]*(["']?)true\1[ \t]*(?:#.*)?$""", re.M | re.I)


def draft_columns_above(root: Path, item: Path) -> list[str]:
    """The `_index.md` files of the columns holding `item` that say `draft: true`: until
    that line goes, the column and everything in it stay unpublished (README 栏目)."""
    content = root / "content"
    found = []
    folder = item.parent
    while folder != content and content in folder.parents:
        index = folder / "_index.md"
        try:
            text = index.read_text(encoding="utf-8-sig")  # (Notepad's BOM, as the build reads it)
        except (OSError, UnicodeDecodeError):
            text = ""
        head = text.split("\n---", 1)[0] if text.startswith("---") else ""
        if _DRAFT.search(head):
            found.append(index.relative_to(root).as_posix())
        folder = folder.parent
    return found
