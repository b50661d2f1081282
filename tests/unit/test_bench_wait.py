"""The benchmarks' wait for outcomes: it must neither end early nor lose what finished behind a stuck report."""

from __future__ import annotations

from typing import cast

from bench.e2e import wait_all
from workers.streams import Streams


class Ledger:
    """Outcomes appear a few per poll, the way a pipeline publishes them; `stuck` ids never finish."""

    def __init__(self, ids: list[str], stuck: set[str], per_poll: int) -> None:
        self.later = [i for i in ids if i not in stuck]
        self.per_poll = per_poll
        self.done: dict[str, str] = {}

    def outcomes(self, ids: list[str]) -> list[str | None]:
        for rid in self.later[: self.per_poll]:
            self.done[rid] = f"record:{rid}"
        self.later = self.later[self.per_poll :]
        return [self.done.get(i) for i in ids]


def test_every_outcome_is_read_when_all_finish() -> None:
    ids = [f"r{i}" for i in range(300)]
    ledger = Ledger(ids, stuck=set(), per_poll=7)
    assert wait_all(cast(Streams, ledger), ids, timeout=30) == [f"record:{i}" for i in ids]


def test_reports_finished_behind_a_stuck_window_still_count_at_the_deadline() -> None:
    ids = [f"r{i}" for i in range(300)]
    stuck = set(ids[:60])  # more than the window: the polls only ever see these
    ledger = Ledger(ids, stuck, per_poll=len(ids))  # all the others are done from the first poll on
    got = wait_all(cast(Streams, ledger), ids, timeout=0.3)
    assert got[:60] == [None] * 60
    assert got[60:] == [f"record:{i}" for i in ids[60:]]
