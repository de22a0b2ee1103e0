"""Files that items name — attachments, forms, photos — must exist (ARCHITECTURE §1.2)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ssg.content.loader import CONTENT_DIR
from ssg.content.model import Item, Leader, News, Policy, Service
from ssg.diagnostics import Diagnostics
from ssg.link import Site

FILE_TYPES = {
    ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".wps": "WPS", ".xls": "Excel",
    ".xlsx": "Excel", ".et": "WPS 表格", ".ofd": "OFD", ".zip": "ZIP", ".rar": "RAR",
    ".png": "PNG 图片", ".jpg": "JPEG 图片", ".jpeg": "JPEG 图片", ".gif": "GIF 图片",
    ".txt": "文本", ".csv": "CSV", ".mp4": "MP4 视频", ".mp3": "MP3 音频",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class FileInfo:
    name: str
    kind: str  # 中文 file type label
    size: int  # bytes


def named_files(item: Item) -> Iterator[tuple[str, str]]:
    """(field path, file name) of every file an item's front matter names."""
    if isinstance(item, Policy):
        for index, attachment in enumerate(item.attachments, start=1):
            yield f"attachments[{index}]", attachment.file
    if isinstance(item, Service):
        for index, material in enumerate(item.materials, start=1):
            for key in ("template", "example"):
                name = getattr(material, key)
                if name:
                    yield f"materials[{index}].{key}", name
    if isinstance(item, Leader) and item.photo:
        yield "photo", item.photo
    if isinstance(item, News) and item.image:
        yield "image", item.image


def locate(root: Path, item: Item, name: str) -> Path | None:
    """A named file: `static/…` from the site root, anything else beside the item."""
    clean = name.lstrip("/")
    parts = PurePosixPath(clean).parts
    if ".." in parts or not parts:
        return None
    if clean.startswith("static/"):
        path = root / clean
    else:
        folder = item.id if item.bundle else str(PurePosixPath(item.id).parent)
        path = root / CONTENT_DIR / ("" if folder == "." else folder) / clean
    return path if path.is_file() else None


def file_info(root: Path, item: Item, name: str) -> FileInfo | None:
    path = locate(root, item, name)
    if path is None:
        return None
    kind = FILE_TYPES.get(path.suffix.lower(), path.suffix.lstrip(".").upper() or "文件")
    return FileInfo(name=name, kind=kind, size=path.stat().st_size)


def check_item_files(site: Site, root: Path, diags: Diagnostics) -> None:
    for item_id in sorted(site.items):
        item = site.items[item_id]
        for field_path, name in named_files(item):
            if locate(root, item, name) is None:
                where = "条目文件夹（bundle）" if item.bundle else "条目所在文件夹"
                in_static = f"static/{name.lstrip('/')}"
                if locate(root, item, in_static) is not None:
                    # The usual slip: the file is in static/, named without its folder.
                    message = (
                        f"文件 “{name}” 不在{where}中；static/ 中有这个文件，请写作 “{in_static}” "
                        f"(file not found beside the item; write {in_static})"
                    )
                else:
                    message = (
                        f"文件 “{name}” 不存在；请把它放在{where}或 static/ 中，并核对文件名 "
                        "(referenced file not found)"
                    )
                diags.error(
                    "REF-03",
                    item.location.file,
                    item.location.line(field_path),
                    field_path,
                    message,
                )
    for key, label, english, example in (
        ("emblem", "国徽图片", "emblem image", "static/emblem.png"),
        ("police_icon", "公安备案图标", "police filing icon", "static/police-record.png"),
    ):
        name = getattr(site.config, key)
        problem = _static_image_problem(root, name, label, english, example)
        if problem:
            diags.error("REF-03", "data/site.yaml", site.config.lines.get(key, 1), key, problem)


def _static_image_problem(root: Path, name: str, label: str, english: str, example: str) -> str:
    """What is wrong with an image data/site.yaml names ("" when nothing is): the theme
    links it as /<name>, which is a published file only when it is in static/. A path out of
    static/ (../../etc/passwd, data/site.yaml) once passed the check when a file was there,
    and every page linked to nothing."""
    if not name:
        return ""
    clean = name.lstrip("/")
    parts = PurePosixPath(clean).parts
    if len(parts) < 2 or parts[0] != "static" or ".." in parts:
        return (
            f"{label} “{name}” 应为 static/ 中的文件，写作 static/<文件名>（如 {example}）；"
            f"只有 static/ 中的文件原样发布 ({english} must be a file in static/)"
        )
    if not (root / clean).is_file():
        return f"{label} “{name}” 不存在 ({english} not found)"
    return ""
