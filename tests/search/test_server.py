"""`ssg search index` and `ssg search serve`: the JSON API on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ssg import cli
from ssg.search import engine, server
from ssg.search.client_index import ClientSource
from ssg.search.documents import SearchDoc, merged
from ssg.search.whoosh_index import WhooshSource, build_index
from tests.e2e.conftest import REPO, sample_date


@pytest.fixture(scope="module")
def api(whoosh_folder: Path) -> Iterator[str]:
    httpd = server.make_server(whoosh_folder, "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _get(url: str) -> tuple[int, dict[str, Any], dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.loads(response.read()), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}"), dict(exc.headers)


def _q(**params: str) -> str:
    return urllib.parse.urlencode(params)


def test_search_api_answers_as_the_client_index_does(api: str, client: ClientSource) -> None:
    status, body, headers = _get(f"{api}/api/search?{_q(q='营商环境', group='1')}")
    assert status == 200
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert headers["Access-Control-Allow-Origin"] == "*"
    local = engine.search("营商环境", client, grouped=True)
    assert [r["id"] for r in body["results"]] == [r["id"] for r in local["results"]]
    assert body["facets"]["type"] == local["facets"]["type"]
    assert body["groups"][0]["results"]


def test_filters_pages_sites_suggestions_and_corrections(api: str) -> None:
    _, everything, _ = _get(f"{api}/api/search?{_q(q='2026')}")
    _, policies, _ = _get(f"{api}/api/search?{_q(q='2026', type='policy', page='2')}")
    assert policies["page"] == 2 and {r["type"] for r in policies["results"]} == {"policy"}
    site = everything["facets"]["site"][0]["value"]
    _, same, _ = _get(f"{api}/api/search?{_q(q='2026', site=site)}")
    assert same["total"] == everything["total"]
    _, other, _ = _get(f"{api}/api/search?{_q(q='2026', site='www.other.gov.cn')}")
    assert other["total"] == 0
    _, typo, _ = _get(f"{api}/api/search?{_q(q='营商环竟')}")
    assert typo["correction"]["text"] == "营商环境"
    _, words, _ = _get(f"{api}/api/suggest?{_q(q='yingshang')}")
    assert "营商环境" in words["suggestions"]
    status, _, _ = _get(f"{api}/api/nothing")
    assert status == 404


@pytest.mark.parametrize(
    "query",
    ["", "营" * 10_000, "a" * 10_000, "(a+)+$ AND title:*", "<script>alert(1)</script>", "\x00"],
    ids=["empty", "10k-han", "10k-latin", "syntax", "html", "nul"],
)
def test_hostile_queries_get_json_answers(api: str, query: str) -> None:
    status, body, _ = _get(f"{api}/api/search?{_q(q=query, page='x')}")
    assert status == 200
    assert body["total"] >= 0 and body["page"] == 1


def test_cli_builds_the_index(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ssg",
            "search",
            "index",
            "--date",
            sample_date(),
            "--index",
            str(folder),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (folder / "ssg-search.json").is_file()


def test_serve_warns_when_bound_beyond_this_machine(
    whoosh_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Fake:
        server_address = ("0.0.0.0", 8790)

        def serve_forever(self) -> None:
            raise KeyboardInterrupt

        def server_close(self) -> None:
            pass

    monkeypatch.setattr(server, "make_server", lambda *args, **kwargs: Fake())
    code = cli.main(["search", "serve", "--index", str(whoosh_folder), "--bind", "0.0.0.0"])
    assert code == 0
    assert "警告" in capsys.readouterr().err
    code = cli.main(["search", "serve", "--index", str(whoosh_folder)])
    assert "警告" not in capsys.readouterr().err
    assert cli.main(["search", "serve", "--index", str(whoosh_folder / "missing")]) == 2


def test_one_index_serves_several_sites(tmp_path: Path, sample_docs: list[SearchDoc]) -> None:
    """A city portal and a lower-level site in one index: both found, each selectable."""
    county = [
        dataclasses.replace(d, site="www.county.qinglan.gov.cn", key=f"county/{d.key}")
        for d in sample_docs
        if d.type in ("policy", "service")
    ]
    build_index(merged([sample_docs, county]), tmp_path / "both")
    source = WhooshSource(tmp_path / "both")
    answer = engine.search("营商环境", source)
    sites = {f["value"]: f["count"] for f in answer["facets"]["site"]}
    assert set(sites) == {"www.qinglan.gov.cn", "www.county.qinglan.gov.cn"}
    only = engine.search("营商环境", source, engine.Filters(site="www.county.qinglan.gov.cn"))
    assert only["total"] == sites["www.county.qinglan.gov.cn"]
    assert {r["site"] for r in only["results"]} == {"www.county.qinglan.gov.cn"}
    source.close()
