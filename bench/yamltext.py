"""Write front matter the way an editor types it: block style, plain scalars, quotes only if needed.

`yaml.dump` would do, but it is slow for 50 000 files and decides quoting and line wrapping on
its own; a corpus should look hand-written (``topic: '综合政务\\政务公开'``, ``keywords: [a, b]``)
and stay byte-stable across PyYAML versions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Quoted:
    """A string written in single quotes (the editor's habit for backslash paths)."""

    text: str


@dataclass(frozen=True, slots=True)
class Block:
    """Multi-line Markdown text written as a literal block (`key: |`)."""

    text: str


Scalar = str | int | bool | Quoted
Value = Scalar | Block | Sequence[str] | Sequence[dict[str, Scalar]] | dict[str, Scalar]
Fields = Sequence[tuple[str, Value]]

# Plain scalars must not start with an indicator, contain ": " or " #", or look like another
# YAML 1.1 type (PyYAML's safe_load would turn `yes` into True, `012` into 10).
_INDICATOR_START = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]")
_IMPLICIT = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO"
    r"|on|On|ON|off|Off|OFF|y|Y|n|N|[-+]?[0-9_.:]+(?:[eE][-+]?[0-9]+)?|\.nan|\.inf)$"
)
# Inside [..] and {..} commas and brackets end a scalar; older PyYAML also rejects ":" there.
_FLOW_UNSAFE = re.compile(r"[,\[\]{}:]")


def scalar(text: str, in_flow: bool = False) -> str:
    """A string as a YAML scalar: plain when that reads back as the same string, else quoted."""
    unsafe = (
        not text
        or _INDICATOR_START.search(text) is not None
        or ": " in text
        or " #" in text
        or text.endswith((":", " "))
        or "\n" in text
        or _IMPLICIT.match(text) is not None
        or (in_flow and _FLOW_UNSAFE.search(text) is not None)
    )
    # JSON strings are valid YAML double-quoted scalars; keep Chinese readable.
    return json.dumps(text, ensure_ascii=False) if unsafe else text


def _scalar_value(value: Scalar, in_flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Quoted):
        return "'" + value.text.replace("'", "''") + "'"
    return scalar(value, in_flow)


def _mapping_lines(mapping: dict[str, Scalar], first: str, rest: str) -> list[str]:
    lines = []
    for index, (key, value) in enumerate(mapping.items()):
        lines.append(f"{first if index == 0 else rest}{key}: {_scalar_value(value)}")
    return lines


def _field_lines(key: str, value: Value) -> list[str]:
    if isinstance(value, Block):
        body = value.text.rstrip("\n").split("\n")
        return [f"{key}: |", *(f"  {line}" if line else "" for line in body)]
    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {_scalar_value(x, in_flow=True)}" for k, x in value.items())
        return [f"{key}: {{{inner}}}"]
    if isinstance(value, (str, int, bool, Quoted)):
        return [f"{key}: {_scalar_value(value)}"]
    if all(isinstance(x, str) for x in value) and sum(len(str(x)) for x in value) < 40:
        inner = ", ".join(scalar(str(x), in_flow=True) for x in value)
        return [f"{key}: [{inner}]"]
    lines = [f"{key}:"]
    for entry in value:
        if isinstance(entry, dict):
            lines.extend(_mapping_lines(entry, "  - ", "    "))
        else:
            lines.append(f"  - {scalar(entry)}")
    return lines


def front_matter(fields: Fields) -> str:
    """The `---` fenced front matter block, ending with a newline."""
    lines = ["---"]
    for key, value in fields:
        lines.extend(_field_lines(key, value))
    lines.append("---")
    return "\n".join(lines) + "\n"


def document(fields: Fields) -> str:
    """A whole YAML data file (data/site.yaml) without fences."""
    return "\n".join(line for key, value in fields for line in _field_lines(key, value)) + "\n"
