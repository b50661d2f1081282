"""What the benchmarks share: the report set, percentiles, RSS sampling, JSON output."""

from __future__ import annotations

import json
import os
import platform
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


def report_files() -> list[Path]:
    """The real corpus when ../shared is there, else the repo's own samples."""
    folder = SHARED_CORPUS if SHARED_CORPUS.is_dir() else REPO / "workers" / "samples"
    return sorted(p for p in folder.iterdir() if p.is_file())


def emit(bench: str, **figures: object) -> None:
    line = {"bench": bench, "date": time.strftime("%Y-%m-%d"), "host": machine(), **figures}
    print(json.dumps(line, ensure_ascii=False), flush=True)


def machine() -> str:
    return f"{platform.system()} {platform.machine()} {os.cpu_count()} cores {psutil.virtual_memory().total >> 30} GiB"


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    qs = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else [values[0]] * 99
    return {"p50": round(qs[49], 1), "p95": round(qs[94], 1), "p99": round(qs[98], 1)}


def tree_memory_mb(pid: int) -> tuple[float, float]:
    """A process tree's PSS (prefork children share the parent's pages, which a sum of RSS would count again
    per child), and the largest single process's RSS."""
    root = psutil.Process(pid)
    infos = [p.memory_full_info() for p in (root, *root.children(recursive=True))]
    return sum(i.pss for i in infos) / 2**20, max(i.rss for i in infos) / 2**20


@dataclass
class RssSampler:
    """Peak memory of a process tree, sampled in the background: the largest single process's RSS, and the
    tree's PSS (prefork children share the parent's pages, which a sum of RSS would count again per child)."""

    pid: int
    every: float = 0.2
    peak_tree_mb: float = 0.0
    peak_process_mb: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> RssSampler:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                tree, largest = tree_memory_mb(self.pid)
                self.peak_tree_mb = max(self.peak_tree_mb, tree)
                self.peak_process_mb = max(self.peak_process_mb, largest)
            except psutil.Error:
                pass
            self._stop.wait(self.every)


def cpu_seconds(procs: dict[str, int]) -> dict[str, float]:
    """CPU time (user + system) so far of each named process; a worker's pool processes count apart from
    their parent, under "<name> pool". Pool processes replaced meanwhile take their time with them, so
    compare runs that replace none (the default memory limit replaces none in these benchmarks)."""
    out: dict[str, float] = {}
    for name, pid in procs.items():
        try:
            root = psutil.Process(pid)
            t = root.cpu_times()
            out[name] = t.user + t.system
            kids = root.children(recursive=True)
            if kids:
                out[f"{name} pool"] = sum(t.user + t.system for t in (k.cpu_times() for k in kids))
        except psutil.Error:
            continue
    return out


def cpu_ms_per_item(before: dict[str, float], after: dict[str, float], items: int) -> dict[str, float]:
    return {k: round((after[k] - before.get(k, 0.0)) * 1000 / items, 2) for k in after}
