"""The `gongkai` command."""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import redis
import structlog
from pydantic import ValidationError

from workers import __version__, names
from workers.errors import RetryableError

if TYPE_CHECKING:
    from workers.dispatch import Dispatcher
from workers.logs import configure_logging
from workers.settings import Settings, get_settings

log = structlog.get_logger("gongkai.cli")

EXIT_FAILURES = 1  # some inputs failed (gongkai process)
EXIT_CONFIG = 3  # a GONGKAI_* setting is invalid
EXIT_UNAVAILABLE = 4  # Redis or the object store did not answer
_EXIT_CODES = (
    "exit codes: 0 done; 1 some inputs failed (process); 2 bad arguments; 3 invalid GONGKAI_* setting; "
    "4 Redis or the object store unavailable; 130 interrupted"
)


def _dispatcher(s: Settings, bulk: bool = False) -> Dispatcher:
    from workers.dispatch import Dispatcher
    from workers.streams import Streams, connect

    client = connect(s.redis_url)
    return Dispatcher(client, Streams(client), s.bucket, s.dispatch_ttl, bulk=bulk)


def cmd_worker(s: Settings, args: argparse.Namespace) -> int:
    from workers.app import WORKER_FLAGS, app

    argv = [
        "worker",
        *WORKER_FLAGS,
        "-Q",
        names.QUEUE,
        "--loglevel",
        s.log_level,
        "--concurrency",
        str(args.concurrency or s.worker_concurrency),
    ]
    if args.hostname:
        argv += ["--hostname", args.hostname]
    app.worker_main(argv)
    return 0


def cmd_intake(s: Settings, args: argparse.Namespace) -> int:
    import threading

    from workers.intake import serve

    dispatcher = _dispatcher(s)
    stop = threading.Event()
    sweeper = None
    if args.sweep_every:
        from workers.storage import Storage
        from workers.sweep import sweep_forever

        # Only the sweep reads the object store; the intake dispatches events as they come.
        sweeper = threading.Thread(
            target=sweep_forever, args=(Storage(s), dispatcher, args.sweep_every, stop), daemon=True
        )
        sweeper.start()
    try:
        serve(dispatcher, s, args.host, args.port)
    finally:
        stop.set()
        if sweeper is not None:
            sweeper.join(s.intake_shutdown_timeout)
    return 0


def cmd_sweep(s: Settings, args: argparse.Namespace) -> int:
    from workers.storage import Storage
    from workers.sweep import sweep, sweep_forever

    storage = Storage(s)
    dispatcher = _dispatcher(s, bulk=args.bulk)
    if args.every:
        sweep_forever(storage, dispatcher, args.every)
        return 0
    print(json.dumps(dict(sweep(storage, dispatcher, force=args.force, everything=args.all))))
    return 0


def cmd_redrive(s: Settings, args: argparse.Namespace) -> int:
    from workers.redrive import Selection, redrive
    from workers.storage import Storage
    from workers.streams import Streams, connect

    selection = Selection(frozenset(args.error), args.prefix, args.older_than, args.newer_than)
    client = connect(s.redis_url)
    counts = redrive(Streams(client), Storage(s), _dispatcher(s), selection, dry_run=args.dry_run)
    print(json.dumps(dict(counts)))
    return 0


def cmd_process(s: Settings, args: argparse.Namespace) -> int:
    from schemas import ObjectRef
    from workers.errors import GongkaiError, TooLarge
    from workers.pipeline import process_bytes

    failed = 0
    limits = s.limits()
    for name in args.files:
        path = Path(name)
        try:
            if path.stat().st_size > limits.max_bytes:  # refused before reading it into memory
                raise TooLarge(f"{path.stat().st_size} bytes, over the limit of {limits.max_bytes}")
            data = path.read_bytes()
            ref = ObjectRef(bucket="", key=name, size=len(data))
            record = process_bytes(data, ref, None, limits)
        except (GongkaiError, OSError) as exc:
            failed += 1
            code = exc.code if isinstance(exc, GongkaiError) else "read_failed"
            print(json.dumps({"key": name, "error": code, "message": str(exc)}, ensure_ascii=False), file=sys.stderr)
            continue
        sys.stdout.write(record.model_dump_json() + "\n")
        sys.stdout.flush()
    return EXIT_FAILURES if failed else 0


def cmd_survey(s: Settings, args: argparse.Namespace) -> int:
    from workers.survey import render, survey

    folder = Path(args.dir)
    if not folder.is_dir():
        print(f"gongkai survey: {folder} is not a folder", file=sys.stderr)
        return 2
    summary = survey(folder, s.limits())
    print(json.dumps(summary, ensure_ascii=False) if args.json else render(summary))
    return 0


