"""Character-level cleaning of extracted text: widths, spaces, date zeros, and the traditional -> simplified script."""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass

import opencc

from .offsets import Edit

# Full-width ASCII (U+FF01..U+FF5E) maps onto ASCII by a fixed offset. NFKC would do this too, but it also
# flattens enumerators (① -> 1, ⑴ -> (1), ㈠ -> (一)) and so changes what a report says ("①12件" -> "112件").
_WIDTH: dict[str, str] = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update(dict.fromkeys("\u3000\u00a0\u2002\u2003\u2009\u202f\t", " "))
_WIDTH.update(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""))
_WIDTH.update(dict.fromkeys("\x0c\x0b\u2028\u2029", "\n"))
# A regex over the characters to change beats str.translate: the C scanner skips the (many) untouched characters,
# where translate looks every one of them up in a dict.
_WIDE = re.compile("[" + "".join(re.escape(c) for c in _WIDTH) + "]+")

# Zero written as a letter or a circle inside a date: "二○一四年", "二O一四年", "2O14年".
_CN_YEAR = re.compile(r"[一二三四五六七八九〇○OＯ零]{4}(?= ?年)")
_DIGIT_RUN = re.compile(r"(?<![A-Za-z])(?=[0-9]{0,3}[OoＯ○〇])[0-9OoＯ○〇]{1,4}(?= ?[年月日])")
_ZERO_LIKE = str.maketrans({"○": "〇", "O": "〇", "Ｏ": "〇", "零": "〇"})
# What a date with such a zero must hold; a literal first character keeps the scan for it fast.
_ZERO_IN_DATE = re.compile(r"[OoＯ○〇零][0-9OoＯ○〇一二三四五六七八九零]{0,3} ?[年月日]")
_TO_ASCII_ZERO = str.maketrans({"O": "0", "o": "0", "Ｏ": "0", "○": "0", "〇": "0"})

_SPACE_RUN = re.compile(r" {9,}")
# Spaces a PDF's justified layout puts between CJK characters and CJK punctuation.
_CJK_GAP = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef,.:;!?()]) +(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef,:;!?()])"
)
_CHUNK = 512

_T2S = opencc.OpenCC("t2s")


def _fold(m: re.Match[str]) -> str:
    return "".join([_WIDTH[c] for c in m.group(0)])


def fold_width(text: str) -> str:
    """Full-width ASCII to half-width, odd spaces to plain spaces, invisible characters out, line ends to \\n."""
    text = _WIDE.sub(_fold, text.replace("\r\n", "\n").replace("\r", "\n"))
    # Long space runs are layout padding; capping them keeps every later `\s*` pattern linear on hostile input.
    return _SPACE_RUN.sub("        ", text) if "         " in text else text


def _cn_year(m: re.Match[str]) -> str:
    run = m.group(0)
    return run.translate(_ZERO_LIKE) if any(c in "一二三四五六七八九" for c in run) else run


def _digit_run(m: re.Match[str]) -> str:
    run = m.group(0)
    return run.translate(_TO_ASCII_ZERO) if any(c.isdigit() for c in run) else run


def fix_date_zeros(text: str) -> str:
    """Read letter O and circles in dates as zero, so the date parsers see real numerals."""
    if not _ZERO_IN_DATE.search(text):
        return text
    return _DIGIT_RUN.sub(_digit_run, _CN_YEAR.sub(_cn_year, text))


def close_cjk_gaps(text: str) -> tuple[str, list[Edit]]:
    edits: list[Edit] = [(m.start(), m.end(), 0) for m in _CJK_GAP.finditer(text)]
    return (_CJK_GAP.sub("", text), edits) if edits else (text, [])


@dataclass
class ScriptTally:
    """Counts CJK characters seen and how many the t2s conversion changed, to tell the input's script."""

    cjk: int = 0
    changed: int = 0

    @property
    def script(self) -> str:
        # Simplified text is left almost untouched by t2s; traditional text has a fifth or more of it changed.
        return "traditional" if self.cjk and self.changed / self.cjk >= 0.04 and self.changed >= 3 else "simplified"


def _differences(a: str, b: str) -> int:
    """Characters that differ; equal chunks are compared at C speed and skipped."""
    if len(a) != len(b):
        return sum(map(operator.ne, a, b)) + abs(len(a) - len(b))
    return sum(
        sum(map(operator.ne, a[i : i + _CHUNK], b[i : i + _CHUNK]))
        for i in range(0, len(a), _CHUNK)
        if a[i : i + _CHUNK] != b[i : i + _CHUNK]
    )


def to_simplified(text: str, tally: ScriptTally | None = None) -> str:
    out: str = _T2S.convert(text)
    if tally is not None:
        if out != text:
            tally.changed += _differences(text, out)
        # CJK characters take three bytes in UTF-8 and ASCII one: a count at C speed, near enough for a ratio.
        tally.cjk += (len(text.encode("utf-8", "replace")) - len(text)) // 2
    return out
