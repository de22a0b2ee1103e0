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


# --- previous_urls in what a build writes (NOTICE-05 would compare a build with itself) ------

PREVIOUS_IN_OUTPUT = (
    "data/deploy.yaml:{line}: error [DEPLOY-01] previous_urls: 上一次发布的网址清单 {text} 在 ssg 自己写的"
    "文件夹 {folder}/ 中：构建、预览或监测会改写（或整体替换）它，其中只有最近一次构建的网址，而不是上一次正式"
    "发布的网址，改版不断服检查（NOTICE-05）因此什么也比对不出。请在每次正式发布时把 "
    "<输出>-deploy/urls.txt 复制到站点中构建不写的位置，如 data/urls-2025.txt，并写 "
    "previous_urls: data/urls-2025.txt (previous_urls inside a build's own output: it lists the "
    "last build's URLs, not the last published ones; keep a copy, e.g. data/urls-2025.txt)"
)


@pytest.mark.parametrize(("text", "folder", "there"), [
    ("public-deploy/urls.txt", "public-deploy", True),  # the build's own urls.txt
    ("public-deploy/urls.txt", "public-deploy", False),  # before the first build: not "not found"
    ("public/urls.txt", "public", True),  # inside the output folder, replaced whole
    ("public-lifecycle/redirects.txt", "public-lifecycle", True),
    ("./public-deploy/urls.txt", "public-deploy", True),
    (".ssg-cache/urls.txt", ".ssg-cache", True),  # safe to delete, and in no commit
    (".ssg-cache/preview-deploy/urls.txt", ".ssg-cache", True),  # `ssg serve`'s own urls.txt
    (".ssg-cache/preview-deploy/urls.txt", ".ssg-cache", False),  # before the first preview
    ("./.ssg-cache/urls-2025.txt", ".ssg-cache", True),
    (".ssg-monitor/urls.txt", ".ssg-monitor", True),  # beside `ssg probe`'s log
    (".ssg-monitor/urls.txt", ".ssg-monitor", False),
])  # fmt: skip
def test_previous_urls_in_what_ssg_writes_is_an_error_at_its_line(
    tmp_path: Path, text: str, folder: str, there: bool
) -> None:
    if there:
        (tmp_path / text).parent.mkdir(parents=True)
        (tmp_path / text).write_text("https://www.ceshi.gov.cn/\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data/deploy.yaml").write_text(
        f"tls: {{certificate: /etc/a.crt, key: /etc/a.key}}\nprevious_urls: {text}\n",
        encoding="utf-8",
    )
    diags = Diagnostics()
    assert load_deploy(tmp_path, DOMAIN, diags) is None
    assert [str(d) for d in diags] == [PREVIOUS_IN_OUTPUT.format(line=2, text=text, folder=folder)]


def test_previous_urls_linked_into_the_output_is_an_error(tmp_path: Path) -> None:
    # A symbolic link in data/ to the build's urls.txt is the same file.
    (tmp_path / "public-deploy").mkdir()
    (tmp_path / "public-deploy/urls.txt").write_text("/\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data/urls.txt").symlink_to(tmp_path / "public-deploy/urls.txt")
    _config, lines = load(tmp_path, "previous_urls: data/urls.txt\n")
    assert lines == ["data/deploy.yaml:1: error [DEPLOY-01] previous_urls"]


@pytest.mark.parametrize("text", [
    "data/urls-2025.txt",
    "public-2025/urls.txt",  # (a folder whose name starts as the output's does)
    "releases/public-deploy/urls.txt",  # (a copy kept under the same name elsewhere)
])  # fmt: skip
def test_previous_urls_outside_what_builds_write_is_kept(tmp_path: Path, text: str) -> None:
    (tmp_path / text).parent.mkdir(parents=True)
    (tmp_path / text).write_text("/\n", encoding="utf-8")
    config, lines = load(tmp_path, f"tls: {{certificate: /a, key: /b}}\nprevious_urls: {text}\n")
    assert lines == []
    assert config is not None and config.previous_urls == text  # type: ignore[attr-defined]


def test_previous_urls_in_the_output_a_build_is_given_is_an_error(tmp_path: Path) -> None:
    # `ssg build --out <site>/www` writes www/ and www-deploy/: the loader is told so.
    (tmp_path / "www-deploy").mkdir()
    (tmp_path / "www-deploy/urls.txt").write_text("/\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data/deploy.yaml").write_text(
        "previous_urls: www-deploy/urls.txt\n", encoding="utf-8"
    )
    assert load_deploy(tmp_path, DOMAIN, Diagnostics()) is not None  # (not an output here)
    diags = Diagnostics()
    assert load_deploy(tmp_path, DOMAIN, diags, tmp_path / "www") is None
    assert [f"{d.line}: {d.code} {d.field}" for d in diags if d.code == "DEPLOY-01"] == [
        "1: DEPLOY-01 previous_urls"
    ]


