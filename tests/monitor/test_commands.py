"""The three commands are where `ssg rules` and the README say they are."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from ssg.check.catalogue import DEPLOY_TOOLS
from ssg.cli import main

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
