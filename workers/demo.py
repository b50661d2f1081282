"""`gongkai demo`: a local stack, a folder of reports pushed through it, one line per report."""

from __future__ import annotations

import json
import mimetypes
import tempfile
import time
from pathlib import Path

import urllib3

from schemas import ObjectRef
from workers import names
from workers.identity import record_id_for
from workers.localstack import LocalStack
from workers.settings import Settings
from workers.storage import Storage
from workers.streams import connect


def _line(record: dict[str, object]) -> str:
    meta = record.get("meta") or {}
    assert isinstance(meta, dict)
    failing = sorted({c["rule"] for c in record.get("checks", []) if c.get("status") == "fail"})  # type: ignore[union-attr]
    return (
        f"{record['source']['key']}\t{meta.get('title') or '-'}\t{meta.get('report_year') or '-'}\t"  # type: ignore[index]
        f"{meta.get('template')}\tsections={len(record.get('sections', []))}\t"  # type: ignore[arg-type]
        f"facts={len(record.get('facts', []))}\tfailing={','.join(failing) or '-'}"  # type: ignore[arg-type]
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
        env = stack.env()
        settings = Settings(**{k[8:].lower(): v for k, v in env.items() if k.startswith("GONGKAI_")})
        storage = Storage(settings)
        redis = connect(settings.redis_url)
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
        outcomes: list[object] = [None] * len(ids)
        while time.monotonic() < deadline:
            outcomes = [v.decode() if v else None for v in redis.hmget(names.DONE_HASH, ids)]
            if all(outcomes):
                break
            time.sleep(0.2)
        published = dead = lost = 0
        for ref, outcome in zip(refs, outcomes, strict=True):
            if not isinstance(outcome, str):
                lost += 1
                print(f"{ref.key}\tLOST (no record and no dead letter after {timeout:.0f} s)")
                continue
            kind, entry = outcome.split(":", 1)
            stream = names.RECORDS_STREAM if kind == "record" else names.DEAD_STREAM
            fields = {k.decode(): v.decode() for k, v in redis.xrange(stream, entry, entry)[0][1].items()}
            if kind == "record":
                published += 1
                print(_line(json.loads(fields["record"])))
            else:
                dead += 1
                print(f"{ref.key}\tDEAD-LETTERED\t{fields['error']}\t{fields['message']}")
        print(f"published={published} dead_lettered={dead} lost={lost} of {len(refs)}")
        return 0 if lost == 0 else 1
    finally:
        stack.stop()
