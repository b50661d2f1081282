"""Put table 三's rows in their template places when labels are detached, lost or out of order.

Text extraction often separates numbers from their labels, so rows are aligned to the template's
row order: a row whose own label names a template row anchors there, unlabeled rows fill the gaps
in order, and stray fragments (a single number left over) are dropped.
"""

from __future__ import annotations

_ANCHOR = 10
_FILL = 1
_NEVER = float("-inf")


def align(keys: list[str | None], weights: list[bool], template: tuple[str, ...]) -> list[int | None]:
    """For each row, the index of its template row or None.

    keys[i] is the template key the row's own label names (None when unlabeled); weights[i] says
    whether an unlabeled row is full enough to stand for a template row.
    """
    n, m = len(keys), len(template)
    gains = [[_gain(key, full, slot) for slot in template] for key, full in zip(keys, weights, strict=True)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        above, row, gain = best[i - 1], best[i], gains[i - 1]
        for j in range(1, m + 1):
            row[j] = max(above[j], row[j - 1], above[j - 1] + gain[j - 1])
    out: list[int | None] = [None] * n
    i, j = n, m
    while i > 0 and j > 0:
        if best[i][j] == best[i][j - 1]:
            j -= 1  # leave later template rows empty first, so unlabeled rows fill gaps from the top
        elif best[i][j] == best[i - 1][j - 1] + gains[i - 1][j - 1]:
            out[i - 1] = j - 1
            i, j = i - 1, j - 1
        else:
            i -= 1
    return out


def _gain(key: str | None, full: bool, slot: str) -> float:
    if key is not None:
        return _ANCHOR if key == slot else _NEVER
    return _FILL if full else _NEVER
