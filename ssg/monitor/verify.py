"""SEC-07 防篡改比对: a deployed copy against the build's SHA-256 manifest.

RULES SEC-07 (吉林办法 第三十条（三）“实时监测……内容篡改等情况”、第三十五条 日常巡检 ✅): “ssg 输出带
SHA-256 的发布清单供防篡改比对”. The manifest is `<out>-deploy/manifest.sha256` in `sha256sum`'s
own format — `<64 hex>  <path relative to the output root>`, sorted, `/` separators — so that
`sha256sum -c` reads it too. A ✅ rule that is no single veto: every finding is `deduct`
(ARCHITECTURE §3.1); the command exits 1 on any all the same, since a tamper check is run to
raise an alarm.

A deployed folder is checked for changed, missing and extra files; a site over HTTP(S) for
changed and missing ones (a web server lists no folders). Over HTTP(S) a path the build's own
nginx.conf answers with a 301 (an alias's page, a migrated page: `redirects.tsv` beside the
manifest) is as built when it redirects to exactly that target — or serves the file itself,
as a server without our nginx.conf does.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from ssg.diagnostics import Diagnostic, Severity
from ssg.monitor.fetch import Fetched, fetch
from ssg.monitor.urls import url_problem, whole

__all__ = [
    "Entry",
    "Outcome",
    "QueryRedirect",
    "check_folder",
    "check_site",
    "parse_manifest",
    "parse_redirects",
    "query_redirects",
    "target_problem",
]

CODE = "SEC-07"
REDIRECTS_FILE = "redirects.tsv"  # beside the manifest (ssg/deploy/artefacts.py)
MANIFEST_CODE = "VERIFY-01"  # a manifest line that is not `<hash>  <path>`
# sha256sum: a name holding a backslash or a line break is written with escapes and the line
# starts with a backslash; `*` before the name marks binary mode (the same hash on POSIX).
_LINE = re.compile(r"(\\?)([0-9a-fA-F]{64}) [ *](.+)")
_ESCAPES = {"\\\\": "\\", "\\n": "\n", "\\r": "\r"}
_CHUNK = 1 << 20
# A host name, perhaps with a port and a path: what an operator means by `www.x.gov.cn`.
_HOST_LIKE = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::[0-9]+)?(?:/.*)?")


@dataclass(frozen=True, slots=True)
class Entry:
    digest: str  # lower-case hex
    path: str  # relative to the output root, `/` separators
    line: int  # in the manifest


@dataclass
class Outcome:
    """What a check found: its findings, and the counts for the summary."""

    checked: int = 0
    same: int = 0
    changed: int = 0
    missing: int = 0
    extra: int = 0
    unreachable: int = 0
    # the old URLs with a query string (redirects.tsv), checked over HTTP(S) only
    queries: int = 0
    queries_same: int = 0
    findings: list[Diagnostic] = field(default_factory=list)

    def summary(self) -> str:
        files = (
            f"已核对 {self.checked} 个文件：一致 {self.same}，被改动 {self.changed}，缺少 {self.missing}"
            f"，多出 {self.extra}，无法取得 {self.unreachable} (checked {self.checked}: same "
            f"{self.same}, changed {self.changed}, missing {self.missing}, extra {self.extra}, "
            f"unreachable {self.unreachable})"
        )
        if not self.queries:
            return files
        wrong = self.queries - self.queries_same
        return (
            f"{files}\n已核对带查询参数的旧网址 {self.queries} 个：跳转正确 {self.queries_same}，"
            f"不正确或无法取得 {wrong} (old URLs with a query string: {self.queries}, "
            f"redirected as built {self.queries_same}, not {wrong})"
        )


@dataclass(frozen=True, slots=True)
class QueryRedirect:
    """An old URL with a query string that the build's nginx.conf redirects (redirects.tsv)."""

    path: str  # decoded, as nginx matches its location
    query: str  # as a browser sends it: ASCII, other characters percent-encoded
    target: str  # as nginx.conf has it
    line: int  # in redirects.tsv


