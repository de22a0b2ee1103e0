"""data/deploy.yaml: defaults, and every problem reported at its file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssg.deploy.config import load_deploy
from ssg.diagnostics import Diagnostics

DOMAIN = "www.ceshi.gov.cn"


def load(tmp_path: Path, text: str | None) -> tuple[object, list[str]]:
    if text is not None:
        (tmp_path / "data").mkdir(exist_ok=True)
        (tmp_path / "data/deploy.yaml").write_text(text, encoding="utf-8")
    diags = Diagnostics()
    config = load_deploy(tmp_path, DOMAIN, diags)
    heads = [
        f"{d.file}:{d.line}: {d.severity} [{d.code}]" + (f" {d.field}" if d.field else "")
        for d in diags
    ]
    return config, heads


def test_no_file_means_no_deploy(tmp_path: Path) -> None:
    assert load(tmp_path, None) == (None, [])


def test_defaults_fill_root_and_certificates_and_say_so(tmp_path: Path) -> None:
    config, lines = load(tmp_path, "hosting: {provider: 政务云, region: 吉林省}\n")
    assert config is not None
    assert (config.root, config.certificate, config.certificate_key, config.ipv6) == (  # type: ignore[attr-defined]
        f"/var/www/{DOMAIN}",
        f"/etc/nginx/ssl/{DOMAIN}.crt",
        f"/etc/nginx/ssl/{DOMAIN}.key",
        True,
    )
    assert lines == ["data/deploy.yaml:1: advice [DEPLOY-03] tls"]


def test_given_values_are_kept(tmp_path: Path) -> None:
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy/urls.txt").write_text("/\n", encoding="utf-8")
    config, lines = load(
        tmp_path,
        "root: /srv/站点 一\ntls:\n  certificate: /etc/ssl/a.pem\n  key: /etc/ssl/a.key\n"
        "ipv6: false\nprevious_urls: deploy/urls.txt\n",
    )
    assert lines == []
    assert config is not None
    assert config.root == "/srv/站点 一"  # type: ignore[attr-defined]
    assert config.ipv6 is False  # type: ignore[attr-defined]
    assert config.previous_urls == "deploy/urls.txt"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "expected"), [
    ("root: var/www\n", ["data/deploy.yaml:1: error [DEPLOY-01] root"]),
    ('root: /var/www/a"b\n', ["data/deploy.yaml:1: error [DEPLOY-01] root"]),
    ("ipv6: yes\n", ["data/deploy.yaml:1: error [DEPLOY-01] ipv6"]),
    ("tls: /etc/ssl/a.pem\n", ["data/deploy.yaml:1: error [DEPLOY-01] tls"]),
    ("tls:\n  certificate: [a, b]\n", ["data/deploy.yaml:2: error [DEPLOY-01] tls.certificate"]),
    ("previous_urls: ../urls.txt\n", ["data/deploy.yaml:1: error [DEPLOY-01] previous_urls"]),
    ("previous_urls: deploy/none.txt\n", ["data/deploy.yaml:1: error [DEPLOY-01] previous_urls"]),
    ("- root: /srv\n", ["data/deploy.yaml:1: error [DEPLOY-01]"]),
    ("roots: /srv\n", ["data/deploy.yaml:1: advice [DEPLOY-02] roots", "data/deploy.yaml:1: advice [DEPLOY-03] tls"]),
    ("root: [\n", ["data/deploy.yaml:2: error [YAML-01]"]),
])  # fmt: skip
def test_problems_name_file_line_and_field(tmp_path: Path, text: str, expected: list[str]) -> None:
    config, lines = load(tmp_path, text)
    assert lines == expected
    if any("error" in e for e in expected):
        assert config is None


def test_previous_urls_naming_a_folder_says_to_name_the_file_in_it(tmp_path: Path) -> None:
    # It said "找不到 … (file not found)" of a folder that is there.
    (tmp_path / "releases").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data/deploy.yaml").write_text("previous_urls: releases\n", encoding="utf-8")
    diags = Diagnostics()
    assert load_deploy(tmp_path, DOMAIN, diags) is None
    assert [str(d) for d in diags] == [
        "data/deploy.yaml:1: error [DEPLOY-01] previous_urls: 上一次发布的网址清单 releases 是文件夹；"
        "请写其中那个网址清单文件的路径，如 releases/urls-2025.txt (a folder: give the file)"
    ]
