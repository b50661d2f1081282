"""A task that keeps killing its worker dead-letters instead of looping; `gongkai status` shows the state."""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from workers import names
from workers.identity import record_id_for

from .conftest import Live, start_live

pytestmark = pytest.mark.integration


@pytest.fixture
def one_slot_live(tmp_path: Path) -> Iterator[Live]:
    # One pool process: the process that took a delivery is the only one alive, no guessing which is busy.
    lv = start_live(tmp_path, {"GONGKAI_MAX_DELIVERIES": "2", "GONGKAI_MAX_BYTES": "8000000"}, concurrency=1)
    yield lv
    lv.stack.stop()


def _kill_the_child_running(live: Live) -> None:
    """SIGKILLs the worker's one pool process, which has taken the delivery (the caller saw its counter move)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        alive = [
            c for c in psutil.Process(live.stack.procs["worker0"].pid).children() if c.status() != psutil.STATUS_ZOMBIE
        ]
        if len(alive) == 1:
            alive[0].send_signal(signal.SIGKILL)
            return
        time.sleep(0.005)
    raise AssertionError("the worker has no single pool process")


def _deliveries(live: Live, rid: str, stage: str) -> int:
    """How often the version's first message for `stage` has been delivered so far."""
    counts = live.redis.hgetall(names.deliveries_key(rid))
    return max((int(v) for k, v in counts.items() if k.decode().endswith(f":{stage}:0")), default=0)


def test_a_task_that_keeps_killing_its_worker_is_dead_lettered_as_redelivered_too_often(one_slot_live: Live) -> None:
    live = one_slot_live
    # Big enough that normalizing it takes far longer than it takes us to notice and kill it.
    body = ("本年度主动公开政府信息1234条，其中网站公开1000条。\n" * 150_000).encode()[:7_500_000]
    ref = live.upload("poison/report.txt", body)
    rid = record_id_for(ref)
    assert live.announce(ref) == 200
    deadline = time.monotonic() + 60
    for delivery in (1, 2):
        while _deliveries(live, rid, "normalize") < delivery:
            assert time.monotonic() < deadline, "the task was never delivered"
            time.sleep(0.005)
        _kill_the_child_running(live)
    letter = live.entry(live.outcome(ref, timeout=120))
    assert letter["error"] == "redelivered_too_often"
    assert live.entries_for(ref) == 1


def test_status_reports_streams_queue_and_latest_dead_letters(live: Live) -> None:
    live.outcome(live.drop("status/empty.txt", b""))
    status = json.loads(live.cli("status"))
    assert status["records"] == live.redis.xlen(names.RECORDS_STREAM)
    assert status["dead_letters"] >= 1
    assert status["latest_dead"][0]["error"] == "empty_file"
    assert {"queue_depth", "versions_done", "in_flight", "groups"} <= set(status)


def test_status_counts_waiting_messages_of_every_priority(live: Live) -> None:
    with live.worker_stopped():
        for i in range(3):
            live.drop(f"status/waiting-{i}.txt", f"第{i}号".encode())
        assert json.loads(live.cli("status"))["queue_depth"] == 3
        assert live.redis.llen(names.QUEUE) == 0  # a first stage waits in its own list, behind later stages
