"""Table checks: identities per column and row, blanks uncertain, a lenient pass apart, prose against table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from schemas import Cell, Document, Evidence, Extraction, Fact, Part, Segmentation, Tables
from workers.stages.validate.tables import run


def _c(v: float | None) -> Cell:
    if v is None:
        return Cell(value=None, raw="", semantic="blank")
    return Cell(value=v, raw=str(v), semantic="zero" if v == 0 else "number")


def _review(review: list[float | None]) -> dict[str, dict[str, Cell]]:
    cols = ("maintained", "corrected", "other", "pending", "total")
    return {
        "review": {c: _c(v) for c, v in zip(cols, review, strict=True)},
        "litigation_direct": {c: _c(0) for c in cols},
        "litigation_after_review": {c: _c(0) for c in cols},
    }


def _checks(tables: Tables, text: str = "", rule: str | None = None) -> list:
    ext = Extraction(tables=tables, template="F21")
    out = run(Document(text=text, detected_format="text"), Segmentation(), ext)
    return [c for c in out if rule is None or c.rule == rule]


def test_review_total_that_is_not_the_sum_fails_with_the_numbers_in_chinese() -> None:
    checks = _checks(Tables(review_litigation=_review([10, 1, 0, 0, 0])), rule="table4.row_total")
    failed = [c for c in checks if c.status == "fail"]
    assert len(failed) == 1
    assert failed[0].message.startswith("行政复议：维持10+纠正1+其他0+尚未审结0=11，总计栏为0")
    assert any(e.cell == "review_litigation.review.total" for e in failed[0].evidence)


def test_blank_operand_makes_the_check_uncertain_and_the_lenient_pass_separate() -> None:
    checks = _checks(Tables(review_litigation=_review([2, None, 0, 0, 2])), rule="table4.row_total")
    review = [c for c in checks if c.scope == "review_litigation.review"]
    assert [(c.status, c.lenient) for c in review] == [("uncertain", False), ("pass", True)]


def test_lenient_pass_never_fails_when_blanks_as_zero_do_not_add_up() -> None:
    checks = _checks(Tables(review_litigation=_review([2, None, 0, 0, 5])), rule="table4.row_total")
    assert "fail" not in {c.status for c in checks}


def test_balance_per_column_passes_when_new_plus_carried_equals_processed_plus_forward() -> None:
    cols = (
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "social_welfare_org",
        "legal_service_org",
        "other_org",
        "total",
    )
    rows = {
        "new_received": [3, 0, 0, 0, 0, 0, 3],
        "carried_over": [1, 0, 0, 0, 0, 0, 1],
        "granted": [3, 0, 0, 0, 0, 0, 3],
        "total_processed": [3, 0, 0, 0, 0, 0, 3],
        "carried_forward": [1, 0, 0, 0, 0, 0, 1],
    }
    req = {r: {c: _c(v) for c, v in zip(cols, vals, strict=True)} for r, vals in rows.items()}
    checks = _checks(Tables(requests=req), rule="table3.balance")
    assert {c.status for c in checks} == {"pass"}


def test_prose_figure_that_differs_from_the_table_fails() -> None:
    text = "本年度共收到政府信息公开申请9件。"
    req = {"new_received": {"total": _c(7)}}
    checks = _checks(Tables(requests=req), text, rule="prose_vs_table")
    assert [c.status for c in checks] == ["fail"]


def test_prose_figure_against_a_blank_table_cell_is_uncertain() -> None:
    checks = _checks(Tables(requests={"new_received": {"total": _c(None)}}), "收到申请3件。", rule="prose_vs_table")
    assert [c.status for c in checks] == ["uncertain"]


def test_negative_count_fails_table_values() -> None:
    req = {"granted": {"total": Cell(value=-1, raw="-1", semantic="number")}}
    assert [c.status for c in _checks(Tables(requests=req), rule="table.values")] == ["fail"]


def test_prose_template_reports_get_no_table_checks() -> None:
    ext = Extraction(tables=Tables(), template="F07")
    assert run(Document(text="", detected_format="text"), Segmentation(), ext) == []


def test_real_corpus_cells_and_expected_table_defects(shared_dir: Path, tmp_path: Path) -> None:
    """Every gold table cell of the text reports is read and no table check fails where the report is consistent."""
    import opencc

    from workers.stages.tables import read_tables

    records = []
    for path in sorted((shared_dir / "corpus").glob("*.txt")):
        text = opencc.OpenCC("t2s").convert(path.read_text(encoding="utf-8"))
        text = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)
        doc = Document(text=text, detected_format="text")
        tables, template = read_tables(doc, Segmentation())
        checks = run(doc, Segmentation(), Extraction(tables=tables, template=template))
        records.append(
            {
                "source": {"key": path.name},
                "tables": tables.model_dump(mode="json"),
                "checks": [c.model_dump(mode="json") for c in checks],
            }
        )
    out = tmp_path / "records.jsonl"
    out.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    score = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "eval" / "score.py"),
            "--gold",
            str(shared_dir / "eval" / "gold"),
            "--records",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    problems = [line for line in score.splitlines() if ": cell " in line or "fails but" in line]
    assert [p for p in problems if not p.startswith("r049.pdf: cell")] == []


def test_a_result_group_the_prose_counts_is_held_against_the_sum_of_its_rows() -> None:

    quote = "共受理申请9件,经分类处置后,给予同意公开答复5件,因无法提供相关信息答复2件,其他处理2件。"
    received = Fact(
        concept="requests.received",
        value=9,
        unit="件",
        parts=[
            Part(label="给予同意公开答复", value=5),
            Part(label="因无法提供相关信息答复", value=2),
            Part(label="其他处理", value=2),
        ],
        evidence=Evidence(start=0, end=len(quote), quote=quote),
    )
    req = {
        "new_received": {"total": _c(9)},
        "unable.not_held": {"total": _c(0)},
        "unable.needs_creation": {"total": _c(0)},
        "unable.unclear": {"total": _c(0)},
        "other.overdue_correction": {"total": _c(0)},
        "other.overdue_fee": {"total": _c(0)},
        "other.other": {"total": _c(4)},
    }
    ext = Extraction(tables=Tables(requests=req), template="F21", facts=[received])
    checks = run(Document(text=quote, detected_format="text"), Segmentation(), ext)
    groups = [c for c in checks if c.rule == "prose_vs_table" and "new_received" not in c.message]
    assert sorted((c.expected, c.actual, c.status) for c in groups) == [(2, 0, "fail"), (2, 4, "fail")]
    assert any(e.cell == "requests.unable.not_held.total" for c in groups for e in c.evidence)
