"""The stand-ins `ssg init` / `ssg new` write, reported while they stay in place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ssg.scaffold import (
    BODY_PLACEHOLDERS,
    COLUMN_TITLE_PLACEHOLDER,
    ITEM_PLACEHOLDERS,
    SITE_PLACEHOLDERS,
    YEAR_PLACEHOLDER_PATTERNS,
    YEAR_PLACEHOLDERS,
    init_site,
    placeholder_emblem_png,
    site_examples,
    uncomment_examples,
)
from tests.sitekit import COLUMNS, SITE_YAML, interpretation, make_site, policy, run

COVERS = {
    "ID-01:placeholder": ("test_each_site_placeholder_is_reported", "test_near_misses_are_not"),
    "ID-02:placeholder": ("test_each_site_placeholder_is_reported", "test_near_misses_are_not"),
    "ID-03:placeholder": ("test_each_site_placeholder_is_reported", "test_near_misses_are_not"),
    "ID-05:placeholder": ("test_each_site_placeholder_is_reported", "test_near_misses_are_not"),
    "ID-13:placeholder": ("test_each_site_placeholder_is_reported", "test_near_misses_are_not"),
    "ID-15:placeholder": ("test_each_site_placeholder_is_reported", "test_near_misses_are_not"),
    "ID-14:placeholder_emblem": ("test_stand_in_emblem", "test_stand_in_emblem"),
    "SEC-03:placeholder": ("test_item_placeholders", "test_item_placeholders"),
    "CONTENT-07:placeholder": ("test_item_placeholders", "test_item_placeholders"),
    **{
        f"{code}:placeholder": ("test_new_items_stand_ins", "test_new_items_stand_ins")
        for code in ("DESIGN-05", "POLICY-01", "SERVICE-02", "INTERACT-03", "CONTENT-05")
    },
    "POLICY-03:placeholder": ("test_new_items_stand_ins", "test_new_items_stand_ins"),
    "DESIGN-03:placeholder_column": ("test_new_items_stand_ins", "test_new_items_stand_ins"),
    **{
        key: (
            "test_every_example_ssg_new_writes_commented_out_is_reported_once_uncommented",
            "test_every_example_ssg_new_writes_commented_out_is_reported_once_uncommented",
        )
        for key in (
            "DESIGN-03:column_example",
            "DESIGN-04:example",
            "POLICY-02:example",
            "SERVICE-01:example",
        )
    },
    "SERVICE-02:written_example": (
        "test_examples_ssg_new_writes_uncommented_are_reported_while_unchanged",
        "test_examples_ssg_new_writes_uncommented_are_reported_while_unchanged",
    ),
    **{
        f"{code}:site_example": (
            "test_every_example_ssg_init_writes_in_site_yaml_is_reported_once_set",
            "test_every_example_ssg_init_writes_in_site_yaml_is_reported_once_set",
        )
        for code in ("SERVICE-01", "INTERACT-01", "SEARCH-01", "SEC-01")
    },
}

PLACEHOLDER = "ssg init 写入的占位值"


def site_yaml(key: str, value: str) -> str:
    """sitekit's clean site.yaml with one key (a `contact.` one too) set to `value`."""
    head, _, sub = key.partition(".")
    lines = SITE_YAML.splitlines()
    if sub:
        contact = {
            "phone": "0439-0000000",
            "email": "zfb@ceshi.gov.cn",
            "address": "测试市政府路1号",
        }
        contact[sub] = value
        text = ", ".join(f'{k}: "{v}"' for k, v in contact.items())
        lines = [f"contact: {{{text}}}" if x.startswith("contact:") else x for x in lines]
    else:
        kept = [x for x in lines if not x.startswith(f"{head}:")]
        lines = [*kept, f'{head}: "{value}"']
    return "\n".join(lines) + "\n"


def line_of(text: str, key: str) -> int:
    head = key.partition(".")[0]
    return next(n for n, x in enumerate(text.splitlines(), 1) if x.startswith(f"{head}:"))


