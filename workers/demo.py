"""`gongkai demo`: a local stack, a folder of reports pushed through it, one line per report."""

from __future__ import annotations

import mimetypes
import tempfile
import time
from pathlib import Path

import urllib3

from schemas import ObjectRef, Record
from workers.identity import record_id_for
from workers.localstack import LocalStack
from workers.storage import Storage
from workers.streams import Streams, connect


def _line(record: Record) -> str:
    failing = sorted({c.rule for c in record.checks if c.status == "fail"})
    meta = record.meta
    return (
        f"{record.source.key}\t{meta.title or '-'}\t{meta.report_year or '-'}\t{meta.template}\t"
        f"sections={len(record.sections)}\tfacts={len(record.facts)}\tfailing={','.join(failing) or '-'}"
    )


def run_demo(folder: Path, timeout: float = 600) -> int:
    files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    if not files:
        print(f"no report files in {folder}")
        return 2
    work = Path(tempfile.mkdtemp(prefix="gongkai-demo-"))
    stack = LocalStack(work, settings_env={"GONGKAI_LOG_LEVEL": "WARNING"})
    print(f"starting the local stack in {work} (logs there)")
    try:
        stack.start(workers=1, concurrency=2, flower=True)
        settings = stack.settings()
        storage = Storage(settings)
        streams = Streams(connect(settings.redis_url))
        http = urllib3.PoolManager()
        print(f"flower: http://127.0.0.1:{stack.ports['flower']}  intake: {stack.intake_url}")
        refs: list[ObjectRef] = []
        for path in files:
            ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            ref = storage.put_source(path.name, path.read_bytes(), ctype)
            refs.append(ref)
            if not stack.native_events:
                from workers.events import build_notification

                status = stack.announce(http, build_notification(ref))
                if status != 200:
                    print(f"intake answered {status} for {path.name}")
        ids = [record_id_for(r) for r in refs]
        deadline = time.monotonic() + timeout
        outcomes: list[str | None] = [None] * len(ids)
        while time.monotonic() < deadline:
            outcomes = streams.outcomes(ids)
            if all(outcomes):
                break
            time.sleep(0.2)
        published = dead = lost = 0
        for ref, outcome in zip(refs, outcomes, strict=True):
            if outcome is None:
                lost += 1
                print(f"{ref.key}\tLOST (no record and no dead letter after {timeout:.0f} s)")
                continue
            fields = streams.entry(outcome)
            if outcome.startswith("record:"):
                published += 1
                print(_line(Record.model_validate_json(fields["record"])))
            else:
                dead += 1
                print(f"{ref.key}\tDEAD-LETTERED\t{fields['error']}\t{fields['message']}")
        print(f"published={published} dead_lettered={dead} lost={lost} of {len(refs)}")
        return 0 if lost == 0 else 1
    finally:
        stack.stop()
