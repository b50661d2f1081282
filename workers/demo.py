"""`gongkai demo`: a local stack, a folder of reports pushed through it, one line per report."""

from __future__ import annotations

import importlib.util
import mimetypes
import shutil
import sys
import tempfile
import time
from pathlib import Path

import urllib3

from schemas import ObjectRef, Record
from workers.identity import record_id_for
from workers.localstack import LocalStack, wait_port
from workers.storage import Storage
from workers.streams import Streams, connect


def _line(record: Record) -> str:
    failing = sorted({c.rule for c in record.checks if c.status == "fail"})
    meta = record.meta
    return (
        f"{record.source.key}\t{meta.title or '-'}\t{meta.report_year or '-'}\t{meta.template}\t"
        f"sections={len(record.sections)}\tfacts={len(record.facts)}\tfailing={','.join(failing) or '-'}"
    )


def missing_local_extra() -> str | None:
    """What the local stack needs and lacks: moto (unless a minio binary is on PATH) and Flower come with the
    `local` extra, not with a plain install."""
    lacking = [name for name in ("flower",) if importlib.util.find_spec(name) is None]
    if shutil.which("minio") is None and importlib.util.find_spec("moto") is None:
        lacking.append("moto")
    return ", ".join(lacking) or None


def run_demo(folder: Path, timeout: float = 600, keep: bool = False) -> int:
    lacking = missing_local_extra()
    if lacking:
        print(f"gongkai demo needs the local extra ({lacking} missing): pip install 'gongkai[local]'", file=sys.stderr)
        return 3
    files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    if not files:
        print(f"no report files in {folder}", file=sys.stderr)
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
        wait_port(stack.ports["flower"], 60)  # its URL is printed only once it answers
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
        shown = -1
        while time.monotonic() < deadline:
            outcomes = streams.outcomes(ids)
            done = sum(1 for o in outcomes if o)
            if done != shown:
                print(f"\rprocessed {done}/{len(ids)}", end="", file=sys.stderr, flush=True)
                shown = done
            if all(outcomes):
                break
            time.sleep(0.2)
        print(file=sys.stderr)
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
        if keep:
            _hold(stack)
        return 0 if lost == 0 else 1
    finally:
        stack.stop()


def _hold(stack: LocalStack) -> None:
    """Keep the stack up for a look around (Flower, `gongkai status` with the printed settings) until Ctrl-C."""
    # The settings hold the stack's secrets: they go to a file only its owner reads, never to the terminal.
    settings_file = stack.workdir / "stack.env"
    settings_file.touch(mode=0o600)
    settings_file.write_text(
        "".join(f"{k}={v}\n" for k, v in stack.env().items() if k.startswith("GONGKAI_")), encoding="utf-8"
    )
    print(f"the stack stays up until Ctrl-C; Flower: http://127.0.0.1:{stack.ports['flower']}")
    print(f"to use it from another shell: set -a; . {settings_file}; set +a; gongkai status")
    try:
        while all(proc.poll() is None for proc in stack.procs.values()):
            time.sleep(1)
        print("a service of the stack stopped; shutting down", file=sys.stderr)
    except KeyboardInterrupt:
        print("stopping the stack")
