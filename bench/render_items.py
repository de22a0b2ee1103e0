"""Turn the planned items into front matter and Markdown bodies.

Every field name comes from the editor's contract (ARCHITECTURE.md §1.2); values are drawn from
vocabulary.py through textgen.Writer, so the same seed writes the same text. Titles are unique
within a column (two items with one title would be a real editor's mistake, not load).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Mapping, Sequence

import vocabulary as v
from binfiles import tiny_pdf, tiny_png
from plan import COLUMN_BY_NAME, Corpus, Item, Leader, index_code
from textgen import SLOTS, Writer, cn_date
from yamltext import Block, Quoted, Scalar, Value


class Renderer:
    """Turns the planned items into front matter + Markdown, titles unique within a column."""

    def __init__(self, writer: Writer, corpus: Corpus) -> None:
        self.w = writer
        self.rng = writer.rng
        self.corpus = corpus
        self.titles: dict[str, set[str]] = {}

    def unique_title(self, item: Item, make: Callable[[], str]) -> str:
        """Draw titles until one is new in the column; numbered only as a last resort."""
        seen = self.titles.setdefault(item.column.path, set())
        title = make()
        for _ in range(30):
            if title not in seen:
                break
            title = make()
        else:
            title = f"{title}（{item.stem[-6:].lstrip('0')}）"
        seen.add(title)
        return title

    def base_ctx(self, item: Item) -> dict[str, str]:
        assert item.day is not None
        dept = v.DEPARTMENTS[item.topic.dept]
        # The 秘书长 (last) does not lead work in the news; the mayor and vice-mayors do.
        leader = self.corpus.leaders[self.rng.randrange(len(self.corpus.leaders) - 1)]
        year = item.written.year if item.written else item.day.year
        return {
            "obj": self.w.pick(item.topic.objects),
            "dept": dept.name,
            "dept_short": dept.short,
            "place": self.w.pick(v.PLACES),
            "road": self.w.pick(v.ROADS),
            "street": self.w.pick(v.STREETS),
            "community": self.w.pick(v.COMMUNITIES),
            "y": str(year),
            "y2": str(year + 2),
            "date_cn": cn_date(item.day),
            "leader_name": leader.name,
            "leader_pos": leader.position.split("、")[0],
            "mayor": self.corpus.leaders[0].name,
            "phone": self.w.phone(),
        }

    def common(self, item: Item, ctx: Mapping[str, str]) -> list[tuple[str, Value]]:
        """Keywords and 审核人, the tail every item carries (SEC-03 wants a reviewer)."""
        words = [ctx["obj"].strip("“”"), item.topic.path.split("\\")[-1].split("（")[0]]
        return [
            ("keywords", list(dict.fromkeys(words))),
            ("reviewed_by", self.w.pick(v.EDITORS)),
        ]

    def render(self, item: Item) -> None:
        getattr(self, f"render_{item.kind}")(item)

    # -- policy and interpretation --

    def render_policy(self, item: Item) -> None:
        ctx = self.base_ctx(item)
        if item.column.key == "province":
            ctx["city"] = "吉林省"
        ctx["issuer"] = item.issuer

        def make() -> str:
            ctx["doc"] = self.w.sentence(v.POLICY_DOC_NAMES, ctx)
            return self.w.sentence(v.POLICY_TITLES, ctx)

        title = self.unique_title(item, make)
        item.doc_name = ctx["doc"] if f"《{ctx['doc']}》" in title else title
        ctx["doc"] = item.doc_name
        assert item.written is not None
        fields: list[tuple[str, Value]] = [
            ("title", title),
            ("date", item.date_text),
            ("issuer", item.issuer),
            ("written", item.written.isoformat()),
            ("doc_number", item.doc_number),
            ("index_number", item.index_number),
            ("topic", Quoted(item.topic.path)),
        ]
        if item.validity:
            fields.append(("validity", item.validity))
        if item.superseded_by:
            fields.append(("superseded_by", item.superseded_by))
        if item.needs_interpretation:
            fields.append(("needs_interpretation", True))
        if item.bundle:
            fields.append(("attachments", attachments(item)))
        item.fields = fields + self.common(item, ctx)
        sign = f"{item.issuer}\n\n{cn_date(item.written)}"
        item.body = self.w.policy_body(ctx, sign)

    def render_interpretation(self, item: Item) -> None:
        policy = item.target
        assert policy is not None
        ctx = self.base_ctx(item)
        ctx["doc"] = policy.doc_name
        # 解读机关: the issuing department, or for government documents the drafting department.
        organ = policy.issuer if policy.column.key == "dept" else ctx["dept"]
        form = "文字解读"

        def make() -> str:
            nonlocal form
            # Plain text explanations are the bulk; products (图解, 视频 …) the rest.
            pairs = (
                v.INTERPRETATION_TITLES[:2] if self.rng.random() < 0.6 else v.INTERPRETATION_TITLES
            )
            template, form = self.w.pick(pairs)
            return self.w.fill(template, ctx)

        title = self.unique_title(item, make)
        # Doc numbers are how editors link; one in twenty uses the path id form.
        ref = policy.path_id if self.rng.random() < 0.05 else policy.doc_number
        item.fields = [
            ("title", title),
            ("date", item.date_text),
            ("policy", ref),
            ("source", organ),
            ("form", form),
            *self.common(item, ctx),
        ]
        item.body = self.w.interpretation_body(ctx)

    # -- news and notices --

    def render_news(self, item: Item) -> None:
        ctx = self.base_ctx(item)
        key = item.column.key
        templates, source = {
            "city": (v.NEWS_TITLES_CITY, v.CITY_OFFICE),
            "dept": (v.NEWS_TITLES_DEPT, ctx["dept"]),
            "place": (v.NEWS_TITLES_PLACE, ctx["place"] + "人民政府"),
            "response": (v.RESPONSE_TITLES, ctx["dept"]),
        }[key]
        if key == "place" and "开发区" in ctx["place"]:
            source = ctx["place"] + "管理委员会"
        ctx["subject"] = {"city": "我市", "dept": ctx["dept_short"], "place": ctx["place"]}.get(
            key, ctx["dept_short"]
        )
        title = self.unique_title(item, lambda: self.w.sentence(templates, ctx))
        fields: list[tuple[str, Value]] = [
            ("title", title),
            ("date", item.date_text),
            ("source", source),
        ]
        if self.rng.random() < 0.5:
            fields.append(("author", f"{self.w.pick(v.REPORTERS)} {self.w.person_name()}"))
        item.body = self.w.news_body(ctx)
        if self.rng.random() < 0.3:
            fields.append(("summary", item.body.split("。", 1)[0] + "。"))
        if self.rng.random() < 0.003:
            # An old CMS address that must keep working after the move to ssg.
            assert item.day is not None
            old = f"/art/{item.day.year}/{item.day.month}/{item.day.day}/art_{item.stem[-6:]}.html"
            fields.append(("aliases", [old]))
        item.fields = fields + self.common(item, ctx)

    def render_notice(self, item: Item) -> None:
        ctx = self.base_ctx(item)
        assert item.day is not None
        later = item.day + dt.timedelta(days=self.rng.randint(3, 15))
        ctx["date_cn"] = cn_date(later)  # a deadline, closure or stoppage after publication
        ctx["md"] = f"{later.month}月{later.day}日"
        ctx["m"] = str(item.day.month)
        key = item.column.key
        if key == "annual":
            self.render_annual_report(item, ctx)
            return
        source = ctx["dept"]
        table = ""
        if key == "stats":
            month = item.day.replace(day=1) - dt.timedelta(days=1)  # data of the previous month
            ctx.update(y=str(month.year), m=str(month.month))
            source = v.DEPARTMENTS[22].name
            title = self.unique_title(item, lambda: self.w.sentence(v.STATS_TITLES, ctx))
            item.body = self.w.stats_body(ctx)
        else:
            family = "personnel"

            def make() -> str:
                nonlocal family
                if key == "personnel":
                    return self.w.sentence(v.PERSONNEL_TITLES, ctx)
                template, family = self.w.pick(v.NOTICE_TITLES)
                return self.w.fill(template, ctx)

            title = self.unique_title(item, make)
            if family == "personnel":
                table = self.w.name_table(self.rng.randint(3, 8))
            elif family == "publicity":
                table = self.w.project_table(ctx, self.rng.randint(3, 6))
            if family in v.NOTICE_SOURCES:
                source = v.DEPARTMENTS[v.NOTICE_SOURCES[family]].name
            sign = f"{source}\n\n{cn_date(item.day)}"
            item.body = self.w.notice_body(family, ctx, sign, table)
        tail = self.common(item, ctx)
        if key == "stats":
            tail[0] = ("keywords", ["统计数据", "经济运行"])
        item.fields = [("title", title), ("date", item.date_text), ("source", source), *tail]

    def render_annual_report(self, item: Item, ctx: dict[str, str]) -> None:
        assert item.day is not None
        year = item.day.year - 1
        title = f"{v.CITY_GOV}{year}年政府信息公开工作年度报告"
        rows = ["| 指标 | 本年数量 |", "| --- | --- |"]
        for label in (
            "主动公开规范性文件",
            "受理政府信息公开申请",
            "办理行政复议案件",
            "召开新闻发布会",
        ):
            rows.append(f"| {label} | {self.rng.randint(5, 400)} |")
        intro = (
            f"本报告依据《中华人民共和国政府信息公开条例》编制，全文包括总体情况、主动公开政府信息情况、"
            f"收到和处理政府信息公开申请情况、存在的主要问题及改进情况等内容。本报告中所列数据的统计期限自"
            f"{year}年1月1日起至{year}年12月31日止。"
        )
        paras = self.w.paragraphs(v.POLICY_SENTENCES[:4], ctx, 300)
        item.body = "\n\n".join(
            ["## 一、总体情况", intro, *paras, "## 二、主要数据", "\n".join(rows)]
        )
        item.fields = [
            ("title", title),
            ("date", item.date_text),
            ("source", v.CITY_OFFICE),
            ("keywords", ["政府信息公开", "年度报告"]),
            ("reviewed_by", self.w.pick(v.EDITORS)),
        ]

    # -- services and replies --

    def render_service(self, item: Item) -> None:
        ctx = self.base_ctx(item)
        name, dept_index, limit = self.w.pick(v.SERVICES[item.column.key])
        dept = v.DEPARTMENTS[dept_index]
        ctx.update(dept=dept.name, dept_short=dept.short, service=name)

        def make() -> str:
            ctx["variant"] = self.w.pick(v.SERVICE_VARIANTS)
            return self.w.sentence(v.SERVICE_TITLES, ctx)

        title = self.unique_title(item, make)
        item.fields = [
            ("title", title),
            ("date", item.date_text),
            *self.service_fields(item, ctx, dept_index, limit),
            *self.common(item, ctx),
        ]
        item.body = self.w.service_body(ctx)

    def service_fields(
        self, item: Item, ctx: Mapping[str, str], dept_index: int, limit: int
    ) -> list[tuple[str, Value]]:
        """The 10 national elements plus 办理时限, 注意事项 and 网上可办理程度 (SERVICE-02)."""
        basis = self.rng.sample(v.SERVICE_BASIS[item.column.key], 2)
        notes = self.rng.sample(v.SERVICE_NOTES, self.rng.randint(2, 3))
        # Both shapes of the contract: a list of strings, or Markdown text.
        basis_value: Value = (
            basis if self.rng.random() < 0.6 else Block("\n".join(f"- {b}" for b in basis))
        )
        notes_value: Value = notes if self.rng.random() < 0.6 else Block("；".join(notes) + "。")
        limit_text = "即办件" if limit <= 1 else f"{limit}个工作日"
        fee = "不收费" if self.rng.random() < 0.85 else "按照国家和省规定的标准收取"
        return [
            ("item_code", f"{index_code(10 + dept_index)}4000{item.stem[-6:]}"),
            ("basis", basis_value),
            ("conditions", self.rng.sample(v.SERVICE_CONDITIONS, self.rng.randint(2, 4))),
            ("materials", self.materials(item)),
            ("address", self.w.sentence(v.SERVICE_ADDRESSES, ctx)),
            ("agency", ctx["dept"]),
            ("fees", fee),
            ("hours", self.w.pick(v.SERVICE_HOURS)),
            ("phone", f"0430-8{self.rng.randint(0, 999999):06d}"),
            ("process", list(v.SERVICE_STEPS[: self.rng.randint(3, 5)])),
            ("time_limit", limit_text),
            ("notes", notes_value),
            ("online", self.w.pick(v.ONLINE_LEVELS)),
        ]

    def materials(self, item: Item) -> list[dict[str, Scalar]]:
        names = self.rng.sample(v.MATERIAL_NAMES[item.column.key], self.rng.randint(2, 5))
        if item.bundle and "申请表" not in names:
            names[0] = "申请表"  # a bundle exists to carry the blank form and its sample
        out: list[dict[str, Scalar]] = []
        for name in names:
            entry: dict[str, Scalar] = {
                "name": name,
                "form": self.w.pick(v.MATERIAL_FORMS),
                "copies": self.rng.randint(1, 2),
            }
            if name == "申请表" and item.bundle:
                entry["template"] = "申请表.pdf"
                entry["example"] = "申请表（样表）.pdf"
                item.files["申请表.pdf"] = tiny_pdf("Application form (blank)")
                item.files["申请表（样表）.pdf"] = tiny_pdf("Application form (sample)")
            if self.rng.random() < 0.2:
                entry["note"] = "验原件后退回"
            out.append(entry)
        return out

    def render_reply(self, item: Item) -> None:
        ctx = self.base_ctx(item)
        assert item.day is not None
        issue, dept_index = self.w.pick(v.REPLY_ISSUES)
        dept = v.DEPARTMENTS[dept_index]
        # 留言日期 ≤ 受理日期 ≤ 答复日期 ≤ 发布日期 (INTERACT-03).
        replied = item.day - dt.timedelta(days=self.rng.randrange(3))
        received = replied - dt.timedelta(days=self.rng.randint(1, 20))
        asked = received - dt.timedelta(days=self.rng.randrange(4))
        ctx.update(
            department=dept.name,
            issue=issue,
            community=self.w.pick(v.COMMUNITIES),
            date_cn=cn_date(item.day + dt.timedelta(days=30)),
            replied_cn=cn_date(replied),
        )
        title = self.unique_title(item, lambda: self.w.sentence(v.REPLY_TITLES, ctx))
        item.fields = [
            ("title", title),
            ("date", item.date_text),
            ("asked", asked.isoformat()),
            ("received", received.isoformat()),
            ("replied", replied.isoformat()),
            ("department", dept.name),
            ("question", self.w.sentence(v.QUESTION_TEMPLATES, ctx)),
            ("category", self.w.pick(v.REPLY_CATEGORIES)),
            ("keywords", [issue]),
            ("reviewed_by", self.w.pick(v.EDITORS)),
        ]
        item.body = self.w.reply_body(ctx)


def attachments(item: Item) -> list[dict[str, Scalar]]:
    """Two PDF attachments with Chinese names (their URLs must be percent-encoded)."""
    files = {"附件1.pdf": "重点任务分工表", "附件2.pdf": "有关单位名单"}
    for name in files:
        item.files[name] = tiny_pdf(f"Attachment {name[2]} of {item.stem}")
    return [{"file": name, "title": f"{name[:3]}：{title}"} for name, title in files.items()]


# ---- leaders and pages ---------------------------------------------------------------------


def leader_item(writer: Writer, leader: Leader, order: int, end: dt.date) -> Item:
    since = end - dt.timedelta(days=writer.rng.randrange(4 * 365))  # took office, never later
    item = Item(COLUMN_BY_NAME["ldxx"], "leader", stem=f"ld{order:02d}", bundle=True)
    ctx = {
        "name": leader.name,
        "gender": leader.gender,
        "birth": f"{writer.rng.randint(1965, 1978)}年{writer.rng.randint(1, 12)}月",
        "hometown": writer.pick(v.PLACES[:7]),
        "degree": writer.pick(v.DEGREES),
        "since": f"{since.year}年{since.month}月",
        "position": leader.position,
        "duties": leader.duties,
        "obj": writer.pick(SLOTS["obj"]),
    }
    item.body = "\n\n".join(
        [*(writer.fill(t, ctx) for t in v.LEADER_RESUME), "## 工作经历", career(writer, ctx)]
    )
    updated = end - dt.timedelta(days=writer.rng.randrange(200))
    item.fields = [
        ("title", f"{leader.position} {leader.name}"),
        ("name", leader.name),
        ("position", leader.position),
        ("duties", leader.duties),
        ("photo", "photo.png"),
        ("order", order),
        ("updated", updated.isoformat()),
        ("reviewed_by", writer.pick(v.EDITORS)),
    ]
    item.files["photo.png"] = tiny_png(60, 80, lambda x, y: (200, 200, 205))
    return item


def career(writer: Writer, ctx: Mapping[str, str]) -> str:
    """工作经历 as `YYYY.MM—YYYY.MM post` lines; each post starts when the last one ended."""
    first = int(ctx["birth"][:4]) + 22
    since_year, since_month = (int(x) for x in ctx["since"].rstrip("月").split("年"))
    posts = len(v.CAREER_POSTS)
    bounds = [
        (first + (since_year - first) * k // posts, writer.rng.randint(1, 12)) for k in range(posts)
    ]
    bounds.append((since_year, since_month))
    post_ctx = {
        **ctx,
        "dept": writer.pick([d.name for d in v.DEPARTMENTS]),
        "place2": writer.pick(v.PLACES[:7]),
    }
    lines = []
    for (y1, m1), (y2, m2), post in zip(bounds, bounds[1:], v.CAREER_POSTS, strict=False):
        if (y2, m2) <= (y1, m1):
            m2 = min(12, m1 + 1)  # same year drawn twice: keep the order
            y2 = max(y2, y1)
        lines.append(f"- {y1}.{m1:02d}—{y2}.{m2:02d} {writer.fill(post, post_ctx)}")
    return "\n".join(lines)


def page_item(writer: Writer, page: v.Page, end: dt.date) -> Item:
    item = Item(COLUMN_BY_NAME[page.column], "page", stem=page.stem)
    ctx = {"obj": writer.pick(SLOTS["obj"]), "y": str(end.year), "y2": str(end.year + 2)}
    body = writer.page_body(page.sections, ctx)
    if page.stem == "szfgzbm":
        body += "\n\n" + "\n".join(f"- {d.name}" for d in v.DEPARTMENTS)
    item.body = body
    updated = end - dt.timedelta(days=writer.rng.randrange(365))
    item.fields = [
        ("title", page.title),
        ("updated", updated.isoformat()),
        ("reviewed_by", writer.pick(v.EDITORS)),
    ]
    return item


# ---- all items -----------------------------------------------------------------------------


def choose_bundles(rng: random.Random, items: Sequence[Item]) -> None:
    """A handful of items become bundles with files: 3 policies and 3 service guides."""
    for kind in ("policy", "service"):
        # Not the provincial reposts: their attachments live on the province's own site.
        pool = [i for i in items if i.kind == kind and i.column.key != "province"]
        for item in rng.sample(pool, min(3, len(pool))):
            item.bundle = True


def render_all(corpus: Corpus, writer: Writer) -> list[Item]:
    """Every item rendered; policies before interpretations, which quote their titles."""
    renderer = Renderer(writer, corpus)
    choose_bundles(writer.rng, corpus.items)
    for item in corpus.items:
        if item.kind != "interpretation":
            renderer.render(item)
    for item in corpus.items:
        if item.kind == "interpretation":
            renderer.render(item)
    end = corpus.build_date - dt.timedelta(days=1)
    extra = [leader_item(writer, leader, i, end) for i, leader in enumerate(corpus.leaders, 1)]
    extra += [page_item(writer, page, end) for page in v.PAGES]
    return corpus.items + extra
