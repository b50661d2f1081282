"""The Celery app. Configured from Settings on first use, not at import; clients made once per process."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from typing import Any

import redis
from celery import Celery, signals

from workers import names
from workers.intermediates import Intermediates
from workers.logs import configure_logging
from workers.settings import Settings, get_settings
from workers.storage import Storage
from workers.streams import Streams, connect

app = Celery("gongkai", include=["workers.tasks"])

# Task events on, for Flower. Gossip and mingle off: they are for worker-to-worker coordination we do not
# use; gossip consumes every other worker's events, and on a broker restart it crashed the worker
# (kombu issue 582: "'NoneType' object has no attribute 'hostname'" while closing its channel).
WORKER_FLAGS = ("-E", "--without-gossip", "--without-mingle")


def celery_config(s: Settings) -> dict[str, Any]:
    return {
        "broker_url": s.effective_broker_url,
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": {
            "visibility_timeout": s.visibility_timeout,
            "priority_steps": list(names.PRIORITY_STEPS),
        },
        "task_default_queue": names.QUEUE,
        "task_serializer": "json",
        "accept_content": ["json"],
        "task_ignore_result": True,
        "task_compression": "zlib",
        # A task is acknowledged only when it is done, and requeued if its process dies under it.
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        # A task whose broker connection dropped cannot ack; stop it and let the redelivery run it once.
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "task_soft_time_limit": s.soft_time_limit,
        "task_time_limit": s.time_limit,
        "worker_prefetch_multiplier": s.prefetch_multiplier,
        "worker_send_task_events": True,
        "task_send_sent_event": False,
        "worker_hijack_root_logger": False,
        "worker_concurrency": s.worker_concurrency,
        # A pool process that grew past this (a hostile file, a leak) is replaced after its task: memory goes back.
        "worker_max_memory_per_child": s.max_worker_memory_mb * 1024,
    }


@app.on_configure.connect
def _configure(sender: Celery, **_: Any) -> None:
    sender.conf.update(celery_config(get_settings()))


@dataclass
class Services:
    settings: Settings
    redis: redis.Redis
    streams: Streams
    storage: Storage
    intermediates: Intermediates


_services: Services | None = None


def services() -> Services:
    global _services
    if _services is None:
        s = get_settings()
        client = connect(s.redis_url)
        streams = Streams(client, s.retention())
        _services = Services(s, client, streams, Storage(s), Intermediates(client, s.intermediates_ttl))
    return _services


@signals.worker_init.connect
def _freeze_imported_objects(**_: Any) -> None:
    # In the master, after the task modules are imported and before the pool forks: the collector in each pool
    # process (replacements forked later too) never walks, and so never copies, the pages of what the master
    # loaded. Measured: the worker tree's PSS 205 -> 168 MB under the throughput bench, the collection time per
    # report down by two thirds. What is frozen is never collected: the master's start-up garbage, a few objects.
    gc.freeze()


@signals.worker_process_init.connect
def _fresh_clients_after_fork(**_: Any) -> None:
    # Sockets inherited from the parent must not be shared between worker processes.
    global _services
    _services = None
    configure_logging(get_settings())


@signals.setup_logging.connect
def _logging(**_: Any) -> None:
    configure_logging(get_settings())
