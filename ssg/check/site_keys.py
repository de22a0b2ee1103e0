"""Where a finding on a data/site.yaml setting that is not written points.

A rule that finds a setting missing (ID-15's conac, ID-12's jiucuo …) has no line of it to
name. Line 1 is a comment of `ssg init`'s that has nothing to do with it; the editor is to be
sent where the setting goes: its commented-out line, which `ssg init` writes for the settings
a site fills in later (`# conac:`), else the end of the file, where a new setting is added.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Container

from ssg.config import SITE_FILE, SiteConfig

# The settings site.yaml may hold (a finding's field may be something else: a page's meta tag)
SETTINGS = frozenset(f.name for f in dataclasses.fields(SiteConfig)) - {"lines"}


def unwritten_key_line(text: str, key: str) -> int:
    """The line of the top-level setting `key` written commented out (`# conac:`), else the
    last line of `text`; 0 (the whole file) when there is no text."""
    # (`# conac:` at the start; `#   script:` under it and `  # platform_url:` are nested)
    commented = re.compile(rf"# ?{re.escape(key)}\s*:")
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if commented.match(line):
            return number
    return len(lines)


def is_unplaced(file: str, line: int, field: str, written: Container[str]) -> bool:
    """Whether a finding at `file:line` on `field` names a site.yaml setting that is not
    written and was put at the file's start for want of its line."""
    key = field.partition(".")[0].partition("[")[0]
    return file == SITE_FILE and line <= 1 and key in SETTINGS and key not in written
