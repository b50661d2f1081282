"""What Flower shows: a dead-lettered task ends FAILED with its error code, as the worker's task events say."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from celery import Celery

from workers.identity import record_id_for

from .conftest import Live

pytestmark = pytest.mark.integration


def test_a_dead_lettered_task_is_reported_failed_with_its_error_code(live: Live) -> None:
    failed: dict[str, Any] = {}
    listening = threading.Event()  # set by the first event received: the receiver's queue is bound by then
    seen = threading.Event()
    stop = threading.Event()
    probe = Celery(broker=live.stack.env()["GONGKAI_REDIS_URL"])

    def on_failed(event: dict[str, Any]) -> None:
        failed[event["uuid"]] = event
        seen.set()

    receivers: list[Any] = []

    def listen() -> None:
        # One capture for the whole test: its queue lives as long as it consumes, so no event falls in a gap.
        # It stops at the first event after should_stop is set (the worker heartbeats every 2 s).
        try:
            with probe.connection() as conn:
                receivers.append(
                    probe.events.Receiver(conn, handlers={"task-failed": on_failed, "*": lambda _e: listening.set()})
                )
                receivers[0].capture(limit=None, timeout=None, wakeup=True)
        except Exception:
            if not stop.is_set():
                raise

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    try:
        assert listening.wait(60), "no event from the worker"
        ref = live.drop("flower/empty.txt", b"")
        task_id = f"{record_id_for(ref)}.normalize"
        live.outcome(ref)
        while task_id not in failed:
            assert seen.wait(60), "no task-failed event"
            seen.clear()
        assert "empty_file" in failed[task_id]["exception"]
    finally:
        stop.set()
        if receivers:
            receivers[0].should_stop = True
        listener.join(30)
        probe.close()
