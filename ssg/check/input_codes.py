"""ssg's own codes for input problems: one table (ARCHITECTURE §3.1: "Input problems have
ssg's own codes (e.g. YAML-01, SCHEMA-03), documented with the rules").

An input code judges no compliance: it says a file cannot be read, or used, as written (a YAML
error, a field of the wrong shape, a reference that does not resolve, a setting of ssg's own
that is wrong). The reports (`--format json|sarif|html`) give a diagnostic with such a code the
title, source and fix written here, and `ssg rules` lists them after the rules; what carries a
RULES.md code (a schema requirement that is a rule, SERVICE-02's elements) is the catalogue's.

Every code a diagnostic of ssg/ is made with is either a RULES.md code (catalogue.py), the code
of a registered check of ssg's own (SSG-01) or one of these:
tests/check/test_input_codes.py walks the source and fails on any other, so a new code cannot
be left out of the reports. Adding one here changes no message, file, line or field.
"""

from __future__ import annotations

from dataclasses import dataclass

from ssg.diagnostics import Severity

E = (Severity.ERROR,)
A = (Severity.ADVICE,)
EA = (Severity.ERROR, Severity.ADVICE)


@dataclass(frozen=True, slots=True)
class InputCode:
    """What the reports and `ssg rules` say of one input code."""

    code: str  # e.g. MESSAGES-03
    file: str  # the input it is found in: data/messages.csv
    title: str  # 中文标题
    source: str  # the ARCHITECTURE section (or README extension) it enforces, the rule it serves
    fix: str  # how to fix it, for reports
    severities: tuple[Severity, ...] = E  # the levels it is reported at (error: it blocks)


# (the front matter of every Markdown file, and the YAML data files)
_YAML_FILES = "content/**/*.md、data/*.yaml"
_TEXT_FILES = "content/、data/、static/ 中的文件"
_FRONT = "content/**/*.md"
_SITE = "data/site.yaml"
_LIFECYCLE = "data/lifecycle.yaml"
_DEPLOY = "data/deploy.yaml"
_MESSAGES = "data/messages.csv"
_MESSAGES_COLUMNS = "id,asked,received,replied,department,category,public"  # (ARCHITECTURE §2.4)