EXPECTED_CODE = {
    "name": "ID-01",
    "domain": "ID-02",
    "parent": "ID-03",
    "chinese_domain": "ID-05",
    "site_code": "ID-15",
    "icp": "ID-15",
    "police_record": "ID-15",
    "host": "ID-13",
    "operator": "ID-13",
    "contact.phone": "ID-13",
    "contact.email": "ID-13",
    "contact.address": "ID-13",
    "contact.postcode": "ID-13",
}


def test_every_stand_in_of_site_yaml_has_its_rule() -> None:
    # The scaffold's list is the check's: a stand-in added there must be given a rule here.
    assert set(SITE_PLACEHOLDERS) == set(EXPECTED_CODE)


@pytest.mark.parametrize(
    ("key", "value"),
    sorted((key, value) for key, values in SITE_PLACEHOLDERS.items() for value in values),
)
def test_each_site_placeholder_is_reported(tmp_path: Path, key: str, value: str) -> None:
    text = site_yaml(key, value)
    make_site(tmp_path, {}, site_yaml=text)
    [found] = [x for x in run(tmp_path).lines if PLACEHOLDER in x]
    where = f"data/site.yaml:{line_of(text, key)}: deduct [{EXPECTED_CODE[key]}] {key}: "
    assert found.startswith(where)
    assert f"仍是 ssg init 写入的占位值 “{value}”；上线前请改为" in found


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("site_code", "2298000001"),
        ("domain", "www.example2.gov.cn"),
        ("name", "示例市人民政府网"),  # (a real name may hold the placeholder's words)
        ("icp", "吉ICP备00000001号-1"),
        ("police_record", "吉公网安备 22000000000001号"),
        ("contact.phone", "0000-0000001"),
        ("contact.postcode", "130000"),
        ("contact.address", "请填写办公地址的长春市人民大街1号"),
    ],
)
def test_near_misses_are_not(tmp_path: Path, key: str, value: str) -> None:
    make_site(tmp_path, {}, site_yaml=site_yaml(key, value))
    assert [x for x in run(tmp_path).lines if "占位" in x] == []


