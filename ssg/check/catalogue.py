"""RULES.md's codes against the checker: what is not a build rule here, and where it is kept.

`ssg rules` lists this catalogue against the registry, so the coverage of RULES.md is visible.
tests/check/test_catalogue.py keeps it in step with ../shared/RULES.md when that file is present.
"""

from __future__ import annotations

# (The table of RULES.md's codes is ssg/rule_catalogue.py's, read by the content layer too;
# here as the checker has always named it.)
from ssg.rule_catalogue import CATALOGUE as CATALOGUE

# [build] rules enforced outside the registry, and where.
ENFORCED_ELSEWHERE: dict[str, str] = {
    "SEARCH-02": "站内搜索本身提供错别字纠正、关键词推荐、拼音与首字母检索（ssg/search/）；"
    "其质量由判定查询集在测试中把关（tests/search/judged.yaml，召回率@10 ≥ 0.9）",
    "SEARCH-03": "搜索结果按相关度与时间排序、按类型分组，并可按类型、栏目、年份筛选（ssg/search/）；"
    "多站点由 ssg search index 的多个 --source 跨站检索",
    "SERVICE-02": "内容模型：办事指南的 10 类要素与办理时限、注意事项是必填字段，缺失即 error",
    "POLICY-01": "内容模型：缺发文机关、成文日期、索引号、主题分类，或成文日期晚于发布日期"
    "（文件不可能在成文之前发布），即 error；链接时：两份政策文件的发文字号或索引号相同，"
    "报在后一份文件的该字段上（deduct，ssg/link.py）",
    "POLICY-04": "内容模型：解读的 form 字段只接受规定的解读形式",
    "INTERACT-03": "内容模型：留言答复缺必填字段，或日期顺序不对（应为留言日期 ≤ 受理日期 ≤ 答复日期），"
    "即 error；data/messages.csv 中日期顺序不对的行在读取时同样是 error（输入错误 MESSAGES-04）",
    "POLICY-05": "与 CONTENT-02 同一规则：政策文件类一级栏目 6 个月阈值",
    "SERVICE-06": "SERVICE 各规则内执行：services.external 为 false 时不检查办事服务",
    # (a [deploy] rule: what ssg writes for it, in the listing's words)
    "SEC-07": "发布清单：有 data/deploy.yaml 时，ssg build 在输出目录旁（如 public-deploy/）的 manifest.sha256 "
    "写出每个发布文件的 SHA-256（sha256sum -c 格式），供防篡改比对（ssg/deploy/manifest.py）",
    "DESIGN-07": "由构造保证：每种内容类型只映射到一个模板（ssg/render.py TEMPLATES），没有逐条指定模板的字段",
}

# [build] rules not implemented, each with its reason.
NOT_IMPLEMENTED: dict[str, str] = {
    "DESIGN-06": "主色调数量属于主题设计，默认主题只用 1 种主色；站点主题的配色无法从 CSS 可靠判定",
    "DESIGN-11": "编辑契约 v1 没有地图字段（map / map_approval），待契约扩展后实现",
    "INTERACT-05": "编辑契约 v1 没有征集调查、在线访谈内容类型",
    "A11Y-01": "由默认主题的浏览器测试（axe-core，WCAG 2.1 AA）保证，不在每次构建中运行浏览器",
    "A11Y-03": "适老化工具栏由默认主题提供并经浏览器测试；站点覆盖主题时须自行测试",
}

# [build] rules whose issue has not landed yet.
PENDING: dict[str, str] = {}

# [deploy] rules that a command of ssg checks on the deployed site (ssg/monitor/): shown
# beside the rule's build status, so that `ssg rules` says what checks it after deployment.
DEPLOY_TOOLS: dict[str, str] = {
    "SEC-05": "部署后：`ssg probe` 探测并记录，`ssg probe --report` 按 1 周口径判定（veto）",
    "SEC-06": "部署后：`ssg links --external` 巡检外链（deduct）",
    "SEC-07": "部署后：`ssg verify` 按 SHA-256 发布清单做防篡改比对（deduct，有差异即退出码 1）",
}
