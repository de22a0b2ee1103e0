"""A site's `themes/<name>/` overrides any template or static file of the default theme."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from tests.e2e.conftest import REPO, sample_date


def test_site_theme_overrides_templates_and_static_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for folder in ("content", "data", "static"):
        shutil.copytree(REPO / folder, site / folder)
    config = site / "data" / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "\ntheme: lanse\n", encoding="utf-8")
    theme = site / "themes" / "lanse"
    (theme / "templates").mkdir(parents=True)
    (theme / "static" / "css").mkdir(parents=True)
    (theme / "static" / "img").mkdir(parents=True)
    (theme / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>{{ title }}</h1><p>本站自定义的 404</p>'
        "{% endblock %}",
        encoding="utf-8",
    )
    (theme / "static" / "css" / "site.css").write_text("body { color: #123; }\n", encoding="utf-8")
    (theme / "static" / "img" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    out = tmp_path / "public"
    result = subprocess.run(
        [sys.executable, "-m", "ssg", "build", "--source", str(site), "--out", str(out),
         "--date", sample_date()],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "本站自定义的 404" in (out / "404.html").read_text(encoding="utf-8")
    assert (out / "assets" / "css" / "site.css").read_text() == "body { color: #123; }\n"
    assert (out / "assets" / "img" / "logo.svg").is_file()
    # Everything not overridden still comes from the default theme.
    assert (out / "assets" / "js" / "site.js").is_file()
    assert 'class="a11y-bar"' in (out / "sitemap.html").read_text(encoding="utf-8")
    # The asset URL's hash follows the site's file, not the default one.
    home = (out / "index.html").read_text(encoding="utf-8")
    default_css = (REPO / "ssg" / "themes" / "default" / "static" / "css" / "site.css").read_bytes()
    assert "/assets/css/site.css?v=" in home
    assert hashlib.sha256(default_css).hexdigest()[:10] not in home
