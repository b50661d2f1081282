"""Page metadata across the CMS templates real government sites use: invented pages in tests/fixtures/pages, each
with the expected meta beside it in the gold format (../shared/eval/README.md)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from schemas.document import Document, Limits
from workers.stages.normalize import normalize

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
# What normalize decides; the template comes later, from the tables.
FIELDS = ("title", "report_year", "publisher", "published_date", "written_date", "index_no", "script")


def _pages() -> list[Path]:
    return sorted(p for p in PAGES.iterdir() if p.suffix in (".html", ".txt"))


@cache
def _document(path: Path) -> Document:
    return normalize(path.read_bytes(), path.name, None, Limits())


def _expected(path: Path) -> dict[str, object]:
    meta: dict[str, object] = json.loads(path.with_name(path.name + ".json").read_text("utf-8"))["meta"]
    return meta


def _same(expected: object, got: object) -> bool:
    # As the scorer compares: whitespace does not count.
    return re.sub(r"\s+", "", str(expected)) == re.sub(r"\s+", "", str(got))


def _misses() -> tuple[list[str], int]:
    misses: list[str] = []
    total = 0
    for path in _pages():
        got = _document(path).meta.model_dump(mode="json")
        expected_meta = _expected(path)
        for field in FIELDS:
            # A field the gold omits was not printed: reading one anyway ("来源:本站" as publisher) is a miss too.
            expected = expected_meta.get(field)
            if expected is None and got.get(field) is None:
                continue
            total += 1
            if not _same(expected, got.get(field)):
                misses.append(f"{path.name}: {field} expected {expected!r} got {got.get(field)!r}")
    return misses, total


def test_there_are_at_least_twelve_page_fixtures_each_with_expected_meta() -> None:
    pages = _pages()
    assert len(pages) >= 12
    assert all(p.with_name(p.name + ".json").is_file() for p in pages)


def test_page_metadata_is_read_right_for_at_least_95_percent_of_fields_across_cms_templates() -> None:
    misses, total = _misses()
    assert 1 - len(misses) / total >= 0.95, "\n".join(misses)


def test_mirror_page_spam_and_pinyin_are_recorded_as_removed() -> None:
    doc = _document(PAGES / "p09_mirror_spam_pinyin_2014.txt")
    assert {r.kind for r in doc.removed} == {"spam", "pinyin"}
    assert "皇冠" not in doc.text and "(zhèng)" not in doc.text


def test_mojibake_page_keeps_and_locates_its_garbled_runs() -> None:
    doc = _document(PAGES / "p10_mojibake_2012.txt")
    assert {g.kind for g in doc.garbled} == {"question_marks", "debris"}


def test_there_are_at_least_ten_scraped_excerpts_cut_near_two_thousand_characters() -> None:
    excerpts = [p for p in _pages() if not json.loads(p.with_name(p.name + ".json").read_text("utf-8"))["complete"]]
    assert len(excerpts) >= 10
    assert all(1900 <= len(p.read_text("utf-8")) <= 2100 for p in excerpts)
