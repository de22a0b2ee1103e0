"""`ssg search index` and `ssg search serve`: the JSON API on 127.0.0.1."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import random
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from ssg import cli
from ssg.search import engine, server
from ssg.search.client_index import ClientSource
from ssg.search.documents import SearchDoc, merged
from ssg.search.whoosh_index import (
    Sidecar,
    SiteHosts,
    WhooshSource,
    build_index,
    open_index,
)
from tests.e2e.conftest import REPO, sample_date
from tests.search.quality import generated_queries, load_judged


@contextlib.contextmanager
def serving(httpd: server.SearchServer) -> Iterator[str]:
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture(scope="module")
def api(whoosh_folder: Path) -> Iterator[str]:
    with serving(server.make_server(whoosh_folder, "127.0.0.1", 0)) as base:
        yield base


def _get(url: str) -> tuple[int, dict[str, Any], dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.loads(response.read()), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}"), dict(exc.headers)


def _q(**params: str) -> str:
    return urllib.parse.urlencode(params)


def _raw(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        body: bytes = response.read()
        return body


def _encoded(answer: dict[str, Any]) -> bytes:
    """An answer as the server sends it."""
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


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
    one = ["--workers", "1"]  # the fake server cannot be forked
    code = cli.main(["search", "serve", "--index", str(whoosh_folder), "--bind", "0.0.0.0", *one])
    assert code == 0
    assert "警告" in capsys.readouterr().err
    code = cli.main(["search", "serve", "--index", str(whoosh_folder), *one])
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


# --- answering several requests at once ---------------------------------------------------


def _paths(queries: Iterable[str]) -> list[str]:
    """Searches, filtered and grouped ones among them, and suggestions."""
    out = []
    for n, q in enumerate(queries):
        params = {"q": q}
        if n % 3 == 1:
            params["group"] = "1"
        if n % 5 == 2:
            params["page"] = "2"
        if n % 7 == 3:
            params["type"] = "policy"
        out.append(f"/api/search?{_q(**params)}")
        if n % 4 == 0:
            out.append(f"/api/suggest?{_q(q=q[:2])}")
    return out


def test_concurrent_requests_get_the_sequential_answers(
    generated: tuple[list[SearchDoc], ClientSource, WhooshSource],
) -> None:
    """Eight clients at once, each sending every request in its own order, get byte for byte
    what the same requests get one at a time; each search's answer is the engine's."""
    docs, _, source = generated
    paths = _paths(q.q for q in generated_queries(docs, 12))
    httpd = server.make_server(source.folder, "127.0.0.1", 0, searchers=4)
    with serving(httpd) as base:
        sequential = {path: _raw(base + path) for path in paths}

        def client(seed: int) -> dict[str, bytes]:
            mine = paths[:]
            random.Random(seed).shuffle(mine)
            return {path: _raw(base + path) for path in mine}

        with ThreadPoolExecutor(max_workers=8) as clients:
            answers = list(clients.map(client, range(8)))
        pool = httpd.service.pool
        assert pool.opened <= 4 and pool.busy == 0
    for answer in answers:
        assert answer == sequential
    q = generated_queries(docs, 1)[0].q
    assert sequential[f"/api/search?{_q(q=q)}"] == _encoded(engine.search(q, source))
    assert json.loads(sequential[f"/api/search?{_q(q=q)}"])["total"] > 0


class Gate:
    """Holds the first search that reaches the index until the test lets it go."""

    def __init__(self) -> None:
        self.arrived = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._armed = True

    def wait_if_first(self) -> None:
        with self._lock:
            first, self._armed = self._armed, False
        if first:
            self.arrived.set()
            assert self.release.wait(timeout=120), "the test never released the first search"


class GatedSource(WhooshSource):
    """A real searcher that stops before its first read of the index while its gate says so."""

    def __init__(self, folder: Path, index: Any, sidecar: Sidecar, gate: Gate) -> None:
        super().__init__(folder, index, sidecar)
        self.gate = gate

    def postings(self, tokens: Iterable[str]) -> dict[str, engine.Postings]:
        self.gate.wait_if_first()
        return super().postings(tokens)


def test_a_second_request_is_answered_while_the_first_is_searching(whoosh_folder: Path) -> None:
    gate = Gate()
    service = server.SearchService(
        whoosh_folder, 4, lambda folder, index, side: GatedSource(folder, index, side, gate)
    )
    plain = WhooshSource(whoosh_folder)
    first: list[bytes] = []
    with serving(server.make_server(whoosh_folder, "127.0.0.1", 0, service=service)) as base:
        held = threading.Thread(
            target=lambda: first.append(_raw(f"{base}/api/search?{_q(q='营商环境')}"))
        )
        held.start()
        try:
            assert gate.arrived.wait(timeout=60)
            assert service.pool.busy == 1
            # Under one lock for all queries, this request would wait for the held one.
            second = _raw(f"{base}/api/search?{_q(q='政务公开', group='1')}")
            assert held.is_alive() and not first
            assert service.pool.most_busy == 2
            assert service.pool.opened == 2
        finally:
            gate.release.set()
            held.join(timeout=60)
    assert second == _encoded(engine.search("政务公开", plain, grouped=True))
    assert first == [_encoded(engine.search("营商环境", plain))]
    plain.close()


def test_the_pool_lends_each_searcher_to_one_request_and_closes_them(whoosh_folder: Path) -> None:
    pool = server.SearcherPool(whoosh_folder, 2)
    parts = pool.index.storage.parts
    with pool.searcher() as a:
        engine.search("营商环境", a, grouped=True)
        read = dict(parts)
    with pool.searcher() as a, pool.searcher() as b:
        assert a is not b and a.reader is not b.reader
        assert a.sidecar is b.sidecar is pool.sidecar
        assert (pool.busy, pool.opened) == (2, 2)
        assert engine.search("营商环境", b, grouped=True) == engine.search(
            "营商环境", a, grouped=True
        )
        # The second searcher reads the bytes the first one read: no second copy of the index.
        assert parts.keys() == read.keys() and all(parts[k] is read[k] for k in read)
    with pool.searcher() as c:
        assert c in (a, b)  # given back, lent again: no third searcher
        pool.close()
        assert not c.searcher.is_closed  # still in use
    assert c.searcher.is_closed
    assert a.searcher.is_closed and b.searcher.is_closed
    with pytest.raises(RuntimeError), pool.searcher():
        pass


def test_shared_parts_read_what_the_memory_map_reads(whoosh_folder: Path) -> None:
    """The server's searchers share the parts of the index read once; whoosh's default (a
    memory map copied for each reader) gives every query the same answer."""
    from whoosh import index

    mapped = WhooshSource(whoosh_folder, index.open_dir(str(whoosh_folder), indexname="ssg"))
    handles = WhooshSource(whoosh_folder, open_index(whoosh_folder))
    for query in load_judged():
        for grouped in (False, True):
            assert engine.search(query.q, handles, grouped=grouped) == engine.search(
                query.q, mapped, grouped=grouped
            )
    mapped.close()
    handles.close()


# --- several processes ----------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_worker_processes_answer_from_one_socket_and_stop_together(
    whoosh_folder: Path, stop: signal.Signals
) -> None:
    command = [sys.executable, "-m", "ssg", "search", "serve", "--index", str(whoosh_folder)]
    serve = subprocess.Popen(
        [*command, "--port", "0", "--workers", "2"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert serve.stdout is not None
        line = serve.stdout.readline()
        base = line[line.index("http://") :].split("/api/")[0]
        [worker] = _children(serve.pid)
        plain = WhooshSource(whoosh_folder)
        paths = _paths(q.q for q in load_judged()[:20])
        with ThreadPoolExecutor(max_workers=6) as clients:
            answers = list(clients.map(lambda path: _raw(base + path), paths))
        assert answers == [_raw(base + path) for path in paths]
        expected = _encoded(engine.search("营商环境", plain))
        # With either process stopped, the other one answers.
        for paused in (serve.pid, worker):
            os.kill(paused, signal.SIGSTOP)
            try:
                assert _raw(f"{base}/api/search?{_q(q='营商环境')}") == expected
            finally:
                os.kill(paused, signal.SIGCONT)
        plain.close()
    finally:
        serve.send_signal(stop)
        _, err = serve.communicate(timeout=60)
    assert serve.returncode == 0, err
    assert "已停止" in err
    assert not Path(f"/proc/{worker}").exists()


def test_a_client_that_goes_away_is_no_error(
    whoosh_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A search page closed mid-answer: the standard library would print a traceback.
    httpd = server.make_server(whoosh_folder, "127.0.0.1", 0)
    try:
        for gone in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset")):
            try:
                raise gone
            except ConnectionError:
                httpd.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("a real fault")
        except ValueError:
            httpd.handle_error(None, ("127.0.0.1", 1))
        assert "ValueError: a real fault" in capsys.readouterr().err
    finally:
        httpd.server_close()


def test_reindexing_while_serving_answers_from_one_generation(
    tmp_path: Path, sample_docs: list[SearchDoc]
) -> None:
    """`ssg search index` run again under a running server: every answer is the old index's
    or the new one's, never the new segment read with the old sidecar."""
    fewer = sample_docs[12:]  # the same order, twelve newest items not yet published
    folder = tmp_path / "index"
    build_index(fewer, folder)
    build_index(fewer, tmp_path / "old")
    build_index(sample_docs, tmp_path / "new")
    old_source, new_source = WhooshSource(tmp_path / "old"), WhooshSource(tmp_path / "new")
    queries = ["营商", "政务公开", "zcjd"]
    old = {q: _encoded(engine.search(q, old_source, grouped=True)) for q in queries}
    new = {q: _encoded(engine.search(q, new_source, grouped=True)) for q in queries}
    assert old != new
    old_source.close()
    new_source.close()

    service = server.SearchService(folder, 2)
    answers: list[tuple[str, bytes]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            for q in queries:
                try:
                    answers.append((q, _encoded(service.search({"q": q, "group": "1"}))))
                except BaseException as exc:  # collected for the assertion
                    errors.append(exc)

    with service.pool.searcher():  # lent across the re-index: closed when given back
        askers = [threading.Thread(target=ask) for _ in range(2)]
        for thread in askers:
            thread.start()
        try:
            build_index(sample_docs, folder)
            build_index(sample_docs, folder)  # twice: the first new generation's files go too
        finally:
            stop.set()
            for thread in askers:
                thread.join(timeout=120)
    assert errors == []
    assert answers and all(a in (old[q], new[q]) for q, a in answers)
    for q in queries:
        assert _encoded(service.search({"q": q, "group": "1"})) == new[q]
    assert service.documents() == len(sample_docs)
    assert service.suggest({"q": "zc"}) == {
        "query": "zc",
        "suggestions": engine.suggest("zc", server.Sidecar(tmp_path / "new").terms),
    }
    service.close()


def test_results_of_another_site_link_to_that_site(
    tmp_path: Path, sample_docs: list[SearchDoc]
) -> None:
    """A city's search page asking a city-and-county index: the county's results open the
    county's pages (absolute URLs) and name the county; the city's own stay site-relative."""
    city, county_domain = "www.qinglan.gov.cn", "www.county.qinglan.gov.cn"
    county = [
        dataclasses.replace(d, site=county_domain, key=f"county/{d.key}")
        for d in sample_docs
        if d.type in ("policy", "service")
    ]
    names = {city: "青岚市人民政府", county_domain: "青岚县人民政府"}
    build_index(merged([sample_docs, county]), tmp_path / "both", site_names=names)
    build_index(sample_docs, tmp_path / "one", site_names={city: "青岚市人民政府"})
    service = server.SearchService(tmp_path / "both")

    params = {"q": "营商环境", "group": "1"}
    asked = service.search({**params, "from": city})
    everything = asked["results"] + [r for g in asked["groups"] for r in g["results"]]
    assert {(r["site"], r["site_name"]) for r in everything} == set(names.items())
    for r in everything:
        assert r["url"].startswith("/" if r["site"] == city else f"https://{county_domain}/")
    county_hits = [r for r in asked["results"] if r["site"] == county_domain]
    assert county_hits and all(
        r["url"].startswith(f"https://{county_domain}/") for r in county_hits
    )
    assert all(r["url"].startswith("/") for r in asked["results"] if r["site"] == city)
    assert {f["value"]: f["label"] for f in asked["facets"]["site"]} == names
    # The county's page asking: the city's results are the absolute ones.
    from_county = service.search({**params, "from": county_domain})
    assert all(
        r["url"].startswith("/") == (r["site"] == county_domain) for r in from_county["results"]
    )
    # Unknown asker (no parameter, no Origin): every URL absolute, none opens the wrong site.
    unknown = service.search(params)
    assert all(r["url"].startswith(f"https://{r['site']}/") for r in unknown["results"])
    # Over HTTP the browser's Origin says who asks.
    with serving(server.make_server(tmp_path / "both", service=service)) as base:
        request = urllib.request.Request(
            f"{base}/api/search?{_q(**params)}", headers={"Origin": f"https://{city}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert json.loads(response.read()) == asked
    # One site: the answer is the engine's, unchanged.
    single = server.SearchService(tmp_path / "one")
    plain = WhooshSource(tmp_path / "one")
    assert single.search(params) == engine.search("营商环境", plain, grouped=True)
    plain.close()
    single.close()


def test_a_site_is_known_by_its_other_hosts_and_linked_at_its_address(
    tmp_path: Path, sample_docs: list[SearchDoc]
) -> None:
    """集约化 (ssg/cross_site.py other_hosts): a site is asked from its 中文域名 or the old
    domain of a domain change too, and linked where its pages are on the index's date; a
    name one site gave up and another now has is the other's."""
    # (the county sorts after the city: the city, holding its old name, is looked at first)
    city, county_domain = "www.qinglan.gov.cn", "zx.qinglan.gov.cn"
    county = [
        dataclasses.replace(d, site=county_domain, key=f"county/{d.key}")
        for d in sample_docs
        if d.type in ("policy", "service")
    ]
    hosts = {
        city: SiteHosts(("xn--old.gov.cn", county_domain), "https://old.qinglan.gov.cn"),
        county_domain: SiteHosts(),
    }
    build_index(merged([sample_docs, county]), tmp_path / "both", site_hosts=hosts)
    service = server.SearchService(tmp_path / "both")
    params = {"q": "营商环境"}
    from_old = service.search({**params, "from": "xn--old.gov.cn"})["results"]
    assert {r["site"] for r in from_old} == {city, county_domain}
    for r in from_old:  # the city asking from its old name: its own results stay relative
        assert r["url"].startswith("/" if r["site"] == city else f"https://{county_domain}/")
    from_county = service.search({**params, "from": county_domain})["results"]
    for r in from_county:  # the county's domain is the county's, and the city is at its address
        assert r["url"].startswith(
            "/" if r["site"] == county_domain else "https://old.qinglan.gov.cn/"
        )
    service.close()