def test_stand_in_emblem(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    (tmp_path / "static/emblem.png").write_bytes(placeholder_emblem_png())
    [line] = [x for x in run(tmp_path).lines if "[ID-14]" in x]
    assert line.startswith(
        f"data/site.yaml:{line_of(SITE_YAML, 'emblem')}: deduct [ID-14] emblem: 国徽图片 "
        "static/emblem.png 仍是 ssg init 生成的示意图"
    )
    # Near miss: an image of the same size that differs (the standard one, say).
    other = bytearray(placeholder_emblem_png())
    other[-20] ^= 0xFF
    (tmp_path / "static/emblem.png").write_bytes(bytes(other))
    assert [x for x in run(tmp_path).lines if "[ID-14]" in x] == []


def test_item_placeholders(tmp_path: Path) -> None:
    news = COLUMNS["content/dt/huiyi.md"]
    reviewer, source = ITEM_PLACEHOLDERS["reviewed_by"], ITEM_PLACEHOLDERS["source"]
    make_site(
        tmp_path,
        {
            "content/dt/reviewer.md": news.replace("审核人", reviewer),
            "content/dt/source.md": news.replace("测试市人民政府办公室", source),
            # near miss: a reviewer and a source of the site's own
            "content/dt/real.md": news.replace("审核人", "张三").replace("测试市", "示例县"),
        },
    )
    found = [x.split(" (")[0] for x in run(tmp_path).lines if "占位" in x]
    assert found == [
        f"content/dt/reviewer.md:5: deduct [SEC-03] reviewed_by: 审核人 reviewed_by 仍是 "
        f"ssg init / ssg new 写入的占位文字 “{reviewer}”；发布前请改正",
        f"content/dt/source.md:4: deduct [CONTENT-07] source: 信息来源 source 仍是 "
        f"ssg init / ssg new 写入的占位文字 “{source}”；发布前请改正",
    ]


ITEM_CODE = {
    "title": "DESIGN-05",
    "reviewed_by": "SEC-03",
    "source": "CONTENT-07",
    "issuer": "POLICY-01",
    "conditions": "SERVICE-02",
    "address": "SERVICE-02",
    "agency": "SERVICE-02",
    "phone": "SERVICE-02",
    "department": "INTERACT-03",
    "question": "INTERACT-03",
    "name": "CONTENT-05",
    "position": "CONTENT-05",
    "duties": "CONTENT-05",
}


# The stand-ins `ssg new` builds from the year it runs in.
YEAR_CODE = {"index_number": "POLICY-01", "doc_number": "POLICY-01", "policy": "POLICY-03"}


def test_every_stand_in_of_an_item_has_its_rule() -> None:
    assert set(ITEM_PLACEHOLDERS) == set(ITEM_CODE)
    assert set(YEAR_PLACEHOLDERS) == set(YEAR_CODE)


def _year_stand_in(key: str, value: str) -> bool:
    pattern = YEAR_PLACEHOLDER_PATTERNS.get(key)
    return pattern is not None and pattern.fullmatch(value) is not None


POLICY_NEW = ("zcwj/new", "zcjd/new")


@pytest.mark.parametrize("year", ["2026", "2025", "2019"])
def test_year_stand_ins_of_any_year(tmp_path: Path, year: str) -> None:
    """`ssg new policy` writes a 索引号 and a 发文字号 built from the year it runs in (and
    `ssg new interpretation` a reference to that 发文字号): they were never reported, as the
    list held no year. A policy made in an earlier year and built now still has them."""
    make_site(tmp_path, {})
    for type_name, path in zip(("policy", "interpretation"), POLICY_NEW, strict=True):
        assert run(tmp_path, type_name, path, command="new", date=f"{year}-11-18").code == 0
    lines = [x.split(" (")[0] for x in run(tmp_path).lines if "写入的占位" in x]
    interp, policy_file = (tmp_path / "content" / f"{path}.md" for path in reversed(POLICY_NEW))
    at = {
        key: line_of(file.read_text("utf-8"), key)
        for file, key in ((interp, "policy"), (policy_file, "index_number"),
                          (policy_file, "doc_number"))
    }  # fmt: skip
    assert [x for x in lines if "index_number" in x or "doc_number" in x or "policy:" in x] == [
        f"content/zcjd/new.md:{at['policy']}: deduct [POLICY-03] policy: 所解读的政策文件 policy "
        f"仍是 ssg init / ssg new 写入的占位文字 “示政发〔{year}〕1号”；发布前请改正",
        f"content/zcwj/new.md:{at['index_number']}: deduct [POLICY-01] index_number: 索引号 "
        f"index_number 仍是 ssg init / ssg new 写入的占位文字 “000000000/{year}-00001”；发布前请改正",
        f"content/zcwj/new.md:{at['doc_number']}: deduct [POLICY-01] doc_number: 发文字号 "
        f"doc_number 仍是 ssg init / ssg new 写入的占位文字 “示政发〔{year}〕1号”；发布前请改正",
    ]


@pytest.mark.parametrize(
    ("index_number", "doc_number"),
    [
        ("11229800MB0000000X/2026-00001", "测政发〔2026〕1号"),  # a real site's, same numbers
        ("000000000/2026-00002", "示政发〔2026〕2号"),  # the editor's own serial numbers
        ("000000000/26-00001", "示政发〔26〕1号"),  # not a year as ssg new writes it
    ],
)
def test_year_stand_ins_near_misses_are_not(
    tmp_path: Path, index_number: str, doc_number: str
) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/own.md": policy(doc_number, index_number=index_number),
            "content/zcjd/own.md": interpretation(doc_number),
        },
    )
    assert [x for x in run(tmp_path).lines if "占位" in x] == []


def new_of_every_type(root: Path) -> dict[str, Path]:
    """`ssg new` of every type in sitekit's site: type -> the file written. The service goes
    into a new folder, so that a column `ssg new` makes is written too (content/bs/_index.md)."""
    paths = {
        "policy": "zcwj/new",
        "interpretation": "zcjd/new",
        "service": "bs/new",
        "notice": "dt/notice",
        "news": "dt/new",
        "reply": "hd/new",
        "leader": "ld/new",
        "page": "gk/new",
    }
    for type_name, path in paths.items():
        assert run(root, type_name, path, command="new").code == 0
    return {type_name: root / "content" / f"{path}.md" for type_name, path in paths.items()}


