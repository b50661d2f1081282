"""`gongkai survey DIR`: label-free health figures over a folder of real reports.

None of these figures is truth: a report can have all its sections found and every figure wrong. They are
cheap to take on any folder, though, and a drop in one of them points at a failure class fast; then the
reports behind the drop are read. Every file ends as a record, a dead letter (a permanent error, by code) or a
crash (any other exception: a bug, listed with its type).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemas import Limits, ObjectRef, Record
from workers.errors import GongkaiError
from workers.pipeline import process_bytes

_TABLE_RULES = ("table3.balance", "table3.results_sum", "table3.row_total", "table4.row_total")
_SLOWEST = 5
_SHORT_TEXT = 800


@dataclass
class _Tally:
    reports: int = 0
    # Each record without its text (the bulk of it, not needed once its coverage is taken): a survey of many
    # thousand reports holds their figures, not their texts.
    records: list[Record] = field(default_factory=list)
    covered: list[float] = field(default_factory=list)
    short_texts: int = 0
    dead: Counter[str] = field(default_factory=Counter)
    crashed: list[dict[str, str]] = field(default_factory=list)
    seconds: list[tuple[float, str]] = field(default_factory=list)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".") and p.suffix != ".tsv")


def _run(paths: Iterable[Path], limits: Limits) -> _Tally:
    t = _Tally()
    for path in paths:
        t.reports += 1
        t0 = time.perf_counter()
        try:
            data = path.read_bytes()
            record = process_bytes(data, ObjectRef(bucket="", key=str(path), size=len(data)), None, limits)
            t.covered.append(_covered(record))
            t.short_texts += len(record.text) < _SHORT_TEXT
            t.records.append(record.model_copy(update={"text": ""}))
        except GongkaiError as e:
            t.dead[e.code] += 1
        except Exception as e:  # a crash is what the survey exists to find: counted, never raised
            t.crashed.append({"file": path.name, "error": type(e).__name__})
        t.seconds.append((time.perf_counter() - t0, path.name))
    return t


def _share(n: int, d: int) -> float | None:
    return round(n / d, 3) if d else None


def _covered(rec: Record) -> float:
    """The share of the report's text inside recognised sections (page header and preamble count as outside)."""
    if not rec.text:
        return 0.0
    inside = sum(s.end - s.start for s in rec.sections)
    return min(1.0, inside / len(rec.text))


def _statuses(rec: Record) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for c in rec.checks:
        out.setdefault(c.rule, set()).add(c.status)
    return out


def _cells(rec: Record) -> tuple[int, int]:
    """(cells present, cells holding a number) over the three template tables."""
    present = numbers = 0
    for block in (rec.tables.proactive, rec.tables.requests, rec.tables.review_litigation):
        for row in (block or {}).values():
            for cell in row.values():
                present += 1
                numbers += cell.value is not None
    return present, numbers


def summarize(t: _Tally) -> dict[str, Any]:
    recs = t.records
    n = len(recs)
    templated = [r for r in recs if r.meta.template in ("F19", "F21")]
    concept_counts: Counter[str] = Counter()
    reports_with: Counter[str] = Counter()
    failing: Counter[str] = Counter()
    uncertain: Counter[str] = Counter()
    for r in recs:
        seen = set()
        for f in r.facts:
            concept_counts[f.concept] += 1
            seen.add(f.concept)
        reports_with.update(seen)
        for rule, sts in _statuses(r).items():
            failing[rule] += "fail" in sts
            uncertain[rule] += "uncertain" in sts and "fail" not in sts
    all_parts = sum(1 for r in recs if _statuses(r).get("structure.sections") == {"pass"})
    all_tables = sum(
        1 for r in templated if r.tables.proactive and r.tables.requests and r.tables.review_litigation
    )
    identities = Counter[str]()
    for r in templated:
        for rule, sts in _statuses(r).items():
            if rule in _TABLE_RULES:
                identities["fail" if "fail" in sts else "pass" if sts == {"pass"} else "other"] += 1
    cells = [_cells(r) for r in templated]
    return {
        "reports": t.reports,
        "records": n,
        "dead_lettered": dict(sorted(t.dead.items())),
        "crashed": t.crashed,
        "templates": dict(sorted(Counter(r.meta.template for r in recs).items())),
        "report_year_found": _share(sum(r.meta.report_year is not None for r in recs), n),
        "with_sections": _share(sum(bool(r.sections) for r in recs), n),
        "with_required_sections": _share(all_parts, n),
        "text_in_sections": _share(round(sum(t.covered) * 1000), n * 1000),
        "short_text": t.short_texts,
        "with_facts": _share(sum(bool(r.facts) for r in recs), n),
        "facts_per_report": _share(sum(concept_counts.values()), n),
        "facts_by_concept": {
            c: {"per_report": _share(concept_counts[c], n), "reports": reports_with[c]} for c in sorted(concept_counts)
        },
        "template_reports": len(templated),
        "with_all_three_tables": _share(all_tables, len(templated)),
        "cells_present": sum(c[0] for c in cells),
        "cells_with_number": sum(c[1] for c in cells),
        "table_identities": dict(sorted(identities.items())),
        "checks_failing": dict(sorted((k, v) for k, v in failing.items() if v)),
        "checks_uncertain": dict(sorted((k, v) for k, v in uncertain.items() if v)),
        "slowest": [{"file": name, "seconds": round(s, 3)} for s, name in sorted(t.seconds, reverse=True)[:_SLOWEST]],
    }


def survey(folder: Path, limits: Limits) -> dict[str, Any]:
    return summarize(_run(_files(folder), limits))


def render(s: dict[str, Any]) -> str:
    """The summary as an aligned two-column table for a terminal."""
    rows: list[tuple[str, str]] = []
    for key, value in s.items():
        if key == "facts_by_concept":
            for concept, v in value.items():
                rows.append((f"  facts {concept}", f"{v['per_report']} per report, in {v['reports']} reports"))
        elif key in ("checks_failing", "checks_uncertain", "dead_lettered", "templates", "table_identities"):
            rows.append((key, ", ".join(f"{k} {v}" for k, v in value.items()) or "none"))
        elif key in ("crashed", "slowest"):
            rows.append((key, ", ".join(" ".join(str(x) for x in item.values()) for item in value) or "none"))
        else:
            rows.append((key, "n/a" if value is None else str(value)))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)
