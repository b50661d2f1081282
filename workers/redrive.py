"""`gongkai redrive`: dead-lettered versions go through the pipeline again, chosen by error, key and age.

For operators after an outage or a fix: a letter is taken back only while it is still the version's outcome
(an atomic check of the ledger), then the version is dispatched like any event, so a sweep or a duplicate
event racing the redrive still starts one chain, and the version ends as exactly one new outcome. The
version is looked up in the bucket by its record id, never taken from the letter: a version deleted since
is reported as gone and its letter stays.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass

import structlog

from schemas import ObjectRef
from workers.dispatch import Dispatcher
from workers.identity import record_id_for
from workers.storage import Storage
from workers.streams import Streams

log = structlog.get_logger("gongkai.redrive")


@dataclass(frozen=True)
class Selection:
    errors: frozenset[str] = frozenset()  # error codes; empty: any
    prefix: str = ""
    older_than: float = 0.0  # seconds: only letters at least this old
    newer_than: float | None = None  # seconds: only letters at most this old

    def takes(self, entry_id: str, letter: dict[str, str], now_ms: int) -> bool:
        age = (now_ms - int(entry_id.split("-", 1)[0])) / 1000
        return (
            (not self.errors or letter.get("error", "") in self.errors)
            and letter.get("key", "").startswith(self.prefix)
            and age >= self.older_than
            and (self.newer_than is None or age <= self.newer_than)
        )


def _current_version(storage: Storage, letter: dict[str, str]) -> ObjectRef | None:
    for ref in storage.list_versions(letter.get("bucket") or None, prefix=letter["key"]):
        if ref.key == letter["key"] and record_id_for(ref) == letter["record_id"]:
            return ref
    return None


def redrive(
    streams: Streams, storage: Storage, dispatcher: Dispatcher, selection: Selection, dry_run: bool = False
) -> Counter[str]:
    counts: Counter[str] = Counter()
    now_ms = int(time.time() * 1000)
    chosen = [(eid, letter) for eid, letter in streams.dead_letters() if selection.takes(eid, letter, now_ms)]
    for entry_id, letter in chosen:
        ref = _current_version(storage, letter)
        if ref is None:
            counts["gone"] += 1
            continue
        if dry_run:
            counts["would_redrive"] += 1
            continue
        if not streams.forget_dead(letter["record_id"], entry_id):
            counts["changed"] += 1  # redriven or published by someone else meanwhile
            continue
        counts[dispatcher.dispatch(ref, force=True)] += 1
        log.info("redriven", key=ref.key, version=ref.version, error=letter.get("error"))
    log.info("redrive_done", **counts)
    return counts
