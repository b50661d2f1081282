"""End to end on the local stack: throughput and latency from upload to record, beside a no-op chain
of the same hops on the same broker and worker settings (the ratio is the figure that holds on a noisy
machine), plus the worker's peak memory."""

from __future__ import annotations

import argparse
import signal
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import cast

import urllib3

from bench.common import RssSampler, cpu_ms_per_item, cpu_seconds, emit, percentiles, report_files
from schemas import ObjectRef
from workers import names
from workers.dispatch import Dispatcher
from workers.events import build_notification
from workers.identity import record_id_for
from workers.localstack import LocalStack
from workers.logs import configure_logging
from workers.settings import get_settings
from workers.storage import Storage
from workers.streams import Streams, connect, queue_depth

CONTENT_TYPES = {".pdf": "application/pdf", ".html": "text/html", ".docx": "application/octet-stream"}


def ratio(rate: object, baseline_rate: object) -> float:
    return round(float(rate) / float(baseline_rate), 3)  # type: ignore[arg-type]


def entry_ms(entry: str) -> int:
    return int(entry.split(":", 1)[1].split("-", 1)[0])


def wait_all(streams: Streams, ids: list[str], timeout: float, window: int = 50) -> list[str | None]:
    """Each id's outcome. The ledger is read a small window of the earliest pending ids at a time: asking for
    all pending ids every poll cost Redis and the bench CPU beside the system under test, which the
    baseline's watch (one XLEN) does not; the pipeline's figure was 3-5 % lower for it."""
    deadline = time.monotonic() + timeout
    outcomes: list[str | None] = [None] * len(ids)

    def read(idx: list[int]) -> None:
        for i, o in zip(idx, streams.outcomes([ids[i] for i in idx]), strict=True):
            outcomes[i] = o

    pending = list(range(len(ids)))
    while pending and time.monotonic() < deadline:
        probe = pending[:window]
        read(probe)
        pending = [i for i in pending if outcomes[i] is None]
        if pending[:1] == probe[:1]:  # nothing new at the head: wait for the system, not a spin
            time.sleep(0.02)
    # Timed out with reports stuck at the head: those behind them that finished still count.
    for chunk in range(0, len(pending), 500):
        read(pending[chunk : chunk + 500])
    return outcomes


def upload_many(storage: Storage, n: int, prefix: str, only_text: bool = False) -> list[ObjectRef]:
    files = [p for p in report_files() if not only_text or p.suffix == ".txt"]
    bodies = [(p, p.read_bytes()) for p in files]

    def put(i: int) -> ObjectRef:
        path, body = bodies[i % len(bodies)]
        return storage.put_source(f"{prefix}/{i:05d}-{path.name}", body, CONTENT_TYPES.get(path.suffix, "text/plain"))

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(put, range(n)))


def throughput(
    stack: LocalStack,
    storage: Storage,
    streams: Streams,
    n: int,
    timeout: float,
    prefix: str = "tput",
    worker_name: str = "worker0",
) -> dict[str, object]:
    refs = upload_many(storage, n, prefix)
    http = urllib3.PoolManager(maxsize=8)
    ids = [record_id_for(r) for r in refs]
    worker = stack.procs[worker_name]
    procs = {name: p.pid for name, p in stack.procs.items() if p.poll() is None}
    cpu0 = cpu_seconds(procs)
    with RssSampler(worker.pid) as rss:
        t0 = time.time()
        with ThreadPoolExecutor(8) as pool:
            sent = dict(zip(ids, pool.map(lambda r: (time.time(), stack.announce(http, build_notification(r))), refs),
                            strict=True))  # fmt: skip
        outcomes = wait_all(streams, ids, timeout)
        elapsed = time.time() - t0
    cpu = cpu_ms_per_item(cpu0, cpu_seconds(procs), n)
    done = [o for o in outcomes if o]
    lat = [entry_ms(o) - sent[i][0] * 1000 for i, o in zip(ids, outcomes, strict=True) if o]
    return {
        "reports": n, "done": len(done), "dead": sum(1 for o in done if o.startswith("dead")),
        "seconds": round(elapsed, 2), "reports_per_s": round(len(done) / elapsed, 1),
        "latency_ms": percentiles(lat), "worker_peak_pss_mb": round(rss.peak_tree_mb, 1),
        "worker_peak_process_rss_mb": round(rss.peak_process_mb, 1), "cpu_ms_per_report": cpu,
    }  # fmt: skip