def test_a_build_told_to_compare_with_its_own_urls_txt_is_blocked(tmp_path: Path) -> None:
    """The whole story on disk: a build writes public-deploy/urls.txt; pointed at it, the
    next build would compare with the last build, not the last deployment."""
    deploy = "hosting: {provider: 吉林省政务云, region: 吉林省}\ntls: {certificate: /a, key: /b}\n"
    make_site(tmp_path, {"data/deploy.yaml": deploy})
    assert run(tmp_path, command="build").code == 0
    urls = (tmp_path / "public-deploy/urls.txt").read_bytes()
    (tmp_path / "data/deploy.yaml").write_text(
        deploy + "previous_urls: public-deploy/urls.txt\n", encoding="utf-8"
    )
    for command in ("check", "build"):
        result = run(tmp_path, command=command)
        assert result.code == 1, result.lines
        assert [line for line in result.lines if "DEPLOY-01" in line] == [
            PREVIOUS_IN_OUTPUT.format(line=3, text="public-deploy/urls.txt", folder="public-deploy")
        ]
    assert (tmp_path / "public-deploy/urls.txt").read_bytes() == urls  # (blocked: not rewritten)


def test_build_folders_are_those_the_build_writes(tmp_path: Path) -> None:
    from ssg.deploy.artefacts import deploy_dir
    from ssg.deploy.config import build_folders
    from ssg.derive.lifecycle_pages import side_dir

    out = tmp_path / "www"
    assert build_folders(tmp_path, out) == tuple(
        folder.resolve()
        for o in (tmp_path / "public", out)
        for folder in (o, deploy_dir(o), side_dir(o))
    )


# --- previous_urls in ssg's working folders (.ssg-cache/: the preview's build; .ssg-monitor/) ---


def test_previous_urls_in_the_preview_output_is_an_error(tmp_path: Path) -> None:
    # `ssg serve` builds into .ssg-cache/preview: the build tells the loader so, and the
    # folder shown is the one nearest the file.
    (tmp_path / ".ssg-cache/preview-deploy").mkdir(parents=True)
    (tmp_path / ".ssg-cache/preview-deploy/urls.txt").write_text("/\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data/deploy.yaml").write_text(
        "previous_urls: .ssg-cache/preview-deploy/urls.txt\n", encoding="utf-8"
    )
    diags = Diagnostics()
    assert load_deploy(tmp_path, DOMAIN, diags, tmp_path / ".ssg-cache/preview") is None
    assert [str(d) for d in diags if d.code == "DEPLOY-01"] == [
        PREVIOUS_IN_OUTPUT.format(
            line=1,
            text=".ssg-cache/preview-deploy/urls.txt",
            folder=".ssg-cache/preview-deploy",
        )
    ]


@pytest.mark.parametrize("text", [
    ".ssg-cache-2025/urls.txt",  # (a folder whose name starts as the cache's does)
    "data/.ssg-cache/urls.txt",  # (only the site's own working folders are ssg's)
    ".ssg-monitoring/urls.txt",
])  # fmt: skip
def test_previous_urls_beside_ssgs_working_folders_is_kept(tmp_path: Path, text: str) -> None:
    (tmp_path / text).parent.mkdir(parents=True)
    (tmp_path / text).write_text("/\n", encoding="utf-8")
    config, lines = load(tmp_path, f"tls: {{certificate: /a, key: /b}}\nprevious_urls: {text}\n")
    assert lines == []
    assert config is not None and config.previous_urls == text  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "line", "field"), [
    ("root: /var/www/$site\n", 1, "root"),
    ("tls:\n  certificate: /etc/ssl/$host.crt\n  key: /etc/ssl/a.key\n", 2, "tls.certificate"),
    ("acme_root: /var/$acme\n", 1, "acme_root"),
])  # fmt: skip
def test_a_dollar_in_a_server_path_blocks_the_build_at_its_line(
    tmp_path: Path, text: str, line: int, field: str
) -> None:
    """nginx reads $ as a variable even inside the quoted string ssg writes: `root
    "/var/www/$site"` made nginx -t fail with `unknown "site" variable`."""
    make_site(tmp_path, {"data/deploy.yaml": text})
    result = run(tmp_path, command="build")
    assert result.code == 1
    found = result.with_code("DEPLOY-01")
    assert len(found) == 1 and found[0].startswith(
        f"data/deploy.yaml:{line}: error [DEPLOY-01] {field}:"
    )
    assert "$" in found[0]
    assert not (tmp_path / "public-deploy").exists()


@pytest.mark.parametrize(("text", "given", "line"), [
    ("tls:\n  certificate: /etc/letsencrypt/live/x/fullchain.pem\n", "certificate", 2),
    ("ipv6: true\ntls: {key: /etc/ssl/private/x.key}\n", "key", 2),
])  # fmt: skip
def test_half_a_certificate_pair_is_an_error_naming_the_missing_half(
    tmp_path: Path, text: str, given: str, line: int
) -> None:
    """Only one of the pair used to be filled in with the other's default path, and the
    advice said both were defaulted: nginx on the server then refused a mismatched key."""
    config, lines = load(tmp_path, text)
    assert config is None
    assert lines == [f"data/deploy.yaml:{line}: error [DEPLOY-01] tls"]
    diags = Diagnostics()
    load_deploy(tmp_path, DOMAIN, diags)
    missing = "key" if given == "certificate" else "certificate"
    assert f"tls 只写了 {given}，没写 {missing}" in diags.items[0].message
