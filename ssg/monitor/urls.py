"""What is wrong with a whole http(s) URL a person wrote: one wording wherever ssg reads one.

The operator's command line (`ssg probe --url`, `ssg verify URL`) and the editor's data files
(data/lifecycle.yaml's `destination`, a migration mapping's new URLs, the full URLs of a
`previous_urls` file) all say the same thing about the same mistake, and say what to write
instead. Pure text work (urllib.parse only): the build imports it, and nothing here touches
the network.

A URL here is what a browser's address bar shows, so non-ASCII text (a Chinese path or
domain) is allowed as it is; what is not: white space, control characters, the characters
that change a URL's meaning or are copying debris (`"`, `<`, `>`, and `\\`, which browsers
read as `/`), a `%` that does not start a percent-encoded byte (nginx answers such a request
with 400), a port out of range, a scheme other than http(s), no host.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["path_problem", "url_problem", "whole"]

_NOT_IN_URL = frozenset('"<>\\')
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2}).{0,2}", re.S)


def whole(url: str) -> str:
    """`url` with the https:// it was written without: www.x.gov.cn -> https://www.x.gov.cn/"""
    bare = url.lstrip("/")
    return f"https://{bare}" + ("" if "/" in bare else "/")


def path_problem(path: str, label: str = "路径") -> str:
    """What is wrong with a path of the site a person wrote (/zwgk/a%20b.html), "" when
    nothing: the characters `url_problem` refuses, with the same words."""
    return _characters_problem(path, f"{label} “{path}”")


# Punctuation a Chinese input method types in place of the ASCII a URL's structure needs.
_FULL_WIDTH = {"：": ":", "／": "/", "．": ".", "。": ".", "，": ",", "？": "?", "＃": "#"}


def _full_width_problem(url: str, shown: str) -> str:
    """A full-width ： ／ ． 。 in the scheme or host, where no URL can have them (a Chinese
    path may: only the part before the path is judged)."""
    at = url.find("//")
    end = url.find("/", at + 2) if at >= 0 else url.find("/")
    head = url if end < 0 else url[:end]
    char = next((c for c in head if c in _FULL_WIDTH), "")
    if not char:
        return ""
    return (
        f"{shown} 的协议或域名中有全角符号“{char}”，应为半角“{_FULL_WIDTH[char]}”"
        "（请把输入法切换到英文标点后重写） (full-width punctuation in the scheme or host)"
    )


def _characters_problem(url: str, shown: str) -> str:
    """White space, characters a URL cannot hold as they are, a % that starts no escape,
    full-width punctuation where the URL's structure needs ASCII."""
    full = _full_width_problem(url, shown)
    if full:
        return full
    blank = next((c for c in url if c.isspace()), "")
    if blank:
        name = "全角空格" if blank == "\u3000" else "空格" if blank == " " else "空白字符"
        fixed = "".join("%20" if c == " " else c for c in url.strip())
        example = f"，如 {fixed}" if blank == " " and " " in url.strip() else ""
        return (
            f"{shown} 含有{name}；网址中不能有空白，空格应写作 %20{example} "
            "(whitespace in the URL: write a space as %20)"
        )
    odd = next((c for c in url if ord(c) < 32 or ord(c) == 0x7F or c in _NOT_IN_URL), "")
    if odd:
        code = f"%{ord(odd):02X}"
        char = f"\\x{ord(odd):02x}" if ord(odd) < 32 or ord(odd) == 0x7F else odd
        slash = "（若是路径分隔符，应写作 /）" if odd == "\\" else ""
        return (
            f"{shown} 含有网址中不能直接出现的字符 {char}{slash}；应写作 {code} "
            f"(character not allowed in a URL: write it as {code})"
        )
    percent = _BAD_PERCENT.search(url)
    if percent:
        return (
            f"{shown} 中的 “{percent.group(0)}” 不是百分号编码（% 后应为两位十六进制数字）；"
            f"百分号本身应写作 %25 (malformed percent-encoding: a % itself is %25)"
        )
    return ""


def url_problem(url: str, label: str = "网址") -> str:
    """What is wrong with `url`, "" when nothing: an http(s) URL with a host, and, if any, a
    port in range. `label` names it in the message (迁移去向网址, 新网址). Such a mistake is
    the writer's to fix, reported where it was written — never a visit that failed (it would
    count toward SEC-05) nor a redirect nginx cannot make."""
    shown = f"{label} “{url}”"
    written = _characters_problem(url, shown)
    if written:
        return written
    try:
        parts = urlsplit(url)
        _ = parts.port  # (urlsplit checks the port only when asked for it)
    except ValueError as exc:  # an unclosed IPv6 bracket, a port that is no number
        return (
            f"{shown} 写法不对（{exc}）；请检查方括号 [ ] 是否成对、端口是否为 0 至 65535 的数字 "
            f"(malformed URL: {exc})"
        )
    if url.startswith("/") and not url.startswith("//"):
        return (
            f"{shown} 只是路径，应为完整网址，如 https://<域名>{url} "
            "(a path, not a whole URL: write it with its host)"
        )
    scheme = parts.scheme.lower()
    if "://" not in url and (
        not scheme or "." in scheme or url[len(scheme) + 1 : len(scheme) + 2].isdigit()
    ):
        # (urlsplit reads www.x.gov.cn:8080/a and localhost:8080 as schemes)
        return (
            f"{shown} 没有写 https:// 或 http://，应为完整网址，如 {whole(url)} "
            "(URL without scheme)"
        )
    if scheme not in ("http", "https"):
        return (
            f"{shown} 以 {parts.scheme}: 开头，只支持 http:// 和 https:// "
            "(only http and https URLs)"
        )
    if not parts.hostname:
        return f"{shown} 没有域名，应如 https://www.example.gov.cn/ (URL without host)"
    return ""
