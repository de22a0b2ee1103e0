"""Every rule code of RULES.md with its checkability tags, and what is not a build rule here.

`ssg rules` lists this catalogue against the registry, so the coverage of RULES.md is visible.
tests/check/test_catalogue.py keeps it in step with ../shared/RULES.md when that file is present.
"""

from __future__ import annotations

# code -> (title as RULES.md gives it, checkability tags)
CATALOGUE: dict[str, tuple[str, tuple[str, ...]]] = {
    "ID-01": ("网站以机构名称命名，头部标识区显著展示网站全称", ("build",)),
    "ID-02": ("英文域名必须以 .gov.cn 结尾，不得使用其他后缀的英文域名", ("build", "manual")),
    "ID-03": ("域名结构", ("build",)),
    "ID-04": (
        "一站一个英文域名 + 一个中文域名；栏目、频道、专题、业务系统原则上用同一级域名（路径）",
        ("build",),
    ),
    "ID-05": ("中文域名为 △△△.政务 结构", ("build",)),
    "ID-06": ("开设条件", ("build", "manual")),
    "ID-07": ("政府网站标识码格式", ("build",)),
    "ID-08": ("标识码的两处呈现", ("build",)),
    "ID-09": ("ICP 备案编号", ("build",)),
    "ID-10": ("公安机关备案号与标识", ("build",)),
    "ID-11": ("党政机关网站标识（开办单位标识，中央编办 conac）", ("build",)),
    "ID-12": ("“我为政府网站找错”入口", ("build", "manual")),
    "ID-13": ("底部功能区必列项", ("build",)),
    "ID-14": ("国徽", ("build",)),
    "ID-15": ("上线前提", ("build",)),
    "ID-16": ("信息变更备案", ("manual",)),
    "ID-17": ("IPv6", ("deploy",)),
    "DESIGN-01": ("三区布局", ("build",)),
    "DESIGN-02": ("网站标签（每页必选）", ("build",)),
    "DESIGN-03": ("栏目标签", ("build",)),
    "DESIGN-04": ("内容页标签", ("build",)),
    "DESIGN-05": ("内容页可见要素", ("build",)),
    "DESIGN-06": ("色彩", ("build",)),
    "DESIGN-07": ("模板统一", ("build",)),
    "DESIGN-08": ("首页与性能", ("deploy",)),
    "DESIGN-09": ("导航", ("build",)),
    "DESIGN-10": ("移动端与多终端", ("build",)),
    "DESIGN-11": ("地图", ("build", "manual")),
    "DESIGN-12": ("禁止商业广告", ("build",)),
    "CONTENT-01": ("首页不更新（单项否决）", ("build",)),
    "CONTENT-02": ("栏目不更新（单项否决）", ("build",)),
    "CONTENT-03": ("人事、规划计划类栏目 1 年内应有更新", ("build",)),
    "CONTENT-04": ("空白栏目零容忍", ("build",)),
    "CONTENT-05": ("必备信息类别", ("build",)),
    "CONTENT-06": ("静态信息及时替换；转载国务院文件", ("build", "manual")),
    "CONTENT-07": ("来源", ("build",)),
    "CONTENT-08": ("严重错误与弄虚作假（单项否决，见 SEC-04）", ("build", "manual")),
    "POLICY-01": ("政策文件元数据", ("build",)),
    "POLICY-02": ("修改、废止、失效须标注", ("build",)),
    "POLICY-03": ("解读与文件同步发布、相互关联", ("build",)),
    "POLICY-04": ("解读形式", ("build", "manual")),
    "POLICY-05": ("政策文件栏目时效", ("build",)),
    "POLICY-06": ("回应关切", ("manual",)),
    "SERVICE-01": ("统一入口与目录", ("build",)),
    "SERVICE-02": ("办事指南要素", ("build",)),
    "SERVICE-03": ("服务不实用（单项否决）", ("build",)),
    "SERVICE-04": ("表格与材料", ("build", "deploy")),
    "SERVICE-05": ("办事数据更新", ("build",)),
    "SERVICE-06": ("无对外服务职能的部门", ("build",)),
    "INTERACT-01": ("必须有有效咨询建言渠道（单项否决）", ("build",)),
    "INTERACT-02": ("互动回应差（单项否决）", ("build", "data")),
    "INTERACT-03": ("留言公开字段", ("build",)),
    "INTERACT-04": ("答复更新频率", ("build",)),
    "INTERACT-05": ("征集调查与访谈", ("build",)),
    "INTERACT-06": ("知识库", ("build",)),
    "INTERACT-07": ("“我为政府网站找错”", ("manual",)),
    "SEARCH-01": ("全站搜索", ("build",)),
    "SEARCH-02": ("智能纠错与拼音", ("build",)),
    "SEARCH-03": ("排序与聚合", ("build",)),
    "SEARCH-04": ("检查指标中的搜索项", ("deploy",)),
    "REPORT-01": ("发布时间与位置", ("build",)),
    "REPORT-02": ("内容范围", ("build", "data")),
    "REPORT-03": ("表样字段", ("build", "data")),
    "NOTICE-01": ("开通公告", ("build",)),
    "NOTICE-02": ("永久下线（迁移）", ("build", "manual")),
    "NOTICE-03": ("临时下线", ("build", "data")),
    "NOTICE-04": ("域名变更公告", ("build", "deploy")),
    "NOTICE-05": ("门户不得随意关停；改版不断服", ("build",)),
    "A11Y-01": ("政府网站须完成适老化与无障碍改造", ("build",)),
    "A11Y-02": ("GB/T 37668—2019", ("build",)),
    "A11Y-03": ("适老化网站规范要点", ("build",)),
    "A11Y-04": ("评测", ("manual",)),
    "SEC-01": ("不得境外托管", ("build", "deploy")),
    "SEC-02": ("等级保护与国密", ("deploy", "manual")),
    "SEC-03": ("内容安全与保密审查", ("build",)),
    "SEC-04": ("安全、泄密事故等严重问题（单项否决）", ("manual",)),
    "SEC-05": ("站点无法访问（单项否决）", ("deploy",)),
    "SEC-06": ("链接可用性", ("build", "deploy")),
    "SEC-07": ("监测、值班与自查", ("deploy", "manual")),
    "SEC-08": ("检查制度", ("manual",)),
}

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