def cmd_consume(s: Settings, args: argparse.Namespace) -> int:
    from workers.streams import GroupReader, connect

    stream = names.RECORDS_STREAM if args.stream == "records" else names.DEAD_STREAM
    consumer = args.consumer or f"{socket.gethostname()}-{os.getpid()}"
    reader = GroupReader(connect(s.redis_url), stream, args.group, consumer, args.claim_idle)
    seen = 0
    block = None if args.block < 0 else args.block
    for batch in reader.batches(min(args.count or 100, 100), block):
        for entry_id, fields in batch:
            decoded = {k.decode(): v.decode("utf-8") for k, v in fields.items()}
            line = decoded["record"] if "record" in decoded else json.dumps(decoded, ensure_ascii=False)
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
            reader.ack(entry_id)  # after the line is out: a crash before this leaves it pending for a peer
            seen += 1
            if args.count and seen >= args.count:
                return 0
    return 0


def cmd_export(s: Settings, args: argparse.Namespace) -> int:
    from workers.export import InvalidRecord, export, read_jsonl, read_stream
    from workers.streams import connect

    if args.stream == bool(args.files):
        print("gongkai export: give FILE.jsonl ... or --stream, one of the two", file=sys.stderr)
        return 2
    missing = [f for f in args.files if f != "-" and not Path(f).is_file()]
    if missing:  # before reading anything, not after the first files went through
        print(f"gongkai export: not a file: {', '.join(missing)}", file=sys.stderr)
        return 2

    def skip(err: InvalidRecord) -> None:
        print(f"gongkai export: skipped {err}", file=sys.stderr)

    items = read_stream(connect(s.redis_url)) if args.stream else read_jsonl(args.files)
    try:
        summary = export(items, Path(args.out), args.format, skip if args.skip_invalid else None)
    except (InvalidRecord, OSError) as exc:
        print(f"gongkai export: {exc}; no table written", file=sys.stderr)
        return EXIT_FAILURES
    print(json.dumps({
        "records": summary.records, "duplicates": summary.duplicates, "skipped": summary.skipped,
        "rows": summary.rows, "files": [str(f) for f in summary.files],
    }, ensure_ascii=False))  # fmt: skip
    return 0


def cmd_status(s: Settings, args: argparse.Namespace) -> int:
    from workers.streams import connect, status

    print(json.dumps(status(connect(s.redis_url)), ensure_ascii=False, indent=2))
    return 0


def cmd_demo(s: Settings, args: argparse.Namespace) -> int:
    from workers.demo import run_demo

    return run_demo(Path(args.dir), timeout=args.timeout, keep=args.keep)


