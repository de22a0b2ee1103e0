"""Generate a complete, compliant ssg portal of N items for benchmarks.

生成基准测试用的完整门户源目录：data/site.yaml、static/、content/（栏目树与 N 条信息）。

    python bench/gen_corpus.py --items 10000 --out /tmp/corpus-10k [--seed 1] [--date 2026-11-20]

The same arguments give a byte-identical tree: all randomness comes from one
`random.Random(seed)`, nothing reads the clock, and items are generated and written in a fixed,
sorted order. The corpus is meant to be clean against the national rules at `--date` (see
bench/README.md for the list of guarantees), so that a build measures the engine's normal path,
not its error reporting.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import vocabulary as v
from binfiles import emblem_pixel, tiny_png
from plan import COLUMNS, DEFAULT_DATE, Column, Item, build_corpus, minimum_items
from render_items import render_all
from yamltext import Value, document, front_matter

# What each type's column description says it publishes.
PURPOSE = {
    "page": "介绍测试市基本情况和政府信息公开有关事项",
    "leader": "公开市政府领导姓名、照片、简历和分管工作",
    "policy": "发布政策文件，提供按年度、主题、发文机关分类浏览",
    "interpretation": "发布政策文件的解读材料和解读产品",
    "notice": "发布通知、公告、公示和统计数据",
    "news": "发布测试市政务要闻和工作动态",
    "service": "提供办事指南，列明依据条件、办理材料、流程时限和收费标准",
    "reply": "公开网民留言及有关部门的答复",
}


TYPE_WORD = {
    "page": "概况",
    "leader": "领导",
    "policy": "政策",
    "interpretation": "解读",
    "notice": "公告",
    "news": "动态",
    "service": "办事",
    "reply": "留言",
}


# ---- site files ----------------------------------------------------------------------------


def column_index(column: Column) -> str:
    # The nearest enclosing column names the context: "政策文件下的“市政府文件”栏目".
    parents = [c for c in COLUMNS if column.path.startswith(c.path + "/")]
    parent = max(parents, key=lambda c: len(c.path)).title if parents else v.CITY_GOV
    fields: list[tuple[str, Value]] = [("title", column.title), ("type", column.type)]
    if column.column_type:
        fields.append(("column_type", column.column_type))
    fields += [
        ("description", f"{parent}下的“{column.title}”栏目，{PURPOSE[column.type]}。"),
        ("keywords", [column.title, v.CITY, TYPE_WORD[column.type]]),
        ("update", column.update),
        ("order", column.order),
    ]
    return front_matter(fields)


def home_index() -> str:
    fields: list[tuple[str, Value]] = [
        ("title", v.CITY_GOV),
        ("description", f"{v.CITY_GOV}门户网站，发布政务信息，提供办事服务和互动交流。"),
        ("keywords", [v.CITY, "人民政府", "政务公开"]),
    ]
    return front_matter(fields) + f"\n欢迎访问{v.CITY_GOV}门户网站。\n"


def site_yaml() -> str:
    conac = "https://dcs.conac.cn/js/22/980/0000/60000001/CA229800000600000010001.js"
    fields: list[tuple[str, Value]] = [
        ("name", v.CITY_GOV),
        ("domain", "www.ceshi.gov.cn"),
        ("chinese_domain", "测试市政府.政务"),
        ("level", "city"),
        ("parent", "www.jl.gov.cn"),
        ("province", "吉林"),
        ("site_code", "2298000001"),
        ("region_code", "229800"),
        ("icp", "吉ICP备05000001号-1"),
        ("police_record", "吉公网安备 22980002000001号"),
        ("host", v.CITY_OFFICE),
        ("operator", "测试市政务服务和数字化建设管理局"),
        (
            "contact",
            {
                "phone": "0430-88880000",
                "email": "zfb@ceshi.gov.cn",
                "address": "吉林省测试市人民大街1号",
                "postcode": "139800",
            },
        ),
        ("emblem", "static/emblem.png"),
        ("conac", {"script": conac}),
        ("jiucuo", True),
        ("services", {"external": True}),
        ("interpretation_sync_days", 0),
        ("column_types", ["人事信息"]),
    ]
    return document(fields)


def lifecycle_yaml() -> str:
    return "- {event: opening, date: 2015-06-01, reviewed_by: 审核人甲}\n"


# The figures content cannot give (visits, new media, security, signatures) for the year
# before the build date: the sample portal's, so that the corpus is clean under REPORT-01/03.
SAMPLE_REPORT = Path(__file__).resolve().parents[1] / "data" / "annual-report" / "2025.yaml"


def annual_report_yaml(year: int) -> str:
    text = SAMPLE_REPORT.read_text(encoding="utf-8")
    # The corpus has no messages.csv, and its own 回应关切 column gives that figure.
    text = text.replace("    收到留言数量:    #", "    收到留言数量: 1320    #")
    text = text.replace("    办结留言数量:    #", "    办结留言数量: 1296    #")
    text = re.sub(
        r"(?m)^  回应公众关注热点或重大舆情数量: \d+", "  # 回应公众关注热点或重大舆情数量:", text
    )
    return text.replace("青岚市人民政府网站 2025 年度", f"测试市人民政府网站 {year} 年度").replace(
        "2025 年度", f"{year} 年度"
    )


# ---- writing -------------------------------------------------------------------------------


def write_text(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))  # bytes: no platform newline translation


def write_tree(out: Path, items: Sequence[Item], report_year: int) -> None:
    (out / "data").mkdir(parents=True)
    (out / "static").mkdir()
    write_text(out / "data" / "site.yaml", site_yaml())
    write_text(out / "data" / "lifecycle.yaml", lifecycle_yaml())
    (out / "data" / "annual-report").mkdir()
    path = out / "data" / "annual-report" / f"{report_year}.yaml"
    write_text(path, annual_report_yaml(report_year))
    (out / "static" / "emblem.png").write_bytes(tiny_png(64, 64, emblem_pixel))
    content = out / "content"
    content.mkdir()
    write_text(content / "_index.md", home_index())
    for column in COLUMNS:
        (content / column.path).mkdir()
        write_text(content / column.path / "_index.md", column_index(column))
    for item in sorted(items, key=lambda i: i.path_id):
        folder = content / item.column.path
        text = front_matter(item.fields) + "\n" + item.body + "\n"
        if item.bundle:
            folder = folder / item.stem
            folder.mkdir()
            write_text(folder / "index.md", text)
            for name, data in sorted(item.files.items()):
                (folder / name).write_bytes(data)
        else:
            write_text(folder / f"{item.stem}.md", text)


def generate(n: int, out: Path, seed: int = 1, build_date: dt.date = DEFAULT_DATE) -> Counter[str]:
    """Write the corpus into *out* (which must not exist) and return the items per type."""
    corpus, writer = build_corpus(n, seed, build_date)
    items = render_all(corpus, writer)
    write_tree(out, items, build_date.year - 1)
    return Counter(item.kind for item in items)


def prepare_out(out: Path, force: bool) -> None:
    """Refuse to write into a non-empty folder unless --force and it is an earlier corpus."""
    if not out.exists() or not any(out.iterdir()):
        if out.exists():
            out.rmdir()
        return
    if not force:
        raise SystemExit(
            f"{out} 已存在且非空；用 --force 覆盖 (exists and is not empty; use --force)"
        )
    if not (out / "data" / "site.yaml").is_file() or not (out / "content").is_dir():
        raise SystemExit(
            f"{out} 不像是生成的语料，拒绝删除 (does not look like a corpus; not deleted)"
        )
    shutil.rmtree(out)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="生成 ssg 基准语料 (generate an ssg benchmark corpus)"
    )
    parser.add_argument("--items", type=int, required=True, help="number of content items")
    parser.add_argument("--out", type=Path, required=True, help="folder to create")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        default=DEFAULT_DATE,
        help="build date the corpus is clean at (default 2026-11-20)",
    )
    parser.add_argument("--force", action="store_true", help="replace an earlier corpus in --out")
    parser.add_argument("--quiet", action="store_true")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    least = minimum_items(args.date - dt.timedelta(days=1))
    if args.items < least:
        raise SystemExit(f"--items 至少为 {least}：每个栏目至少一条 (--items must be ≥ {least})")
    prepare_out(args.out, args.force)
    started = time.perf_counter()
    counts = generate(args.items, args.out, args.seed, args.date)
    if not args.quiet:
        spread = ", ".join(f"{kind} {count}" for kind, count in counts.most_common())
        print(
            f"{sum(counts.values())} items ({spread}) → {args.out} "
            f"in {time.perf_counter() - started:.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
