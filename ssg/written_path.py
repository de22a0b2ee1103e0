"""A path an editor writes in a data file (site.yaml, sites.yaml, lifecycle.yaml, deploy.yaml)
or in front matter (attachments, photos, forms: ssg/content/validate.py's file fields), read
one way everywhere.

Editors on Windows write `data\\migration.csv`, `附件\\通知.pdf`: the file they mean is
`data/migration.csv`. Every reader of such a field takes it through `posix_path`, so that the
field names one file for the build, its findings and the no-change replay's fingerprint.
"""

from __future__ import annotations

__all__ = ["posix_path"]


def posix_path(written: str) -> str:
    """`written` with each Windows separator `\\` read as `/`; nothing else changes (the
    caller strips, normalises and checks as its field asks)."""
    return written.replace("\\", "/")
