"""The three commands are where `ssg rules` and the README say they are."""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
from pathlib import Path

import pytest

from ssg.check.catalogue import DEPLOY_TOOLS
from ssg.cli import main
from tests.monitor.conftest import OUTSIDE, ForwardProxy, Server

REPO = Path(__file__).parents[2]


@pytest.mark.parametrize("code", sorted(DEPLOY_TOOLS))
def test_every_deploy_tool_named_by_the_rules_table_is_a_command(code: str) -> None:
    for command in re.findall(r"`ssg (\w+)", DEPLOY_TOOLS[code]):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main([command, "--help"]) == 0, command
        assert out.getvalue().startswith("用法 (usage): ssg " + command)


@pytest.mark.parametrize("command", ["ssg probe", "ssg probe --report", "ssg links --external",
                                     "ssg verify"])  # fmt: skip
def test_the_readme_describes_each_command(command: str) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"`{command}" in readme.split("## 命令", 1)[1].split("## 依赖说明", 1)[0]
    assert command in readme.split("## 部署后的监测", 1)[1].split("## 命令", 1)[0]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_all_three_commands_go_through_the_environments_proxy(
    tmp_path: Path, tls_origin: Server, proxy: ForwardProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """An intranet that reaches the outside only through a proxy: probe, links and verify
    all get there through it (OUTSIDE resolves nowhere here)."""
    proxy.names[OUTSIDE] = tls_origin.port
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)

    log = tmp_path / "probe.jsonl"
    code, out, err = run("probe", "--url", f"https://{OUTSIDE}/ok", "--log", str(log))
    assert code == 0, err
    assert '"status": 200' in log.read_text(encoding="utf-8"), out

    public = tmp_path / "public"
    public.mkdir()
    (public / "index.html").write_text(f'<a href="https://{OUTSIDE}/ok">外链</a>', encoding="utf-8")
    code, out, err = run(
        "links", "--external", "--source", str(tmp_path), "--out", str(public), "--delay", "0"
    )
    assert code == 0 and "无法访问 0 个" in out, err

    tls_origin.state.root = public
    digest = hashlib.sha256((public / "index.html").read_bytes()).hexdigest()
    manifest = tmp_path / "manifest.sha256"
    manifest.write_text(f"{digest}  index.html\n", encoding="utf-8")
    code, out, err = run("verify", "--manifest", str(manifest), f"https://{OUTSIDE}/")
    assert code == 0, err + out

    assert [m for m, _t, _a in proxy.seen] == ["CONNECT"] * 3
    assert [(s.method, s.path) for s in tls_origin.state.seen] == [
        ("GET", "/ok"),
        ("HEAD", "/ok"),
        ("GET", "/index.html"),
    ]