@pytest.mark.parametrize("replaced", [False, True])
def test_new_items_stand_ins(tmp_path: Path, replaced: bool) -> None:
    """`ssg new` of every type: each “请填写…” (and the other stand-ins) it writes is reported
    at its line under the rule of its field, the stand-in body at the body's first line and
    the name of a column it made; once the editor writes real values, nothing is."""
    make_site(tmp_path, {})
    # (the interpretation's stand-in reference resolves to the new policy's stand-in number)
    files = new_of_every_type(tmp_path)
    column = tmp_path / "content/bs/_index.md"
    expected = set()
    for path in [*files.values(), column]:
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(tmp_path).as_posix()
        key, key_line, closed = "", 0, False
        for number, line in enumerate(text.splitlines()[1:], start=2):
            closed = closed or line == "---"
            if closed:  # the body
                if line.strip() in BODY_PLACEHOLDERS:
                    expected.add(f"{rel}:{number}: deduct [DESIGN-05]")
                continue
            value = line.split("#", 1)[0]
            if not value.startswith(" "):  # a key, else an entry of the list or block above
                key, key_line = value.split(":", 1)[0].strip(), number
                value = value.split(":", 1)[1] if ":" in value else ""
            value = value.strip().removeprefix("- ").strip()
            if ITEM_PLACEHOLDERS.get(key) == value:
                expected.add(f"{rel}:{key_line}: deduct [{ITEM_CODE[key]}] {key}")
            if _year_stand_in(key, value):
                expected.add(f"{rel}:{key_line}: deduct [{YEAR_CODE[key]}] {key}")
            if value == COLUMN_TITLE_PLACEHOLDER:
                expected.add(f"{rel}:{number}: deduct [DESIGN-03] title")
        if replaced:
            for stand_in in [*ITEM_PLACEHOLDERS.values(), *BODY_PLACEHOLDERS]:
                text = text.replace(stand_in, "真实内容" if "0000" not in stand_in else "0431-1")
            # (the policy's number and the interpretation's reference to it alike)
            text = re.sub(r"示政发〔\d{4}〕1号", "测政发〔2026〕101号", text)
            text = re.sub(r"000000000/(\d{4})-00001", r"11229800MB0000000X/\1-00101", text)
            path.write_text(text.replace(COLUMN_TITLE_PLACEHOLDER, "办事服务"), "utf-8")
    result = run(tmp_path)
    assert [x for x in result.lines if " error " in x] == []
    found = set()
    for line in result.lines:
        head = WHERE.match(line)
        if head and "写入的占位" in line:
            found.add(head.group(1) + (f" {head.group(2)}" if head.group(2) else ""))
    assert found == (set() if replaced else expected)


WHERE = re.compile(r"^(\S+:\d+: deduct \[[A-Z0-9-]+\])(?: ([a-z_]+):)?")


# Commented-out examples whose value is no stand-in, each for its reason (ssg/check/
# placeholders.py): a file name (REF-03 until the file is there), a number or a period (any is
# a real one), a date (the day `ssg new` ran), a ColumnType (the national vocabulary).
NOT_STAND_INS = {"attachments", "template", "image", "photo", "order", "update", "expires",
                 "updated", "column_type"}  # fmt: skip
EXAMPLE_CODE = {"superseded_by": "POLICY-02", "item_code": "SERVICE-01"}  # else DESIGN-04
COMMENTED = re.compile(r"^(\s*)# ([a-z_]+):")
EXAMPLE = "ssg new 在注释中写的示例"


