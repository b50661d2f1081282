"""Every Redis key, stream and queue name, under one prefix."""

from __future__ import annotations

PREFIX = "gongkai:"

RECORDS_STREAM = PREFIX + "records"
DEAD_STREAM = PREFIX + "dead"
# record_id -> "record:<stream id>" or "dead:<stream id>": the ledger that makes publishing exactly-once.
DONE_HASH = PREFIX + "done"
# record_id scored by when its outcome was written: the ledger's entries leave it oldest first (retention).
DONE_INDEX = PREFIX + "done:at"
QUEUE = "gongkai"
# Events the intake acknowledged without starting anything, by reason (unreadable body, unaddressable key).
INTAKE_REFUSED = PREFIX + "intake:refused"

STAGES = ("normalize", "segment", "extract", "validate", "publish")

# The broker serves a lower number first (kombu's Redis transport keeps one list per step, queue + Channel.sep + step,
# the step 0 list under the queue's own name). A chain's later stages go ahead of new reports: a backlog is worked
# through report by report, so records come out from the start, each report's intermediates live minutes rather
# than the whole backlog's length, and the next stage often finds them still parsed in its process. A bulk task is
# a new report like a chain's first stage.
PRIORITY_STEPS = (0, 3, 6, 9)
STAGE_PRIORITY = {"normalize": 9, "segment": 6, "extract": 3, "validate": 0, "publish": 0, "process": 9}


def queue_lists() -> list[str]:
    """The Redis lists that hold the task queue's waiting messages, highest priority first."""
    # Here, not at the top: every process imports this module, and kombu's Redis transport takes 0.16 s to import.
    from kombu.transport.redis import Channel

    return [QUEUE if step == 0 else f"{QUEUE}{Channel.sep}{step}" for step in PRIORITY_STEPS]


def dispatched_key(record_id: str) -> str:
    """Set while a version's chain is in flight, so duplicate events do not start a second chain."""
    return f"{PREFIX}dispatched:{record_id}"


def deliveries_key(record_id: str) -> str:
    """A hash counting deliveries of each of the version's messages (field: `delivery_field`): more than
    max_deliveries means the message keeps killing workers. Goes with the outcome, like the in-flight mark."""
    return f"{PREFIX}deliveries:{record_id}"


def delivery_field(dispatch_id: str, stage: str, attempt: int) -> str:
    """One message: a dispatch, a stage, a retry. A later dispatch of the same version (the sweep) counts afresh."""
    return f"{dispatch_id}:{stage}:{attempt}"


def intermediates_key(record_id: str) -> str:
    """A hash of what each stage handed the next (workers/intermediates.py); gone when the outcome is written."""
    return f"{PREFIX}work:{record_id}"
