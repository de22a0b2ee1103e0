"""data/deploy.yaml: defaults, and every problem reported at its file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssg.deploy.config import load_deploy, named_files
from ssg.diagnostics import Diagnostics
from tests.sitekit import make_site, run

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
    # the whole disk as the web root (nginx would serve any file of a type the build writes)
    ("root: /\n", ["data/deploy.yaml:1: error [DEPLOY-01] root"]),
    ("tls: {certificate: /a.crt, key: /a.key}\nroot: /srv/../\n", ["data/deploy.yaml:2: error [DEPLOY-01] root"]),
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


# certbot --webroot writes into acme_root; the web root is replaced whole at every deploy.
@pytest.mark.parametrize(("text", "line"), [
    ("root: /srv/site\nacme_root: /srv/site\n", 2),
    ("root: /srv/site\nacme_root: /srv/site/acme\n", 2),
    ("acme_root: /srv/site/./acme/\nroot: /srv/site/\n", 1),
    ("root: /srv/site\nacme_root: /srv/other/../site/.well-known\n", 2),
    (f"acme_root: /var/www/{DOMAIN}/acme\n", 1),  # (inside the default root)
])  # fmt: skip
def test_acme_root_inside_the_web_root_is_an_error_at_its_line(
    tmp_path: Path, text: str, line: int
) -> None:
    config, lines = load(tmp_path, text + "tls: {certificate: /etc/a.crt, key: /etc/a.key}\n")
    assert lines == [f"data/deploy.yaml:{line}: error [DEPLOY-01] acme_root"]
    assert config is None


@pytest.mark.parametrize("text", [
    "root: /srv/site\nacme_root: /srv/acme\n",
    "root: /srv/site\nacme_root: /srv/site-acme\n",  # (a sibling whose name starts the same)
    "root: /srv/site\nacme_root: /srv/site/../acme\n",
    "root: /srv/site\nacme_root: /srv\n",  # (certbot then writes /srv/.well-known/…, not in it)
    "acme_root: /var/www/acme\n",
])  # fmt: skip
def test_acme_root_outside_the_web_root_is_kept(tmp_path: Path, text: str) -> None:
    config, lines = load(tmp_path, text + "tls: {certificate: /etc/a.crt, key: /etc/a.key}\n")
    assert lines == []
    assert config is not None and config.acme_root  # type: ignore[attr-defined]


def test_acme_root_inside_the_web_root_says_why_and_what_to_write(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/deploy.yaml").write_text(
        "hosting: {provider: 政务云, region: 吉林省}\nacme_root: /var/www/www.ceshi.gov.cn\n",
        encoding="utf-8",
    )
    diags = Diagnostics()
    assert load_deploy(tmp_path, DOMAIN, diags) is None
    assert [str(d) for d in diags if d.code == "DEPLOY-01"] == [
        "data/deploy.yaml:2: error [DEPLOY-01] acme_root: 证书验证文件目录 /var/www/www.ceshi.gov.cn "
        "在网站根目录 /var/www/www.ceshi.gov.cn（root 未写时的默认值）之内：网站目录每次部署整体替换，"
        "certbot 写入的验证文件会混在发布的文件中，并被下一次部署删除，证书续期因此失败；"
        "请写网站根目录以外的目录，如 /var/www/acme "
        "(acme_root inside the web root: the next deploy deletes the challenge files)"
    ]


def test_acme_root_under_the_usual_var_www_still_names_previous_urls_for_the_replay(
    tmp_path: Path,
) -> None:
    # The no-change replay reads the file without the site's domain (ssg/unchanged.py): the
    # default root is then unknown, and /var/www/acme must not read as inside "/var/www/".
    (tmp_path / "data").mkdir()
    (tmp_path / "data/urls.txt").write_text("/\n", encoding="utf-8")
    (tmp_path / "data/deploy.yaml").write_text(
        "acme_root: /var/www/acme\nprevious_urls: data/urls.txt\n", encoding="utf-8"
    )
    assert named_files(tmp_path) == ("data/urls.txt",)


def test_a_build_with_acme_root_in_the_web_root_is_blocked_at_its_line(tmp_path: Path) -> None:
    make_site(tmp_path, {"data/deploy.yaml": "root: /srv/ceshi\nacme_root: /srv/ceshi/acme\n"})
    result = run(tmp_path, command="build")
    assert result.code == 1
    assert [line for line in result.lines if "DEPLOY-01" in line] == [
        "data/deploy.yaml:2: error [DEPLOY-01] acme_root: 证书验证文件目录 /srv/ceshi/acme 在网站根目录 "
        "/srv/ceshi（root）之内：网站目录每次部署整体替换，certbot 写入的验证文件会混在发布的文件中，"
        "并被下一次部署删除，证书续期因此失败；请写网站根目录以外的目录，如 /var/www/acme "
        "(acme_root inside the web root: the next deploy deletes the challenge files)"
    ]
    assert not (tmp_path / "public").exists() and not (tmp_path / "public-deploy").exists()


def test_a_web_root_of_slash_says_why_and_what_to_write(tmp_path: Path) -> None:
    config, _ = load(tmp_path, "root: /\n")
    assert config is None
    diags = Diagnostics()
    load_deploy(tmp_path, DOMAIN, diags)
    assert [str(d) for d in diags] == [
        "data/deploy.yaml:1: error [DEPLOY-01] root: 服务器上的网站根目录不能是文件系统的根目录 /："
        "nginx 会把整个服务器的文件当作网站文件；请写放本站文件的文件夹，如 /var/www/<域名> "
        "(the web root cannot be /)"
    ]
