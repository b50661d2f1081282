"""The template tables (二, 三, 四 of the 2019 and 2021 formats), read from any layout.

Grids (HTML, DOCX, PDF cells by position) and tables flattened into text both become `Row`s;
one mapping layer per table turns rows into record.md paths.
"""

from __future__ import annotations

from schemas import Cell, Document, Segmentation, SplitCell, Tables
from schemas.document import Template
from workers.stages.tables.flattened import split_lines, to_rows
from workers.stages.tables.grid import grid_rows
from workers.stages.tables.proactive import read_proactive, variant
from workers.stages.tables.regions import Regions, find_regions
from workers.stages.tables.requests import other_rows_f21, read_requests
from workers.stages.tables.review import read_review
from workers.stages.tables.rows import Row
from workers.stages.tables.runon import is_run_on, read_proactive_runon, read_requests_runon, read_review_runon
from workers.stages.tables.template import decide

__all__ = ["read_tables"]


def read_tables(doc: Document, seg: Segmentation) -> tuple[Tables, Template]:
    """Tables and the template version they show; ("unknown") when no template table is found."""
    text = doc.text
    regions = find_regions(text)
    from_grids = grid_rows(doc)
    skip = [(g.start, g.end) for g in doc.grids]

    def rows_in(span: tuple[int, int] | None) -> list[Row]:
        if span is None:
            return []
        lines = split_lines(text, span[0], span[1], skip)
        inside = [r for r in from_grids if span[0] <= r.start < span[1]]
        return sorted(to_rows(lines) + inside, key=lambda r: r.start)

    tables = Tables()
    splits: list[SplitCell] = []
    proactive_text = text[slice(*regions.proactive)] if regions.proactive else None
    if regions.proactive:
        tables.proactive = read_proactive(rows_in(regions.proactive), proactive_text or "") or None
    f21_other: bool | None = None
    if regions.requests:
        rows = rows_in(regions.requests)
        region_text = text[slice(*regions.requests)]
        block, extra, found = read_requests(rows, region_text)
        if block:
            tables.requests = block
            f21_other = other_rows_f21(rows, region_text)
        tables.extra_rows = extra or None
        splits.extend(found)
    if regions.review:
        block4, found4 = read_review(rows_in(regions.review))
        tables.review_litigation = block4 or None
        splits.extend(found4)
    tables.split_cells = splits or None
    _read_run_on(text, regions, tables)
    if tables.requests and f21_other is None:
        f21_other = any(k.startswith("other.overdue") for k in tables.requests) or None
    return tables, decide(proactive_text, not tables.is_empty(), f21_other)


def _numbers(block: dict[str, dict[str, Cell]] | None) -> int:
    return sum(c.value is not None for row in (block or {}).values() for c in row.values())


def _read_run_on(text: str, regions: Regions, tables: Tables) -> None:
    """Each table again as a run-on region (cells' digits run together), kept where it reads more numbers."""
    if regions.requests and is_run_on(region := text[slice(*regions.requests)]):
        block = read_requests_runon(region)
        if _numbers(block) > _numbers(tables.requests):
            tables.requests = block
    # Table 四 is a single row: its region is run-on whenever its fifteen cells are.
    if regions.review and _numbers(tables.review_litigation) < 15:
        block = read_review_runon(text[slice(*regions.review)])
        if _numbers(block) > _numbers(tables.review_litigation):
            tables.review_litigation = block
    if regions.proactive and is_run_on(region := text[slice(*regions.proactive)]):
        block = read_proactive_runon(region, variant(region) or "F21")
        if _numbers(block) > _numbers(tables.proactive):
            tables.proactive = block
