"""The invented prose reports in tests/fixtures/prose, run through the whole pipeline and scored as the
shared evaluation scores real ones. Aggregate thresholds, not per-fixture perfection: the fixtures are
there to keep segment, extract and the prose/structure checks general beyond the visible corpus."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.fixtures.scoring import ratio, score_folder

PROSE = Path(__file__).resolve().parents[1] / "fixtures" / "prose"
GOLD = sorted(PROSE.glob("*.txt.json"))


@pytest.fixture(scope="module")
def scored() -> tuple[Counter[str], list[str]]:
    return score_folder(PROSE)


def test_there_are_at_least_twenty_prose_fixtures_each_with_a_gold_answer() -> None:
    assert len(GOLD) >= 20
    assert all((PROSE / json.loads(p.read_text(encoding="utf-8"))["doc"]).exists() for p in GOLD)


def test_top_level_sections_of_unseen_report_layouts_are_found(scored: tuple[Counter[str], list[str]]) -> None:
    tally, problems = scored
    assert ratio(tally, "sec_found", "sec_gold") >= 0.95, problems
    assert ratio(tally, "sec_found", "sec_out") >= 0.95, problems
    assert ratio(tally, "kinds_ok", "kinds_total") >= 0.95, problems


def test_prose_facts_are_found_with_few_false_figures(scored: tuple[Counter[str], list[str]]) -> None:
    tally, problems = scored
    assert ratio(tally, "fact_found", "fact_gold") >= 0.9, problems
    assert ratio(tally, "fact_found", "fact_out") >= 0.95, problems
    assert ratio(tally, "parts_ok", "parts_gold") >= 0.9, problems


def test_every_planted_defect_is_caught_and_no_consistent_report_is_flagged(
    scored: tuple[Counter[str], list[str]],
) -> None:
    tally, problems = scored
    assert tally["fail_caught"] == tally["fail_gold"], problems
    assert tally["false_fail"] == 0, problems