def cmd_view(s: Settings, args: argparse.Namespace) -> int:
    from workers.view.static import build

    out = Path(args.out)
    try:
        built = build(out, args.files or ["-"])
    except OSError as exc:
        print(f"gongkai view: cannot write the pages into {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    for problem in built.problems:
        print(f"gongkai view: {problem}", file=sys.stderr)
    print(f"{built.pages} report pages; open {(out / 'index.html').resolve().as_uri()}")
    return EXIT_FAILURES if built.problems else 0


def cmd_serve(s: Settings, args: argparse.Namespace) -> int:
    from workers.streams import connect
    from workers.view.serve import refusal, serve

    token = s.serve_token.get_secret_value()
    reason = refusal(args.host, token)
    if reason:
        print(f"gongkai serve: {reason}", file=sys.stderr)
        return EXIT_CONFIG
    if args.limit < 1:
        print("gongkai serve: --limit must be at least 1", file=sys.stderr)
        return 2
    serve(connect(s.redis_url), token, args.host, args.port, args.limit)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="gongkai", description=__doc__, epilog=_EXIT_CODES)
    p.add_argument("--version", action="version", version=f"gongkai {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    w = sub.add_parser("worker", help="run a Celery worker (task events on, for Flower)")
    w.add_argument("--concurrency", type=int, default=None, help="default: GONGKAI_WORKER_CONCURRENCY")
    w.add_argument("--hostname", default=None)
    w.set_defaults(fn=cmd_worker)

    i = sub.add_parser("intake", help="receive bucket notifications on POST /events")
    i.add_argument("--host", default="127.0.0.1")
    i.add_argument("--port", type=int, default=8088)
    i.add_argument("--sweep-every", type=float, default=0, help="also sweep the bucket every N seconds")
    i.set_defaults(fn=cmd_intake)

    sw = sub.add_parser("sweep", help="dispatch every object version that has no record and no dead letter")
    sw.add_argument("--force", action="store_true", help="also re-dispatch versions marked as in flight")
    sw.add_argument("--bulk", action="store_true", help="one task per report instead of one per stage")
    sw.add_argument(
        "--all",
        action="store_true",
        help="also versions older than GONGKAI_LEDGER_MAX_AGE (a backfill of an old archive; counted as too_old "
        "and skipped otherwise)",
    )
    sw.add_argument("--every", type=float, default=0, help="repeat every N seconds")
    sw.set_defaults(fn=cmd_sweep)

    rd = sub.add_parser("redrive", help="dispatch dead-lettered versions again, chosen by error code, key and age")
    rd.add_argument("--error", action="append", default=[], help="error code (repeat for several); default any")
    rd.add_argument("--prefix", default="", help="only keys starting with this")
    rd.add_argument("--older-than", type=float, default=0.0, help="only letters at least S seconds old")
    rd.add_argument("--newer-than", type=float, default=None, help="only letters at most S seconds old")
    rd.add_argument("--dry-run", action="store_true", help="count what would be redriven, change nothing")
    rd.set_defaults(fn=cmd_redrive)

    pr = sub.add_parser("process", help="run the stages in-process, no services; one record JSON per line")
    pr.add_argument("files", nargs="+")
    pr.set_defaults(fn=cmd_process)

    sv = sub.add_parser("survey", help="label-free health figures over a folder of real reports (no services)")
    sv.add_argument("dir")
    sv.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    sv.set_defaults(fn=cmd_survey)

    c = sub.add_parser("consume", help="read records through a consumer group, print JSON lines, acknowledge")
    c.add_argument("--group", required=True)
    c.add_argument("--consumer", default=None, help="consumer name (default host-pid)")
    c.add_argument("--count", type=int, default=0, help="stop after N entries (0: until the stream is drained)")
    c.add_argument("--block", type=int, default=-1, help="wait up to MS for new entries (-1: do not wait)")
    c.add_argument("--claim-idle", type=int, default=60000, help="claim entries pending this long (ms)")
    c.add_argument("--stream", choices=["records", "dead"], default="records")
    c.set_defaults(fn=cmd_consume)

    ex = sub.add_parser(
        "export",
        help="write records as flat tables (reports, sections, facts, cells, checks) in Parquet or CSV",
        description="Reads records from JSON lines files (what `gongkai process` and `gongkai consume` print) or "
        "from the records stream, and writes one file per table under DIR, the record id on every row; a "
        "blank cell is a null, never 0. A line that is not a record stops the export with FILE:LINE on stderr "
        "and exit 1, and no table is written (files of an earlier export in DIR stay as they were); "
        "--skip-invalid skips such lines instead, naming each on stderr. A record id seen again is exported "
        "once. Prints a JSON summary: records, duplicates, skipped, rows per table, files.",
    )
    ex.add_argument("files", nargs="*", metavar="FILE.jsonl", help="one record JSON per line; '-' reads stdin")
    ex.add_argument("--stream", action="store_true",
                    help="read the records stream instead (read-only, no consumer group): every entry up to the "
                    "last one there at the start")  # fmt: skip
    ex.add_argument("--out", required=True, metavar="DIR", help="created if missing; tables replaced whole")
    ex.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    ex.add_argument("--skip-invalid", action="store_true", help="skip and count lines that are not records")
    ex.set_defaults(fn=cmd_export)

    st = sub.add_parser("status", help="queue depth, stream lengths, latest dead letters")
    st.set_defaults(fn=cmd_status)

    d = sub.add_parser("demo", help="start a local stack, push a folder of reports through it, print the records")
    d.add_argument("dir", nargs="?", default=str(Path(__file__).resolve().parent / "samples"))
    d.add_argument("--timeout", type=float, default=600)
    d.add_argument("--keep", action="store_true", help="keep the stack up after the run, until Ctrl-C")
    d.set_defaults(fn=cmd_demo)

    vw = sub.add_parser("view", help="write static report pages (index.html, one page per record) into a folder")
    vw.add_argument("files", nargs="*", help="record JSON lines (gongkai process/consume output); default stdin")
    vw.add_argument("--out", required=True, help="folder for the pages (created; pages already there are kept)")
    vw.set_defaults(fn=cmd_view)

    se = sub.add_parser("serve", help="serve the report pages live from the records stream, read-only")
    se.add_argument("--host", default="127.0.0.1", help="elsewhere than loopback needs GONGKAI_SERVE_TOKEN")
    se.add_argument("--port", type=int, default=8089)
    se.add_argument("--limit", type=int, default=1000, help="index rows: the newest N records (older ones open by id)")
    se.set_defaults(fn=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # --help and --version need no settings
    try:
        settings = get_settings()
    except ValidationError as exc:
        problems = "; ".join(f"GONGKAI_{'_'.join(map(str, e['loc'])).upper() or '*'}: {e['msg']}" for e in exc.errors())
        print(f"gongkai: invalid configuration: {problems}", file=sys.stderr)
        return EXIT_CONFIG
    configure_logging(settings)
    try:
        return int(args.fn(settings, args))
    except (RetryableError, redis.RedisError) as exc:
        reason = exc.message if isinstance(exc, RetryableError) else type(exc).__name__
        code = exc.code if isinstance(exc, RetryableError) else "redis_unavailable"
        print(f"gongkai {args.command}: {code}: {reason}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except BrokenPipeError:
        # The reader went away (`gongkai status | head`): not an error; stdout is pointed at nothing so that
        # Python's own flush at exit does not complain again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
