"""Small real sites on disk for tests: write files, run the real CLI, read its lines."""

from __future__ import annotations

import contextlib
import io
import itertools
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ssg.cli import main

# A site that is clean under every rule at BUILD_DATE: tests add one fault (or a near miss).
BUILD_DATE = "2026-11-20"

SITE_YAML = """\
name: 测试市人民政府
domain: www.ceshi.gov.cn
level: city
parent: www.jl.gov.cn
site_code: "2298000001"
region_code: "229800"
host: 测试市人民政府办公室
icp: 吉ICP备05000001号-1
police_record: 吉公网安备 22980002000001号
contact: {phone: 0439-0000000, email: zfb@ceshi.gov.cn, address: 测试市政府路1号}
emblem: static/emblem.png
conac: {script: "https://dcs.conac.cn/js/22/980/0000/60000001/CA229800000600000010001.js"}
jiucuo: true
services: {external: "false"}
police_icon: static/police-record.png
"""

_PAGE = "---\ntitle: {title}\nupdated: 2026-01-05\nreviewed_by: 审核人\n---\n{title}的内容。\n"
_LEADER = (
    "---\ntitle: 市长\nname: 某某\nposition: 市长\nduties: 负责市政府全面工作\nupdated: 2026-01-05\n"
    "reviewed_by: 审核人\n---\n简历。\n"
)


def _meta(description: str, keywords: str) -> str:
    """The end of a column's front matter: its own description and keywords, written after
    every other key (the lines tests point at stay where they were), so that no column of the
    kit shows generated ones (COLUMN-05): a test of that default writes its own _index.md."""
    return f"description: {description}\nkeywords: [{keywords}]\n---\n"


COLUMNS = {
    "content/_index.md": "---\ntitle: 首页\n---\n",
    "content/gk/_index.md": "---\ntitle: 概况信息\ntype: page\nupdate: none\n"
    + _meta("测试市的自然地理、历史沿革和行政区划", "概况, 行政区划"),
    "content/gk/gaikuang.md": _PAGE.format(title="测试市概况"),
    "content/jg/_index.md": "---\ntitle: 机构职能\ntype: page\ncolumn_type: 机构职能\n"
    "update: none\n" + _meta("市政府各部门的机构设置与主要职能", "机构, 职能"),
    "content/jg/zhineng.md": _PAGE.format(title="市政府办公室职能"),
    "content/ld/_index.md": "---\ntitle: 负责人信息\ntype: leader\nupdate: none\n"
    + _meta("市政府负责人的姓名、职务、分管工作和简历", "领导, 分工"),
    "content/ld/shizhang.md": _LEADER,
    "content/zcwj/_index.md": "---\ntitle: 政策文件\ntype: policy\n"
    + _meta("市政府及其办公室发布的规范性文件和其他政策文件", "政策, 文件"),
    "content/zcwj/base.md": "---\ntitle: 关于印发测试市基础办法的通知\ndate: 2026-09-01\n"
    "issuer: 测试市人民政府\nwritten: 2026-08-28\nindex_number: 11229800MB0000000X/2026-00100\n"
    "topic: '综合政务\\政务公开'\ndoc_number: 测政发〔2026〕100号\nreviewed_by: 审核人\n---\n正文。\n",
    "content/zcjd/_index.md": "---\ntitle: 政策解读\ntype: interpretation\nupdate: 1y\n"
    + _meta("对市政府政策文件的解读", "解读, 政策"),
    "content/zcjd/base.md": "---\ntitle: 解读测试市基础办法\ndate: 2026-09-01\n"
    "policy: 测政发〔2026〕100号\nsource: 测试市司法局\nreviewed_by: 审核人\n---\n正文。\n",
    "content/dt/_index.md": "---\ntitle: 工作动态\ntype: news\n"
    + _meta("市政府的会议、活动和工作进展", "动态, 会议"),
    "content/dt/huiyi.md": "---\ntitle: 市政府召开常务会议\ndate: 2026-11-18\n"
    "source: 测试市人民政府办公室\nreviewed_by: 审核人\n---\n会议内容。\n",
    "content/hd/_index.md": "---\ntitle: 咨询投诉\ntype: reply\n"
    + _meta("公众的咨询、投诉及有关部门的答复", "留言, 答复"),
    "content/hd/gongnuan.md": "---\ntitle: 关于供暖的答复\ndate: 2026-11-10\nasked: 2026-11-01\n"
    "received: 2026-11-02\nreplied: 2026-11-10\ndepartment: 市住建局\nquestion: 何时供暖？\n"
    "reviewed_by: 审核人\n---\n答复。\n",
}

