"""Files that items name (ssg/files.py): a missing one is REF-03 at its field."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from tests.sitekit import make_site, policy, run


def test_a_file_in_static_named_without_its_folder_is_ref_03_saying_how_to_write_it(
    tmp_path: Path,
) -> None:
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy("测政发〔2026〕1号", attachments="[fujian.pdf]"),
            "content/zcwj/b.md": policy("测政发〔2026〕2号", attachments="[static/fujian.pdf]"),
            "content/zcwj/c.md": policy("测政发〔2026〕3号", attachments="[meiyou.pdf]"),
            "static/fujian.pdf": "%PDF-1.4\n",
        },
    )
    result = run(tmp_path, command="build")
    assert result.code == 1
    assert result.with_code("REF-03") == [
        "content/zcwj/a.md:10: error [REF-03] attachments[1]: 文件 “fujian.pdf” 不在条目所在文件夹中；"
        "static/ 中有这个文件，请写作 “static/fujian.pdf” (file not found beside the item; "
        "write static/fujian.pdf)",
        "content/zcwj/c.md:10: error [REF-03] attachments[1]: 文件 “meiyou.pdf” 不存在；"
        "请把它放在条目所在文件夹或 static/ 中，并核对文件名 (referenced file not found)",
    ]


def test_file_names_written_with_windows_backslashes_name_the_files(tmp_path: Path) -> None:
    """An editor on Windows writes `附件\\通知.pdf`: the file in the bundle's 附件 folder. It
    was one file name with a backslash in it, REF-03 "不存在", though the file was there. Read
    as the paths in data/ are (ssg.written_path): for the check, the link and the page."""
    files = {
        "content/zcwj/tongzhi/index.md": policy(
            "测政发〔2026〕1号",
            attachments="['附件\\通知.pdf', {file: '附件\\表格\\登记表.xlsx', title: 登记表}]",
        ),
        "content/bs/_index.md": "---\ntitle: 办事服务\ntype: service\n---\n",
        "content/bs/dengji/index.md": (
            "---\ntitle: 测试事项\ndate: 2026-11-02\nbasis: 《测试条例》第三条\n"
            "conditions: 本市户籍居民\nmaterials:\n  - name: 登记表\n"
            "    template: 表格\\空白.docx\n    example: '\\static\\forms\\示范.docx'\n"
            "address: 政府路1号\nagency: 测试市公安局\nfees: 不收费\nhours: 工作日 9:00-17:00\n"
            "phone: 0439-0000000\nprocess: 受理\ntime_limit: 5 个工作日\nnotes: 无\n"
            "online: 线下办理\nreviewed_by: 审核人\n---\n正文。\n"
        ),
        "content/dt/tuxinwen/index.md": "---\ntitle: 市政府召开全体会议\ndate: 2026-11-19\n"
        "source: 测试市人民政府办公室\nimage: 图片\\huiyi.png\nreviewed_by: 审核人\n---\n内容。\n",
        "content/ld/shizhang.md": "---\ntitle: 市长\nname: 某某\nposition: 市长\n"
        "duties: 负责市政府全面工作\nphoto: static\\img\\shizhang.png\nupdated: 2026-01-05\n"
        "reviewed_by: 审核人\n---\n简历。\n",
    }
    root = make_site(tmp_path, files)
    published = {
        "content/zcwj/tongzhi/附件/通知.pdf": "zcwj/tongzhi/附件/通知.pdf",
        "content/zcwj/tongzhi/附件/表格/登记表.xlsx": "zcwj/tongzhi/附件/表格/登记表.xlsx",
        "content/bs/dengji/表格/空白.docx": "bs/dengji/表格/空白.docx",
        "static/forms/示范.docx": "static/forms/示范.docx",
        "content/dt/tuxinwen/图片/huiyi.png": "dt/tuxinwen/图片/huiyi.png",
        "static/img/shizhang.png": "static/img/shizhang.png",
    }
    for source in published:
        (root / source).parent.mkdir(parents=True, exist_ok=True)
        (root / source).write_bytes(f"{source}\n".encode())
    result = run(root, command="build")
    assert result.with_code("REF-03") == []
    assert result.code == 0, result.lines
    pages = {
        "zcwj/tongzhi.html": ["zcwj/tongzhi/附件/通知.pdf", "zcwj/tongzhi/附件/表格/登记表.xlsx"],
        "bs/dengji.html": ["bs/dengji/表格/空白.docx", "static/forms/示范.docx"],
        "dt/tuxinwen.html": ["dt/tuxinwen/图片/huiyi.png"],
        "ld/shizhang.html": ["static/img/shizhang.png"],
    }
    for page, targets in pages.items():
        text = (root / "public" / page).read_text(encoding="utf-8")
        for target in targets:
            assert f'="/{quote(target)}"' in text, (page, target)
        links = re.findall(r'(?:href|src)="([^"]*)"', text)
        assert [link for link in links if "\\" in link or "%5C" in link.upper()] == [], page
    for source, output in published.items():
        assert (root / "public" / output).read_bytes() == f"{source}\n".encode()


def test_a_backslash_path_out_of_the_site_is_ref_03(tmp_path: Path) -> None:
    r"""`..\..\data\site.yaml` read as a path is out of the item's folder: refused, as the same
    path written with slashes is, not looked up."""
    make_site(
        tmp_path,
        {
            "content/zcwj/a.md": policy(
                "测政发〔2026〕1号", attachments="['..\\..\\data\\site.yaml']"
            ),
        },
    )
    result = run(tmp_path, command="build")
    assert result.code == 1
    assert result.with_code("REF-03") == [
        "content/zcwj/a.md:10: error [REF-03] attachments[1]: 文件 “../../data/site.yaml” 不存在；"
        "请把它放在条目所在文件夹或 static/ 中，并核对文件名 (referenced file not found)"
    ]
