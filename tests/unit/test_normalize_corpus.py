"""The real corpus (../shared): page metadata against the gold answers, and r049.pdf's tables read from the PDF."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from schemas.document import Document, Limits
from workers.stages.normalize import normalize

FIELDS = ("title", "report_year", "publisher", "published_date", "written_date", "index_no", "script")


def _doc(shared: Path, name: str) -> Document:
    return normalize((shared / "corpus" / name).read_bytes(), name, None, Limits())


def _comparable(value: object) -> str:
    return re.sub(r"\s+", "", str(value)) if value is not None else ""


def test_page_metadata_matches_the_gold_answers_on_the_corpus(shared_dir: Path) -> None:
    right = total = 0
    misses = []
    for gold_path in sorted((shared_dir / "eval" / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        meta = _doc(shared_dir, gold["doc"]).meta.model_dump(mode="json")
        for field in FIELDS:
            if field in gold["meta"]:
                total += 1
                if _comparable(gold["meta"][field]) == _comparable(meta[field]):
                    right += 1
                else:
                    misses.append((gold["doc"], field, gold["meta"][field], meta[field]))
    assert right / total >= 0.95, misses


def test_r049_pdf_tables_are_grids_read_by_cell_position(shared_dir: Path) -> None:
    doc = _doc(shared_dir, "r049.pdf")
    assert doc.detected_format == "pdf" and doc.pages == 5
    rows = [row for grid in doc.grids for row in grid.rows]
    assert ["行政许可", "550", "550", "550"] in rows
    assert any(
        row[0] == "一、本年新收政府信息公开申请数量" and row[3:] == ["21", "0", "0", "0", "0", "0", "21"]
        for row in rows
    )
    assert ["10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0"] in rows


def test_r049_pdf_text_has_no_page_numbers_and_whole_paragraphs(shared_dir: Path) -> None:
    text = _doc(shared_dir, "r049.pdf").text
    assert not re.search(r"^- \d+ -$", text, flags=re.MULTILINE)
    assert "严格执行“分级审核、先审后发”程序" in text


def test_traditional_report_with_pinyin_is_simplified_and_the_pinyin_recorded(shared_dir: Path) -> None:
    doc = _doc(shared_dir, "r011.txt")
    assert doc.meta.script == "traditional" and "(dāng)" not in doc.text
    assert doc.removed and all(r.kind == "pinyin" for r in doc.removed)


@pytest.mark.parametrize("name", ["000_93132b439e43e55f.txt", "r002.txt", "r042.txt"])
def test_clean_corpus_reports_have_nothing_removed_or_garbled(shared_dir: Path, name: str) -> None:
    doc = _doc(shared_dir, name)
    assert (doc.removed, doc.garbled) == ([], [])
