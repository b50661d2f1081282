"""Character-level cleaning of extracted text: widths, spaces, date zeros, and the traditional -> simplified script."""

from __future__ import annotations

import re
from dataclasses import dataclass

import opencc

# Full-width ASCII (U+FF01..U+FF5E) maps onto ASCII by a fixed offset. NFKC would do this too, but it also
# flattens enumerators (① -> 1, ⑴ -> (1), ㈠ -> (一)) and so changes what a report says ("①12件" -> "112件").
_WIDTH: dict[int, int | None] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x202F: 0x20, 0x0009: 0x20})
_WIDTH.update({cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)})
_WIDTH.update({0x000C: 0x0A, 0x000B: 0x0A, 0x2028: 0x0A, 0x2029: 0x0A})

# Zero written as a letter or a circle inside a date: "二○一四年", "二O一四年", "2O14年".
_CN_YEAR = re.compile(r"[一二三四五六七八九〇○OＯ零]{4}(?=\s?年)")
_DIGIT_RUN = re.compile(r"(?<![A-Za-z])[0-9OoＯ○〇]{1,4}(?=\s?[年月日])")
_ZERO_LIKE = str.maketrans({"○": "〇", "O": "〇", "Ｏ": "〇", "零": "〇"})
_TO_ASCII_ZERO = str.maketrans({"O": "0", "o": "0", "Ｏ": "0", "○": "0", "〇": "0"})

_SPACE_RUN = re.compile(r" {9,}")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Spaces a PDF's justified layout puts between CJK characters and CJK punctuation.
_CJK_GAP = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef,.:;!?()]) +(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef,:;!?()])"
)

_T2S = opencc.OpenCC("t2s")


def fold_width(text: str) -> str:
    """Full-width ASCII to half-width, odd spaces to plain spaces, invisible characters out, line ends to \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_WIDTH)
    # Long space runs are layout padding; capping them keeps every later `\s*` pattern linear on hostile input.
    return _SPACE_RUN.sub("        ", text)


def _cn_year(m: re.Match[str]) -> str:
    run = m.group(0)
    return run.translate(_ZERO_LIKE) if any(c in "一二三四五六七八九" for c in run) else run


def _digit_run(m: re.Match[str]) -> str:
    run = m.group(0)
    return run.translate(_TO_ASCII_ZERO) if any(c.isdigit() for c in run) else run


def fix_date_zeros(text: str) -> str:
    """Read letter O and circles in dates as zero, so the date parsers see real numerals."""
    return _DIGIT_RUN.sub(_digit_run, _CN_YEAR.sub(_cn_year, text))


def close_cjk_gaps(text: str) -> str:
    return _CJK_GAP.sub("", text)


@dataclass
class ScriptTally:
    """Counts CJK characters seen and how many the t2s conversion changed, to tell the input's script."""

    cjk: int = 0
    changed: int = 0

    @property
    def script(self) -> str:
        # Simplified text is left almost untouched by t2s; traditional text has a fifth or more of it changed.
        return "traditional" if self.cjk and self.changed / self.cjk >= 0.04 and self.changed >= 3 else "simplified"


def to_simplified(text: str, tally: ScriptTally | None = None) -> str:
    out: str = _T2S.convert(text)
    if tally is not None and out != text:
        tally.changed += sum(1 for a, b in zip(text, out, strict=False) if a != b) + abs(len(out) - len(text))
    if tally is not None:
        tally.cjk += len(_CJK.findall(text))
    return out
