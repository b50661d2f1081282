"""Normalize throughput per input kind on the corpus (or the repo samples), beside the usual extractors.

Text files are read as they are; each text report is also wrapped in a saved-page layout (HTML) and written to
.docx, so HTML and DOCX are measured on the same reports; PDFs are the corpus PDFs. For HTML, trafilatura's
main-text extraction runs on the same pages; for PDF, pdfminer.six and pdfplumber text extraction run on the same
files, in the same process and run. Each line is JSON; `speedup` is gongkai's reports/s over the other tool's.

    .venv/bin/python -m bench.bench_normalize [--seconds 2] [--kinds text,html] [--ours-only]
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import time
from collections.abc import Callable

import docx

from bench.common import emit, report_files
from schemas.document import Limits
from workers.errors import PermanentError
from workers.stages.normalize import normalize
from workers.stages.normalize.decode import decode

LIMITS = Limits()


def _page(text: str) -> bytes:
    """A report as a county site serves it: menu, breadcrumb, metadata table, counters, footer."""
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return (
        '<html><head><meta charset="utf-8"><script>var x=1;</script></head><body>'
        '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul>'
        '<div class="position">您的位置：<a href="/">首页</a> &gt;&gt; 正文</div>'
        f'<div class="content">{body}</div>'
        '<div class="footer">网站标识码：0000000000 ICP备00000000号</div></body></html>'
    ).encode()


def _docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _ours(data: bytes) -> None:
    # Refused files (a scan among the samples) cost what they cost.
    with contextlib.suppress(PermanentError):
        normalize(data, "bench", None, LIMITS)


def _trafilatura(data: bytes) -> None:
    import trafilatura

    trafilatura.extract(data.decode("utf-8"), include_tables=True)


def _pdfminer(data: bytes) -> None:
    from pdfminer.high_level import extract_text

    extract_text(io.BytesIO(data))


def _pdfplumber(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()


def _rate(files: list[bytes], run: Callable[[bytes], None], seconds: float) -> tuple[float, float, int]:
    """(MB/s, reports/s, rounds): whole rounds over all files until `seconds` have passed (at least one)."""
    for data in files:  # warm-up: imports, fonts, OpenCC dictionaries
        run(data)
    rounds = 0
    started = time.perf_counter()
    while rounds == 0 or time.perf_counter() - started < seconds:
        for data in files:
            run(data)
        rounds += 1
    elapsed = time.perf_counter() - started
    size = sum(len(d) for d in files) * rounds
    return size / elapsed / 1e6, len(files) * rounds / elapsed, rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    parser.add_argument("--kinds", default="text,html,docx,pdf", help="input kinds to measure, comma-separated")
    parser.add_argument("--ours-only", action="store_true", help="skip the other extractors (quick before/after runs)")
    args = parser.parse_args()
    wanted = set(args.kinds.split(","))
    paths = report_files()
    texts = [p.read_bytes() for p in paths if p.suffix in (".txt", ".text")]
    decoded = [decode(t)[0] for t in texts]
    kinds: dict[str, tuple[list[bytes], dict[str, Callable[[bytes], None]]]] = {
        "text": (texts, {}),
        "html": ([_page(t) for t in decoded], {"trafilatura": _trafilatura}),
        "docx": ([_docx(t) for t in decoded], {}),
        "pdf": (
            [p.read_bytes() for p in paths if p.suffix == ".pdf"],
            {"pdfminer": _pdfminer, "pdfplumber": _pdfplumber},
        ),
    }
    for kind, (files, others) in kinds.items():
        if not files or kind not in wanted:
            continue
        mb_s, reports_s, rounds = _rate(files, _ours, args.seconds)
        emit(
            "normalize",
            kind=kind,
            impl="gongkai",
            files=len(files),
            rounds=rounds,
            mb_s=round(mb_s, 3),
            reports_s=round(reports_s, 1),
        )
        for name, run in ({} if args.ours_only else others).items():
            their_mb_s, their_reports_s, their_rounds = _rate(files, run, args.seconds)
            emit(
                "normalize",
                kind=kind,
                impl=name,
                files=len(files),
                rounds=their_rounds,
                mb_s=round(their_mb_s, 3),
                reports_s=round(their_reports_s, 1),
                speedup=round(reports_s / their_reports_s, 2),
            )


if __name__ == "__main__":
    main()
