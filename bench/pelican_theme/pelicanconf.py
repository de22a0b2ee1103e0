"""Pelican settings of the site `python bench/convert.py pelican-theme CORPUS OUT` makes.

Pelican 设置：ssg 默认主题的移植（theme/），输出路径与 ssg 相同；模板用的过滤器在此定义。

Copied into OUT as is (bench/pelican_theme.py). Items are written to `<column>/<name>.html`, column
listings to `<column>/index.html`, `index_2.html`, … (plugins/ssg_site.py makes every column a
category), the home page to `index.html`; tags, authors, archives and feeds are off (ssg has none
of them, or other ones). JINJA_FILTERS: `fromjson` reads back the one-line JSON the converter
writes for lists and mappings (service materials, attachments, keywords, …), and the date, size
and text filters ssg's templates use (ssg/render.py), written again here in a few lines each.
"""

import json
import re
from pathlib import Path

from markupsafe import Markup, escape

HERE = Path(__file__).resolve().parent
SITE = json.loads((HERE / "site.json").read_text("utf-8"))
SITE["police_record_code"] = "".join(ch for ch in SITE.get("police_record", "") if ch.isdigit())

SITENAME = SITE["name"]
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
THEME = "theme"
THEME_STATIC_DIR = "assets"  # ssg's theme assets are at /assets/
DEFAULT_PAGINATION = 20  # ssg's page_size
PAGINATED_TEMPLATES = {"category": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/index_{number}.html", "{base_name}/index_{number}.html"),
)
ARTICLE_URL = "{column}/{slug}.html"
ARTICLE_SAVE_AS = "{column}/{slug}.html"
CATEGORY_URL = "{name}/"  # the category's name is the column's path (plugins/ssg_site.py)
CATEGORY_SAVE_AS = "{name}/index.html"
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "-"
DIRECT_TEMPLATES = ["index"]
TAG_SAVE_AS = AUTHOR_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = PAGE_SAVE_AS = ""
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
STATIC_PATHS = ["static", *json.loads((HERE / "bundles.json").read_text("utf-8"))]
LOAD_CONTENT_CACHE = False
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["ssg_site"]
# ssg's Jinja settings (ssg/render.py): the same whitespace in the pages.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}


def fromjson(value):
    """A list or mapping the converter wrote as one-line JSON; None and '' as they are."""
    return json.loads(value) if isinstance(value, str) and value[:1] in '[{"' else value


def day(value):
    """2026-11-20 from a datetime or from the `2026-11-20[ 08:03]` text of a field."""
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value or "")[:10]


def minute(value):
    return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else str(value or "")


def cn_date(value):
    """2026年11月20日."""
    text = day(value)
    if not text:
        return ""
    year, month, mday = text.split("-")
    return f"{year}年{int(month)}月{int(mday)}日"


def human_size(size):
    """ssg/render.py human_size: number and unit joined by a no-break space."""
    if size < 1024:
        return f"{size}\u00a0B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f}\u00a0KB"
    return f"{size / 1024 / 1024:.1f}\u00a0MB"


_CJK_BREAK = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\n(?=[\u3000-\u9fff\uff00-\uffef])")


def paragraphs(text):
    """ssg/cjk.py paragraphs: a blank line starts one; a line break between CJK is none."""
    parts = re.split(r"\n\s*\n", str(text or "").replace("\r\n", "\n"))
    return [" ".join(_CJK_BREAK.sub("", part).split()) for part in parts if part.strip()]


_NUMBER_RANGE = re.compile(r"\d+(?:[—–~～-]\d+)+")


def ranges(text):
    """ssg/render.py unbroken_ranges: each range of numbers (2025—2027年) in a span kept whole."""
    return Markup(_NUMBER_RANGE.sub(r'<span class="num-range">\g<0></span>', str(escape(text))))


def file_info(path):
    """(kind, size) of a file under content/, e.g. ('PDF', '607 B'); None when it is not there."""
    try:
        size = (HERE / PATH / path).stat().st_size
    except OSError:
        return None
    return path.rpartition(".")[2].upper(), human_size(size)


JINJA_FILTERS = {
    "fromjson": fromjson,
    "day": day,
    "minute": minute,
    "cn_date": cn_date,
    "bytes": human_size,
    "paragraphs": paragraphs,
    "file_info": file_info,
    "ranges": ranges,
}
JINJA_GLOBALS = {"SITE": SITE}
BUILD_DATE = "2026-11-20"  # the date ssg builds with (--date), for a notice past its expiry
