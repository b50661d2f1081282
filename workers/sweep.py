"""Reconciliation and backfill: every object version without an outcome goes through dispatch again."""

from __future__ import annotations

import time
from collections import Counter

import structlog

from workers.dispatch import Dispatcher
from workers.storage import Storage

log = structlog.get_logger("gongkai.sweep")


def sweep(storage: Storage, dispatcher: Dispatcher, force: bool = False) -> Counter[str]:
    """One pass over the bucket. force: re-dispatch versions marked in flight too (after a crash)."""
    counts: Counter[str] = Counter()
    for ref in storage.list_versions():
        counts[dispatcher.dispatch(ref, force=force)] += 1
    log.info("sweep_done", **counts)
    return counts


def sweep_forever(storage: Storage, dispatcher: Dispatcher, every: float) -> None:
    while True:
        try:
            sweep(storage, dispatcher)
        except Exception as exc:  # a sweep loop must outlive a passing outage
            log.warning("sweep_failed", error=type(exc).__name__)
        time.sleep(every)
