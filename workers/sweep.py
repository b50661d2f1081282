"""Reconciliation and backfill: every object version without an outcome goes through dispatch again."""

from __future__ import annotations

import threading
from collections import Counter

import structlog

from workers.dispatch import Dispatcher
from workers.storage import Storage

log = structlog.get_logger("gongkai.sweep")


def sweep(
    storage: Storage, dispatcher: Dispatcher, force: bool = False, stop: threading.Event | None = None
) -> Counter[str]:
    """One pass over the bucket, cut short once stop is set. force: re-dispatch versions marked in flight too
    (after a crash)."""
    counts: Counter[str] = Counter()
    # Only as far back as the ledger remembers: an older version's outcome has left it (retention), and
    # the sweep would otherwise publish it again.
    for ref in storage.list_versions(max_age=storage.settings.ledger_max_age):
        if stop is not None and stop.is_set():
            break
        counts[dispatcher.dispatch(ref, force=force)] += 1
    log.info("sweep_done", **counts)
    return counts


def sweep_forever(storage: Storage, dispatcher: Dispatcher, every: float, stop: threading.Event | None = None) -> None:
    """Until stop is set, which ends it between two dispatches, never inside one."""
    stop = stop or threading.Event()
    while not stop.is_set():
        try:
            sweep(storage, dispatcher, stop=stop)
        except Exception as exc:  # a sweep loop must outlive a passing outage
            log.warning("sweep_failed", error=type(exc).__name__)
        stop.wait(every)