@pytest.mark.parametrize("state", ["commented", "uncommented", "filled in"])
def test_every_example_ssg_new_writes_commented_out_is_reported_once_uncommented(
    tmp_path: Path, state: str
) -> None:
    """`ssg new` of every type writes optional fields commented out with example values
    (keywords, summary, author, item_code …), and a column it makes too (description,
    keywords). An editor who uncommented one as it stood published the example. Each line the
    scaffold writes so, read here off the files written, is reported at its line once
    uncommented, under the rule of its field; commented, or filled in, it is not."""
    make_site(
        tmp_path,
        {
            # what the uncommented file examples name, put in place (else REF-01, REF-03)
            "content/zcwj/old.md": policy("示政发〔2020〕1号"),
            "content/zcwj/附件1.pdf": "%PDF-1.4\n",
            "content/dt/题图.jpg": "jpg",
            "content/ld/photo.jpg": "jpg",
            "content/bs/申请表.docx": "docx",
        },
    )
    files = new_of_every_type(tmp_path)
    expected = set()
    for file in [*files.values(), tmp_path / "content/bs/_index.md"]:
        rel = file.relative_to(tmp_path).as_posix()
        column = rel.endswith("_index.md")
        lines = file.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            match = COMMENTED.match(line)
            if not match or state == "commented":
                continue
            key = match.group(2)
            lines[number - 1] = line = COMMENTED.sub(r"\1\2:", line)
            if key in NOT_STAND_INS:
                continue
            if state == "filled in":  # (the key and its indent kept, the value the editor's)
                value = "[实际内容]" if "[" in line else "实际内容"
                value = "zcwj/old" if key == "superseded_by" else value
                lines[number - 1] = f"{line.split(':')[0]}: {value}"
            else:
                code = "DESIGN-03" if column else EXAMPLE_CODE.get(key, "DESIGN-04")
                field = f"materials[1].{key}" if line.startswith(" ") else key
                expected.add(f"{rel}:{number}: deduct [{code}] {field}")
        file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(tmp_path)
    assert [x for x in result.lines if " error " in x] == []
    found = [" ".join(x.split(" ")[:4]).rstrip(":") for x in result.lines if EXAMPLE in x]
    assert sorted(found) == sorted(expected)
    if state == "uncommented":  # (every item carries keywords and summary: all types ran)
        assert {x.split(" ")[-1] for x in found} >= {"keywords", "summary", "author", "item_code",
                                                    "superseded_by", "description"}  # fmt: skip


WRITTEN = "ssg new 写入的示例"
# What a service guide of `ssg new` says of its own choosing, left as it stands: the examples
# (reported) and the real defaults an editor may keep (not), as ssg/scaffold.py decides them.
GUIDE_EXAMPLES = {"basis", "materials"}


def _key_line(lines: list[str], key: str) -> int:
    return next(n for n, x in enumerate(lines, start=1) if x.startswith(f"{key}:"))


@pytest.mark.parametrize("state", ["as written", "filled in", "partly kept"])
def test_examples_ssg_new_writes_uncommented_are_reported_while_unchanged(
    tmp_path: Path, state: str
) -> None:
    """A service guide of `ssg new` had 设定依据 《中华人民共和国行政许可法》 and one material,
    an unnamed 申请表, written in uncommented: published unchanged, these examples went live
    unreported. Each is reported at its line while its whole value is the scaffold's. The
    values it writes that real items have (收费标准 不收费, 办理时间 工作日 9:00-17:00, 办理流程
    申请/受理/审核/办结, 办理时限 5 个工作日, 注意事项 无), the vocabulary choices and the other
    types' fields are not; nor are materials that keep the 申请表 beside others."""
    make_site(tmp_path, {})
    guide = new_of_every_type(tmp_path)["service"]
    text = guide.read_text(encoding="utf-8")
    reported = GUIDE_EXAMPLES
    if state == "filled in":
        text = text.replace("《中华人民共和国行政许可法》", "《测试市供热条例》第十二条")
        text = text.replace("  - name: 申请表", "  - name: 《供热申请书》")
        reported = set()
    elif state == "partly kept":  # the materials keep the example's entry beside another
        text = text.replace(
            "    copies: 1", "    copies: 1\n  - name: 居民身份证\n    form: 复印件"
        )
        reported = {"basis"}
    guide.write_text(text, encoding="utf-8")
    rel = guide.relative_to(tmp_path).as_posix()
    lines = text.splitlines()
    expected = {f"{rel}:{_key_line(lines, key)}: deduct [SERVICE-02] {key}" for key in reported}
    result = run(tmp_path)
    assert [x for x in result.lines if " error " in x] == []
    found = {" ".join(x.split(" ")[:4]).rstrip(":") for x in result.lines if WRITTEN in x}
    assert found == expected


