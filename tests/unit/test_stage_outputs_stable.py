"""Hostile text through segment, extract and validate: the time stays linear in the input's size."""

from __future__ import annotations

import time

import pytest

from schemas import Limits
from tests.fixtures import hostile
from workers.pipeline import extract
from workers.stages.normalize import normalize
from workers.stages.segment import segment
from workers.stages.validate import validate


def _stages_seconds(data: bytes) -> float:
    doc = normalize(data, "hostile.txt", "text/plain", Limits())
    started = time.perf_counter()
    seg = segment(doc)
    validate(doc, seg, extract(doc, seg))
    return time.perf_counter() - started


@pytest.mark.timeout(60)
def test_a_one_megabyte_single_line_report_goes_through_segment_extract_and_validate_in_under_five_seconds() -> None:
    assert _stages_seconds(hostile.long_line_text(1024 * 1024)) < 5.0


@pytest.mark.timeout(60)
def test_repetitions_that_make_naive_patterns_backtrack_go_through_the_stages_in_under_five_seconds() -> None:
    assert _stages_seconds(hostile.regex_hostile_text()) < 5.0


@pytest.mark.timeout(60)
def test_ten_thousand_sentences_each_with_a_total_and_its_part_take_seconds_not_minutes() -> None:
    # Every sentence an anchor with a part: anything quadratic in the number of counts takes minutes here.
    text = "".join(f"主动公开政府信息{i}条，其中网站公开{i}条。" for i in range(10_000))
    assert _stages_seconds(text.encode()) < 10.0


@pytest.mark.timeout(60)
def test_ten_thousand_headings_each_answered_by_a_bare_none_take_seconds_not_minutes() -> None:
    # Each 无。 looks back for the heading it answers: anything quadratic in headings x sentences takes minutes here.
    text = "".join(f"{'一二三'[i % 3]}、不予公开情况\n无。\n" for i in range(10_000))
    assert _stages_seconds(text.encode()) < 10.0


@pytest.mark.timeout(60)
def test_twelve_thousand_totals_said_again_with_their_lists_take_seconds_not_minutes() -> None:
    # Each restatement frees a count that then looks for its own list: a scan of every count per anchor is quadratic.
    text = "在主动公开的86条信息中,全文电子化的主动公开信息数共86条,机构职能类45条,规范性文件类41条。" * 12000
    assert _stages_seconds(text.encode()) < 10.0