def parse_manifest(text: str, file: str) -> tuple[list[Entry], list[Diagnostic]]:
    """The entries of a manifest; a line that is not one, or a path that leaves the output
    root (`..`, absolute), is an error: the check would not be what it says."""
    entries: list[Entry] = []
    problems: list[Diagnostic] = []
    seen: dict[str, int] = {}

    def bad(number: int, why: str) -> None:
        problems.append(Diagnostic(Severity.ERROR, MANIFEST_CODE, file, number, "", why))

    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        match = _LINE.fullmatch(raw)
        if match is None:
            bad(
                number,
                "这一行不是 sha256sum 格式“<64 位十六进制>  <路径>” (not a sha256sum line)",
            )
            continue
        escaped, digest, path = match.groups()
        if escaped:
            path = re.sub(r"\\[\\nr]", lambda m: _ESCAPES[m.group(0)], path)
        parts = path.split("/")
        if path.startswith("/") or ".." in parts or "" in parts or "." in parts:
            bad(number, f"路径 {path} 不在输出目录之内或写法不规范 (path outside the root)")
            continue
        if path in seen:
            bad(number, f"路径 {path} 与第 {seen[path]} 行重复 (duplicate path)")
            continue
        seen[path] = number
        entries.append(Entry(digest.lower(), path, number))
    if not entries and not problems:
        # (nothing to compare with: every file of the copy would be reported as planted)
        bad(0, "发布清单中没有任何文件；请用 ssg build 写出的 manifest.sha256 (empty manifest)")
    if not entries and len(problems) > 1:
        # Not one line is a manifest's: another file was given (urls.txt, nginx.conf, a page),
        # and a line each would bury what to do in hundreds of lines saying the same.
        problems = [Diagnostic(Severity.ERROR, MANIFEST_CODE, file, 1, "", _not_a_manifest(file))]
    return entries, problems


# The other files the build writes beside the manifest, and what each is.
_BESIDE = {
    "urls.txt": "每个发布页面的网址清单",
    "redirects.tsv": "nginx.conf 的跳转清单",
    "nginx.conf": "nginx 配置",
}


def _not_a_manifest(file: str) -> str:
    name = posixpath.basename(file)
    what = f"是{_BESIDE[name]}，" if name in _BESIDE else ""
    return (
        f"{file} {what}没有一行是 sha256sum 格式“<64 位十六进制>  <路径>”，不是发布清单；"
        "请用 --manifest 指定 ssg build 写在 <输出>-deploy/ 中的 manifest.sha256 "
        "(not a manifest: no line is a sha256sum line)"
    )


def target_problem(target: str) -> str:
    """What is wrong with the copy `ssg verify` is asked to check, "" when nothing: a folder
    (the web root) or an http(s) URL of the site."""
    if "://" in target or target.lower().startswith(("http:", "https:")):
        return url_problem(target)
    if not target.strip():
        return "要核对的网站根目录或网址是空的；请写服务器上的网站根目录，或 https://域名/ (empty target)"
    path = Path(target)
    if path.is_dir():
        return _not_a_web_root(path, target)
    if path.exists():
        return (
            f"{target} 是文件，不是网站根目录；请给出服务器上放网站文件的文件夹，或网站的网址 "
            "(a file, not the web root)"
        )
    if _HOST_LIKE.fullmatch(target):
        return (
            f"找不到文件夹 {target}；若要通过网址核对，请写完整：{whole(target)} "
            "(no such folder; a URL needs https://)"
        )
    return f"找不到文件夹 {target}（网站根目录），它也不是 http(s) 网址 (no such folder, nor a URL)"


def _not_a_web_root(folder: Path, written: str) -> str:
    """What a folder given as the web root is instead, "" when it may be one: the deploy
    folder beside the output, or the site's sources (each would be checked file by file,
    every published file reported missing and every file of it as planted)."""
    if _in_the_sources(folder):
        return _sources_text(written)
    if (folder / "index.html").is_file():
        return ""
    if (folder / "manifest.sha256").is_file() and (folder / "urls.txt").is_file():
        return (
            f"{written} 是构建写出的部署文件夹（发布清单、nginx.conf），不是网站根目录；请给出网站文件"
            "所在的文件夹（构建输出 public/，或服务器上的网站根目录） "
            "(the deploy folder, not the web root)"
        )
    if (folder / "data" / "site.yaml").is_file():
        return _sources_text(written)
    return ""


# The folders of a site's sources and of ssg's own files (content, static files, the caches):
# each held ~400 files that were reported as planted, every published file as missing.
_SOURCE_FOLDERS = frozenset({"content", "data", "static", "themes", ".ssg-cache", ".ssg-monitor"})


