"""The one shape both readers produce: a table row as labels, value cells and where it stood."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

LabelMatcher = Callable[[str], "str | None"]


@dataclass
class Row:
    """One table row: its label cells (in order), its value cells, and offsets into Document.text.

    `columns` holds, per value cell, the header texts above it (outermost first) when the row comes
    from a grid; text rows have no reliable header positions and are placed by template order.
    `strong` is False when the label was not on the row itself (a caption floating nearby).
    """

    labels: list[str]
    values: list[str]
    start: int
    end: int
    columns: list[list[str]] | None = None
    strong: bool = True
    from_grid: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    def match(self, matcher: LabelMatcher, depth: int = 6) -> str | None:
        """The key the row's label names: the last label cell first, then wrapped lines joined back."""
        if not self.strong:
            return None
        labels = [lab for lab in self.labels if lab.strip()]
        for k in range(1, min(depth, len(labels)) + 1):
            key = matcher("".join(labels[-k:]))
            if key:
                return key
        return None
