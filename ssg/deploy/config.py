"""data/deploy.yaml → validated, frozen deploy settings (an extension of the contract, README).

    root: /var/www/www.example.gov.cn       # the output folder's place on the server
    tls: {certificate: /etc/nginx/ssl/….crt, key: /etc/nginx/ssl/….key}
    ipv6: true                              # RULES ID-17 (吉林办法 第二十八条)
    hosting: {provider: …, region: 吉林省长春市}   # RULES SEC-01 (吉林办法 第三十条（二）)
    previous_urls: data/urls-2025.txt       # the urls.txt of an earlier build (NOTICE-05), a
                                            # path in the site; part of the no-change
                                            # fingerprint wherever it is (ssg/unchanged.py)
    acme_root: /var/www/acme                # where certbot --webroot writes its challenges;
                                            # never inside the web root (DEPLOY-01, below)

The file is optional: without it ssg writes no server configuration. Problems in it are
reported with file, line and field like data/site.yaml's (DEPLOY-01 invalid value, error;
DEPLOY-02 unknown key, advice; DEPLOY-03 a default filled in, advice; the previous_urls
file's own lines are ssg/deploy/previous_urls.py's, DEPLOY-04). Whether the hosting
declaration complies is a rule's to judge (ssg/check/deploy_rules.py), not the loader's.

`previous_urls` inside what a build writes (the output folder, `<out>-deploy/`,
`<out>-lifecycle/`) is DEPLOY-01 too: each build rewrites its urls.txt, so the file lists the
last build's URLs, never the last published ones, and NOTICE-05 compares a build with itself.
So is one in ssg's working folders, `.ssg-cache/` (the preview of `ssg serve`, rebuilt on
every save; safe to delete) and `.ssg-monitor/`, with the same words.
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ssg.config import UNREADABLE, read_input
from ssg.content.frontmatter import YamlValue, parse_data_file
from ssg.diagnostics import Diagnostics
from ssg.written_path import posix_path

DEPLOY_FILE = "data/deploy.yaml"

# key -> (中文名, shape); shape: path | bool | map | file
_KEYS: dict[str, tuple[str, str]] = {
    "root": ("服务器上的网站根目录", "path"),
    "tls": ("HTTPS 证书", "map"),
    "ipv6": ("IPv6 访问", "bool"),
    "hosting": ("托管声明", "map"),
    "previous_urls": ("上一次发布的网址清单", "file"),
    "acme_root": ("证书自动续期（ACME）验证文件目录", "path"),
}
_MAP_KEYS: dict[str, dict[str, tuple[str, str]]] = {
    "tls": {"certificate": ("证书文件路径", "path"), "key": ("私钥文件路径", "path")},
    "hosting": {"provider": ("托管方", "text"), "region": ("服务器所在地域", "text")},
}


@dataclass(frozen=True, slots=True, kw_only=True)
class DeployConfig:
    """What data/deploy.yaml says, defaults filled in. `hosting_*` are "" when not declared."""

    root: str
    certificate: str
    certificate_key: str
    ipv6: bool = True
    hosting_provider: str = ""
    hosting_region: str = ""
    previous_urls: str = ""  # relative to the site root
    # certbot --webroot's folder for HTTP-01 challenges; "" = no challenge location
    acme_root: str = ""
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)


def default_root(domain: str) -> str:
    return f"/var/www/{domain}"


def deploy_dir(out: Path) -> Path:
    """Where the deploy files go: beside the output folder (ssg/deploy/artefacts.py)."""
    return out.parent / f"{out.name}-deploy"


def build_folders(root: Path, out: Path | None = None) -> tuple[Path, ...]:
    """The folders a build of the site at `root` writes, replaced or rewritten by every
    build: the output folder, its `-deploy` and `-lifecycle` siblings (ssg.derive.
    lifecycle_pages.side_dir, not imported: that module loads the renderer). Those of the
    default output `<root>/public` always, those of `out` too when a build names another."""
    outs = dict.fromkeys(o.resolve() for o in (root / "public", out) if o is not None)
    return tuple(
        folder for o in outs for folder in (o, deploy_dir(o), o.parent / f"{o.name}-lifecycle")
    )


# ssg's own working folders in the site (ssg.cache.CACHE_DIR and the default folder of
# `ssg probe`'s log, cli.PROBE_LOG; not imported: the loader needs neither module). The
# preview of `ssg serve` is a build into .ssg-cache/preview, rewritten on every save, and
# the whole folder is safe to delete; both are left out of git by `ssg init`'s .gitignore.
SSG_FOLDERS = (".ssg-cache", ".ssg-monitor")


def ssg_folders(root: Path) -> tuple[Path, ...]:
    """ssg's working folders of the site at `root` (SSG_FOLDERS), whether they exist yet or
    not: no input file may be kept there either."""
    return tuple((root / name).resolve() for name in SSG_FOLDERS)


def load_deploy(
    root: Path, domain: str, diags: Diagnostics, out: Path | None = None
) -> DeployConfig | None:
    """Read data/deploy.yaml; None when there is none or it cannot be used (reported).
    `out`: the output folder of the build that reads it, when not the default <root>/public
    (a `previous_urls` in what that build writes is an error, see the module's docstring)."""
    raw, unreadable = read_input(root / DEPLOY_FILE)
    if unreadable:
        diags.error(UNREADABLE, DEPLOY_FILE, 0, "", unreadable)
        return None
    if raw is None:
        return None
    read = Diagnostics()
    data, lines = parse_data_file(raw, DEPLOY_FILE, read)
    diags.extend(read)
    if read.blocks():
        return None
    if data in ({}, ""):
        data = {}  # an empty file: every default (and SEC-01 asks for the declaration)
    if not isinstance(data, dict):
        diags.error(
            "DEPLOY-01", DEPLOY_FILE, 1, "",
            "deploy.yaml 应为映射，如 root: /var/www/…、hosting: {provider: …, region: …} "
            "(expected a mapping)",
        )  # fmt: skip
        return None
    written = build_folders(root, out) + ssg_folders(root)
    values, ok = _values(root, data, lines, diags, written)
    if not ok:
        return None
    # (named_files reads the file without the domain: the default root is then unknown)
    web_root = values.get("root", "") or (default_root(domain) if domain else "")
    acme = values.get("acme_root", "")
    if acme and web_root and _inside(acme, web_root):
        diags.error(
            "DEPLOY-01", DEPLOY_FILE, lines.get("acme_root", 1), "acme_root",
            _acme_inside_message(acme, web_root, given="root" in values),
        )  # fmt: skip
        return None
    certificate = values.get("tls.certificate", "")
    key = values.get("tls.key", "")
    if bool(certificate) != bool(key):
        # (a certificate and its private key are one pair: the default path of the other
        # half is another pair's, and nginx -t on the server refuses the mismatch)
        given, missing = ("certificate", "key") if certificate else ("key", "certificate")
        diags.error(
            "DEPLOY-01", DEPLOY_FILE, lines.get(f"tls.{given}", lines.get("tls", 1)), "tls",
            f"tls 只写了 {given}，没写 {missing}：证书与私钥是一对，须一起写出（或都不写，用默认路径 "
            f"/etc/nginx/ssl/{domain}.crt 与 .key）；只写一个时另一个的默认路径多半不是这张证书的，"
            f"服务器上 nginx -t 会拒绝 (tls.{given} without tls.{missing}: give both or neither)",
        )  # fmt: skip
        return None
    if not certificate or not key:
        diags.advice(
            "DEPLOY-03", DEPLOY_FILE, lines.get("tls", 1), "tls",
            f"未写 HTTPS 证书路径，nginx 配置使用默认的 /etc/nginx/ssl/{domain}.crt 与 "
            f"/etc/nginx/ssl/{domain}.key；请写 tls: {{certificate: …, key: …}} "
            "(TLS certificate paths defaulted)",
        )  # fmt: skip
    return DeployConfig(
        root=values.get("root", "") or default_root(domain),
        certificate=certificate or f"/etc/nginx/ssl/{domain}.crt",
        certificate_key=key or f"/etc/nginx/ssl/{domain}.key",
        ipv6=values.get("ipv6", "true") == "true",
        hosting_provider=values.get("hosting.provider", ""),
        hosting_region=values.get("hosting.region", ""),
        previous_urls=values.get("previous_urls", ""),
        acme_root=values.get("acme_root", ""),
        lines=dict(lines),
    )


def _inside(path: str, folder: str) -> bool:
    """`path` is `folder` or below it, compared as written (/a/./b/ is /a/b; symbolic links
    on the server are not known here)."""
    inner = PurePosixPath(posixpath.normpath(path))
    return inner.is_relative_to(PurePosixPath(posixpath.normpath(folder)))


def _acme_inside_message(acme: str, web_root: str, given: bool) -> str:
    """Why certbot's folder cannot be in the web root. An error, not advice: the value
    contradicts what the generated nginx.conf and the deploy steps rest on (README) — the web
    root is the build's output, replaced whole (rsync --delete) at every deploy — so the
    challenge files would sit among the published files and go with the next deploy, and a
    renewal that meets a deploy fails. A path that cannot work is invalid input (§3.1), as a
    relative `root` is."""
    which = "root" if given else "root 未写时的默认值"
    return (
        f"证书验证文件目录 {acme} 在网站根目录 {web_root}（{which}）之内：网站目录每次部署整体替换，"
        "certbot 写入的验证文件会混在发布的文件中，并被下一次部署删除，证书续期因此失败；"
        "请写网站根目录以外的目录，如 /var/www/acme "
        "(acme_root inside the web root: the next deploy deletes the challenge files)"
    )


def _written_by_builds(path: Path, written: tuple[Path, ...]) -> Path | None:
    """The folder of `written` that `path` is in (symbolic links resolved), else None."""
    where = path.resolve()
    return next((folder for folder in written if where.is_relative_to(folder)), None)


def _previous_urls_in_output_message(root: Path, text: str, folder: Path) -> str:
    """Why previous_urls cannot be in what a build writes. An error, not advice (RULES
    NOTICE-05, 吉林办法 第十四条): every build rewrites <out>-deploy/urls.txt with its own URLs
    (and replaces the output folder whole), so the file never lists the last *published*
    URLs — the next build compares itself with the one before it, a URL that vanished is
    reported by one build and gone from the file by the next, and NOTICE-05 checks nothing
    a revamp needs. A value that cannot do what it is for is invalid input (§3.1), as
    acme_root inside the web root is."""
    base = root.resolve()
    shown = folder.relative_to(base).as_posix() if folder.is_relative_to(base) else str(folder)
    return (
        f"上一次发布的网址清单 {text} 在 ssg 自己写的文件夹 {shown}/ 中：构建、预览或监测会改写（或整体替换）它，"
        "其中只有最近一次构建的网址，而不是上一次正式发布的网址，改版不断服检查（NOTICE-05）因此什么也"
        "比对不出。请在每次正式发布时把 <输出>-deploy/urls.txt 复制到站点中构建不写的位置，如 "
        "data/urls-2025.txt，并写 previous_urls: data/urls-2025.txt "
        "(previous_urls inside a build's own output: it lists the last build's URLs, not the "
        "last published ones; keep a copy, e.g. data/urls-2025.txt)"
    )


def named_files(root: Path) -> tuple[str, ...]:
    """The files data/deploy.yaml names for the build to read (relative to the site): the
    no-change replay watches them too (ssg/unchanged.py), wherever in the site they are."""
    if not (root / DEPLOY_FILE).is_file():
        return ()
    deploy = load_deploy(root, "", Diagnostics())
    return (deploy.previous_urls,) if deploy is not None and deploy.previous_urls else ()


def _values(
    root: Path,
    data: Mapping[str, YamlValue],
    lines: Mapping[str, int],
    diags: Diagnostics,
    written: tuple[Path, ...] = (),
) -> tuple[dict[str, str], bool]:
    """Flat `key` / `map.key` → text, each checked for its shape; (values, no error).
    `written`: the folders builds and ssg write (`build_folders`, `ssg_folders`), where no
    input file may be."""
    ok = True
    values: dict[str, str] = {}

    def fail(path: str, message: str) -> None:
        nonlocal ok
        ok = False
        diags.error("DEPLOY-01", DEPLOY_FILE, lines.get(path, 1), path, message)

    def unknown(path: str, key: str, known: Mapping[str, object]) -> None:
        close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
        hint = f"，是不是 {close[0]}？" if close else ""
        diags.advice(
            "DEPLOY-02", DEPLOY_FILE, lines.get(path, 1), path,
            f"未知的部署配置项{hint}，已忽略 (unknown setting)",
        )  # fmt: skip

    def one(path: str, label: str, shape: str, value: YamlValue) -> None:
        if not isinstance(value, str):
            fail(path, f"{label}应为一个值，不是列表或映射 (expected a single value)")
            return
        text = value.strip()
        if shape == "bool":
            if text not in ("true", "false"):
                fail(path, f"{label}应为 true 或 false (expected true or false)")
                return
        elif shape == "path" and text:
            # ($ starts a variable even in a quoted nginx string: root, ssl_certificate and
            # the ACME root take variables, and an unknown one fails `nginx -t`)
            if not text.startswith("/") or any(ord(c) < 32 or c in "\"'\\;{}$" for c in text):
                fail(
                    path,
                    f"{label} “{text}” 应为服务器上的绝对路径，如 /var/www/… ，且不含引号、分号、"
                    "反斜杠、花括号或 $ (expected an absolute path without quotes, ;, braces or $)",
                )
                return
            if path == "root" and posixpath.normpath(text) == "/":
                # (nginx would offer every file of the server's disk of a type the build
                # writes: /etc/…/*.html, another site's *.js)
                fail(
                    path,
                    f"{label}不能是文件系统的根目录 /：nginx 会把整个服务器的文件当作网站文件；请写放本站文件的"
                    "文件夹，如 /var/www/<域名> (the web root cannot be /)",
                )
                return
        elif shape == "file" and text:
            text = posix_path(text)  # (data\urls-2025.txt, as written on Windows)
            if text.startswith("/") or ".." in Path(text).parts:
                fail(
                    path,
                    f"{label} “{text}” 应为站点目录中的相对路径，如 data/urls-2025.txt "
                    "(expected a path inside the site)",
                )
                return
            # (before the folder and existence checks: before the first build the file is
            # not there yet, and "not found" would send the editor to run a build)
            folder = _written_by_builds(root / text, written)
            if folder is not None:
                fail(path, _previous_urls_in_output_message(root, text, folder))
                return
            if (root / text).is_dir():
                fail(
                    path,
                    f"{label} {text} 是文件夹；请写其中那个网址清单文件的路径，如 {text}/urls-2025.txt "
                    "(a folder: give the file)",
                )
                return
            if not (root / text).is_file():
                fail(path, f"找不到{label} {text}（相对站点目录） (file not found)")
                return
        values[path] = text

    for key, value in data.items():
        spec = _KEYS.get(key)
        if spec is None:
            unknown(key, key, _KEYS)
            continue
        label, shape = spec
        if shape != "map":
            one(key, label, shape, value)
            continue
        if not isinstance(value, dict):
            fail(
                key,
                f"{label}应为映射，如 {key}: {{{', '.join(_MAP_KEYS[key])}}} (expected a mapping)",
            )
            continue
        for sub, sub_value in value.items():
            inner = _MAP_KEYS[key].get(sub)
            if inner is None:
                unknown(f"{key}.{sub}", sub, _MAP_KEYS[key])
                continue
            one(f"{key}.{sub}", inner[0], inner[1], sub_value)
    return values, ok
