"""Files that items name (ssg/files.py): a missing one is REF-03 at its field."""

from __future__ import annotations

from pathlib import Path

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
