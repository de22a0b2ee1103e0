"""The rule registry against RULES.md: coverage, completeness of tests, generated docs."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from ssg.check.catalogue import CATALOGUE, ENFORCED_ELSEWHERE, NOT_IMPLEMENTED, PENDING
from ssg.check.registry import all_rules
from ssg.check.report import rules_listing

REPO = Path(__file__).parents[2]
# The rule catalogue and the editor's contract ship in docs/ (editors read them there); the
# team's shared originals sit beside a developer's checkout, not beside CI's clone.
RULES_MD = REPO / "docs" / "RULES.md"
CONTRACT_MD = REPO / "docs" / "ARCHITECTURE.md"
SHARED = REPO.parent / "shared"
RULE_TEST_MODULES = sorted(p.stem for p in (REPO / "tests/check").glob("test_*.py"))


def test_catalogue_matches_rules_md() -> None:
    text = RULES_MD.read_text(encoding="utf-8")
    codes = re.findall(r"^\*\*([A-Z0-9]+-\d{2}) ", text, re.M)
    assert list(CATALOGUE) == codes


@pytest.mark.parametrize("shipped", [RULES_MD, CONTRACT_MD], ids=lambda p: p.name)
def test_shipped_copies_are_the_shared_originals(shipped: Path) -> None:
    original = SHARED / shipped.name
    if not original.is_file():
        pytest.skip(f"../shared/{shipped.name} is not beside this checkout")
    assert shipped.read_bytes() == original.read_bytes(), f"cp {original} {shipped}"


def test_every_contract_section_cited_exists() -> None:
    """docs/rules.md, README.md and the diagnostics cite 契约/ARCHITECTURE §N.N: each is a
    heading of the contract shipped in docs/."""
    headings = set(re.findall(r"^#{2,3} (\d+(?:\.\d+)?)[ .]", CONTRACT_MD.read_text("utf-8"), re.M))
    cited: set[str] = set()
    for doc in (REPO / "docs/rules.md", REPO / "README.md", REPO / "docs/annual-report.md"):
        text = doc.read_text(encoding="utf-8")
        for group in re.findall(r"(?:ARCHITECTURE|契约) ?((?:§\d+(?:\.\d+)?[、，, ]*)+)", text):
            cited.update(re.findall(r"§(\d+(?:\.\d+)?)", group))
    assert cited, "no citation found: the pattern is wrong"
    assert cited <= headings, sorted(cited - headings)


def test_every_build_rule_is_accounted_for() -> None:
    registered = {r.code for r in all_rules()}
    for code, (_title, tags) in CATALOGUE.items():
        if "build" not in tags:
            continue
        places = [
            code in registered,
            code in ENFORCED_ELSEWHERE,
            code in NOT_IMPLEMENTED,
            code in PENDING,
        ]
        # (a schema requirement, SERVICE-02's elements, may have registered checks as well)
        both = places[0] and places[1] and not any(places[2:])
        assert sum(places) == 1 or both, code


def test_not_implemented_is_at_most_one_in_ten() -> None:
    build = [c for c, (_t, tags) in CATALOGUE.items() if "build" in tags and c not in PENDING]
    assert len([c for c in build if c in NOT_IMPLEMENTED]) * 10 <= len(build)


def test_severities_follow_confidence() -> None:
    # A veto is only ever a ✅ single-veto item of 检查指标 (ARCHITECTURE §3.1).
    vetoes = {r.code for r in all_rules() if r.severity.value == "veto"}
    assert vetoes <= {"CONTENT-01", "CONTENT-02", "INTERACT-01", "INTERACT-02", "SERVICE-03"}


def test_every_rule_has_a_triggering_and_a_near_miss_test() -> None:
    covers: dict[str, tuple[str, str]] = {}
    for name in RULE_TEST_MODULES:
        module = importlib.import_module(f"tests.check.{name}")
        for key, pair in getattr(module, "COVERS", {}).items():
            for test_name in pair:
                assert hasattr(module, test_name), f"{name}.{test_name} does not exist"
            covers[key] = pair
    missing = [f"{r.code}:{r.name}" for r in all_rules() if f"{r.code}:{r.name}" not in covers]
    assert not missing, f"rules without a trigger / near-miss test pair: {missing}"


def test_generated_rules_table_is_up_to_date() -> None:
    assert (REPO / "docs/rules.md").read_text(encoding="utf-8") == rules_listing(markdown=True)
