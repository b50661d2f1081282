"""Template tables read end to end: invented reports rendered as HTML, DOCX, PDF and flattened text go through the
real normalize stage (process_bytes with bytes), and every cell, the template and the table checks are compared
with the gold the fixture was rendered from."""

from __future__ import annotations

import pytest

from tests.fixtures.tables.cases import CASES, Case
from tests.fixtures.tables.judge import Outcome, judge

MIN_CELL_ACCURACY = 0.98
_SEEN: dict[str, Outcome] = {}


def _outcome(case: Case) -> Outcome:
    if case.name not in _SEEN:
        report, data = case.build()
        _SEEN[case.name] = judge(
            case.name, data, report.gold(), report.not_fail(), report.fails, report.template, case.content_type
        )
    return _SEEN[case.name]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_reads_back_its_cells_and_template_through_normalize(case: Case) -> None:
    out = _outcome(case)
    assert out.right / out.cells >= MIN_CELL_ACCURACY, "\n".join(out.wrong[:20])
    assert not [w for w in out.wrong if w.startswith("template")], out.wrong


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_raises_no_false_alarm_and_catches_its_printed_defects(case: Case) -> None:
    out = _outcome(case)
    assert out.false_alarms == []
    assert out.missed == []


def test_cell_accuracy_over_all_fixtures_is_at_least_98_percent() -> None:
    outs = [_outcome(c) for c in CASES]
    right, cells = sum(o.right for o in outs), sum(o.cells for o in outs)
    assert cells > 4000
    assert right / cells >= MIN_CELL_ACCURACY


def test_fixtures_cover_every_input_kind_and_both_templates() -> None:
    kinds = {(c.name.split("-")[0], c.name.rsplit(".", 1)[1]) for c in CASES}
    assert {(t, k) for t in ("f19", "f21") for k in ("html", "docx", "pdf", "txt")} <= kinds
