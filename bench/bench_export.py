"""`gongkai export` of 10,000 records to Parquet and to CSV: the command as a user runs it (a fresh process,
reading a JSON lines file), timed with its peak memory. The records are the real ones of the corpus (or the
samples), repeated under new record ids."""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import REPO, RssSampler, emit, report_files
from schemas import Limits, ObjectRef
from workers.errors import PermanentError
from workers.pipeline import process_bytes


def write_records(path: Path, n: int) -> int:
    """n records cycling through the processed report files, each under an id of its own; returns the inputs."""
    lines: list[tuple[str, str]] = []
    for f in report_files():
        data = f.read_bytes()
        with contextlib.suppress(PermanentError):
            record = process_bytes(data, ObjectRef(bucket="bench", key=f.name, size=len(data)), None, Limits())
            lines.append((f'"record_id":"{record.record_id}"', record.model_dump_json()))
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            old, line = lines[i % len(lines)]
            out.write(line.replace(old, f'"record_id":"{i:032x}"', 1) + "\n")
    return len(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--records", type=int, default=10_000)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "records.jsonl"
        inputs = write_records(jsonl, args.records)
        for fmt in ("parquet", "csv"):
            out = Path(tmp) / fmt
            cmd = [sys.executable, "-m", "workers.cli", "export", "--out", str(out), "--format", fmt, str(jsonl)]
            started = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True)
            with RssSampler(proc.pid, every=0.05) as rss:
                stdout, _ = proc.communicate()
            seconds = time.perf_counter() - started
            if proc.returncode != 0:
                raise SystemExit(f"gongkai export exited {proc.returncode}")
            summary = json.loads(stdout)
            rows = sum(summary["rows"].values())
            emit("export", format=fmt, records=summary["records"], distinct_inputs=inputs, rows=rows,
                 jsonl_mb=round(jsonl.stat().st_size / 2**20, 1),
                 output_mb=round(sum(p.stat().st_size for p in out.iterdir()) / 2**20, 1),
                 seconds=round(seconds, 2), records_s=round(summary["records"] / seconds),
                 rows_s=round(rows / seconds), peak_rss_mb=round(rss.peak_process_mb, 1))  # fmt: skip


if __name__ == "__main__":
    main()