def _in_the_sources(folder: Path) -> bool:
    """Whether `folder` is in one of the _SOURCE_FOLDERS of the nearest site above it."""
    resolved = folder.resolve()
    for site in resolved.parents:
        if (site / "data" / "site.yaml").is_file():
            return resolved.relative_to(site).parts[0] in _SOURCE_FOLDERS
    return False


def _sources_text(written: str) -> str:
    return (
        f"{written} 是站点的源文件夹（content/、data/），不是网站根目录；请给出构建输出 public/ "
        "或服务器上的网站根目录 (the site's sources, not the web root)"
    )


def parse_redirects(text: str) -> dict[str, str]:
    """redirects.tsv (ssg/deploy/artefacts.py): decoded path -> target as nginx.conf has it.
    A line without a tab is not the build's and is left out: its path is then checked as
    any other file."""
    found: dict[str, str] = {}
    for raw in text.split("\n"):
        path, tab, target = raw.partition("\t")
        if tab and path.startswith("/") and target:
            found.setdefault(path, target)
    return found


def query_redirects(text: str, files: Collection[str] = ()) -> list[QueryRedirect]:
    """The lines of redirects.tsv whose first column holds a query: `<path>?<query>`. A
    decoded path may itself hold a `?` (an alias written /a%3F.html): such a line names an
    alias page, a file of the manifest (`files`, relative paths), and is left to the files'
    check."""
    found: list[QueryRedirect] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        first, tab, target = raw.partition("\t")
        path, mark, query = first.partition("?")
        if not (tab and mark and target and path.startswith("/")):
            continue
        rel = first.lstrip("/")
        if rel in files or f"{rel}index.html" in files or f"{rel}/index.html" in files:
            continue  # (an alias page's path, /a%3Fb/ as /a?b/, /a?b or /a?b/index.html)
        found.append(QueryRedirect(path, query, target, number))
    return found


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _finding(file: str, line: int, message: str) -> Diagnostic:
    """A SEC-07 finding at `line` of the manifest `file` (0: no line of it, an extra file)."""
    return Diagnostic(Severity.DEDUCT, CODE, file, line, "", message)


def _changed(file: str, entry: Entry, actual: str, where: str) -> Diagnostic:
    return _finding(
        file,
        entry.line,
        f"{where} 与发布清单不一致，可能被篡改：清单 SHA-256 {entry.digest[:16]}…，实际 "
        f"{actual[:16]}…；请核查并用构建输出重新部署 (changed since the build: {entry.path})",
    )


def _missing(file: str, entry: Entry, where: str) -> Diagnostic:
    return _finding(
        file,
        entry.line,
        f"{where} 在发布清单中，但部署的副本里没有；请重新部署 (missing: {entry.path})",
    )


def _published(root: Path, prefix: str = "") -> Iterator[tuple[str, str | None]]:
    """Every file under `root` that could be published, relative with `/`, and for a
    symbolic link what it points to (None for a file). A link is listed, never followed: a
    link to a folder could loop or lead out of the web root, and the build writes no links
    (nginx.conf's `disable_symlinks` refuses them). Dotfiles and dot-folders are left out as
    the manifest leaves them out: they are not published (`.ssg-output`; nginx refuses them)."""
    try:
        found = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return  # (an unreadable folder: what is listed in it is reported missing)
    for entry in found:
        if entry.name.startswith("."):
            continue
        rel = prefix + entry.name
        if entry.is_symlink():
            try:
                yield rel, os.readlink(entry.path)
            except OSError:
                yield rel, "?"
        elif entry.is_dir(follow_symlinks=False):
            yield from _published(Path(entry.path), rel + "/")
        elif entry.is_file(follow_symlinks=False):
            yield rel, None


def _link_on_path(root: Path, rel: str, seen: dict[str, bool]) -> str:
    """The first part of `rel` (a folder above it, or itself) that is a symbolic link under
    `root`, "" when none is: a file reached through one is not the file the build wrote, and
    hashing it could read outside the web root. `seen` keeps the answers for folders."""
    parts = rel.split("/")
    for end in range(1, len(parts) + 1):
        prefix = "/".join(parts[:end])
        if prefix not in seen:
            seen[prefix] = os.path.islink(root / prefix)
        if seen[prefix]:
            return prefix
    return ""


