"""A long run with retention on: Redis's memory and the worker tree's PSS sampled every so many reports.
With the records stream capped, Redis grows only by the ledger once the cap is reached; run it with
`--max-len 0 --max-age 0` (retention off) to see it grow by about one record per report instead."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.common import emit, tree_memory_mb
from bench.e2e import upload_many, wait_all
from workers import names
from workers.dispatch import Dispatcher
from workers.identity import record_id_for
from workers.localstack import LocalStack
from workers.logs import configure_logging
from workers.settings import get_settings
from workers.storage import Storage
from workers.streams import Streams, connect


def run(reports: int, every: int, max_len: int, max_age: int, concurrency: int, timeout: float) -> None:
    work = Path(tempfile.mkdtemp(prefix="gongkai-retention-"))
    env = {"GONGKAI_LOG_LEVEL": "WARNING", "GONGKAI_RECORDS_MAX_LEN": str(max_len),
           "GONGKAI_RECORDS_MAX_AGE": str(max_age), "GONGKAI_LEDGER_MAX_AGE": str(max_age),
           "GONGKAI_DEAD_MAX_AGE": str(max_age)}  # fmt: skip
    stack = LocalStack(work, settings_env=env)
    try:
        stack.start(workers=1, concurrency=concurrency)
        stack.adopt()
        configure_logging(get_settings())
        s = stack.settings()
        storage, client = Storage(s), connect(s.redis_url)
        streams = Streams(client)
        dispatcher = Dispatcher(client, streams, s.bucket, s.dispatch_ttl)
        series: list[dict[str, float]] = []
        t0 = time.time()
        for done in range(every, reports + 1, every):
            batch = upload_many(storage, every, f"retention-{done:06d}")
            for ref in batch:
                dispatcher.dispatch(ref)
            outcomes = wait_all(streams, [record_id_for(r) for r in batch], timeout)
            info = client.info("memory")
            series.append({"reports": done, "outcomes": sum(1 for o in outcomes if o),
                           "seconds": round(time.time() - t0, 1),
                           "redis_used_mb": round(info["used_memory"] / 2**20, 1),
                           "records_on_stream": client.xlen(names.RECORDS_STREAM),
                           "ledger": client.hlen(names.DONE_HASH),
                           "worker_tree_pss_mb": round(tree_memory_mb(stack.procs["worker0"].pid)[0], 1)})  # fmt: skip
            emit("retention.sample", max_len=max_len, **series[-1])
        emit("retention.run", max_len=max_len, max_age=max_age, reports=reports,
             redis_mb_first=series[0]["redis_used_mb"], redis_mb_last=series[-1]["redis_used_mb"],
             pss_mb_first=series[0]["worker_tree_pss_mb"], pss_mb_last=series[-1]["worker_tree_pss_mb"])  # fmt: skip
    finally:
        stack.stop()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reports", type=int, default=20000)
    ap.add_argument("--every", type=int, default=1000, help="sample after this many reports")
    ap.add_argument("--max-len", type=int, default=2000, help="GONGKAI_RECORDS_MAX_LEN for the run")
    ap.add_argument("--max-age", type=int, default=30 * 86400, help="every age limit for the run (s)")
    ap.add_argument("--concurrency", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=1800)
    args = ap.parse_args(argv)
    run(args.reports, args.every, args.max_len, args.max_age, args.concurrency, args.timeout)


if __name__ == "__main__":
    main()
