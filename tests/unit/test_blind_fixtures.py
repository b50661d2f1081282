"""Blind fixtures (tests/fixtures/blind): invented reports written in the shapes of real scraped ones, with gold
annotated by hand from the text alone before the extractor was studied. Scored as the shared evaluation
scores real reports; aggregate thresholds, so that they measure generality rather than pin every answer."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.fixtures.scoring import ratio, score_folder

BLIND = Path(__file__).resolve().parents[1] / "fixtures" / "blind"
GOLD = sorted(BLIND.glob("*.txt.json"))


@pytest.fixture(scope="module")
def scored() -> tuple[Counter[str], list[str]]:
    return score_folder(BLIND, cells=True)


def test_there_are_twenty_five_blind_fixtures_of_both_formats_each_with_a_gold_answer() -> None:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD]
    assert len(golds) >= 25
    assert all((BLIND / g["doc"]).exists() for g in golds)
    templates = Counter(g["meta"]["template"] for g in golds)
    assert templates["F07"] >= 10 and templates["F19"] + templates["F21"] >= 10


def test_blind_fixtures_have_their_top_level_sections_found_with_the_right_kinds(
    scored: tuple[Counter[str], list[str]],
) -> None:
    tally, problems = scored
    assert ratio(tally, "sec_found", "sec_gold") >= 0.97, problems
    assert ratio(tally, "sec_found", "sec_out") >= 0.97, problems
    assert ratio(tally, "kinds_ok", "kinds_total") >= 0.97, problems


def test_blind_fixtures_have_their_prose_figures_and_breakdowns_found_without_false_figures(
    scored: tuple[Counter[str], list[str]],
) -> None:
    tally, problems = scored
    assert ratio(tally, "fact_found", "fact_gold") >= 0.95, problems
    assert ratio(tally, "fact_found", "fact_out") >= 0.97, problems
    assert ratio(tally, "parts_ok", "parts_gold") >= 0.93, problems


def test_blind_fixtures_have_their_flattened_table_cells_read(scored: tuple[Counter[str], list[str]]) -> None:
    tally, problems = scored
    assert tally["cell_gold"] > 2000
    assert ratio(tally, "cell_ok", "cell_gold") >= 0.98, problems


def test_blind_fixtures_have_every_planted_defect_caught_and_no_consistent_rule_flagged(
    scored: tuple[Counter[str], list[str]],
) -> None:
    tally, problems = scored
    assert tally["fail_gold"] >= 10
    assert ratio(tally, "fail_caught", "fail_gold") >= 0.9, problems
    assert tally["false_fail"] == 0, problems
