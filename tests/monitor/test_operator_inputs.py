"""Wrong operator inputs to `ssg verify`, `ssg probe` and `ssg links`: each is said once, clearly,
naming the option or the file, with the exit code of the README (2: usage; 1: something found),
never a traceback and never a flood of lines saying the same — and never a check that passes
because it looked at the wrong thing. Real files: one small site built with data/deploy.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.monitor.conftest import Server
from tests.sitekit import cli, make_site
from tests.sitekit import run as site_run

DEPLOY = (
    "tls: {certificate: /etc/nginx/ssl/a.crt, key: /etc/nginx/ssl/a.key}\n"
    "hosting: {provider: 吉林省政务云, region: 吉林省长春市}\n"
)
VISIT = (
    '{"time": "2026-11-19T10:00:00+08:00", "url": "https://www.ceshi.gov.cn/", '
    '"status": 200, "seconds": 0.2, "error": ""}\n'
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("operator"), {"data/deploy.yaml": DEPLOY})
    assert site_run(root, command="build").code == 0
    assert (root / "public-deploy/manifest.sha256").is_file()
    return root


# --- ssg verify -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("urls.txt", "是每个发布页面的网址清单，"),
        ("nginx.conf", "是nginx 配置，"),
        ("../public/index.html", ""),
    ],
)
def test_another_file_given_as_the_manifest_is_said_once(site: Path, name: str, what: str) -> None:
    wrong = site / "public-deploy" / name
    code, out, err = cli("verify", "--manifest", str(wrong), str(site / "public"))
    assert code == 1 and out == ""
    assert err.splitlines()[0] == (
        f"{wrong}:1: error [VERIFY-01] {wrong} {what}没有一行是 sha256sum 格式“<64 位十六进制>  <路径>”，"
        "不是发布清单；请用 --manifest 指定 ssg build 写在 <输出>-deploy/ 中的 manifest.sha256 "
        "(not a manifest: no line is a sha256sum line)"
    )
    assert err.count("[VERIFY-01]") == 1


def test_a_damaged_manifest_still_names_each_bad_line(site: Path, tmp_path: Path) -> None:
    lines = (site / "public-deploy/manifest.sha256").read_text(encoding="utf-8").splitlines()
    damaged = tmp_path / "manifest.sha256"
    damaged.write_text("\n".join([lines[0], "x", lines[1], "y"]) + "\n", encoding="utf-8")
    code, _out, err = cli("verify", "--manifest", str(damaged), str(site / "public"))
    assert code == 1
    assert [line.split(" error")[0] for line in err.splitlines() if "VERIFY-01" in line] == [
        f"{damaged}:2:",
        f"{damaged}:4:",
    ]


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("public-deploy", "{site}/public-deploy 是构建写出的部署文件夹（发布清单、nginx.conf），不是网站根目录"),
        (".", "{site}/. 是站点的源文件夹（content/、data/），不是网站根目录"),
        # (each ran, with ~400 SEC-07 deducts: a folder of the sources, not the site's own)
        ("content", "{site}/content 是站点的源文件夹（content/、data/），不是网站根目录"),
        ("static", "{site}/static 是站点的源文件夹（content/、data/），不是网站根目录"),
        (".ssg-cache", "{site}/.ssg-cache 是站点的源文件夹（content/、data/），不是网站根目录"),
        ("", "要核对的网站根目录或网址是空的"),
    ],
)  # fmt: skip
def test_a_folder_that_is_not_a_web_root_is_a_usage_error(
    site: Path, target: str, why: str
) -> None:
    # Each was checked file by file: every published file missing, every other one planted.
    manifest = str(site / "public-deploy/manifest.sha256")
    given = f"{site}/{target}" if target else ""
    assert not target or Path(given).is_dir()
    code, out, err = cli("verify", "--manifest", manifest, given)
    assert code == 2 and out == ""
    assert why.format(site=site) in err and len(err.splitlines()) == 1, err


def test_the_default_manifest_is_in_the_site_given_by_source(site: Path) -> None:
    # It was public-deploy/ of the current folder whatever --source said.
    code, out, err = cli("verify", "--source", str(site), str(site / "public"))
    assert code == 0, err
    assert "一致" in out and "缺少 0，多出 0" in out


@pytest.mark.parametrize("command", ["verify", "probe", "links"])
def test_a_source_that_is_no_folder_is_a_usage_error(site: Path, command: str) -> None:
    extra = ["--external"] if command == "links" else []
    if command == "verify":
        extra = [str(site / "public")]
    for source, what in (
        (site / "nowhere", f"找不到站点目录 {site / 'nowhere'}"),
        (site / "data/site.yaml", f"{site / 'data/site.yaml'} 是文件，不是站点目录"),
    ):
        code, _out, err = cli(command, "--source", str(source), *extra)
        assert code == 2, err
        assert err == (
            f"ssg {command}: 参数错误 (usage error): --source：{what}；请写站点（或含 sites.yaml 的仓库）"
            "的文件夹 (--source must be the site's folder)\n"
        )


@pytest.mark.parametrize(
    "argv",
    [
        ("verify", "--manifest", "", "https://www.ceshi.gov.cn/"),
        ("probe", "--url", "https://www.ceshi.gov.cn/", "--log", ""),
        ("probe", "--report", "--log", " "),
        ("links", "--external", "--out", ""),
    ],
)
def test_an_empty_path_option_is_a_usage_error(argv: tuple[str, ...]) -> None:
    # ('' was the current folder: `ssg links --out ""` checked every page under it)
    code, _out, err = cli(*argv)
    option = argv[argv.index("") - 1] if "" in argv else "--log"
    assert code == 2
    assert f"{option}：路径是空的；请写文件或文件夹的路径" in err and "Traceback" not in err


def test_positive_numbers_are_said_with_their_unit(site: Path) -> None:
    code, _out, err = cli("verify", "--timeout", "-5", str(site / "public"))
    assert code == 2 and "--timeout：应为大于 0 的秒数，不是 “-5”" in err
    code, _out, err = cli("links", "--external", "--delay", "-1")
    assert code == 2 and "--delay：应为不小于 0 的秒数，不是 “-1”" in err


# --- ssg probe ----------------------------------------------------------------------------------


def test_a_report_of_a_file_that_is_no_log_says_so_once(site: Path) -> None:
    manifest = site / "public-deploy/manifest.sha256"
    lines = len(manifest.read_text(encoding="utf-8").splitlines())
    code, _out, err = cli("probe", "--report", "--log", str(manifest), "--date", "2026-11-20")
    assert code == 1
    assert err.count("[PROBE-01]") == 1
    assert (
        f"{manifest}:1: advice [PROBE-01] {manifest} 中没有一行是探测记录（共 {lines} 行），"
        "不是 ssg probe 写的日志；请用 --log 指定探测日志 (not a probe log: no line is a probe record)"
    ) in err


def test_a_torn_line_in_a_real_log_is_still_advice_at_its_line(tmp_path: Path) -> None:
    log = tmp_path / "probe.jsonl"
    log.write_text(VISIT + '{"time": "2026-11-19T10:30\n' + VISIT, encoding="utf-8")
    _code, _out, err = cli("probe", "--report", "--log", str(log), "--date", "2026-11-20")
    assert f"{log}:2: advice [PROBE-01] 这一行不是有效的探测记录，已跳过" in err


def test_the_probe_never_appends_to_a_file_that_is_no_log(
    site: Path, server: Server, tmp_path: Path
) -> None:
    config = tmp_path / "site.yaml"
    before = (site / "data/site.yaml").read_text(encoding="utf-8")
    config.write_text(before, encoding="utf-8")
    code, _out, err = cli("probe", "--url", server.url("/ok"), "--log", str(config))
    assert code == 2
    assert (
        f"--log：{config} 已经存在，但不是探测日志（开头几行都不是探测记录）；ssg probe 不会往其中追加"
    ) in err
    assert config.read_text(encoding="utf-8") == before and server.state.seen == []
    # a log whose first record was torn is still a log
    log = tmp_path / "probe.jsonl"
    log.write_text('{"time": "2026-11\n' + VISIT, encoding="utf-8")
    code, _out, err = cli("probe", "--url", server.url("/ok"), "--log", str(log))
    assert code == 0, err
    assert len(log.read_text(encoding="utf-8").splitlines()) == 3


def test_a_report_url_is_checked_as_a_probe_url(tmp_path: Path) -> None:
    # It was a filter matching nothing: "no visits of www.ceshi.gov.cn", an error about the log.
    log = tmp_path / "probe.jsonl"
    log.write_text(VISIT, encoding="utf-8")
    code, _out, err = cli("probe", "--report", "--log", str(log), "--url", "www.ceshi.gov.cn")
    assert code == 2
    assert err.startswith("ssg probe: 参数错误 (usage error): --url：")
    assert "https://www.ceshi.gov.cn/" in err


# --- ssg links ----------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", ["public-deploy", "content"])
def test_links_of_a_folder_without_pages_is_a_usage_error_not_a_pass(
    site: Path, folder: str
) -> None:
    # It said "检查了 0 个外部网址……无法访问 0 个" and exited 0.
    out_dir = site / folder
    code, out, err = cli(
        "links", "--external", "--source", str(site), "--out", str(out_dir), "--no-cache"
    )
    assert (code, out) == (2, "")
    assert err == (
        f"{out_dir} 中没有首页 index.html，不是 ssg build 的输出目录或网站根目录；"
        "--out 应为构建输出（默认 <站点>/public） (--out holds no site: no index.html)\n"
    )