def check_folder(entries: Sequence[Entry], root: Path, file: str) -> Outcome:
    """Compare a deployed folder (the server's web root) with the manifest. Symbolic links
    are reported, never followed."""
    outcome = Outcome()
    links: dict[str, bool] = {}
    for entry in entries:
        outcome.checked += 1
        target = root / entry.path
        link = _link_on_path(root, entry.path, links)
        if link:
            outcome.changed += 1
            outcome.findings.append(_linked(file, entry, root, link))
            continue
        if not target.is_file():
            outcome.missing += 1
            outcome.findings.append(_missing(file, entry, f"{root}/{entry.path}"))
            continue
        try:
            actual = _sha256(target)
        except OSError as exc:
            outcome.unreachable += 1
            outcome.findings.append(
                _finding(
                    file,
                    entry.line,
                    f"{root}/{entry.path} 无法读取：{exc.strerror or exc} (cannot read)",
                )
            )
            continue
        if actual == entry.digest:
            outcome.same += 1
        else:
            outcome.changed += 1
            outcome.findings.append(_changed(file, entry, actual, f"{root}/{entry.path}"))
    listed = {e.path for e in entries}
    for rel, pointing in _published(root):
        if rel in listed:
            continue  # (a listed path that is a link was reported above)
        outcome.extra += 1
        if pointing is None:
            why = "不是构建发布的文件；请核查是否被植入，确认无用后删除"
            english = "extra file not in the manifest"
        else:
            why = (
                f"是指向 {pointing} 的符号链接，构建不写符号链接；请核查是否被植入，确认无用后删除"
            )
            english = f"extra symbolic link to {pointing}"
        outcome.findings.append(
            _finding(file, 0, f"{root}/{rel} 不在发布清单中，{why} ({english}: {rel})")
        )
    return outcome


def _linked(file: str, entry: Entry, root: Path, link: str) -> Diagnostic:
    try:
        pointing = os.readlink(root / link)
    except OSError:
        pointing = "?"
    what = "" if link == entry.path else f"所在的文件夹 {root}/{link} "
    return _finding(
        file,
        entry.line,
        f"{root}/{entry.path} {what}是指向 {pointing} 的符号链接，不是构建写出的文件，可能被篡改"
        f"（生成的 nginx.conf 不跟随符号链接）；请删除链接并重新部署 "
        f"(symbolic link {link} -> {pointing}: not the file the build wrote)",
    )


def file_url(base: str, path: str) -> str:
    """The URL of an output file under a site's base URL (`https://host/` or a sub-path)."""
    return base.rstrip("/") + "/" + quote(path, safe="/")