def bulk(
    storage: Storage, streams: Streams, dispatcher: Dispatcher, n: int, timeout: float, prefix: str = "bulk"
) -> dict[str, object]:
    refs = upload_many(storage, n, prefix)
    ids = [record_id_for(r) for r in refs]
    t0 = time.time()
    for ref in refs:
        dispatcher.dispatch(ref)
    outcomes = wait_all(streams, ids, timeout)
    elapsed = time.time() - t0
    return {"reports": n, "done": sum(1 for o in outcomes if o), "reports_per_s": round(n / elapsed, 1)}


def latency_at_rate(
    stack: LocalStack, storage: Storage, streams: Streams, n: int, rate: float, timeout: float, prefix: str = "lat"
) -> dict[str, object]:
    http = urllib3.PoolManager()
    files = [p for p in report_files() if p.suffix == ".txt"]
    starts: dict[str, float] = {}
    t_next = time.time()
    for i in range(n):
        time.sleep(max(0.0, t_next - time.time()))
        path = files[i % len(files)]
        t = time.time()
        ref = storage.put_source(f"{prefix}/{i:05d}-{path.name}", path.read_bytes(), "text/plain")
        stack.announce(http, build_notification(ref))
        starts[record_id_for(ref)] = t
        t_next += 1.0 / rate
    ids = list(starts)
    outcomes = wait_all(streams, ids, timeout)
    lat = [entry_ms(o) - starts[i] * 1000 for i, o in zip(ids, outcomes, strict=True) if o]
    return {"reports": n, "rate_per_s": rate, "latency_ms": percentiles(lat)}


def baseline(
    stack: LocalStack, n: int, concurrency: int, timeout: float, refs: list[ObjectRef] | None = None
) -> dict[str, object]:
    """The no-op chain's rate; with `refs`, each chain's first hop GETs one of those objects."""
    from bench import noop_app

    stack.start_worker("worker-noop", concurrency, app="bench.noop_app", queue=noop_app.QUEUE)
    try:
        stack.wait_workers()
        r = connect(stack.settings().redis_url)
        r.delete(noop_app.BASELINE_STREAM)
        procs = {name: p.pid for name, p in stack.procs.items() if p.poll() is None and name != "worker0"}
        cpu0 = cpu_seconds(procs)
        t0 = time.time()
        for i in range(n):
            noop_app.send(str(i), refs[i % len(refs)].model_dump() if refs else None)
        deadline = time.monotonic() + timeout
        while r.xlen(noop_app.BASELINE_STREAM) < n and time.monotonic() < deadline:
            time.sleep(0.02)
        elapsed = time.time() - t0
        cpu = cpu_ms_per_item(cpu0, cpu_seconds(procs), n)
        return {"chains": n, "done": r.xlen(noop_app.BASELINE_STREAM), "chains_per_s": round(n / elapsed, 1),
                "cpu_ms_per_chain": cpu}  # fmt: skip
    finally:
        stack.kill("worker-noop", signal.SIGTERM)


