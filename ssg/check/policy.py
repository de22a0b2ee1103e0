"""POLICY rules: document metadata, validity marks, interpretations published with policies.

Sources (RULES.md §4): POLICY-01 指引 四（一）4 and GB/T 9704—2012 ◐; POLICY-02 指引 四（一）4 ✅;
POLICY-03 吉林办法 第二十条 ✅.
"""

from __future__ import annotations

from collections.abc import Iterator

from ssg import docnumber
from ssg.check.registry import CheckContext, Finding, item_ids, rule
from ssg.content.model import Interpretation, Policy
from ssg.diagnostics import Severity
from ssg.link import Site, is_doc_number, normalise_doc_number, normalise_path_id


def _policies(ctx: CheckContext) -> Iterator[Policy]:
    items = ctx.site.items
    for item_id in item_ids(ctx):
        item = items[item_id]
        if isinstance(item, Policy):
            yield item


def _interpretations(ctx: CheckContext) -> Iterator[Interpretation]:
    items = ctx.site.items
    for item_id in item_ids(ctx):
        item = items[item_id]
        if isinstance(item, Interpretation):
            yield item


def _interpreted(site: Site, interpretation: Interpretation) -> list[Policy]:
    """The policies an interpretation interprets: this site's, then other sites' of its
    repository (ssg/cross_site.py), whose dates and validity count the same."""
    found = [site.items[p] for p in site.policies_of.get(interpretation.id, ())]
    found += site.foreign_policies(interpretation.id)
    return [p for p in found if isinstance(p, Policy)]


def _reference_field(interpretation: Interpretation, policy: Policy) -> str:
    """The field of the reference that names `policy` (`policy`, or `policy[2]` in a list),
    as linking reports its own errors: a finding points at the entry, not at the list."""
    if len(interpretation.policy) == 1:
        return "policy"
    own = {policy.id, normalise_doc_number(policy.doc_number) if policy.doc_number else ""}
    for index, reference in enumerate(interpretation.policy, start=1):
        doc = is_doc_number(reference)
        key = normalise_doc_number(reference) if doc else normalise_path_id(reference)
        if key and key in own:
            return f"policy[{index}]"
    return "policy"


@rule(
    "POLICY-01",
    Severity.DEDUCT,
    "发文字号应为标准写法：机关代字〔年份〕序号号",
    "GB/T 9704—2012；指引 四（一）4",
    "用六角括号〔〕，序号不编虚位、不加“第”，以“号”结尾，如 吉政办发〔2019〕27号",
)
def doc_number_form(ctx: CheckContext) -> Iterator[Finding]:
    for policy in _policies(ctx):
        number = policy.doc_number
        if not number or docnumber.is_standard(number):
            continue
        parsed = docnumber.parse(number)
        fix = f"应写作 “{parsed.standard}”" if parsed else "应为“机关代字〔年份〕序号号”的形式"
        english = f"write {parsed.standard}" if parsed else "expected 机关代字〔YYYY〕N号"
        yield Finding(
            policy.location.file,
            policy.location.line("doc_number"),
            "doc_number",
            f"发文字号 “{number}” 不是标准写法{_hidden(number)}，{fix} "
            f"(non-standard doc number{_hidden_en(number)}; {english})",
        )
    for interpretation in _interpretations(ctx):
        for index, reference in enumerate(interpretation.policy, start=1):
            if not docnumber.looks_like_doc_number(reference) or docnumber.is_standard(reference):
                continue
            parsed = docnumber.parse(reference)
            if parsed is None:
                continue
            field = "policy" if len(interpretation.policy) == 1 else f"policy[{index}]"
            yield Finding(
                interpretation.location.file,
                interpretation.location.line(field),
                field,
                f"引用的发文字号 “{reference}” 不是标准写法{_hidden(reference)}，应写作 "
                f"“{parsed.standard}” (non-standard doc number{_hidden_en(reference)}; "
                f"write {parsed.standard})",
            )


def _hidden(number: str) -> str:
    """Said when the only fault is one the editor cannot see: the two forms look alike."""
    return (
        "（其中有看不见的字符，如零宽空格，请删除后重新输入）"
        if docnumber.has_invisible(number)
        else ""
    )


def _hidden_en(number: str) -> str:
    return " with invisible characters" if docnumber.has_invisible(number) else ""