TABLE: tuple[InputCode, ...] = (
    # --- reading files (ARCHITECTURE §1.2: UTF-8) ----------------------------------------
    InputCode(
        "FILE-01", _TEXT_FILES, "文件不是 UTF-8 编码（如 GBK、UTF-16）",
        "ARCHITECTURE §1.2（YAML front matter，UTF-8）、§3.1 输入问题",
        "按提示的命令或编辑器的“另存为 UTF-8”转换编码后保存",
    ),
    InputCode(
        "FILE-02", _TEXT_FILES, "文本文件中有空字符，或是二进制文件",
        "ARCHITECTURE §1.2、§3.1 输入问题",
        "删除文本中的空字符（NUL）；图片、附件等二进制文件不要用 .md、.yaml、.csv 扩展名",
    ),
    InputCode(
        "FILE-03", _TEXT_FILES, "文件无法读取：没有读权限、链接的目标不存在，或数据文件的位置上是文件夹",
        "ARCHITECTURE §3.1 输入问题",
        "检查文件权限与链接；数据文件（如 data/site.yaml）的位置上应是文件",
    ),
    InputCode(
        "FILE-04", "content/、static/ 中的文件名", "文件名或文件夹名不是 UTF-8 编码",
        "ARCHITECTURE §1.3（中文文件名与文件夹名）、§3.1 输入问题",
        "用支持 UTF-8 的工具重新解压（如 unzip -O GBK）或改名",
    ),
    InputCode(
        "FILE-05", "content/、static/ 中的链接", "链接到站点以外的文件，或链接到文件夹",
        "ARCHITECTURE §1（站点的文件都在仓库中）、§3.2 构建只读取站点",
        "把文件复制到站点中，替换这个链接",
    ),
    InputCode(
        "FILE-06", _FRONT, "不会发布的 Markdown 文件（扩展名 .MD、.markdown、.md.txt，备份 .md~、.md.bak，或 bundle 中 index.md 以外的 Markdown）",
        "ARCHITECTURE §1（content/<栏目>/<名称>.md、bundle 的 index.md）",
        "把扩展名改为小写 .md；备份文件删除；另一条信息放到栏目文件夹中",
    ),
    InputCode(
        "HTML-01", _FRONT, "正文中的 HTML 有不会发布的部分（script、事件属性、javascript: 链接、带域名的 iframe、表单等）",
        "README“正文”：只保留安全的 HTML；ARCHITECTURE §3.2（不引用站外资源）",
        "删除这段 HTML；站外的视频、页面请改为链接，本站的框架写本站路径",
        A,
    ),
    # --- YAML (ARCHITECTURE §1.2: front matter read without implicit typing) --------------
    InputCode(
        "YAML-01", _YAML_FILES, "YAML 语法错误",
        "ARCHITECTURE §1.2（YAML front matter）、§3.1 输入问题",
        "按提示的行改正 YAML 语法：键后用半角冒号加空格，引号成对",
    ),
    InputCode(
        "YAML-02", _FRONT, "front matter 缺少结束的 --- 行",
        "ARCHITECTURE §1.2（YAML front matter）",
        "在 front matter 的最后一个字段之后加一行 ---",
    ),
    InputCode(
        "YAML-03", _FRONT, "文件开头缺少 front matter",
        "ARCHITECTURE §1.2（YAML front matter）",
        "在文件开头写 ---、title 等字段、---，再写正文",
    ),
    InputCode(
        "YAML-04", _YAML_FILES, "YAML 缩进中有制表符（Tab）",
        "ARCHITECTURE §1.2（YAML front matter）",
        "把缩进中的 Tab 改为空格",
    ),
    InputCode(
        "YAML-05", _YAML_FILES, "YAML 中重复的键",
        "ARCHITECTURE §1.2（YAML front matter）",
        "删除重复的一行，或合并两处的值",
    ),
    InputCode(
        "YAML-06", _YAML_FILES, "YAML 结构不对：应为“键: 值”的映射，键应为简单文本",
        "ARCHITECTURE §1.2、§2（数据文件）",
        "按提示写成“键: 值”形式，每行一项",
    ),
    InputCode(
        "YAML-07", _YAML_FILES, "YAML 嵌套或别名过多，无法作为内容读取",
        "ARCHITECTURE §1.2（按文本读取的 YAML）",
        "减少嵌套层次，不要使用 YAML 别名（&、*）",
    ),
    # --- the schema (ARCHITECTURE §1.1, §1.2) ---------------------------------------------
    InputCode(
        "SCHEMA-01", _FRONT, "缺少必填字段",
        "ARCHITECTURE §1.1、§1.2（各内容类型的必填字段）",
        "按提示补上该字段；ssg new 写出的文件列出了每种类型的全部必填字段",
    ),
    InputCode(
        "SCHEMA-02",
        _FRONT + "、data/holidays.yaml、data/typos.yaml、data/search-synonyms.yaml",
        "字段的类型或取值不对",
        "ARCHITECTURE §1.2（“Scalars are text until the schema types them”）",
        "按提示改为该字段要求的形式（文本、列表、是非、数字或规定的取值）",
    ),
    InputCode(
        "SCHEMA-03", _FRONT,
        "字段为空（必填字段为空是 error，可选字段为空已忽略是 advice，必填文本字段写的是 null 或 ~ 是 advice）",
        "ARCHITECTURE §1.2（各内容类型的字段）",
        "填写该字段；不需要的可选字段请删除该行",
        EA,
    ),
    InputCode(
        "SCHEMA-04", _FRONT + "、data/holidays.yaml", "日期格式不对：应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM",
        "ARCHITECTURE §1.2（Dates and time）",
        "写作 YYYY-MM-DD 或 YYYY-MM-DD HH:MM，如 2024-03-05 或 2024-03-05 09:30",
    ),
    InputCode(
        "SCHEMA-05",
        _FRONT + "、data/holidays.yaml、data/search-synonyms.yaml",
        "未知字段（附“是不是”）",
        "ARCHITECTURE §3.1（unknown keys, with a did-you-mean）",
        "按提示改为正确的字段名，或删除该行",
        EA,
    ),
    InputCode(
        "SCHEMA-06", _FRONT, "未知的内容类型",
        "ARCHITECTURE §1.2（八种内容类型）",
        "type 写 policy、interpretation、service、notice、news、reply、leader 或 page",
    ),
    # --- columns and the content folder (ARCHITECTURE §1, §1.1) ---------------------------
    InputCode(
        "CONTENT-00", "content/", "找不到 content/ 文件夹",
        "ARCHITECTURE §1（content/ 下的文件夹树就是栏目树）",
        "在站点目录中运行 ssg init 新建站点，或用 --source 指向站点目录",
    ),
    InputCode(
        "SCHEDULED", _FRONT, "定时发布：发布日期晚于构建日期，本次不发布",
        "ARCHITECTURE §1.2（an item dated after the build date is scheduled）、§3.1（advice）",
        "到发布日期后再次构建即发布；要现在发布，把 date 改为今天或更早",
        A,
    ),
    InputCode(
        "COLUMN-01", "content/**/_index.md", "栏目文件夹缺少 _index.md",
        "ARCHITECTURE §1（content/<栏目>/_index.md）",
        "在该文件夹中写 _index.md，至少写明栏目名称 title",
    ),
    InputCode(
        "COLUMN-02", "content/**/_index.md", "草稿栏目中的信息不发布",
        "README 草稿栏目（对契约 §1.1 的扩展）",
        "栏目可以发布时，删除其 _index.md 中的 draft: true（及仍是草稿的上级栏目的）",
        A,
    ),
    InputCode(
        "COLUMN-03", "content/_index.md", "首页不能是草稿",
        "README 草稿栏目（对契约 §1.1 的扩展）",
        "删除 content/_index.md 中的 draft: true",
    ),
    InputCode(
        "COLUMN-04", "content/**/_index.md", "update: none 不能免除国家更新要求",
        "ARCHITECTURE §1.1（none 只用于静态栏目）；服务于 CONTENT-02",
        "删除这一行，或写比国家要求更严格的更新周期",
        A,
    ),
    InputCode(
        "COLUMN-05", "content/**/_index.md", "栏目未写 description 或 keywords，已自动生成",
        "ARCHITECTURE §1.1（description、keywords：default generated from title and parent, "
        "reported as advice）；服务于 DESIGN-03",
        "在 _index.md 写 description（栏目设置目的、主要内容）与 keywords（反映栏目内容的词语）",
        A,
    ),
    # --- references and URLs (ARCHITECTURE §1.2 References, §1.3) -------------------------
    InputCode(
        "REF-01", _FRONT, "引用找不到（政策文件、替代文件）",
        "ARCHITECTURE §1.2（References）；服务于 POLICY-02、POLICY-03",
        "按提示改为存在的发文字号或路径（content/ 下去掉 .md 的路径）",
        EA,
    ),
    InputCode(
        "REF-02", _FRONT, "引用对应多份文件",
        "ARCHITECTURE §1.2（References：对应两份即是错误）",
        "改用路径引用（集约化仓库中写 站点文件夹:路径）",
    ),
    InputCode(
        "REF-03", _FRONT + "、data/site.yaml", "引用的文件不存在（附件、办理材料、国徽图片等）",
        "ARCHITECTURE §1.2（References、materials 的文件）；服务于 SERVICE-04、ID-14",
        "把文件放在条目文件夹（bundle）或 static/ 中，并核对文件名",
    ),
    InputCode(
        "REF-04", _FRONT, "替代关系（superseded_by）指向自己或绕回自己",
        "ARCHITECTURE §1.2（superseded_by must resolve）；服务于 POLICY-02",
        "改正其中一份文件的 superseded_by，使替代关系止于现行有效的文件",
    ),
    InputCode(
        "URL-01", _FRONT, "网址重复：两个条目、栏目、旧网址或文件占用同一网址",
        "ARCHITECTURE §1.3（URLs、aliases）",
        "修改其中一个的 slug、文件名或旧网址",
    ),
    InputCode(
        "URL-02", _FRONT, "网址名（slug）不可用",
        "ARCHITECTURE §1.3（URLs）",
        "改文件名，或写一个只含字母、数字、连字符的 slug",
    ),
    InputCode(
        "URL-03", _FRONT, "网址占用系统保留路径",
        "ARCHITECTURE §1.3（reserved paths）",
        "修改栏目文件夹名、文件名或 slug，避开保留路径",
    ),
    InputCode(
        "URL-04", _FRONT, "旧网址（aliases）不可用：不是站内路径，或带查询参数而无法跳转",
        "ARCHITECTURE §1.3（aliases）；README 网址（带查询参数的旧网址，对契约的扩展）",
        "写以 / 开头的站内路径；带查询参数的旧网址需要 data/deploy.yaml 生成的 nginx 配置",
    ),
    # --- data files (ARCHITECTURE §2) ------------------------------------------------------
    InputCode(
        "CONFIG-01", _SITE, "找不到网站配置文件 data/site.yaml",
        "ARCHITECTURE §2.1（data/site.yaml）",
        "用 ssg init 生成带注释的 data/site.yaml，或用 --source 指向站点目录",
    ),
    InputCode(
        "CONFIG-02", _SITE, "网站配置的取值不对",
        "ARCHITECTURE §2.1（data/site.yaml）",
        "按提示改正该配置项",
        EA,
    ),
    InputCode(
        "CONFIG-03", _SITE, "未知的配置项（附“是不是”）",
        "ARCHITECTURE §2.1、§3.1（unknown keys）",
        "按提示改为正确的配置项名，或删除该行",
        A,
    ),
    InputCode(
        "LIFECYCLE-01", _LIFECYCLE, "生命周期事件的结构不对：应为事件列表，事件类型须可用",
        "ARCHITECTURE §2.3（data/lifecycle.yaml）；服务于 NOTICE-02、NOTICE-03、NOTICE-04",
        "每项以 “- event: 事件类型” 开始，事件类型为 opening、temporary_offline、migration 或 domain_change",
    ),
    InputCode(
        "LIFECYCLE-02", _LIFECYCLE, "生命周期事件缺少必填项",
        "ARCHITECTURE §2.3（data/lifecycle.yaml）",
        "按提示补上该事件的必填项（如 date、from、to、destination）",
    ),
    InputCode(
        "LIFECYCLE-03", _LIFECYCLE, "生命周期事件的取值不对（日期、网址、域名、是非）",
        "ARCHITECTURE §2.3（data/lifecycle.yaml）",
        "日期写 YYYY-MM-DD，迁移去向写完整的 http(s) 网址，原域名只写域名",
    ),
    InputCode(
        "LIFECYCLE-04", _LIFECYCLE, "生命周期事件中的未知项（已忽略）",
        "ARCHITECTURE §2.3、§3.1（unknown keys）",
        "按提示改为正确的项名，或删除该行",
        A,
    ),
    InputCode(
        "LIFECYCLE-05", "迁移对照表（data/lifecycle.yaml 的 mapping）",
        "迁移对照表无法读取或有不对的行（error），或是空的（advice）",
        "ARCHITECTURE §2.3（migration 的 mapping：旧路径 → 新网址）；服务于 NOTICE-02",
        "每行写“旧路径,新网址”（半角逗号、UTF-8），旧路径不重复；空的对照表写入对照的行，或删除 mapping",
        EA,
    ),
    InputCode(
        "LIFECYCLE-06", _LIFECYCLE, "--maintenance 构建没有对应的临时下线事件",
        "README 网站生命周期（--maintenance）；服务于 NOTICE-03",
        "在 data/lifecycle.yaml 写 temporary_offline 事件，或不用 --maintenance 构建",
    ),
    InputCode(
        "LIFECYCLE-07", _LIFECYCLE, "生命周期事件相互矛盾：同一事件写了两次、网站开通两次或临时下线时段重叠",
        "ARCHITECTURE §2.3（data/lifecycle.yaml）；每个事件各发布一条公告（NOTICE-01..04）",
        "删除重复的事件，只保留一个开通事件，重叠的临时下线合并为一项或改正日期",
    ),
    # (the export feeds INTERACT-02, a veto: its typing errors are not reported in that rule's
    # name, which would read as 互动回应差)
    InputCode(
        "MESSAGES-01", _MESSAGES, "留言数据无法按 CSV 读取：文件为空、表头缺列、引号不成对或行无法读取",
        "ARCHITECTURE §2.4（data/messages.csv：互动平台的导出）",
        f"按互动平台的导出格式保存 data/messages.csv：表头为 {_MESSAGES_COLUMNS}，"
        "引号成对，每条留言一行",
    ),
    InputCode(
        "MESSAGES-02", _MESSAGES, "留言数据缺少受理日期",
        "ARCHITECTURE §2.4（data/messages.csv：互动平台的导出）",
        "在这一行的 received 列填写受理日期 YYYY-MM-DD",
    ),
    InputCode(
        "MESSAGES-03", _MESSAGES, "留言数据的日期不是 YYYY-MM-DD",
        "ARCHITECTURE §2.4（data/messages.csv：互动平台的导出）",
        "把日期改为 YYYY-MM-DD（可带时间 HH:MM）；未答复的留言，答复日期留空",
    ),
    InputCode(
        "MESSAGES-04", _MESSAGES, "留言数据的日期顺序不对：应为留言日期 ≤ 受理日期 ≤ 答复日期，受理日期不晚于今天",
        "ARCHITECTURE §2.4（data/messages.csv）；INTERACT-03 的日期顺序",
        "按互动平台的记录核对这一行的留言、受理、答复日期并改正",
    ),
    InputCode(
        "MESSAGES-05", _MESSAGES, "留言数据中同一留言编号出现两次（重复导出），会被统计两次",
        "ARCHITECTURE §2.4（data/messages.csv，每条留言一行）",
        "删除重复的一行；若两条留言确实不同，按互动平台的记录改正其编号",
    ),
    InputCode(
        "MESSAGES-06", _MESSAGES, "留言数据的类别不是已知的类别，无法判断是否计入 INTERACT-02",
        "README 合规检查“留言数据”（对契约 §2.4 的扩展：category 的取值）；服务于 INTERACT-02",
        "咨询建言类写 咨询、投诉、建议 或 找错；网上信访、纪检举报、在线访谈、调查征集写这些名称"
        "（不计入 INTERACT-02）；不知道时留空",
        A,
    ),
    InputCode(
        "MESSAGES-07", _MESSAGES, "留言数据的是否公开不是 是 或 否",
        "README 合规检查“留言数据”（对契约 §2.4 的扩展：public 的取值）",
        "写 是 或 否（也可写 公开、不公开）；不知道时留空",
    ),
    InputCode(
        "ALLOW-01", "data/allow.yaml", "接受项格式不对：应为 {code, path, reason} 的列表",
        "ARCHITECTURE §2.6（data/allow.yaml）",
        "每项写明 code（规则编号，如 SEC-06）、path（路径）和 reason（理由）",
    ),
    InputCode(
        "ALLOW-02", "data/allow.yaml、front matter 的 allow", "单项否决项不能被接受",
        "ARCHITECTURE §2.6（a veto-level finding cannot be accepted）",
        "整改这一项，并删除对它的接受",
        A,
    ),
    InputCode(
        "ALLOW-03", "data/allow.yaml", "接受项没有对应的检查结果",
        "ARCHITECTURE §2.6（data/allow.yaml）",
        "删除这一接受项",
        A,
    ),
    # --- the theme (ARCHITECTURE §3: render) ----------------------------------------------
    InputCode(
        "THEME-01", "themes/<名称>/templates/", "主题模板有错误，无法生成页面",
        "ARCHITECTURE §3（render：Jinja2 主题，站点主题覆盖默认主题）",
        "按提示的模板文件和行改正模板",
    ),
    # --- extensions of the contract (README) ----------------------------------------------
    InputCode(
        "SITES-01", "sites.yaml", "sites.yaml 格式不对：应为站点列表，每项只写 path",
        "README 集约化（sites.yaml，对契约的扩展）",
        "每项写成 “- path: 站点文件夹”",
    ),
    InputCode(
        "SITES-02", "sites.yaml", "站点文件夹不可用：不在仓库内、不存在、没有 data/site.yaml、重复或嵌套",
        "README 集约化（sites.yaml，对契约的扩展）",
        "写仓库内含 data/site.yaml 的站点文件夹，每个只列一次",
    ),
    InputCode(
        "SITES-03", "sites.yaml", "两个站点的域名、中文域名或政府网站标识码相同",
        "README 集约化；服务于 ID-04、ID-07",
        "核对两个站点 data/site.yaml 的 domain、chinese_domain 与 site_code",
    ),
    InputCode(
        "DEPLOY-01", _DEPLOY, "部署配置的取值不对",
        "README 部署（data/deploy.yaml，对契约 §2 的扩展）；服务于 SEC-01、ID-17、NOTICE-05",
        "按提示改正该配置项",
    ),
    InputCode(
        "DEPLOY-02", _DEPLOY, "未知的部署配置项（已忽略）",
        "README 部署（data/deploy.yaml）、ARCHITECTURE §3.1（unknown keys）",
        "按提示改为正确的配置项名，或删除该行",
        A,
    ),
    InputCode(
        "DEPLOY-03", _DEPLOY, "使用了默认的 HTTPS 证书路径",
        "README 部署（data/deploy.yaml 的 tls）",
        "写 tls: {certificate: …, key: …}，即服务器上证书与私钥的路径",
        A,
    ),
    InputCode(
        "DEPLOY-04", "deploy.yaml 的 previous_urls 文件",
        "上一次发布的网址清单中有不是本站网址的行（error），或清单是空的（advice）",
        "README 部署（previous_urls）；服务于 NOTICE-05",
        "这个文件只放上一次发布的 urls.txt 的副本，每行一个本站网址；空的清单请放入副本，或删除 previous_urls",
        EA,
    ),
    InputCode(
        "DEPLOY-05", _SITE, "域名不是主机名，无法写入 nginx 配置",
        "README 部署（nginx 配置的 server_name）；服务于 ID-02、ID-05、ID-17",
        "domain、chinese_domain 只写域名本身（如 www.shili.gov.cn），不写 https://、端口、路径或标点",
    ),
    InputCode(
        "DEPLOY-06", _LIFECYCLE, "域名变更的原域名现在是本仓库另一个站点的域名（nginx 配置不为它生成跳转）",
        "README 集约化、部署（nginx 配置）；服务于 NOTICE-04",
        "原域名确已转给那个站点时无需处理；写错了时改为本站真正的原域名",
        A,
    ),
    InputCode(
        "LIBRARY-01",
        "data/library-urls.yaml",
        "政策文件库网址记录中的一行不可用，本次发布的网址未能记入，或记录的名称像是改了名",
        "README 网址（政策文件库的网址记录，对契约 §1.3 的扩展）",
        "每行写“/<栏目路径>/by-topic/<拼音>/: 名称”或 by-issuer 的网址；未能记入时按提示在末尾添加；改名时把旧网址那一行的名称改为新名称",
        EA,
    ),
    InputCode(
        "PROBE-01", ".ssg-monitor/probe.jsonl", "探测日志中无法解析的一行（已跳过）",
        "README 部署后的监测（ssg probe）；服务于 SEC-05",
        "多为探测进程被中断时写了一半的行，可以删除",
        A,
    ),
    InputCode(
        "VERIFY-01", "发布清单 manifest.sha256", "发布清单格式不对或是空的",
        "README 部署后的监测（ssg verify）；服务于 SEC-07",
        "使用构建写出的 <输出>-deploy/manifest.sha256，不要手工改动",
    ),
)  # fmt: skip

INPUT_CODES: dict[str, InputCode] = {entry.code: entry for entry in TABLE}
