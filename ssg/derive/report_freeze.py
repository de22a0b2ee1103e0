"""`ssg report freeze <Y>`: keep a published annual report as it was submitted.

The figures ssg derives for a year (site configuration, content, messages) follow the site:
an item of that year moved to another column, withdrawn (draft) or deleted changes them at the
next build. A report published by 31 January and submitted to the 上级主管单位 must not change
silently (年报通知 一、三: 数据真实准确; RULES REPORT-02). Freezing writes those figures into
data/annual-report/<Y>.frozen.yaml, a file of its own beside the editor's data file, for the
editor to commit: the build reads it and shows its figures (ssg/derive/annual_report.py), and
never writes it. It is only ever created, never overwritten: what an editor committed stays.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ssg.derive.annual_report import (
    DATA,
    FIELDS,
    FROZEN_ON,
    SECTIONS,
    SOURCE_LABELS,
    Report,
    ReportFileExists,
    Row,
    Value,
    data_file,
    frozen_file,
)


def yaml_value(value: Value) -> str:
    """Counts and days as numbers; text double-quoted (a JSON string is a YAML one), so that
    a name with `: ` or `#` in it is read back as written."""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)


def frozen_rows(report: Report) -> list[Row]:
    """The rows a freeze keeps: every figure ssg gave, none of the data file's own."""
    return [row for row in report.rows if row.source != DATA and row.value is not None]


def freeze_text(report: Report, site_name: str, on: dt.date) -> str:
    """The frozen file: the derived figures, nested by section as the data file is, each
    with its unit and where it came from."""
    year = report.year
    out = [
        f"# {site_name} {year} 年度政府网站工作年度报表：冻结的推导数字（RULES REPORT-02）",
        f"# 由 ssg report freeze {year} 于 {on.isoformat()} 写出，请提交到 git。构建时报表显示这里的数字，",
        f"# 不再随 {year} 年信息的移动、撤回或删除而变化；按现在的内容推导出的数字不同时，ssg check 逐项",
        "# 报告两个数字（REPORT-02）。确需更正已报送的报表时，改这里的数字（或删除本文件后重新冻结）。",
        f"# 其余数字（访问量、办件量、签署等）仍在 {data_file(year)} 中填写。",
        "",
        f"{FROZEN_ON}: {on.isoformat()}",
    ]
    kept = {row.field.path: row for row in frozen_rows(report)}
    groups: set[str] = set()
    for section in SECTIONS:
        fields = [f for f in FIELDS if f.section == section and f.path in kept]
        if not fields:
            continue
        out.append(f"{section}:")
        for fld in fields:
            parts = fld.path.split(".")
            indent = "  "
            if len(parts) == 3:
                group = ".".join(parts[:2])
                if group not in groups:
                    groups.add(group)
                    out.append(f"  {parts[1]}:")
                indent = "    "
            row = kept[fld.path]
            if row.value is None:  # (frozen_rows keeps none)
                continue
            unit = f"单位：{fld.unit}；" if fld.unit and fld.unit != "勾选" else ""
            comment = f"{unit}{SOURCE_LABELS[row.source]}"
            out.append(f"{indent}{parts[-1]}: {yaml_value(row.value)}    # {comment}")
    return "\n".join(out) + "\n"


def write_frozen(root: Path, report: Report, site_name: str, on: dt.date) -> Path:
    """Create the year's frozen file; an existing one is never overwritten."""
    target = root / frozen_file(report.year)
    if target.exists() or target.is_symlink():
        raise ReportFileExists(
            f"{target} 已存在，不会覆盖：报表已冻结。确需重新冻结时，先删除该文件（它在 git 中有记录） "
            "(already frozen; the file is not overwritten)"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        handle.write(freeze_text(report, site_name, on))
    return target
