"""Search quality on the judged query set and on queries generated from a generated corpus:
recall@10 ≥ 0.9 for every kind of query, for both backends (figures: bench/RESULTS.md)."""

from __future__ import annotations

from collections import Counter

from ssg.search.client_index import ClientSource
from ssg.search.documents import SearchDoc
from ssg.search.whoosh_index import WhooshSource
from tests.search.quality import GENERATED_KINDS, KINDS, evaluate, generated_queries, load_judged

RECALL = 0.9
PRECISION = 0.8


def test_the_judged_set_has_sixty_hand_written_queries_of_every_kind(
    sample_keys: list[str],
) -> None:
    queries = load_judged()
    assert len(queries) >= 60
    assert set(Counter(q.kind for q in queries)) == set(KINDS)
    assert min(Counter(q.kind for q in queries).values()) >= 10
    known = set(sample_keys)
    for query in queries:
        assert query.relevant <= known, (query.q, query.relevant - known)


def _check(scores: dict, kinds: tuple[str, ...]) -> None:
    report = {k: (round(s.recall_at_10, 3), round(s.precision_at_5, 3)) for k, s in scores.items()}
    for kind in kinds:
        score = scores[kind]
        assert score.recall_at_10 >= RECALL, (kind, report, score.misses)
        assert score.precision_at_5 >= PRECISION, (kind, report, score.misses)


def test_judged_queries_on_the_client_index(client: ClientSource, sample_keys: list[str]) -> None:
    _check(evaluate(client, load_judged(), sample_keys), KINDS)


def test_judged_queries_on_the_server_index(whoosh: WhooshSource, sample_keys: list[str]) -> None:
    _check(evaluate(whoosh, load_judged(), sample_keys), KINDS)


def test_generated_queries_on_both_backends(
    generated: tuple[list[SearchDoc], ClientSource, WhooshSource],
) -> None:
    docs, client, server = generated
    queries = generated_queries(docs, per_kind=40)
    assert Counter(q.kind for q in queries) == dict.fromkeys(GENERATED_KINDS, 40)
    keys = [d.key for d in docs]
    _check(evaluate(client, queries, keys), GENERATED_KINDS)
    _check(evaluate(server, queries, keys), GENERATED_KINDS)
