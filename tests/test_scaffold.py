"""`ssg init` and `ssg new`: new files only, a site that builds, items that validate."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from ssg.cli import main
from ssg.content.frontmatter import parse_document
from ssg.content.model import ITEM_CLASSES, Location
from ssg.content.validate import COMMON_FIELDS, TYPE_FIELDS, UNDATED_TYPES, item_from_front_matter
from ssg.diagnostics import Diagnostics, Severity
from ssg.scaffold import (
    ITEM_PLACEHOLDERS,
    KEPT_DEFAULTS,
    KEPT_SITE_SETTINGS,
    SITE_PLACEHOLDERS,
    ScaffoldError,
    example_placeholders,
    init_site,
    new_column_text,
    new_item,
    new_item_text,
    placeholder_emblem_png,
    site_examples,
    site_yaml_text,
    uncomment_examples,
    written_examples,
)
from tests.sitekit import make_site

TODAY = dt.date(2026, 11, 20)
DATE = TODAY.isoformat()


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# --- ssg init ----------------------------------------------------------------------------


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("editor's file", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(ScaffoldError):
        init_site(tmp_path, "city", TODAY)
    code, _out, err = cli("init", str(tmp_path), "--date", DATE)
    assert code == 2
    assert "不是空的" in err
    assert snapshot(tmp_path) == before


def test_init_refuses_a_file_as_target(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.write_text("x", encoding="utf-8")
    code, _out, err = cli("init", str(target), "--date", DATE)
    assert code == 2
    # (it said 目录 … 不是空的: there is no folder to empty)
    assert err == (
        f"{target} 是一个文件，不是目录；ssg init 只在空目录或新目录中新建站点 "
        "(the target is a file, not a folder)\n"
    )
    assert target.read_text(encoding="utf-8") == "x"


def test_init_says_the_next_step_as_a_shell_takes_it(tmp_path: Path) -> None:
    """`cd 新 站点 && ssg build`, copied as it was printed, went to the folder 新."""
    site = tmp_path / "新 站点"
    code, out, err = cli("init", str(site), "--date", DATE)
    assert code == 0, err
    assert f"下一步：cd '{site}' && ssg build (created a new site with 17 files)" in out


def test_init_in_an_empty_existing_folder(tmp_path: Path) -> None:
    written = init_site(tmp_path, "city", TODAY)
    assert (tmp_path / "data" / "site.yaml") in written
    assert (tmp_path / "content" / "_index.md") in written
    assert all(path.is_file() for path in written)


def not_placeholders(lines: list[str]) -> list[str]:
    """Lines other than the findings on the stand-ins `ssg new` writes for the editor to
    replace (its reviewer and source: SEC-03, CONTENT-07 in tests/check/test_placeholders.py)."""
    return [line for line in lines if "写入的占位" not in line]


def problems(err: str) -> list[str]:
    return [line for line in err.splitlines() if " error [" in line or " veto [" in line]


@pytest.mark.parametrize("level", ["city", "department", "province", "county"])
def test_generated_site_has_no_input_error(tmp_path: Path, level: str) -> None:
    site = tmp_path / "portal"
    code, out, err = cli("init", str(site), "--level", level, "--date", DATE)
    assert code == 0, err
    assert "ssg build" in out
    code, _out, err = cli("check", "--source", str(site), "--date", DATE)
    assert code in (0, 1), err
    assert [line for line in err.splitlines() if " error [" in line] == []
    assert not (site / "public").exists()


@pytest.mark.parametrize("level", ["city", "department"])
def test_generated_site_builds_with_exit_0(tmp_path: Path, level: str) -> None:
    site = tmp_path / "portal"
    assert cli("init", str(site), "--level", level, "--date", DATE)[0] == 0
    code, _out, err = cli("build", "--source", str(site), "--date", DATE)
    assert code == 0, err
    assert problems(err) == []
    public = site / "public"
    assert (public / "index.html").is_file()
    news = "zwdt" if level == "city" else "gzdt"
    assert (public / news / "wangzhan-shangxian.html").is_file()
    assert (public / news / "index.html").is_file()
    if level == "city":
        assert (public / "static" / "emblem.png").read_bytes().startswith(b"\x89PNG")


def test_generated_site_passes_check(tmp_path: Path) -> None:
    init_site(tmp_path / "s", "county", TODAY)
    code, _out, err = cli("check", "--source", str(tmp_path / "s"), "--date", DATE)
    assert code == 0, err


@pytest.mark.parametrize("level", ["city", "department"])
def test_generated_site_reports_each_placeholder_until_replaced(tmp_path: Path, level: str) -> None:
    """A new site went live with 标识码 0000000000 and `ssg check` said nothing: each stand-in
    is now a deduct finding at its line, so a preview builds and `--strict` does not."""
    site = tmp_path / "s"
    init_site(site, level, TODAY)
    config = site / "data" / "site.yaml"
    text = config.read_text(encoding="utf-8")
    written = {}  # line -> (site.yaml key, stand-in), as written (not commented out)
    for number, line in enumerate(text.splitlines(), start=1):
        name, _, value = line.partition("#")[0].partition(":")
        key = f"contact.{name.strip()}" if line.startswith("  ") else name.strip()
        if value.strip().strip('"') in SITE_PLACEHOLDERS.get(key, ()):
            written[number] = (key, value.strip().strip('"'))
    assert {"0000000000", "吉ICP备00000000号-1", "请填写办公地址"} <= {
        v for _k, v in written.values()
    }
    code, _out, err = cli("check", "--source", str(site), "--date", DATE)
    assert code == 0, err
    found = {}
    for line in err.splitlines():
        if "写入的占位" in line and line.startswith("data/site.yaml:"):
            found[int(line.split(":")[1])] = line.split("“", 1)[1].split("”", 1)[0]
    assert found == {number: value for number, (_key, value) in written.items()}
    item = site / "content" / ("zwdt" if level == "city" else "gzdt") / "wangzhan-shangxian.md"
    assert f"{item.relative_to(site).as_posix()}:6: deduct [SEC-03] reviewed_by:" in err
    if level == "city":
        assert "[ID-14] emblem: 国徽图片 static/emblem.png 仍是 ssg init 生成的示意图" in err
    assert cli("check", "--source", str(site), "--date", DATE, "--strict")[0] == 1

    # Real values in their place: nothing is reported as a placeholder any more.
    real = {
        "name": "青岚市人民政府",
        "domain": "www.qinglan.gov.cn" if level == "city" else "jyj.qinglan.gov.cn",
        "parent": "www.jl.gov.cn" if level == "city" else "www.qinglan.gov.cn",
        "chinese_domain": "青岚市政府.政务",
        "operator": "青岚市政务服务和数字化建设管理局",
        "site_code": "2201990001",
        "icp": "吉ICP备05002290号-1",
        "police_record": "吉公网安备 22010202000123号",
        "host": "青岚市人民政府办公室",
        "contact.phone": "0431-88880000",
        "contact.email": "webmaster@qinglan.gov.cn",
        "contact.address": "青岚市人民大街1号",
        "contact.postcode": "130000",
    }
    assert set(real) == set(SITE_PLACEHOLDERS)
    lines = text.splitlines(keepends=True)
    for number, (key, value) in written.items():
        lines[number - 1] = lines[number - 1].replace(value, real[key], 1)
    text = "".join(lines)
    config.write_text(text, encoding="utf-8")
    item.write_text(
        item.read_text(encoding="utf-8")
        .replace(ITEM_PLACEHOLDERS["reviewed_by"], "张三")
        .replace(ITEM_PLACEHOLDERS["source"], "青岚市人民政府办公室"),
        encoding="utf-8",
    )
    (site / "static" / "emblem.png").unlink(missing_ok=True)
    (site / "static" / "emblem.png").write_bytes(placeholder_emblem_png(95))
    code, _out, err = cli("check", "--source", str(site), "--date", DATE)
    assert [
        line for line in err.splitlines() if "写入的占位" in line or "生成的示意图" in line
    ] == []


def test_generated_site_yaml_keeps_codes_as_text(tmp_path: Path) -> None:
    init_site(tmp_path, "city", TODAY)
    text = (tmp_path / "data" / "site.yaml").read_text(encoding="utf-8")
    assert 'site_code: "0000000000"' in text


# --- ssg new -----------------------------------------------------------------------------


def required_keys(type_name: str) -> set[str]:
    keys = {"title"} | {k for k, spec in TYPE_FIELDS[type_name].items() if spec.required}
    return keys if type_name in UNDATED_TYPES else keys | {"date"}


@pytest.mark.parametrize("type_name", list(ITEM_CLASSES))
def test_new_writes_every_required_field_and_validates(tmp_path: Path, type_name: str) -> None:
    path = new_item(tmp_path, type_name, f"col/{type_name}-item", TODAY)
    assert path == tmp_path / "content" / "col" / f"{type_name}-item.md"
    rel = f"content/col/{type_name}-item.md"
    diags = Diagnostics()
    parsed = parse_document(path.read_bytes(), rel, diags)
    assert parsed is not None, [str(d) for d in diags]
    assert required_keys(type_name) <= set(parsed.data)
    item = item_from_front_matter(
        item_id=f"col/{type_name}-item",
        column_id="col",
        default_type=type_name,
        bundle=False,
        data=parsed.data,
        location=Location(rel, parsed.lines, parsed.body_line),
        body=parsed.body,
        diags=diags,
    )
    assert [str(d) for d in diags] == []
    assert type(item) is ITEM_CLASSES[type_name]
    assert item is not None
    if type_name not in UNDATED_TYPES:
        assert item.date == dt.datetime(2026, 11, 20)


def test_new_items_of_every_type_build_in_the_generated_site(tmp_path: Path) -> None:
    site = tmp_path / "portal"
    assert cli("init", str(site), "--date", DATE)[0] == 0
    for type_name, path in [
        ("policy", "zwgk/zcwj/关于印发办法的通知"),
        ("interpretation", "zwgk/zcjd/一图读懂"),
        ("service", "bsfw/居住证办理"),
        ("notice", "zwgk/tzgg/停电通知"),
        ("news", "zwdt/市政府召开常务会议"),
        ("reply", "hdjl/路灯不亮"),
        ("leader", "zjwm/fzrxx/张三"),
        ("page", "zjwm/gkxx/概况"),
    ]:
        code, _out, err = cli("new", type_name, path, "--source", str(site), "--date", DATE)
        assert code == 0, err
        # The column has content now: publish it and the columns above it, as the
        # `draft: true  # 栏目发布第一条内容后删除这一行` line of `ssg init` says.
        folder = (site / "content" / path).parent
        while folder != site / "content":
            index = folder / "_index.md"
            text = index.read_text(encoding="utf-8")
            index.write_text(re.sub(r"(?m)^draft: true.*\n", "", text), encoding="utf-8")
            folder = folder.parent
    code, _out, err = cli("build", "--source", str(site), "--date", DATE)
    assert code == 0, err
    assert (site / "public" / "zwgk" / "zcjd" / "yi-tu-du-dong.html").is_file()


def test_a_new_service_says_where_its_online_address_goes(tmp_path: Path) -> None:
    """`ssg new service` writes 全程网办 (a real choice) without the address it is done at, which
    only the editor knows: SSG-04 asks for it, at the `online` line, and the file's own comment
    says where it goes; written as the comment says, the advice is gone."""
    site = tmp_path / "portal"
    assert cli("init", str(site), "--date", DATE)[0] == 0
    code, out, err = cli("new", "service", "bsfw/居住证办理", "--source", str(site), "--date", DATE)
    assert code == 0, err
    path = Path(out.split()[1])
    index = site / "content/bsfw/_index.md"  # (publish the column, as `ssg init`'s note says)
    text = index.read_text(encoding="utf-8")
    index.write_text(re.sub(r"(?m)^draft: true.*\n", "", text), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    online = next(n for n, line in enumerate(lines, 1) if line.startswith("online: 全程网办"))
    assert "另写一行 online_url" in lines[online]  # (the line after it)

    def advice() -> list[str]:
        code, _out, err = cli("check", "--source", str(site), "--date", DATE)
        assert code == 0, err
        return [x.split(": 网上")[0] for x in err.splitlines() if "[SSG-04]" in x]

    assert advice() == [f"content/bsfw/{path.name}:{online}: advice [SSG-04] online"]
    lines.insert(online, "online_url: https://zwfw.jl.gov.cn/item/400011100100101")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert advice() == []


def test_two_new_policies_get_one_finding_per_stand_in_number(tmp_path: Path) -> None:
    """Two fresh `ssg new policy` files share the stand-in 索引号 and 发文字号: each is reported
    once, as a stand-in still in place, not a second time as a duplicate number (POLICY-01
    twice at one line, for one fix). Real numbers that two files share still are."""
    site = tmp_path / "portal"
    assert cli("init", str(site), "--date", DATE)[0] == 0
    made = []
    for name in ("关于印发办法的通知", "关于印发细则的通知"):
        code, out, err = cli(
            "new", "policy", f"zwgk/zcwj/{name}", "--source", str(site), "--date", DATE
        )
        assert code == 0, err
        made.append(Path(out.split()[1]).name)
    for column in ("zwgk", "zwgk/zcwj"):  # (publish the columns, as `ssg init`'s note says)
        index = site / "content" / column / "_index.md"
        text = index.read_text(encoding="utf-8")
        index.write_text(re.sub(r"(?m)^draft: true.*\n", "", text), encoding="utf-8")

    def numbers_found() -> list[str]:
        code, _out, err = cli("build", "--source", str(site), "--date", DATE, "--all")
        assert code == 0, err
        found = []
        for line in err.splitlines():
            where = re.match(r"(.*?: deduct \[POLICY-01\] (index|doc)_number):", line)
            if where:
                found.append(f"{where[1]} {'stand-in' if '占位' in line else 'duplicate'}")
        return found

    lines = {}
    for file in made:
        text = (site / "content/zwgk/zcwj" / file).read_text(encoding="utf-8").splitlines()
        lines[file] = {t.split(":")[0]: n for n, t in enumerate(text, 1) if "_number:" in t}
    expected = sorted(
        f"content/zwgk/zcwj/{file}:{lines[file][key]}: deduct [POLICY-01] {key} stand-in"
        for file in made
        for key in ("index_number", "doc_number")
    )
    assert sorted(numbers_found()) == expected

    # The same real numbers in both: now the later file (by path) is told of the duplicate.
    for file in made:
        path = site / "content/zwgk/zcwj" / file
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"000000000/\d{4}-00001", "11220100MB0000000X/2026-00007", text)
        path.write_text(re.sub(r"示政发〔\d{4}〕1号", "青政发〔2026〕7号", text), encoding="utf-8")
    later = max(made)
    assert sorted(numbers_found()) == sorted(
        f"content/zwgk/zcwj/{later}:{lines[later][key]}: deduct [POLICY-01] {key} duplicate"
        for key in ("index_number", "doc_number")
    )


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    path = new_item(tmp_path, "news", "zwdt/a", TODAY)
    path.write_text("---\ntitle: 编辑写的\n---\n", encoding="utf-8")
    with pytest.raises(ScaffoldError):
        new_item(tmp_path, "news", "zwdt/a", TODAY)
    code, _out, err = cli("new", "news", "zwdt/a.md", "--source", str(tmp_path), "--date", DATE)
    assert code == 2
    assert "不会覆盖" in err
    assert path.read_text(encoding="utf-8") == "---\ntitle: 编辑写的\n---\n"


def test_new_over_an_existing_name_says_how_to_make_a_second_item(tmp_path: Path) -> None:
    """A monthly 停水通知: the second `ssg new` of one title is refused (the first is the
    editor's), and says what to type for a second item, which then is made."""
    site = tmp_path / "site"
    assert cli("init", str(site), "--date", DATE)[0] == 0
    argv = ("--source", str(site), "--date", DATE)
    assert cli("new", "notice", "zwgk/tzgg/停水通知", *argv)[0] == 0
    first = (site / "content/zwgk/tzgg/ting-shui-tong-zhi.md").read_bytes()
    code, _out, err = cli("new", "notice", "zwgk/tzgg/停水通知", *argv)
    assert code == 2 and "不会覆盖" in err
    assert "ssg new notice zwgk/tzgg/停水通知-2" in err
    assert (site / "content/zwgk/tzgg/ting-shui-tong-zhi.md").read_bytes() == first
    code, _out, err = cli("new", "notice", "zwgk/tzgg/停水通知-2", *argv)
    assert code == 0, err
    second = site / "content/zwgk/tzgg/ting-shui-tong-zhi-2.md"
    assert "title: 停水通知-2" in second.read_text(encoding="utf-8")
    code, _out, err = cli("new", "page", "about/contact-us", *argv)
    code, _out, err = cli("new", "page", "about/contact-us", *argv)
    assert code == 2 and "ssg new page about/contact-us-2" in err


def test_new_refuses_an_existing_pinyin_target(tmp_path: Path) -> None:
    new_item(tmp_path, "news", "zwdt/市政府召开常务会议", TODAY)
    with pytest.raises(ScaffoldError):
        new_item(tmp_path, "news", "zwdt/市政府召开常务会议", TODAY)


def test_new_reads_a_place_name_of_jilin_as_the_place(tmp_path: Path) -> None:
    """长岭 is a county of 松原: its file, and so its URL, reads chang-ling, not zhang-ling
    (pypinyin's 长 of 市长); the title keeps the name as written."""
    (tmp_path / "content").mkdir()
    name = "松原市长岭县春耕通知"
    code, out, err = cli("new", "notice", f"tzgg/{name}", "--source", str(tmp_path), "--date", DATE)
    assert code == 0, err
    path = tmp_path / "content/tzgg/song-yuan-shi-chang-ling-xian-chun-geng-tong-zhi.md"
    assert str(path) in out
    assert f"title: {name}" in path.read_text(encoding="utf-8")


def test_new_turns_a_chinese_name_into_a_pinyin_slug_and_a_title(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    code, out, err = cli(
        "new", "news", "zwdt/市政府召开常务会议", "--source", str(tmp_path), "--date", DATE
    )
    assert code == 0, err
    path = tmp_path / "content" / "zwdt" / "shi-zheng-fu-zhao-kai-chang-wu-hui-yi.md"
    assert path.is_file()
    assert str(path) in out
    diags = Diagnostics()
    parsed = parse_document(path.read_bytes(), "content/zwdt/x.md", diags)
    assert parsed is not None
    assert parsed.data["title"] == "市政府召开常务会议"
    assert parsed.data["date"] == DATE


def test_new_reads_full_width_digits_and_letters_of_a_chinese_name(tmp_path: Path) -> None:
    """A Chinese input method types ２０２６ and ＰＭ: the slug keeps them as 2026 and pm, so
    the issues of a yearly or numbered notice get files of their own (they lost their digits,
    and the second issue was refused as the first's file)."""
    (tmp_path / "content").mkdir()
    names = ("２０２５年工作要点", "２０２６年工作要点", "停电通知（第２期）", "ＰＭ２.５监测公告")
    for name in names:
        code, _out, err = cli(
            "new", "notice", f"tzgg/{name}", "--source", str(tmp_path), "--date", DATE
        )
        assert code == 0, err
    made = sorted(p.name for p in (tmp_path / "content/tzgg").glob("*.md"))
    assert made == [
        "2025-nian-gong-zuo-yao-dian.md",
        "2026-nian-gong-zuo-yao-dian.md",
        "_index.md",
        "pm2-5-jian-ce-gong-gao.md",
        "ting-dian-tong-zhi-di-2-qi.md",
    ]
    text = (tmp_path / "content/tzgg/ting-dian-tong-zhi-di-2-qi.md").read_text(encoding="utf-8")
    assert "title: 停电通知（第２期）" in text  # (the title stays as written)


@pytest.mark.parametrize(
    "path",
    [
        "zwgk／tzgg／停水通知",  # (a Chinese input method's full-width slashes)
        "zwgk＼tzgg＼停水通知",
        "zwgk/tzgg /停水通知",  # (a space typed before a slash)
        "zwgk/ tzgg/　停水通知",  # (and after one, the last a full-width space)
    ],
)
def test_new_reads_a_path_typed_with_chinese_slashes_or_spaces_as_meant(
    tmp_path: Path, path: str
) -> None:
    """The item goes into the column zwgk/tzgg: the full-width slashes made one item at the
    top of content/ (zwgk-tzgg-ting-shui-tong-zhi.md), the space a second column `tzgg `
    beside tzgg, with an _index.md to fill in."""
    site = tmp_path / "site"
    assert cli("init", str(site), "--date", DATE)[0] == 0
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    code, _out, err = cli("new", "notice", path, "--source", str(site), "--date", DATE)
    assert code == 0, err
    after = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert sorted(set(after) - set(before)) == ["content/zwgk/tzgg/ting-shui-tong-zhi.md"]


@pytest.mark.parametrize("path", ["zwdt/ ", "zwdt/　", "newcol/ "])
def test_new_refuses_a_path_whose_name_is_only_a_space(tmp_path: Path, path: str) -> None:
    site = tmp_path / "site"
    assert cli("init", str(site), "--date", DATE)[0] == 0
    before = snapshot(site)
    code, _out, err = cli("new", "notice", path, "--source", str(site), "--date", DATE)
    assert code == 2 and "应为 content/ 下的栏目文件夹加文件名" in err
    assert snapshot(site) == before


def test_long_chinese_name_is_cut_at_a_syllable(tmp_path: Path) -> None:
    path = new_item(
        tmp_path, "news", "zwdt/" + "关于进一步加强和改进政府网站信息内容建设管理工作的通知", TODAY
    )
    stem = path.stem
    assert len(stem) <= 48
    assert stem.startswith("guan-yu-jin-yi-bu-jia-qiang")
    assert not stem.endswith("-")
    assert all(part.isascii() and part.isalnum() for part in stem.split("-"))


def test_ascii_name_is_kept_and_title_left_to_fill_in(tmp_path: Path) -> None:
    path = new_item(tmp_path, "page", "content/about/contact-us.md", TODAY)
    assert path == tmp_path / "content" / "about" / "contact-us.md"
    assert "title: 请填写标题" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["../outside", "zwdt/../../outside", "", "content/"])
def test_new_refuses_paths_outside_content(tmp_path: Path, path: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    code, _out, _err = cli("new", "news", path, "--source", str(site), "--date", DATE)
    assert code == 2
    assert not (tmp_path / "outside.md").exists()
    assert not list(tmp_path.rglob("outside*"))


def test_new_refuses_an_unknown_type(tmp_path: Path) -> None:
    with pytest.raises(ScaffoldError):
        new_item(tmp_path, "article", "zwdt/a", TODAY)
    code, _out, err = cli("new", "article", "zwdt/a", "--source", str(tmp_path), "--date", DATE)
    assert code == 2
    assert "news" in err
    assert not (tmp_path / "content").exists()


def test_new_item_is_the_only_file_written(tmp_path: Path) -> None:
    init_site(tmp_path, "city", TODAY)
    before = snapshot(tmp_path)
    path = new_item(tmp_path, "notice", "zwgk/tzgg/停电通知", TODAY)
    after = snapshot(tmp_path)
    assert set(after) - set(before) == {path.relative_to(tmp_path).as_posix()}
    assert {k: v for k, v in after.items() if k in before} == before
    diags = Diagnostics()
    assert parse_document(path.read_bytes(), "x", diags) is not None
    assert [d for d in diags if d.severity is Severity.ERROR] == []


def test_new_says_when_the_column_is_a_draft(tmp_path: Path) -> None:
    site = tmp_path / "portal"
    assert cli("init", str(site), "--date", DATE)[0] == 0
    index = site / "content/zwgk/tzgg/_index.md"
    assert "draft: true" in index.read_text(encoding="utf-8")
    code, _out, err = cli("new", "notice", "zwgk/tzgg/停电", "--source", str(site), "--date", DATE)
    assert code == 0
    assert "注意：content/zwgk/tzgg/_index.md 中有 draft: true" in err
    index.write_text(re.sub(r"(?m)^draft: true.*\n", "", index.read_text("utf-8")), "utf-8")
    code, _out, err = cli("new", "notice", "zwgk/tzgg/停水", "--source", str(site), "--date", DATE)
    assert code == 0 and "tzgg/_index.md" not in err
    assert "注意：content/zwgk/_index.md 中有 draft: true" in err  # (the section above it)


@pytest.mark.parametrize(
    "line", ["draft: True", "draft: TRUE", "draft: 'true'", 'draft: "true"  # 待发布']
)
def test_new_says_when_the_column_is_a_draft_however_true_is_written(
    tmp_path: Path, line: str
) -> None:
    """The build takes each of these for true and leaves the column unpublished: `ssg new`
    said nothing of it but for a lower-case, unquoted `true`."""
    site = tmp_path / "portal"
    assert cli("init", str(site), "--date", DATE)[0] == 0
    for index in (site / "content/zwgk/_index.md", site / "content/zwgk/tzgg/_index.md"):
        text = index.read_text(encoding="utf-8")
        index.write_text(re.sub(r"(?m)^draft: true.*$", line, text), encoding="utf-8")
    code, _out, err = cli("new", "notice", "zwgk/tzgg/停电", "--source", str(site), "--date", DATE)
    assert code == 0
    assert "注意：content/zwgk/tzgg/_index.md 中有 draft: true" in err
    assert "注意：content/zwgk/_index.md 中有 draft: true" in err
    code, _out, err = cli("build", "--source", str(site), "--date", DATE)
    assert code == 0, err
    assert (site / "public/index.html").is_file()
    assert not (site / "public/zwgk/tzgg").exists()  # (the build's reading of the same lines)


def test_new_refuses_to_write_into_an_item_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "content/zwdt/zhanlan"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text("---\ntitle: 展览\n---\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="bundle"):
        new_item(tmp_path, "news", "zwdt/zhanlan/tupian/新闻", TODAY)
    assert sorted(p.name for p in bundle.rglob("*")) == ["index.md"]


def test_new_of_another_type_than_the_columns_says_its_type(tmp_path: Path) -> None:
    """`ssg new news hdjl/…` wrote a news item that the reply column read as a reply: five
    missing reply fields blocked the build, and a reply in a news column lost its fields."""
    site = tmp_path / "portal"
    assert cli("init", str(site), "--date", DATE)[0] == 0
    for type_name, path in [("news", "hdjl/huodong"), ("reply", "zwdt/liuyan")]:
        code, _out, err = cli("new", type_name, path, "--source", str(site), "--date", DATE)
        assert code == 0, err
        lines = (site / "content" / f"{path}.md").read_text(encoding="utf-8").splitlines()
        assert lines[3].startswith(f"type: {type_name} ")
    code, _out, err = cli("build", "--source", str(site), "--date", DATE)
    assert code == 0, err
    about = [line for line in err.splitlines() if "hdjl/huodong" in line or "liuyan" in line]
    assert not_placeholders(about) == []
    assert (site / "public/hdjl/huodong.html").is_file()
    assert (site / "public/zwdt/liuyan.html").is_file()


def test_new_in_a_column_of_its_type_writes_no_type(tmp_path: Path) -> None:
    site = tmp_path / "portal"
    init_site(site, "city", TODAY)
    text = new_item(site, "news", "zwdt/xinwen", TODAY).read_text(encoding="utf-8")
    assert "\ntype:" not in text


def test_new_in_a_new_folder_makes_it_a_column(tmp_path: Path) -> None:
    """A new folder had no _index.md: COLUMN-01 blocked the build of the item just made."""
    site = tmp_path / "portal"
    assert cli("init", str(site), "--date", DATE)[0] == 0
    before = snapshot(site)
    code, out, err = cli(
        "new", "notice", "xxgk/部门通知/停水", "--source", str(site), "--date", DATE
    )
    assert code == 0, err
    new = {"content/xxgk/_index.md", "content/xxgk/部门通知/_index.md"}
    assert set(snapshot(site)) - set(before) == new | {"content/xxgk/部门通知/ting-shui.md"}
    assert f"已新建栏目 {site / 'content/xxgk/_index.md'}" in out
    diags = Diagnostics()
    channel = parse_document((site / "content/xxgk/_index.md").read_bytes(), "c", diags)
    column = parse_document((site / "content/xxgk/部门通知/_index.md").read_bytes(), "c", diags)
    assert channel is not None and column is not None and list(diags) == []
    assert channel.data == {"title": "请填写栏目名称"}
    # (a Chinese name is the title, and the description and keywords are written from it,
    # as `ssg init` writes its columns': no generated ones to report, COLUMN-05)
    assert column.data == {
        "title": "部门通知",
        "type": "notice",
        "description": "部门通知栏目",
        "keywords": ["部门通知"],
    }
    assert "\ntype:" not in (site / "content/xxgk/部门通知/ting-shui.md").read_text("utf-8")
    code, _out, err = cli("build", "--source", str(site), "--date", DATE)
    assert code == 0, err
    about = [line for line in err.splitlines() if "COLUMN-01" in line or "xxgk/" in line]
    # The channel's name is to be filled in (a placeholder, DESIGN-03): its description and
    # keywords, which would be made from it, are left to write too, and it is told what the
    # generated ones say.
    assert [line.split(" ", 3)[:3] for line in not_placeholders(about)] == [
        ["content/xxgk/_index.md:2:", "advice", "[COLUMN-05]"]
    ]
    assert "“请填写栏目名称”栏目" in not_placeholders(about)[0]
    assert (site / "public/xxgk/部门通知/ting-shui.html").is_file()


@pytest.mark.parametrize("level", ["city", "department"])
def test_init_columns_write_their_description_and_keywords(tmp_path: Path, level: str) -> None:
    """Every column `ssg init` writes, once published, has its own description and keywords:
    none is told that generated ones are shown (COLUMN-05)."""
    site = tmp_path / "portal"
    assert cli("init", str(site), "--level", level, "--date", DATE)[0] == 0
    indexes = sorted((site / "content").rglob("_index.md"))
    for index in indexes:  # (published, as an editor does with its first item)
        text = index.read_text(encoding="utf-8")
        index.write_text(re.sub(r"^draft: true.*\n", "", text, flags=re.M), encoding="utf-8")
    assert len(indexes) > 5
    _code, _out, err = cli("check", "--source", str(site), "--date", DATE)
    assert "注意" not in err and "[COLUMN-02]" not in err  # (nothing left a draft)
    assert [line for line in err.splitlines() if "[COLUMN-05]" in line] == []


def test_new_keeps_an_existing_column_index(tmp_path: Path) -> None:
    site = tmp_path / "portal"
    init_site(site, "city", TODAY)
    before = (site / "content/zwdt/_index.md").read_bytes()
    path = new_item(site, "news", "zwdt/sub/xinwen", TODAY)
    assert (site / "content/zwdt/_index.md").read_bytes() == before
    assert (site / "content/zwdt/sub/_index.md").is_file() and path.is_file()


def test_new_takes_the_full_path_of_a_file_in_content(tmp_path: Path) -> None:
    """A full path was put under content/ as it was: content/tmp/…/content/zwdt/x.md, in
    folders without _index.md; and ./content/… became content/content/…"""
    site = tmp_path / "portal"
    init_site(site, "city", TODAY)
    full = new_item(site, "news", str(site / "content/zwdt/a.md"), TODAY)
    dotted = new_item(site, "news", "./content/zwdt/b.MD", TODAY)
    windows = new_item(site, "news", "zwdt\\c", TODAY)
    assert [full, dotted, windows] == [site / f"content/zwdt/{n}.md" for n in "abc"]
    with contextlib.chdir(tmp_path):  # (`ssg new news portal/content/zwdt/d --source portal`)
        through = new_item(Path("portal"), "news", "portal/content/zwdt/d", TODAY)
    assert (tmp_path / through).resolve() == (site / "content/zwdt/d.md").resolve()
    assert sorted(p.name for p in (site / "content").iterdir() if p.is_dir()) == [
        "bsfw", "hdjl", "zjwm", "zwdt", "zwgk",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/etc/passwd", "不在站点的 content/ 文件夹"),
        ("{site}/data/x", "不在站点的 content/ 文件夹"),
        ("{site}/content/../x", "不在站点的 content/ 文件夹"),
        ("zwdt/index", "保留名"),
        ("zwdt/index_2", "保留名"),
        ("sitemap", "保留名"),
        ("search/x", "保留名"),
        ("zwdt/_index", "以 . 或 _ 开头"),
        ("newcol/_index", "以 . 或 _ 开头"),
        ("zwdt/.hidden", "以 . 或 _ 开头"),
        ("_drafts/x", "以 . 或 _ 开头"),
        ("zwdt/50%", "含有网址中不能用的字符"),
        ("zwdt/x?y", "含有网址中不能用的字符"),
        ("zwdt/..", "不能含 .."),
        ("zwdt/", "应为 content/ 下的栏目文件夹加文件名"),  # (wrote content/zwdt.md)
    ],
)
def test_new_refuses_a_name_that_would_not_build(tmp_path: Path, path: str, reason: str) -> None:
    """Each was written, then ignored by the build (. and _ names), or blocked it (URL-02,
    URL-03), or made a column file of an item (_index)."""
    site = tmp_path / "portal"
    init_site(site, "city", TODAY)
    before = snapshot(site)
    code, _out, err = cli("new", "news", path.format(site=site), "--source", str(site))
    assert code == 2
    assert reason in err and "Traceback" not in err
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["portal"]


@pytest.mark.parametrize(
    ("argv", "made"),
    [(["news", "zwdt/x"], "content"), (["annual-report", "2025"], "data")],
)
def test_new_outside_a_site_writes_nothing(tmp_path: Path, argv: list[str], made: str) -> None:
    """Run in the wrong folder, `ssg new` made content/zwdt/… (or data/annual-report/) there."""
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    code, _out, err = cli("new", *argv, "--source", str(tmp_path), "--date", DATE)
    assert code == 2
    assert err == (
        f"{tmp_path} 不是 ssg 站点目录（其中没有 content/ 和 data/site.yaml）；请在站点目录中运行，"
        "或用 --source 指定站点目录 (not a site folder: use --source)\n"
    )
    assert not (tmp_path / made).exists()
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_keeps_build_output_out_of_git(tmp_path: Path) -> None:
    """`git add .` in a new site took public/ and .ssg-cache/ (hundreds of MB) into git."""
    site = tmp_path / "portal"
    assert cli("init", str(site), "--date", DATE)[0] == 0
    ignored = (site / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"public/", ".public.*", ".ssg-cache/", "public-lifecycle/"} <= set(ignored)
    assert {"public-deploy/", ".ssg-monitor/"} <= set(ignored)  # (ssg/deploy/, ssg probe)
    assert cli("build", "--source", str(site), "--date", DATE)[0] == 0
    made = {p.name for p in site.iterdir()} - {".gitignore", "content", "data", "static"}
    assert made == {"public", ".ssg-cache"}


def test_init_into_a_clone_of_an_empty_repository(tmp_path: Path) -> None:
    """A folder holding only .git was refused as not empty: the team's new repository."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    code, _out, err = cli("init", str(tmp_path), "--date", DATE)
    assert code == 0, err
    assert (tmp_path / ".git/HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert (tmp_path / "data/site.yaml").is_file()


def test_new_refuses_the_name_of_an_item_bundle(tmp_path: Path) -> None:
    """zwdt/xin-wen.md beside the bundle zwdt/xin-wen/: the same URL, URL-01 blocked the build."""
    site = tmp_path / "portal"
    init_site(site, "city", TODAY)
    bundle = site / "content/zwdt/xin-wen"
    bundle.mkdir()
    (bundle / "index.md").write_text(
        "---\ntitle: 新闻\ndate: 2026-11-20\nsource: 办公室\n---\n", "utf-8"
    )
    before = snapshot(site)
    code, _out, err = cli("new", "news", "zwdt/新闻", "--source", str(site), "--date", DATE)
    assert code == 2
    assert err == (
        f"{bundle}/ 已是一条信息（有 index.md），新信息会与它网址相同；请换一个名称 "
        "(an item bundle of that name exists)\n"
    )
    assert snapshot(site) == before


def test_new_says_when_a_column_saved_by_notepad_is_a_draft(tmp_path: Path) -> None:
    """With a BOM (and CRLF) the _index.md's draft: true went unseen: no word of it."""
    site = tmp_path / "portal"
    init_site(site, "city", TODAY)
    index = site / "content/zwgk/tzgg/_index.md"
    text = index.read_text(encoding="utf-8")
    index.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    code, _out, err = cli("new", "notice", "zwgk/tzgg/停电", "--source", str(site), "--date", DATE)
    assert code == 0
    assert "注意：content/zwgk/tzgg/_index.md 中有 draft: true" in err


def test_example_placeholders_are_every_example_the_scaffold_comments_out() -> None:
    """Each `# key: value` field `ssg new` writes commented out, in an item of every type and
    in a column, is one of example_placeholders: read off the scaffold's own files, so that
    ssg check (ssg/check/placeholders.py) cannot miss an example added there. A value of the
    day `ssg new` ran is that day, no example."""
    day = dt.date(2026, 11, 18)
    texts = {("item", t): new_item_text(t, "标题", day) for t in ITEM_CLASSES}
    texts["column", "news"] = new_column_text("lm", "news")
    examples = example_placeholders()
    commented = re.compile(r"^\s*# ([a-z_]+): (.+?)\s+#", re.M)
    seen = 0
    for (kind, _name), text in texts.items():
        for key, value in commented.findall(text):
            if value == day.isoformat():
                continue
            path = f"materials.{key}" if key in ("template", "example") else key
            values = {v.strip().strip('"') for v in value.strip("[]").split(",")}
            assert values <= examples[kind].get(path, frozenset()), (kind, key, value)
            seen += 1
    assert seen >= 12
    assert "expires" not in examples["item"] and "updated" not in examples["item"]


def test_every_kept_default_is_a_value_the_scaffold_writes() -> None:
    """KEPT_DEFAULTS and KEPT_SITE_SETTINGS are decisions about one value each (不收费 is the
    law's default, …): a kept value the scaffold no longer writes would be a decision about
    nothing, and the field's new value an example (reported) until decided anew."""
    items = "".join(new_item_text(t, "标题", TODAY) for t in ITEM_CLASSES)
    for key, value in KEPT_DEFAULTS.items():
        if isinstance(value, tuple):  # (a list, one `  - entry` a line under the key)
            entries = "".join(rf"\n  - {re.escape(entry)}" for entry in value)
            assert re.search(rf"^{key}:[^\n]*{entries}\n", items, re.M), key
        else:
            assert re.search(rf"^{key}: '?{re.escape(value)}'?\s", items, re.M), key
    site = uncomment_examples(site_yaml_text("city"))
    for path, value in KEPT_SITE_SETTINGS.items():
        sub = path.rpartition(".")[2]
        assert re.search(rf"^\s*{sub}: .*{re.escape(value)}", site, re.M), path


def test_written_examples_leave_out_stand_ins_kept_defaults_and_choices() -> None:
    """What written_examples finds in the scaffold's own files: no stand-in (those have rules of
    their own), no kept default, no vocabulary choice, boolean, number or date."""
    found = {key for examples in written_examples().values() for key in examples}
    assert found.isdisjoint({*ITEM_PLACEHOLDERS, *KEPT_DEFAULTS, "title"})
    assert found.isdisjoint({"online", "validity", "form", "category", "needs_interpretation"})
    assert found.isdisjoint({"date", "written", "asked", "received", "replied", "copies"})
    assert "basis" in written_examples()["service"]


def test_site_examples_are_read_off_both_site_yaml_variants() -> None:
    """Every `# key: value` of data/site.yaml's commented examples, nested ones too, is read:
    the portal's and the department's file alike; stand-ins and kept settings are not."""
    examples = site_examples()
    for level in ("city", "department"):
        text = site_yaml_text(level)
        assert "#   platform_url: https://…" in text  # (nested under `# interact:`)
        assert "  platform_url: https://…" in uncomment_examples(text)
    assert examples["interact.platform_url"] == "https://…"
    assert examples["allowed_hosts.v.example.gov.cn"] == "视频点播平台（经审批）"
    assert set(examples).isdisjoint({*SITE_PLACEHOLDERS, *KEPT_SITE_SETTINGS, "level"})


# The dates the contract requires of an item and `ssg new` fills in with the day it ran (its
# `--date`): derived from the real date of writing, as ARCHITECTURE §1.2 has 发布日期 be. Every
# other date it writes is an example, and is written commented out (`# updated: …`, `#
# expires: …`): uncommented, the day `ssg new` ran would read as a real 更新日期 or 有效期.
_DAY_OF_WRITING = frozenset({"date", "written", "asked", "received", "replied"})


@pytest.mark.parametrize("type_name", list(ITEM_CLASSES))
def test_new_writes_no_uncommented_example_a_build_takes_for_real(
    tmp_path: Path, type_name: str
) -> None:
    """`ssg new` of each type, run for real in a site, then `ssg check`: every value it writes
    uncommented is reported where it stands (a stand-in, an example), or is one a real item
    has — the day of writing in a date the contract requires, a value decided real
    (KEPT_DEFAULTS), a choice of a vocabulary or a yes/no — and never an optional date such
    as `updated`, which a page or a leader shows as its 更新日期 (PubDate)."""
    make_site(tmp_path, {})
    # (an interpretation's stand-in reference is to the stand-in number of a new policy)
    for kind in ("policy", type_name) if type_name == "interpretation" else (type_name,):
        argv = ("new", kind, f"xin/{kind}", "--source", str(tmp_path), "--date", DATE)
        assert cli(*argv)[0] == 0
    rel = f"content/xin/{type_name}.md"
    parsed = parse_document((tmp_path / rel).read_bytes(), rel, Diagnostics())
    assert parsed is not None
    assert not {"updated", "expires"} & set(parsed.data)
    _code, out, _err = cli("check", "--source", str(tmp_path), "--date", DATE, "--format", "json")
    found = json.loads(out)["diagnostics"]
    assert [d for d in found if d["severity"] == "error"] == []  # (else no rule ran)
    reported = {d["field"].split("[")[0].split(".")[0] for d in found if d["file"] == rel}
    fields = {**TYPE_FIELDS[type_name], **COMMON_FIELDS}
    taken_for_real = {
        key: value
        for key, value in parsed.data.items()
        if key not in reported
        and key != "type"
        and not (key in _DAY_OF_WRITING and value == DATE)
        and not (key in KEPT_DEFAULTS and _same(KEPT_DEFAULTS[key], value))
        and fields[key].kind not in ("enum", "bool", "int")
    }
    assert taken_for_real == {}


def _same(kept: str | tuple[str, ...], value: object) -> bool:
    return list(kept) == value if isinstance(kept, tuple) else kept == value


def test_new_refuses_a_name_that_is_a_columns_folder(tmp_path: Path) -> None:
    """`ssg new news zwdt/qlyw`, zwdt/qlyw/ being a column, wrote zwdt/qlyw.md beside it
    (zwdt/qlyw.html next to zwdt/qlyw/index.html) without a word: the editor meant a new item
    inside the column."""
    root = make_site(tmp_path, {})
    column = root / "content/zwdt/qlyw"
    column.mkdir(parents=True)
    (column / "_index.md").write_text("---\ntitle: 权威发布\n---\n", encoding="utf-8")
    code, _out, err = cli("new", "news", "zwdt/qlyw", "--source", str(root), "--date", DATE)
    assert code == 2
    assert "zwdt/qlyw 是栏目文件夹（content/zwdt/qlyw/）" in err
    assert "请写 zwdt/qlyw/<名称>" in err
    assert not (root / "content/zwdt/qlyw.md").exists()
    assert sorted(p.name for p in column.iterdir()) == ["_index.md"]


@pytest.mark.parametrize(
    ("level", "reprint"), [("province", False), ("city", True), ("county", True)]
)
def test_only_city_and_county_portals_get_the_reprint_column(
    tmp_path: Path, level: str, reprint: bool
) -> None:
    """吉林办法 第三十七条: city and county portals 转载 the province's important policies
    (CONTENT-06); the province portal publishes them and has nothing to reprint."""
    site = tmp_path / "portal"
    code, _out, err = cli("init", str(site), "--level", level, "--date", DATE)
    assert code == 0, err
    assert (site / "content/zwgk/szfzczz/_index.md").is_file() is reprint
    assert (site / "content/zwgk/tzgg/_index.md").is_file()  # (its siblings stay)
    code, _out, err = cli("check", "--source", str(site), "--date", DATE)
    assert "[CONTENT-06]" not in err or reprint


@pytest.mark.parametrize("kind", ["notice", "policy", "news", "page", "service", "reply", ""])
def test_a_new_columns_commented_settings_are_its_defaults(kind: str) -> None:
    """Uncommenting the column_type and update lines `ssg new` writes must change nothing:
    they said 工作动态 and 1y for every type, which turned a notice column into a 2-week
    工作动态 one."""
    from ssg.content.model import DEFAULT_COLUMN_TYPE, NATIONAL_GAPS

    text = new_column_text("lm", kind)
    uncommented = text.replace("# column_type:", "column_type:").replace("# update:", "update:")
    fields = yaml.safe_load(uncommented.split("---")[1])
    expected = DEFAULT_COLUMN_TYPE.get(kind, "概况信息")
    assert fields["column_type"] == expected
    assert str(fields["update"]) == str(NATIONAL_GAPS.get(expected, "1y"))