def one_round(stack: LocalStack, args: argparse.Namespace, noop_refs: list[ObjectRef], n: int) -> dict[str, float]:
    s = stack.settings()
    storage, client = Storage(s), connect(s.redis_url)
    streams = Streams(client)
    lat = latency_at_rate(stack, storage, streams, args.latency_reports, args.rate, args.timeout, f"r{n}-lat")
    emit("e2e.latency", round=n, **lat)
    base = baseline(stack, args.reports, args.concurrency, args.timeout)
    emit("e2e.baseline_noop_chain", round=n, **base)
    with_get = baseline(stack, args.reports, args.concurrency, args.timeout, noop_refs)
    emit("e2e.baseline_noop_chain_with_get", round=n, **with_get)
    tput = throughput(stack, storage, streams, args.reports, args.timeout, f"r{n}-tput")
    figures = {
        "pipeline_ratio_to_noop_chain": ratio(tput["reports_per_s"], base["chains_per_s"]),
        "pipeline_ratio_to_noop_chain_with_get": ratio(tput["reports_per_s"], with_get["chains_per_s"]),
    }
    emit("e2e.pipeline", round=n, **tput, ratio_to_noop_chain=figures["pipeline_ratio_to_noop_chain"],
         ratio_to_noop_chain_with_get=figures["pipeline_ratio_to_noop_chain_with_get"])  # fmt: skip
    dispatcher = Dispatcher(client, streams, s.bucket, s.dispatch_ttl, bulk=True)
    b = bulk(storage, streams, dispatcher, args.reports, args.timeout, f"r{n}-bulk")
    figures |= {
        "bulk_ratio_to_noop_chain": ratio(b["reports_per_s"], base["chains_per_s"]),
        "bulk_ratio_to_noop_chain_with_get": ratio(b["reports_per_s"], with_get["chains_per_s"]),
    }
    emit("e2e.bulk", round=n, **b, ratio_to_noop_chain=figures["bulk_ratio_to_noop_chain"],
         ratio_to_noop_chain_with_get=figures["bulk_ratio_to_noop_chain_with_get"])  # fmt: skip
    emit("e2e.queue", round=n, depth=queue_depth(client))
    latency = cast(dict[str, float], lat["latency_ms"])
    return figures | {
        "latency_p50_ms": latency["p50"],
        "latency_p99_ms": latency["p99"],
        "worker_peak_pss_mb": float(cast(float, tput["worker_peak_pss_mb"])),
    }


def free_stages(stack: LocalStack, args: argparse.Namespace, noop_refs: list[ObjectRef]) -> dict[str, object]:
    """The pipeline with the stages' work remembered (bench/free_stages_app.py) beside the no-op chain with the GET."""
    s = stack.settings()
    storage, streams = Storage(s), Streams(connect(s.redis_url))
    with_get = baseline(stack, args.reports, args.concurrency, args.timeout, noop_refs)
    stack.kill("worker0", signal.SIGTERM)
    stack.start_worker("worker-free", args.concurrency, app="bench.free_stages_app", queue=names.QUEUE)
    try:
        stack.wait_workers()
        throughput(stack, storage, streams, 100, args.timeout, "free-warm", "worker-free")  # each file's stages once
        tput = throughput(stack, storage, streams, args.reports, args.timeout, "free-tput", "worker-free")
    finally:
        stack.kill("worker-free", signal.SIGTERM)
    return tput | {"baseline_chains_per_s": with_get["chains_per_s"],
                   "ratio_to_noop_chain_with_get": ratio(tput["reports_per_s"], with_get["chains_per_s"])}  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--latency-reports", type=int, default=150)
    ap.add_argument("--rate", type=float, default=10.0)
    ap.add_argument("--concurrency", type=int, default=2)
    ap.add_argument(
        "--rounds", type=int, default=3, help="each figure is measured this often; the summary is the median"
    )
    ap.add_argument("--free-stages", action="store_true", help="also the pipeline with the stages' work remembered")
    ap.add_argument("--timeout", type=float, default=1800)
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    stack = LocalStack(work, settings_env={"GONGKAI_LOG_LEVEL": "WARNING"})
    try:
        stack.start(workers=1, concurrency=args.concurrency)
        stack.adopt()
        configure_logging(get_settings())
        noop_refs = upload_many(Storage(stack.settings()), 200, "noop")
        # A shared machine's speed drifts by a tenth or more between minutes: the ratios are taken within a round,
        # and the rounds' medians are the figures.
        rounds = [one_round(stack, args, noop_refs, n) for n in range(args.rounds)]
        summary = {name: statistics.median(r[name] for r in rounds) for name in rounds[0]}
        summary["worker_peak_pss_mb"] = max(r["worker_peak_pss_mb"] for r in rounds)
        emit("e2e.summary", rounds=args.rounds, **summary)
        if args.free_stages:
            emit("e2e.pipeline_free_stages", **free_stages(stack, args, noop_refs))
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
