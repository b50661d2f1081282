"""Turn a reader's blocks into the document text, its grids and the record of what cleaning took out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas.document import Grid, Removal

from .blocks import Block, Extracted, Table
from .clean import Cleaner
from .injected import Cut

_LEADING_BLANKS = re.compile(r"(?:[^\S\n]*\n)+")


@dataclass
class Assembled:
    text: str
    grids: list[Grid] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    script: str = "simplified"
    page_titles: list[str] = field(default_factory=list)


class _Builder:
    def __init__(self, close_gaps: bool) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.cleaner = Cleaner(close_gaps)
        self.removed: list[Removal] = []
        self.grids: list[Grid] = []

    def add_text(self, raw: str) -> None:
        """A run of lines between tables, cleaned as one text."""
        text, cuts, any_line = self.cleaner.clean(raw)
        if not any_line:
            return
        if not self.parts:  # no blank lines before the first text
            lead = _LEADING_BLANKS.match(text)
            if lead:
                text = text[lead.end() :]
                for cut in cuts:
                    cut.at = max(0, cut.at - lead.end())
            if not text.strip() and not cuts:
                return
        self._append(text, cuts)

    def _append(self, text: str, cuts: list[Cut]) -> None:
        start = self.length + (1 if self.parts else 0)
        self.removed.extend(Removal(kind=c.kind, removed=c.removed, at=start + c.at) for c in cuts)
        self.parts.append(text)
        self.length = start + len(text)

    def add_table(self, table: Table) -> None:
        shown_raw = table.shown or table.rows
        unique = list(dict.fromkeys(c for row in table.rows + shown_raw for c in row))
        cleaned = dict(zip(unique, self.cleaner.clean_cells(unique), strict=True))
        rows = [[cleaned[c][0] for c in row] for row in table.rows]
        if not rows or not any(any(c for c in row) for row in rows):
            return
        shown = [[cleaned[c][0] for c in row] for row in shown_raw]
        # Located at the table: cell offsets do not survive the rendering.
        cuts = [Cut(cut.kind, cut.removed, 0) for row in shown_raw for c in row for cut in cleaned[c][1]]
        start = self.length + (1 if self.parts else 0)
        rendering = "\n".join("| " + " | ".join(row) + " |" for row in shown)
        self._append(rendering, cuts)
        self.grids.append(Grid(rows=rows, start=start, end=self.length, page=table.page, continued=table.continued))


def _runs(blocks: list[Block]) -> list[Block]:
    """Consecutive text blocks joined into one run, so cleaning works once per run, not once per paragraph."""
    out: list[Block] = []
    pending: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            if pending:
                out.append("\n".join(pending))
                pending = []
            out.append(block)
        else:
            pending.append(block)
    if pending:
        out.append("\n".join(pending))
    return out


def assemble(extracted: Extracted) -> Assembled:
    builder = _Builder(extracted.close_gaps)
    for block in _runs(extracted.blocks):
        if isinstance(block, Table):
            builder.add_table(block)
        else:
            builder.add_text(block)
    text = "\n".join(builder.parts).rstrip()
    for removal in builder.removed:
        removal.at = min(removal.at, len(text))
    # Page titles get the text's cleaning too (widths, script, pinyin), but leave no trace in the record.
    titles = [Cleaner(False).clean(t.replace("\n", " "))[0] for t in extracted.page_titles]
    return Assembled(
        text=text,
        grids=builder.grids,
        removed=builder.removed,
        script=builder.cleaner.tally.script,
        page_titles=titles,
    )
