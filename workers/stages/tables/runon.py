"""Tables whose cells run together: `…申请数量0000000二、上年结转…0000000`, `规章101`, `…总计000000000000000`.

Crawler dumps of government sites print a table row as its label followed by its cells' digits with nothing
(or only a stray space) between the cells. A run of digits has many readings; the template knows each row's
width and the identities that tie its cells together, so a run is split by them:

- a row whose run has exactly as many digits as the row has cells reads one digit per cell, whatever the
  identities say (a report whose total is wrong is a defect to report, not a reason to read it otherwise);
- a longer run keeps only the readings whose row identity holds (table 三: the six applicant columns add up
  to the total; table 四: each block's four results add up to its total), and where a row still has several,
  the reading under which the most column identities of table 三 hold is taken (new + carried over =
  processed + carried forward; processed = the result rows);
- a row with no reading that holds, or table 二's cells that no identity ties, is left out rather than
  guessed when more than one reading remains.

Spaces inside a run are cell boundaries when they are there (`1 0 0 0 0 01`); a run is never split inside a
space-separated piece's digits except where that piece holds several cells.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from schemas import Cell
from workers.stages.tables.cells import parse_cell
from workers.stages.tables.labels import (
    REQUEST_COLUMNS,
    RESULTS_F19,
    RESULTS_F21,
    REVIEW_BLOCKS,
    REVIEW_COLUMNS,
    proactive_row,
    request_row,
)
from workers.stages.tables.proactive import proactive_columns
from workers.stages.tables.regions import Regions

Block = dict[str, dict[str, Cell]]
Reading = tuple[float, ...]

# Digits, with spaces between cells, and a decimal point only inside a number.
_RUN = re.compile(r"\d(?:[\d \t\u3000]|\.(?=\d))*")
# Table 二's 本年增/减 may be negative (行政许可88-720, 行政事业性收费15-15, 16减12): there a minus sign or 减 after
# a digit opens a negative cell, 增 a positive one.
_SIGNED_RUN = re.compile(r"\d(?:[\d \t\u3000]|\.(?=\d)|[-减增](?=\d))*")
_SIGN_WORDS = str.maketrans({"减": "-", "增": " "})
_NEGATIVE = re.compile(r"-?[^-]+")
# The ordinal of the next row ("…00000002.其他法律…"): digits right before a '.' or '、' and a word.
_ORDINAL_AFTER = re.compile(r"[.．、][^\d\s]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_YEAR_AFTER = re.compile(r"(?<=(?:19|20)\d\d)年")
# A label that touches its digits: the last character a word's or a closing bracket.
_GLUED = re.compile(r"[\u4e00-\u9fff)）”]$")
_T4_HEADER_END = re.compile(r"(?:总计|审结)\s*$")
_T4_HEADER_START = re.compile(r"行政复议\s*行政诉讼|结果\s*维持")
# A sentence, not a row label: prose figures before or after a table are no cells.
_PROSE = re.compile(r"[。，,；;]")
_UNIT_LABEL = re.compile(r"^\s*(?:笔|项|个|件|条|份|宗)\s*$")
_MAX_STEPS = 200_000
_MAX_COMBOS = 4096


class Piece(NamedTuple):
    label: str
    digits: str  # the run, spaces kept (they mark cell boundaries)
    start: int
    end: int
    same_line: bool = False  # no line break between the run before and this label


def pieces(text: str, signed: bool = False) -> list[Piece]:
    """(label, run) pairs in order: each run of digits with the words before it (`signed`: minus signs too)."""
    out: list[Piece] = []
    label_start = 0
    for m in (_SIGNED_RUN if signed else _RUN).finditer(text):
        run, end = m.group(0), m.end()
        stripped = run.rstrip()
        if _YEAR_AFTER.match(text, m.start() + len(stripped)) and len(stripped.replace(" ", "")) > 4:
            # The table's last row runs into the next sentence's year (…继续办理20000022025年，我局…).
            stripped = stripped[:-4].rstrip()
            end = m.start() + len(stripped)
        elif _ORDINAL_AFTER.match(text, m.start() + len(stripped)):
            # The last digit is the next row's ordinal (2.), or the whole run is one (1.属于国家秘密).
            stripped = stripped[:-1].rstrip()
            end = m.start() + len(stripped)
            if not stripped:
                continue
        label = text[label_start : m.start()]
        if _HAN.search(label):
            digits = stripped.translate(_SIGN_WORDS) if signed else stripped
            out.append(Piece(label.lstrip(), digits, m.start(), end, "\n" not in label))
        label_start = end
    return out


def is_run_on(text: str) -> bool:
    """Whether a table region prints its rows as label-then-digits with no line between them."""
    # A label with no line break in it shares its line with the row before it.
    glued = sum(1 for p in pieces(text) if p.same_line and _GLUED.search(p.label.rstrip()))
    return glued >= 2


def readings(run: str, width: int, holds: Callable[[Reading], bool]) -> list[Reading]:
    """Every way to read `run` as `width` whole numbers (no leading zeros) for which `holds` is true."""
    tokens = [t for token in run.split() for t in _NEGATIVE.findall(token)]
    digits = "".join(tokens)
    if len(digits) == width and len(tokens) <= width and digits.isdecimal():
        return [tuple(int(c) for c in digits)]
    out: list[Reading] = []
    for steps, reading in enumerate(_compose(tokens, width), 1):
        if steps > _MAX_STEPS:
            return []  # too many readings to weigh: the row is left out
        if holds(reading):
            out.append(reading)
    return out


def _compose(tokens: list[str], width: int) -> Iterator[Reading]:
    if not tokens:
        if width == 0:
            yield ()
        return
    head, rest = tokens[0], tokens[1:]
    for k in range(1, min(len(head), width - len(rest)) + 1):
        for part in _split(head, k):
            for tail in _compose(rest, width - k):
                yield part + tail


def _split(s: str, k: int) -> Iterator[Reading]:
    """`s` cut into `k` whole numbers written without leading zeros (a leading minus sign is the first one's)."""
    if len(s.lstrip("-")) < k:
        return  # a sign counts as no digit (行政许可5-0)
    if s.startswith("-"):
        for part in _split(s[1:], k):
            yield (-part[0], *part[1:])
        return
    if k == 1:
        if "." in s:
            if s.count(".") == 1 and s[0].isdecimal() and (s[0] != "0" or s.startswith("0.")) and not s.endswith("."):
                yield (float(s),)
        elif len(s) == 1 or s[0] != "0":
            yield (int(s),)
        return
    first_max = 1 if s[0] == "0" else len(s) - k + 1
    for n in range(1, first_max + 1):
        if "." in s[: n + 1]:
            break  # a decimal number is one cell: only the last part of a piece may hold one
        for tail in _split(s[n:], k - 1):
            yield (int(s[:n]), *tail)


def _row_total(reading: Reading) -> bool:
    return sum(reading[:-1]) == reading[-1]


def _blocks_total(reading: Reading) -> bool:
    return all(sum(reading[i : i + 4]) == reading[i + 4] for i in range(0, len(reading), 5))


def read_requests_runon(text: str) -> Block:
    """Table 三 from a run-on region: {row: {column: cell}}; rows without a sure reading are left out."""
    found: dict[str, list[Reading]] = {}
    broken: dict[str, str] = {}  # rows whose digits balance under no reading: a defect of the report, or a misprint
    blank: set[str] = set()
    for piece in _rows_with_blanks(text):
        key = request_row(piece.label)
        if key is None or key in found or key in blank:
            continue
        if not piece.digits:
            blank.add(key)
            continue
        options = readings(piece.digits, len(REQUEST_COLUMNS), _row_total)
        if options:
            found[key] = options
        else:
            broken[key] = piece.digits
    chosen = _resolve_columns(found)
    chosen.update(_read_broken_rows(broken, chosen))
    block: Block = {
        key: {col: parse_cell(str(v)) for col, v in zip(REQUEST_COLUMNS, reading, strict=True)}
        for key, reading in chosen.items()
    }
    for key in blank:
        block[key] = {col: parse_cell("") for col in REQUEST_COLUMNS}
    return block


def _rows_with_blanks(text: str) -> list[Piece]:
    """The pieces, plus a row label followed straight by the next row's label (a row printed with no digits):
    such a label ends where the next row's label starts, which only the labels themselves tell."""
    out: list[Piece] = []
    for piece in pieces(text):
        parts = _label_parts(piece.label)
        out.extend(Piece(p, "", piece.start, piece.start) for p in parts[:-1])
        out.append(Piece(parts[-1] if parts else piece.label, piece.digits, piece.start, piece.end))
    return out


_ITEM = re.compile(r"(?=(?:[(（][一二三四五六七][)）]|\d[.．、])[^\d(（]{2,})")


def _label_parts(label: str) -> list[str]:
    """A label text cut before each ordinal that opens a row ("2.重复申请", "(四)无法提供")."""
    cuts = [m.start() for m in _ITEM.finditer(label)] or [0]
    bounds = [0, *[c for c in cuts if c > 0], len(label)]
    parts = [label[a:b] for a, b in itertools.pairwise(bounds) if label[a:b].strip()]
    # Group labels ((三)不予公开) carry no cells: they stay joined to the item after them.
    merged: list[str] = []
    for part in parts:
        # (六)其他处理 is a row of its own in F19 and the group of three rows in F21.
        if merged and request_row(merged[-1]) in (None, "other.total"):
            merged[-1] += part
        else:
            merged.append(part)
    return merged


def _resolve_columns(found: dict[str, list[Reading]]) -> dict[str, Reading]:
    """One reading per row: the combination under which most of table 三's column identities hold."""
    sure = {k: v[0] for k, v in found.items() if len(v) == 1}
    open_rows = [k for k, v in found.items() if len(v) > 1]
    if not open_rows:
        return sure
    combos = 1
    for k in open_rows:
        combos *= len(found[k])
    if combos > _MAX_COMBOS:
        return sure  # too open to choose: the ambiguous rows are left out
    best: tuple[int, dict[str, Reading]] | None = None
    for pick in itertools.product(*(found[k] for k in open_rows)):
        trial = {**sure, **dict(zip(open_rows, pick, strict=True))}
        score = _identities_holding(trial)
        if best is None or score > best[0]:
            best = (score, trial)
    assert best is not None
    return best[1]


def _read_broken_rows(broken: dict[str, str], rows: dict[str, Reading]) -> dict[str, Reading]:
    """A row whose own total fails under every reading (19,1,0,0,0,0,19 printed 191000019) is read the one way
    under which the most column identities hold with the rows already read, and left out when that is not one
    way: the report's error is then reported as it stands, not hidden by leaving the row out."""
    out: dict[str, Reading] = {}
    for key, digits in broken.items():
        options = readings(digits, len(REQUEST_COLUMNS), _any)
        scored = sorted(((_identities_holding({**rows, key: r}), r) for r in options), reverse=True)
        if scored and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            out[key] = scored[0][1]
    return out


def _identities_holding(rows: dict[str, Reading]) -> int:
    results = [k for k in (RESULTS_F21 if "other.other" in rows else RESULTS_F19) if k in rows]
    held = 0
    for c in range(len(REQUEST_COLUMNS)):
        if all(k in rows for k in ("new_received", "carried_over", "total_processed", "carried_forward")):
            held += (
                rows["new_received"][c] + rows["carried_over"][c]
                == rows["total_processed"][c] + rows["carried_forward"][c]
            )
        if "total_processed" in rows and results:
            held += sum(rows[k][c] for k in results) == rows["total_processed"][c]
    return held


def read_review_runon(text: str) -> Block:
    """Table 四 from a run-on region: the fifteen cells after the header words, split by block totals. The
    cells may come in several runs with only spaces or a mark between them; words end the table."""
    found = pieces(text)
    # The cells follow the last header word; figures in a sentence before the table are not cells.
    first = next((i for i, p in enumerate(found) if _T4_HEADER_END.search(p.label)), None)
    if first is None:
        return {}
    runs = [found[first].digits]
    for piece in found[first + 1 :]:
        if len(piece.label.strip()) > 2:
            break
        runs.append(piece.digits)
    width = len(REVIEW_BLOCKS) * len(REVIEW_COLUMNS)
    options = readings(" ".join(runs), width, _blocks_total)
    if len(options) != 1:
        return {}
    cells = iter(options[0])
    return {block: {col: parse_cell(str(next(cells))) for col in REVIEW_COLUMNS} for block in REVIEW_BLOCKS}


def read_proactive_runon(text: str, version: str) -> Block:
    """Table 二 from a run-on region. Rows of one cell take their run whole; the three-cell rows of documents
    take the readings in which the documents in force (or published in all) are not fewer than those made
    (or published) this year. When several readings remain, a row keeps the cells they all agree on
    (行政强制4205: 4|20|5 or 42|0|5, five decisions either way) and leaves out the others."""
    block: Block = {}
    for piece in pieces(text, signed=True):
        key = proactive_row(piece.label)
        if key is None or key in block or _PROSE.search(piece.label):
            continue
        cols = proactive_columns(version, key)
        if len(cols) == 1:
            # A one-cell row has no change column: a sign after its number starts something else.
            head = _RUN.match(text, piece.start, piece.end)
            if head and len(head.group().split()) == 1:
                block[key] = {cols[0]: parse_cell(head.group().strip())}
            continue
        options = readings(piece.digits, len(cols), _never_fewer_in_force if key in _DOC_ROWS else _any)
        # Only the 本年增/减 column counts down: a reading with any other cell negative is no reading.
        options = [r for r in options if all(v >= 0 or c == "change" for v, c in zip(r, cols, strict=True))]
        if not options:
            continue
        agreed = {c: parse_cell(str(options[0][i])) for i, c in enumerate(cols) if len({o[i] for o in options}) == 1}
        if agreed:
            block[key] = agreed
    return block


_DOC_ROWS = ("regs", "normative_docs")


def _never_fewer_in_force(r: Reading) -> bool:
    return r[2] >= r[0] and r[2] >= r[1]


def _any(r: Reading) -> bool:
    return True


def run_on_spans(text: str, regions: Regions) -> list[tuple[int, int]]:
    """Where tables 二, 三 and 四 stand in `text` when printed run-on, or with spaces inside a line of prose: their
    labels and digits are no prose (a row label such as 信访举报投诉类申请 followed by 0000000 states no zero of
    complaints; 政府集中采购 2笔 984361元 is no fee). Table 四's region opens at
    the first 行政复议, often in a sentence before the table, so its span starts at its header words."""
    proactive, requests, review = regions.proactive, regions.requests, regions.review
    spans: list[tuple[int, int]] = []
    if proactive:
        # The region runs to table 三's header; what stands after table 二's last row is prose again. Printed
        # with spaces between its cells inside a line of prose (a flattened page), the table is no prose either.
        region = text[slice(*proactive)]
        found = pieces(region, signed=True)
        rows = [i for i, p in enumerate(found) if proactive_row(p.label) and not _PROSE.search(p.label)]
        if rows:
            last = rows[-1]
            # A cell may carry its unit between numbers (政府集中采购 2笔 984361元): the row runs on over them.
            while last + 1 < len(found) and _UNIT_LABEL.match(found[last + 1].label):
                last += 1
            spans.append((proactive[0], proactive[0] + found[last].end))
    if requests:
        # To its last row: the region runs on to table 四's caption, which may be the next section's heading.
        region = text[slice(*requests)]
        if table_rows := [p for p in pieces(region) if request_row(p.label) and not _PROSE.search(p.label)]:
            spans.append((requests[0], requests[0] + table_rows[-1].end))
        elif is_run_on(region):
            spans.append(requests)
    if review:
        region = text[slice(*review)]
        header = _T4_HEADER_START.search(region)
        cells = next((p for p in pieces(region) if _T4_HEADER_END.search(p.label)), None)
        if header and cells and header.start() < cells.start:
            spans.append((review[0] + header.start(), review[0] + cells.end))
    return spans
