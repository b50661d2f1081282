"""Clean a whole run of text at once (widths, pinyin, script, chrome, PDF gaps, date zeros, spam), keeping every
cut's position exact in the cleaned text. Each step is one pass of C-level work over the run, not one per line."""

from __future__ import annotations

import re
from bisect import bisect_right

from .chrome import strip_chrome
from .cleanup import ScriptTally, close_cjk_gaps, fix_date_zeros, fold_width, to_simplified
from .injected import Cut, remove_pinyin, remove_spam
from .offsets import remap
from .reflow import reflow

_CELL_SPACE = re.compile(r"\s+")
# Cells wrap inside their box; a space left between two Han characters is a line break, not content.
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff]) (?=[\u3000-\u303f\u3400-\u9fff])")


class Cleaner:
    def __init__(self, close_gaps: bool) -> None:
        self.tally = ScriptTally()
        self.close_gaps = close_gaps

    def clean(self, raw: str, keep_lines: bool = False) -> tuple[str, list[Cut], bool]:
        """The cleaned text, its cuts (located in it, in order), and whether any line is left of it."""
        # Pinyin goes first: it splits words ("当(dāng)前位置") that the chrome and spam patterns look for.
        text, cuts, _ = remove_pinyin(fold_width(raw))
        text = to_simplified(text, self.tally)
        if not keep_lines:
            text = reflow(text)
        text, edits, any_line = strip_chrome(text, keep_lines)
        places = remap([c.at for c in cuts], edits)
        if self.close_gaps:
            text, edits = close_cjk_gaps(text)
            places = remap(places, edits)
        text, spam, edits = remove_spam(fix_date_zeros(text))
        places = [min(p, len(text)) for p in remap(places, edits)]
        for cut, place in zip(cuts, places, strict=True):
            cut.at = place
        return text, sorted(cuts + spam, key=lambda c: c.at), any_line

    def clean_cells(self, cells: list[str]) -> list[tuple[str, list[Cut]]]:
        """Each table cell cleaned on its own terms (one line each), in one pass over all of them."""
        raw = "\n".join(_CELL_SPACE.sub(" ", c).strip() for c in cells)
        text, cuts, _ = self.clean(raw, keep_lines=True)
        lines = _CJK_SPACE.sub("", text).replace("|", "/").split("\n")
        found: list[list[Cut]] = [[] for _ in lines]
        plain = text.split("\n")
        plain_starts = [0]
        for line in plain[:-1]:
            plain_starts.append(plain_starts[-1] + len(line) + 1)
        for cut in cuts:
            found[max(0, bisect_right(plain_starts, cut.at) - 1)].append(cut)
        return [(line.strip(), found[i]) for i, line in enumerate(lines)]
