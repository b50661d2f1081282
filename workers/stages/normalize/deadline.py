"""The stage's time limit, checked between units of work (a page, a table, a block)."""

from __future__ import annotations

import time

from workers.errors import StageTimeout


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.until = time.monotonic() + seconds

    def check(self, where: str) -> None:
        if time.monotonic() > self.until:
            raise StageTimeout(f"normalize ran past {self.seconds:g} s ({where})", detail=where)
