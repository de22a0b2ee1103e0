"""Small real sites on disk for tests: write files, run the real CLI, read its lines."""

from __future__ import annotations

import contextlib
import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

from ssg.cli import main

SITE_YAML = """\
name: 测试市人民政府
domain: www.ceshi.gov.cn
level: city
site_code: "2298000001"
host: 测试市人民政府办公室
"""

COLUMNS = {
    "content/_index.md": "---\ntitle: 首页\n---\n",
    "content/zcwj/_index.md": "---\ntitle: 政策文件\ntype: policy\n---\n",
    "content/zcjd/_index.md": "---\ntitle: 政策解读\ntype: interpretation\n---\n",
}


def policy(doc_number: str, date: str = "2026-10-08", **extra: str) -> str:
    fields = {
        "title": f"关于{doc_number}的通知",
        "date": date,
        "issuer": "测试市人民政府",
        "written": date,
        "index_number": "11229800MB0000000X/2026-00001",
        "topic": "'综合政务\\政务公开'",
        "doc_number": doc_number,
        **extra,
    }
    return front(fields)


def interpretation(reference: str, date: str = "2026-10-08", **extra: str) -> str:
    fields = {
        "title": f"解读{reference}",
        "date": date,
        "policy": reference,
        "source": "测试市司法局",
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
    return root


def run(root: Path, *args: str, date: str = "2026-11-20", command: str = "check") -> Run:
    err = io.StringIO()
    out = io.StringIO()
    argv = [command, "--source", str(root), "--date", date, *args]
    if command == "build":
        argv += ["--out", str(root / "public")]
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = main(argv)
    lines = [line for line in err.getvalue().splitlines() if "] " in line and ": " in line]
    return Run(code, lines)