# The smallest valid PNG: the emblem file must exist.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


# Each policy its own 索引号 (a shared one is a POLICY-01 finding): numbered from 1000, clear
# of those tests write themselves.
_INDEX_NUMBERS = itertools.count(1000)


def policy(doc_number: str, date: str = "2026-10-08", **extra: str) -> str:
    fields = {
        "title": f"关于{doc_number}的通知",
        "date": date,
        "issuer": "测试市人民政府",
        "written": date,
        "index_number": f"11229800MB0000000X/2026-{next(_INDEX_NUMBERS) % 90000 + 1000:05d}",
        "topic": "'综合政务\\政务公开'",
        "doc_number": doc_number,
        "reviewed_by": "审核人",
        **extra,
    }
    return front(fields)


def interpretation(reference: str, date: str = "2026-10-08", **extra: str) -> str:
    fields = {
        "title": f"解读{reference}",
        "date": date,
        "policy": reference,
        "source": "测试市司法局",
        "reviewed_by": "审核人",
        **extra,
    }
    return front(fields)


def front(fields: dict[str, str], body: str = "正文。") -> str:
    lines = [f"{k}: {v}" for k, v in fields.items() if v != ""]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


@dataclass
class Run:
    code: int
    lines: list[str]  # the diagnostic lines printed

    def codes(self) -> list[str]:
        return [line.split("[", 1)[1].split("]", 1)[0] for line in self.lines]

    def with_code(self, code: str) -> list[str]:
        return [line for line in self.lines if f"[{code}]" in line]


def make_site(
    root: Path, files: dict[str, str], site_yaml: str = SITE_YAML, columns: bool = True
) -> Path:
    everything = {**(COLUMNS if columns else {}), "data/site.yaml": site_yaml, **files}
    for rel, text in everything.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    if columns:
        (root / "static").mkdir(exist_ok=True)
        (root / "static/emblem.png").write_bytes(_PNG)
        (root / "static/police-record.png").write_bytes(_PNG)
    return root


def cli(*argv: str) -> tuple[int, str, str]:
    """The ssg command in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def run(root: Path, *args: str, date: str = BUILD_DATE, command: str = "check") -> Run:
    err = io.StringIO()
    out = io.StringIO()
    argv = [command, "--source", str(root), "--date", date, *args]
    if command == "build":
        argv += ["--out", str(root / "public")]
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(argv)
    lines = [line for line in err.getvalue().splitlines() if "] " in line and ": " in line]
    return Run(code, lines)


def in_a_forked_process(case: Callable[[], None]) -> None:
    """Run `case` in a process forked for it, and fail here with what it raised. The forked
    process has this one thread only (the test session's others, like the browser tests'
    server, are not copied): what forks only in a single-threaded process, as `ssg build` is
    (ssg/forked.py), does so there."""
    import os
    import traceback

    import pytest

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # (leaves by os._exit: no pytest teardown in the copy)
        os.close(read_end)
        try:
            case()
            failure = b""
        except BaseException:
            failure = traceback.format_exc().encode() or b"failed"
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(failure)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        failure = pipe.read()
    _, status = os.waitpid(pid, 0)
    if failure or status:
        pytest.fail(failure.decode() or f"the forked process ended with status {status}")
