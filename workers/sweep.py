"""Reconciliation and backfill: every object version without an outcome goes through dispatch again (by
default, every version the ledger can still vouch for; `everything` for a backfill of an older archive)."""

from __future__ import annotations

import threading
from collections import Counter

import structlog

from workers.dispatch import Dispatcher
from workers.storage import Storage

log = structlog.get_logger("gongkai.sweep")


def sweep(
    storage: Storage,
    dispatcher: Dispatcher,
    force: bool = False,
    stop: threading.Event | None = None,
    everything: bool = False,
) -> Counter[str]:
    """One pass over the bucket, cut short once stop is set. force: re-dispatch versions marked in flight too
    (after a crash). Versions older than the ledger's age are counted as `too_old` and left alone unless
    `everything`: their outcomes have left the ledger (retention), so a periodic sweep would publish them
    again each time round."""
    counts: Counter[str] = Counter()
    max_age = 0 if everything else storage.settings.ledger_max_age
    for ref in storage.list_versions(max_age=max_age, skipped=counts):
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
