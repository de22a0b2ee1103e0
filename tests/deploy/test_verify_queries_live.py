"""`ssg verify` over HTTPS asks a real nginx for each old URL with a query string that the
build's nginx.conf redirects (listed in redirects.tsv beside the manifest) as a browser sends
it, and checks where it goes: the sample portal's own (content/zwdt/qlyw/2026-10-15-cwhy40.md)
and an old site's GBK-encoded one."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from ssg.monitor.verify import parse_redirects, query_redirects
from tests.deploy.conftest import Built, Certificate, Server, build_site, serving
from tests.e2e.conftest import REPO
from tests.sitekit import cli

SAMPLE_ITEM = "content/zwdt/qlyw/2026-10-15-cwhy40.md"
SAMPLE_ALIAS = "/art/detail.jsp?id=40517"  # what that file's front matter says
# An old CMS's search page, its keyword in GBK (政府) as the old site's links sent it, and
# characters a browser sends as they are in a query (WHATWG: `[`, `]`, `|` are not encoded).
GBK_ALIAS = "/cms/show.asp?kw=%D5%FE%B8%AE&page=[2]|x"
OLD = (
    "---\ntitle: 关于冬季供暖的通知\ndate: 2026-11-19\nsource: 测试市人民政府办公室\n"
    f"reviewed_by: 审核人\naliases:\n  - {GBK_ALIAS}\n---\n通知内容。\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, certificate: Certificate) -> Built:
    sample = {
        rel: (REPO / rel).read_text(encoding="utf-8")
        for rel in ("content/zwdt/_index.md", "content/zwdt/qlyw/_index.md", SAMPLE_ITEM)
    }
    assert f'aliases: ["{SAMPLE_ALIAS}"]' in sample[SAMPLE_ITEM]
    return build_site(
        tmp_path_factory.mktemp("verify-queries"),
        certificate,
        {**sample, "content/dt/tongzhi.md": OLD},
    )


@pytest.fixture(scope="module")
def answering(
    built: Built, certificate: Certificate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    with serving(built, certificate, tmp_path_factory, default_server=True) as running:
        yield running


@pytest.fixture(scope="module")
def without_them(
    built: Built, certificate: Certificate, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """The same files behind an nginx.conf that does not redirect the query aliases (an
    earlier build's, or one written by hand)."""
    bare = dataclasses.replace(built, site=dataclasses.replace(built.site, query_aliases={}))
    with serving(bare, certificate, tmp_path_factory, default_server=True) as running:
        yield running


def tsv_lines(built: Built) -> list[str]:
    return (built.deploy / "redirects.tsv").read_text(encoding="utf-8").splitlines()


def test_redirects_tsv_lists_each_query_alias_as_a_browser_sends_it(built: Built) -> None:
    lines = tsv_lines(built)
    assert f"{SAMPLE_ALIAS}\t/zwdt/qlyw/2026-10-15-cwhy40.html" in lines
    assert f"{GBK_ALIAS}\t/dt/tongzhi.html" in lines
    assert lines == sorted(lines)
    # the plain lines are as before, and a reader of them (ssg verify of an earlier version)
    # finds no file of the manifest among the query lines
    listed = {
        line.split("  ", 1)[1]
        for line in (built.deploy / "manifest.sha256").read_text(encoding="utf-8").splitlines()
    }
    plain = parse_redirects("\n".join(lines))
    assert not {p for p in plain if "?" in p and p.lstrip("/") in listed}
    found = query_redirects("\n".join(lines), listed)
    assert [(q.path, q.query) for q in found] == [
        ("/art/detail.jsp", "id=40517"),
        ("/cms/show.asp", "kw=%D5%FE%B8%AE&page=[2]|x"),
    ]


def test_verify_asks_each_old_url_with_its_query_and_passes_as_built(
    built: Built, certificate: Certificate, answering: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate.cert))
    url = f"https://127.0.0.1:{answering.https_port}/"
    code, out, err = cli("verify", "--manifest", str(built.deploy / "manifest.sha256"), url)
    assert code == 0, err
    assert "已核对带查询参数的旧网址 2 个：跳转正确 2，不正确或无法取得 0" in out


def test_a_server_that_does_not_redirect_them_is_reported_at_their_lines(
    built: Built, certificate: Certificate, without_them: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate.cert))
    url = f"https://127.0.0.1:{without_them.https_port}/"
    manifest = built.deploy / "manifest.sha256"
    code, out, err = cli("verify", "--manifest", str(manifest), url)
    assert code == 1
    lines = tsv_lines(built)
    tsv = str(built.deploy / "redirects.tsv")
    for alias, target in (
        (SAMPLE_ALIAS, "zwdt/qlyw/2026-10-15-cwhy40.html"),
        (GBK_ALIAS, "dt/tongzhi.html"),
    ):
        number = next(n for n, line in enumerate(lines, 1) if line.startswith(alias + "\t"))
        assert (
            f"{tsv}:{number}: deduct [SEC-07] {url}{alias.lstrip('/')} 没有跳转（HTTP 404），"
            f"构建的 nginx.conf 把这个带查询参数的旧网址 301 到 {url}{target}"
        ) in err
    assert err.count("deduct [SEC-07]") == 2, err
    # every file is still as built: only the redirects are wrong
    assert "被改动 0，缺少 0" in out and "跳转正确 0，不正确或无法取得 2" in out


def test_a_folder_check_says_the_query_aliases_need_the_url(built: Built) -> None:
    code, out, err = cli(
        "verify", "--manifest", str(built.deploy / "manifest.sha256"), str(built.out)
    )
    assert code == 0, err
    assert "带查询参数的旧网址 2 个由 nginx.conf 跳转，核对文件夹时不能检查" in out