def check_site(
    entries: Sequence[Entry],
    base: str,
    file: str,
    *,
    jobs: int = 4,
    timeout: float = 30.0,
    get: Callable[..., Fetched] = fetch,
    redirects: Mapping[str, str] | None = None,
    queries: Sequence[QueryRedirect] = (),
) -> Outcome:
    """Compare a site served over HTTP(S) with the manifest: fetch every listed path (`jobs`
    at a time) and hash what comes back. A redirect to another path is a change: the file
    is not served as the build wrote it — unless `redirects` (decoded path -> target, the
    build's nginx.conf) says that path redirects, and it goes exactly there. Each of
    `queries` (redirects.tsv beside the manifest `file`) must redirect to its target."""
    expected = redirects or {}

    def one(entry: Entry) -> tuple[Entry, Fetched, str]:
        digest = hashlib.sha256()
        url = file_url(base, entry.path)
        if "/" + entry.path not in expected:
            answer = get(url, "GET", timeout, sink=digest.update)
            return entry, answer, digest.hexdigest()
        # Not followed: the target may be another site. A redirect to the same path (http to
        # https, an old domain to the new) is the server block's, not this path's: go on.
        for _hop in range(3):
            digest = hashlib.sha256()
            answer = get(url, "GET", timeout, sink=digest.update, follow=False)
            if not _is_redirect(answer) or _path(answer.final) != _path(url):
                break
            url = answer.final
        return entry, answer, digest.hexdigest()

    outcome = Outcome()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for entry, answer, actual in pool.map(one, entries):
            outcome.checked += 1
            where = answer.url
            target = expected.get("/" + entry.path)
            if target is not None and _is_redirect(answer):
                wanted = urljoin(answer.url, target)
                if unquote(answer.final) == unquote(wanted):
                    outcome.same += 1
                else:
                    outcome.changed += 1
                    outcome.findings.append(
                        _finding(
                            file,
                            entry.line,
                            f"{where} 被重定向到 {answer.final}，构建的 nginx.conf 重定向到 {wanted}；"
                            f"请核查并重新部署 (redirected to {answer.final}, not {wanted})",
                        )
                    )
            elif not answer.error and answer.status in (404, 410):
                outcome.missing += 1
                outcome.findings.append(_missing(file, entry, where))
            elif not answer.ok:
                outcome.unreachable += 1
                why = answer.error or f"HTTP {answer.status}"
                outcome.findings.append(
                    _finding(
                        file,
                        entry.line,
                        f"{where} 无法取得：{why}，未能比对 (could not fetch: {why})",
                    )
                )
            elif urlsplit(answer.final).path != urlsplit(answer.url).path:
                outcome.changed += 1
                outcome.findings.append(
                    _finding(
                        file,
                        entry.line,
                        f"{where} 被重定向到 {answer.final}，不是构建发布的文件 "
                        f"(redirected to {answer.final})",
                    )
                )
            elif actual != entry.digest:
                outcome.changed += 1
                outcome.findings.append(_changed(file, entry, actual, where))
            else:
                outcome.same += 1
        listed = posixpath.join(posixpath.dirname(file), REDIRECTS_FILE)
        for query, answer in zip(
            queries,
            pool.map(lambda q: _ask_unfollowed(query_url(base, q), timeout, get), queries),
            strict=True,
        ):
            outcome.queries += 1
            finding = _query_finding(query, answer, listed)
            if finding is None:
                outcome.queries_same += 1
            else:
                outcome.findings.append(finding)
    return outcome


def query_url(base: str, query: QueryRedirect) -> str:
    """The old URL as a browser sends it: the path percent-encoded, the query as it is."""
    return file_url(base, query.path.lstrip("/")) + "?" + query.query


def _ask_unfollowed(url: str, timeout: float, get: Callable[..., Fetched]) -> Fetched:
    """The answer to `url`, a redirect not followed — but for one to the same path and query
    (http to https, an old domain to the new: the server block's, not this URL's)."""
    answer = get(url, "GET", timeout, follow=False)
    for _hop in range(2):
        if not _is_redirect(answer) or _path_and_query(answer.final) != _path_and_query(url):
            break
        url = answer.final
        answer = get(url, "GET", timeout, follow=False)
    return answer


def _query_finding(query: QueryRedirect, answer: Fetched, file: str) -> Diagnostic | None:
    """None when the old URL redirects where the build's nginx.conf says; else a SEC-07
    finding at its line of redirects.tsv: the old URL is not answered as built (and the
    page it named is lost to whoever kept it, RULES NOTICE-05)."""
    where = answer.url
    wanted = urljoin(answer.url, query.target)
    if answer.error:
        why = answer.error
        return _finding(
            file, query.line, f"{where} 无法取得：{why}，未能核对它的跳转 (could not fetch: {why})"
        )
    if _is_redirect(answer):
        if unquote(answer.final) == unquote(wanted):
            return None
        return _finding(
            file,
            query.line,
            f"{where} 被重定向到 {answer.final}，构建的 nginx.conf 重定向到 {wanted}；请部署本次构建的 "
            f"nginx.conf (redirected to {answer.final}, not {wanted})",
        )
    return _finding(
        file,
        query.line,
        f"{where} 没有跳转（HTTP {answer.status}），构建的 nginx.conf 把这个带查询参数的旧网址 301 到 "
        f"{wanted}：服务器用的不是本次构建的 nginx.conf，旧网址因此失效；请部署它 "
        f"(not redirected: HTTP {answer.status}; the build's nginx.conf sends it to {wanted})",
    )


def _path_and_query(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return unquote(parts.path), parts.query


def _is_redirect(answer: Fetched) -> bool:
    return not answer.error and 300 <= answer.status < 400 and answer.final != answer.url


def _path(url: str) -> str:
    return unquote(urlsplit(url).path)
