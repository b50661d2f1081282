"""All four stages in-process (normalize, segment, extract, validate) per input kind: what one worker core
does when the queue costs nothing. The inputs are the corpus (or the samples) as text, as saved pages, as
.docx, and the PDFs."""

from __future__ import annotations

import argparse
import contextlib
import time

from bench.bench_normalize import _docx, _page
from bench.common import emit, report_files
from schemas import Limits, ObjectRef
from workers.errors import PermanentError
from workers.pipeline import process_bytes
from workers.stages.normalize.decode import decode

REF = ObjectRef(bucket="bench", key="bench")


def _all_stages(data: bytes) -> None:
    with contextlib.suppress(PermanentError):
        process_bytes(data, REF, None, Limits())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=2.0)
    args = ap.parse_args(argv)
    paths = report_files()
    texts = [p.read_bytes() for p in paths if p.suffix == ".txt"]
    decoded = [decode(t)[0] for t in texts]
    kinds = {
        "text": texts,
        "html": [_page(t) for t in decoded],
        "docx": [_docx(t) for t in decoded],
        "pdf": [p.read_bytes() for p in paths if p.suffix == ".pdf"],
    }
    for kind, files in kinds.items():
        if not files:
            continue
        for data in files:
            _all_stages(data)  # warm-up
        rounds, started = 0, time.perf_counter()
        while rounds == 0 or time.perf_counter() - started < args.seconds:
            for data in files:
                _all_stages(data)
            rounds += 1
        elapsed = time.perf_counter() - started
        size = sum(len(d) for d in files) * rounds
        emit("stages", kind=kind, files=len(files), mb_s_per_core=round(size / elapsed / 1e6, 3),
             reports_s_per_core=round(len(files) * rounds / elapsed, 1))  # fmt: skip


if __name__ == "__main__":
    main()
