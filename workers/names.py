"""Every Redis key, stream and queue name, under one prefix."""

from __future__ import annotations

PREFIX = "gongkai:"

RECORDS_STREAM = PREFIX + "records"
DEAD_STREAM = PREFIX + "dead"
# record_id -> "record:<stream id>" or "dead:<stream id>": the ledger that makes publishing exactly-once.
DONE_HASH = PREFIX + "done"
QUEUE = "gongkai"

STAGES = ("normalize", "segment", "extract", "validate", "publish")


def dispatched_key(record_id: str) -> str:
    """Set while a version's chain is in flight, so duplicate events do not start a second chain."""
    return f"{PREFIX}dispatched:{record_id}"


def deliveries_key(record_id: str, dispatch_id: str, stage: str, attempt: int) -> str:
    """Counts deliveries of one message (one dispatch, stage and retry): more than max_deliveries means it
    keeps killing workers. A later dispatch of the same version (the sweep) starts a fresh count."""
    return f"{PREFIX}deliveries:{record_id}:{dispatch_id}:{stage}:{attempt}"


def artifact_key(record_id: str, name: str) -> str:
    return f"{record_id}/{name}.json"