@rule(
    "POLICY-01",
    Severity.DEDUCT,
    "发文字号的年份不应晚于成文日期",
    "指引 四（一）4；政府信息公开目录通行做法",
    "核对发文字号的年份与成文日期（成文日期晚于发布日期是输入错误，读取时即报 error）",
)
def policy_dates(ctx: CheckContext) -> Iterator[Finding]:
    """A doc number of a later year than the date written. (A 成文日期 after the 发布日期
    is no finding here: a file cannot be published before it was written, so the input
    contradicts itself, an error where front matter is validated, ssg/content/validate.py.)"""
    for policy in _policies(ctx):
        parsed = docnumber.parse(policy.doc_number) if policy.doc_number else None
        if parsed is not None and parsed.year is not None and parsed.year > policy.written.year:
            yield Finding(
                policy.location.file,
                policy.location.line("doc_number"),
                "doc_number",
                f"发文字号的年份 {parsed.year} 晚于成文日期 {policy.written:%Y-%m-%d}；"
                "请核对年份或成文日期 (doc number year is later than the date written)",
            )


@rule(
    "POLICY-02",
    Severity.DEDUCT,
    "修改、废止、失效的文件须明确标注",
    "指引 四（一）4",
    "有替代文件时，把 validity 改为 已修改、已废止 或 失效",
)
def validity_marked(ctx: CheckContext) -> Iterator[Finding]:
    site = ctx.site
    for policy in _policies(ctx):
        if policy.id in site.superseded_by and policy.validity == "有效":
            # At the 有效 written, or (left to its default) where the replacement is named.
            written = "validity" in policy.location.lines
            yield Finding(
                policy.location.file,
                policy.location.line("validity" if written else "superseded_by"),
                "validity",
                "已写明替代文件 superseded_by，但有效性仍为“有效”；请标注为 已修改、已废止 或 失效 "
                "(superseded but still marked valid)",
            )


@rule(
    "POLICY-02",
    Severity.ADVICE,
    "解读所对应的文件已不再有效",
    "指引 四（一）4",
    "确认解读仍有必要保留，或在解读中注明文件已废止并链接现行文件",
)
def interpretation_of_invalid(ctx: CheckContext) -> Iterator[Finding]:
    site = ctx.site
    for interpretation in _interpretations(ctx):
        for policy in _interpreted(site, interpretation):
            if policy.validity != "有效":
                field = _reference_field(interpretation, policy)
                yield Finding(
                    interpretation.location.file,
                    interpretation.location.line(field),
                    field,
                    f"所解读的文件 {policy.doc_number or policy.title} 已{policy.validity.lstrip('已')}"
                    f" (the policy interpreted is {policy.validity})",
                )


@rule(
    "POLICY-03",
    Severity.DEDUCT,
    "解读应与政策文件同步发布",
    "吉林办法 第二十条",
    "解读与文件同日发布，或在 data/site.yaml 的 interpretation_sync_days 中写明允许的天数",
)
def interpretation_in_sync(ctx: CheckContext) -> Iterator[Finding]:
    site = ctx.site
    allowed = site.config.interpretation_sync_days
    for interpretation in _interpretations(ctx):
        for policy in _interpreted(site, interpretation):
            if interpretation.date is None or policy.date is None:
                continue
            late = (interpretation.date.date() - policy.date.date()).days
            if late > allowed:
                yield Finding(
                    interpretation.location.file,
                    interpretation.location.line("date"),
                    "date",
                    f"解读晚于文件 {late} 天发布（文件 {policy.date:%Y-%m-%d}，解读 "
                    f"{interpretation.date:%Y-%m-%d}，允许 {allowed} 天）"
                    f" (published {late} days after its policy; {allowed} allowed)",
                )


@rule(
    "POLICY-03",
    Severity.DEDUCT,
    "重要政策文件须有解读",
    "吉林办法 第二十条",
    "发布该文件的解读（policy 字段写本文件的发文字号），或去掉 needs_interpretation",
)
def interpretation_present(ctx: CheckContext) -> Iterator[Finding]:
    site = ctx.site
    for policy in _policies(ctx):
        if policy.needs_interpretation and not (
            site.interpretations_of.get(policy.id) or site.foreign_interpretations(policy.id)
        ):
            yield Finding(
                policy.location.file,
                policy.location.line("needs_interpretation"),
                "needs_interpretation",
                "标为重要政策（needs_interpretation: true），但没有已发布的解读 "
                "(important policy without an interpretation)",
            )
