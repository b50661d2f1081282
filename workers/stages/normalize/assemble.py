"""Turn a reader's blocks into the document text, its grids and the record of what cleaning took out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas.document import Grid, Removal

from .blocks import Extracted, Table
from .chrome import strip_chrome_line
from .cleanup import ScriptTally, close_cjk_gaps, fix_date_zeros, fold_width, to_simplified
from .injected import Cut, remove_pinyin, remove_spam

_CELL_SPACE = re.compile(r"\s+")
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff]) (?=[\u3000-\u303f\u3400-\u9fff])")


@dataclass
class Assembled:
    text: str
    grids: list[Grid] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    script: str = "simplified"


class _Builder:
    def __init__(self, close_gaps: bool) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.tally = ScriptTally()
        self.removed: list[Removal] = []
        self.grids: list[Grid] = []
        self.close_gaps = close_gaps

    def add_line(self, raw: str) -> None:
        line, cuts = self._clean(raw)
        if line is None:
            return
        self._append(line, cuts)

    def _clean(self, raw: str) -> tuple[str | None, list[Cut]]:
        # Pinyin goes first: it splits words ("当(dāng)前位置") that the chrome and spam patterns look for.
        line, cuts = remove_pinyin(fold_width(raw))
        line = to_simplified(line, self.tally)
        stripped = strip_chrome_line(line)
        if stripped is None:
            return None, cuts
        line = fix_date_zeros(close_cjk_gaps(stripped) if self.close_gaps else stripped)
        line, spam = remove_spam(line)
        for cut in cuts:
            cut.at = min(cut.at, len(line))
        return line, cuts + spam

    def _append(self, line: str, cuts: list[Cut]) -> None:
        if not self.parts and not line.strip() and not cuts:
            return  # no blank lines before the first text
        start = self.length + (1 if self.parts else 0)
        for cut in cuts:
            self.removed.append(Removal(kind=cut.kind, removed=cut.removed, at=start + cut.at))
        self.parts.append(line)
        self.length = start + len(line)

    def add_table(self, table: Table) -> None:
        cuts: list[Cut] = []
        shown = [[self._cell(c, cuts) for c in row] for row in (table.shown or table.rows)]
        rows = [[self._cell(c, []) for c in row] for row in table.rows]
        if not rows or not any(any(c for c in row) for row in rows):
            return
        start = self.length + (1 if self.parts else 0)
        for cut in cuts:  # located at the table: cell offsets do not survive the rendering
            cut.at = 0
        for i, row in enumerate(shown):
            self._append("| " + " | ".join(row) + " |", cuts if i == 0 else [])
        self.grids.append(Grid(rows=rows, start=start, end=self.length, page=table.page))

    def _cell(self, raw: str, cuts: list[Cut]) -> str:
        text, found = self._clean(_CELL_SPACE.sub(" ", raw).strip())
        cuts.extend(found)
        # Cells wrap inside their box; a space left between two Han characters is a line break, not content.
        return _CJK_SPACE.sub("", text or "").replace("|", "/").strip()


def assemble(extracted: Extracted) -> Assembled:
    builder = _Builder(extracted.close_gaps)
    for block in extracted.blocks:
        if isinstance(block, Table):
            builder.add_table(block)
        else:
            for line in block.split("\n"):
                builder.add_line(line)
    text = "\n".join(builder.parts).rstrip()
    return Assembled(text=text, grids=builder.grids, removed=builder.removed, script=builder.tally.script)
