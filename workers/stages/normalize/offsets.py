"""Carry positions through edits: cleaning runs over whole texts, and the cuts it records must still point at the
right place in the final text after later steps delete or replace spans."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

# (old_start, old_end, new_length): the span [old_start, old_end) became new_length characters.
Edit = tuple[int, int, int]


def remap(positions: list[int], edits: list[Edit]) -> list[int]:
    """Each position's place after the edits (sorted, non-overlapping); a position inside a deleted span moves to
    where the span was."""
    if not edits or not positions:
        return positions
    ends = [end for _, end, _ in edits]
    shifts = list(accumulate(new - (end - start) for start, end, new in edits))
    out = []
    for p in positions:
        i = bisect_right(ends, p)
        shift = shifts[i - 1] if i else 0
        if i < len(edits) and edits[i][0] < p:
            start, _, new = edits[i]
            out.append(start + shift + min(p - start, new))
        else:
            out.append(p + shift)
    return out
