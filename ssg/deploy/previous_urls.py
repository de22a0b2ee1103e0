"""The `previous_urls` file of data/deploy.yaml: the urls.txt of an earlier build, which RULES
NOTICE-05 (吉林办法 第十四条) compares this build with (ssg/check/deploy_rules.py).

One line is one of:

- blank (spaces only) or a comment (`#` first, after any spaces): skipped;
- a path of this site, starting with `/` (as urls.txt writes it, percent-encoded, or as the
  address bar shows it, /dt/会议.html): kept;
- a whole http(s) URL of this site — its domain, its Chinese domain, or a former domain of a
  domain_change (nginx sends the old domain's paths to the same path on the new one, so they
  are this site's pages too): its path kept;
- anything else is an input error at its line (DEPLOY-04): text that is no URL, a URL of
  another site (another site's urls.txt copied in by mistake), a path with a space or a
  comment after it. Read as pages, they were reported as vanished pages (a false NOTICE-05
  finding), or a foreign URL whose path happened to exist here was taken as kept.

Lines are numbered as editors number them: decode() leaves \\n line ends, and the text is cut
at \\n only (str.splitlines also cuts at \\x0c, \\x1c, \\u2028 …, which would shift every later
line number).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ssg.config import UNREADABLE, SiteConfig, read_input
from ssg.content.frontmatter import decode
from ssg.deploy.nginx import idna
from ssg.diagnostics import Diagnostics
from ssg.lifecycle import normalise_path
from ssg.monitor.urls import path_problem, url_problem

__all__ = ["CODE", "PreviousUrl", "load_previous_urls", "parse_previous_urls", "site_hosts"]

CODE = "DEPLOY-04"  # a line of the previous_urls file that is not a URL of this site
_SHOWN = 80  # characters of a wrong line echoed in its message
_COMMENT_AFTER = re.compile(r"\s#")


@dataclass(frozen=True, slots=True)
class PreviousUrl:
    """One page of the earlier build, at its line of the file."""

    line: int
    path: str  # normalised as page URLs are compared: /zwgk/, /dt/会议.html


def site_hosts(config: SiteConfig, old_domains: Iterable[str] = ()) -> tuple[str, ...]:
    """The host names whose URLs are this site's pages, in lower case, the domain first."""
    names = [config.domain, config.chinese_domain, idna(config.chinese_domain), *old_domains]
    return tuple(dict.fromkeys(n.lower().rstrip(".") for n in names if n))


def load_previous_urls(
    root: Path, rel: str, hosts: Collection[str], diags: Diagnostics
) -> tuple[PreviousUrl, ...]:
    """Read the file `rel` (relative to the site root); every problem goes to `diags`: the
    file's own (FILE-0x, as every input's) and each wrong line's (DEPLOY-04)."""
    raw, unreadable = read_input(root / rel)
    if unreadable:
        diags.error(UNREADABLE, rel, 0, "", unreadable)
        return ()
    if raw is None:
        return ()  # (data/deploy.yaml's loader says it is missing, DEPLOY-01)
    text = decode(raw, rel, diags)
    return () if text is None else parse_previous_urls(text, rel, hosts, diags)


def parse_previous_urls(
    text: str, rel: str, hosts: Collection[str], diags: Diagnostics
) -> tuple[PreviousUrl, ...]:
    """The pages `text` lists (see the module's docstring); `hosts` are this site's
    (`site_hosts`), the first one named in the messages."""
    found: list[PreviousUrl] = []
    wrong: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        problem = _problem(entry, rel, hosts)
        if problem:
            wrong.append((number, problem))
            continue
        path = urlsplit(entry).path if "://" in entry else entry
        found.append(PreviousUrl(number, normalise_path(path)))
    if not found and len(wrong) > 1:
        # Not one line is a URL of this site: another file was named (data/deploy.yaml,
        # another site's urls.txt). One error says so; a line each would bury it.
        diags.error(
            CODE, rel, wrong[0][0], "",
            f"{rel} 中没有一行是本站网址（{len(wrong)} 行都不是），不是本站上一次发布的 urls.txt 的"
            f"副本；第一行的问题：{wrong[0][1]} (no line is a URL of this site: not an earlier "
            "urls.txt of it)",
        )  # fmt: skip
        return ()
    for number, problem in wrong:
        diags.error(CODE, rel, number, "", problem)
    return tuple(found)


def _problem(entry: str, rel: str, hosts: Collection[str]) -> str:
    """What is wrong with one line that is not blank nor a comment, "" when nothing."""
    domain = next(iter(hosts), "www.example.gov.cn")
    if _COMMENT_AFTER.search(entry):
        return (
            f"这一行 “{_short(entry)}” 在网址后写了注释；注释须单独成行，以 # 开头 "
            "(a comment after the URL: give it a line of its own)"
        )
    if entry.startswith("/") and not entry.startswith("//"):
        return path_problem(entry)
    if "://" not in entry and not entry.startswith("//"):
        return (
            f"这一行 “{_short(entry)}” 既不是以 / 开头的路径，也不是完整的网址；{rel} 中每行写一个"
            f"本站网址，如 https://{domain}/zwgk/ 或 /zwgk/，以 # 开头的行是注释 "
            "(neither a path nor a URL)"
        )
    problem = url_problem(entry)
    if problem:
        return problem
    host = (urlsplit(entry).hostname or "").rstrip(".")
    if host not in hosts:
        ours = "、".join(hosts)
        return (
            f"网址 {_short(entry)} 是另一个网站（{host}）的；{rel} 应是本站（{ours}）上一次发布的 "
            "urls.txt 的副本，只列本站的网址 (a URL of another site: expected this site's "
            "earlier urls.txt)"
        )
    return ""


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"
