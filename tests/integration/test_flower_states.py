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
    ready = threading.Event()
    seen = threading.Event()
    probe = Celery(broker=live.stack.env()["GONGKAI_REDIS_URL"])
    receivers: list[Any] = []

    def listen() -> None:
        def on_failed(event: dict[str, Any]) -> None:
            failed[event["uuid"]] = event
            seen.set()

        with probe.connection() as conn:
            receivers.append(probe.events.Receiver(conn, handlers={"task-failed": on_failed}))
            ready.set()
            receivers[0].capture(limit=None, timeout=1, wakeup=True)

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    assert ready.wait(30)
    ref = live.drop("flower/empty.txt", b"")
    task_id = f"{record_id_for(ref)}.normalize"
    live.outcome(ref)
    while task_id not in failed:
        assert seen.wait(60), "no task-failed event"
        seen.clear()
    receivers[0].should_stop = True
    listener.join(30)
    probe.close()
    assert "empty_file" in failed[task_id]["exception"]
