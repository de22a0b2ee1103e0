"""README's command table (## 命令) says what `ssg <cmd> --help` says: every command, every
option and every choice of an option. A table written by hand drifts: it left out
`ssg init --date`, `ssg new --source`, `ssg links --date` and `ssg search serve --verbose`."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ssg.cli import _parser

README = Path(__file__).resolve().parents[1] / "README.md"
# Options of every command, described once elsewhere in README (exit codes, tracebacks).
_EVERYWHERE = frozenset({"-h", "--help", "--debug"})
_OPTION = re.compile(r"--[a-z][a-z-]*")
# `--format text|json` or `--level province|city`, as the table writes a choice
_CHOICES = re.compile(r"(--[a-z][a-z-]*)[ =]([\w.-]+(?:\|[\w.-]+)+)")
# `[--jobs 8]` or `[--bind 127.0.0.1]`: the table shows the default, not a metavar
_DEFAULT = re.compile(r"\[(--[a-z][a-z-]*) ([0-9][0-9.]*)\]")


def _commands() -> dict[str, argparse.ArgumentParser]:
    """Each command line ssg accepts ("ssg", "ssg build", "ssg search index") → its parser."""
    found: dict[str, argparse.ArgumentParser] = {}

    def walk(parser: argparse.ArgumentParser, name: str) -> None:
        found[name] = parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub_name, sub in action.choices.items():
                    walk(sub, f"{name} {sub_name}")

    walk(_parser(), "ssg")
    return found


def _table_forms() -> list[str]:
    """The command forms of the table's first column (`ssg probe … / ssg probe --report …`
    is two), with the table's escaped `\\|` read as `|`."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## 命令\n", 1)[1].split("\n## ", 1)[0]
    forms = []
    for line in section.splitlines():
        if not line.startswith("| `ssg"):
            continue
        first = re.split(r"(?<!\\)\|", line)[1]
        forms += [f.replace("\\|", "|") for f in re.findall(r"`(ssg[^`]*)`", first)]
    return forms


def _command_of(form: str, commands: dict[str, argparse.ArgumentParser]) -> str:
    """The longest command line `form` starts with: `ssg new annual-report 2025` is `ssg new`."""
    words = form.split()
    for end in range(len(words), 0, -1):
        name = " ".join(words[:end])
        if name in commands:
            return name
    raise AssertionError(form)


def _documented() -> dict[str, set[str]]:
    commands = _commands()
    options: dict[str, set[str]] = {}
    for form in _table_forms():
        options.setdefault(_command_of(form, commands), set()).update(_OPTION.findall(form))
    return options


def _leaves() -> dict[str, argparse.ArgumentParser]:
    """The commands that do something: not `ssg search` or `ssg report` alone, which only
    choose one (`ssg` itself has --version)."""
    return {
        name: parser
        for name, parser in _commands().items()
        if name == "ssg"
        or not any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)
    }


def test_the_table_is_read() -> None:
    """(the parsing finds what it must: several forms of one command, escaped choices)"""
    forms = _table_forms()
    assert "ssg --version" in forms
    assert sum(f.startswith("ssg probe") for f in forms) == 2
    assert any("--format text|json|sarif|html" in f for f in forms)


def test_every_command_is_in_the_table() -> None:
    assert sorted(_documented()) == sorted(_leaves())


def test_every_option_of_every_command_is_in_the_table_and_no_other() -> None:
    documented = _documented()
    differences = {}
    for name, parser in _leaves().items():
        actual = {o for a in parser._actions for o in a.option_strings} - _EVERYWHERE
        said = documented.get(name, set())
        if actual != said:
            differences[name] = {"missing": sorted(actual - said), "unknown": sorted(said - actual)}
    assert differences == {}


def test_every_choice_the_table_lists_is_the_commands() -> None:
    commands = _commands()
    wrong = []
    for form in _table_forms():
        parser = commands[_command_of(form, commands)]
        by_option = {o: a for a in parser._actions for o in a.option_strings}
        for option, listed in _CHOICES.findall(form):
            choices = tuple(by_option[option].choices or ())
            if tuple(listed.split("|")) != choices:
                wrong.append(f"{form}: {option} {listed} ≠ {'|'.join(choices)}")
    assert wrong == []


def test_every_default_the_table_shows_is_the_commands() -> None:
    commands = _commands()
    wrong = []
    shown = 0
    for form in _table_forms():
        parser = commands[_command_of(form, commands)]
        by_option = {o: a for a in parser._actions for o in a.option_strings}
        for option, listed in _DEFAULT.findall(form):
            shown += 1
            action = by_option[option]
            default = action.default
            if default is None:  # (worked out later, `--days` unless --report: its help says)
                same = f"默认 {listed}" in (action.help or "")
            elif isinstance(default, str):
                same = default == listed
            else:
                same = float(default) == float(listed)
            if not same:
                wrong.append(f"{form}: {option} {listed} ≠ {default}")
    assert wrong == [] and shown >= 8


def test_the_options_of_every_command_are_explained_once() -> None:
    """--debug is on every command, so the table leaves it out: README says it once."""
    assert "`--debug`" in README.read_text(encoding="utf-8")