@pytest.mark.parametrize("state", ["commented", "uncommented", "filled in"])
def test_every_example_ssg_init_writes_in_site_yaml_is_reported_once_set(
    tmp_path: Path, state: str
) -> None:
    """`ssg init` writes optional settings commented out with examples (`# interact:` /
    `#   platform_url: https://…`, an allowed host v.example.gov.cn …). Uncommented as they
    stood, an example platform passed for the site's own (SERVICE-03, INTERACT-01 saw one).
    Each example, read off site_examples (the scaffold's own file), is reported at its line
    once set; commented, or filled in, it is not."""
    site = tmp_path / "portal"
    init_site(site, "city", __import__("datetime").date(2026, 11, 18))
    path = site / "data/site.yaml"
    text = path.read_text(encoding="utf-8")
    if state != "commented":
        text = uncomment_examples(text)
    if state == "filled in":
        text = text.replace("https://…", "https://zwfw.ceshi.gov.cn/").replace(
            "v.example.gov.cn", "v.ceshi.gov.cn"
        )
    path.write_text(text, encoding="utf-8")
    if state != "commented":
        # police_icon names a file, as an attachment does: REF-03 until it is in static/.
        (site / "static/police-record.png").write_bytes((site / "static/emblem.png").read_bytes())
    lines = text.splitlines()
    expected = set()
    for key, value in site_examples().items() if state == "uncommented" else ():
        head, _, sub = key.partition(".")
        start = _key_line(lines, head)
        number = next(
            n for n, x in enumerate(lines[start:], start + 1) if x.strip().startswith(f"{sub}:")
        )
        expected.add((number, key, f"{sub}: {value}"))
    result = run(site)
    found = {
        (int(x.split(":")[1]), x.split(" ")[3].rstrip(":"), x.split("“")[1].split("”")[0])
        # (the example quoted as its line reads: `platform_url: https://…`)
        for x in result.lines
        if "ssg init 在注释中写的示例" in x
    }
    assert found == expected
    if state == "uncommented":
        assert {key for _n, key, _v in found} >= {
            "services.platform_url",
            "interact.platform_url",
            "search.server",
            "allowed_hosts.v.example.gov.cn",
        }


@pytest.mark.parametrize(
    ("keywords", "named"),
    [
        ("[关键词一, 关键词二]", "“关键词一”、“关键词二”"),
        ("\n  - 关键词二\n  - 关键词一", "“关键词二”、“关键词一”"),  # (as written, block style)
        ("[关键词一, 供暖]", "“关键词一”"),  # near miss: the editor's own keyword is not named
    ],
)
def test_each_example_left_in_a_field_is_named_and_each_field_reported_at_its_line(
    tmp_path: Path, keywords: str, named: str
) -> None:
    """A news item of `ssg new` with its commented-out keywords and summary uncommented as
    they stand: the finding on keywords named only the first example (“关键词一”) though both
    were left. Each example the field holds is named, in one finding for the field at its
    line, and the summary has its own at its line."""
    make_site(tmp_path, {})
    news = new_of_every_type(tmp_path)["news"]
    text = uncomment_examples(news.read_text(encoding="utf-8"))
    text = re.sub(r"(?m)^keywords: \[关键词一, 关键词二\]", f"keywords: {keywords}", text)
    text = re.sub(r"(?m)^(author|image): .*\n", "", text)
    news.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    rel = news.relative_to(tmp_path).as_posix()
    found = [x for x in run(tmp_path).lines if x.startswith(rel) and EXAMPLE in x]
    assert [" ".join(x.split(" ")[:4]) for x in found] == [
        f"{rel}:{_key_line(lines, 'keywords')}: deduct [DESIGN-04] keywords:",
        f"{rel}:{_key_line(lines, 'summary')}: deduct [DESIGN-04] summary:",
    ]
    assert f"示例 {named}；" in found[0]
    assert "示例 “一句话摘要”；" in found[1]
