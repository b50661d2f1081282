"""Peak memory of normalizing one large PDF (about 50 MB, many pages with images and text), in a fresh
process, against the same process's baseline after imports: bounded, not proportional to the input."""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import emit

CHILD = """
import sys, time
from workers.stages.normalize import normalize
from workers.settings import Settings
from workers.errors import GongkaiError

def hwm_mb():
    # VmHWM, not ru_maxrss: the latter survives exec and would report the parent's peak.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

base = hwm_mb()
data = open(sys.argv[1], "rb").read()
t = time.perf_counter()
try:
    doc = normalize(data, "big.pdf", "application/pdf", Settings(max_bytes=200 * 2**20).limits())
    outcome = f"ok pages={doc.pages} chars={len(doc.text)}"
except GongkaiError as exc:
    outcome = exc.code
print(round(base, 1), round(hwm_mb(), 1), round(time.perf_counter() - t, 2), outcome)
"""


def make_big_pdf(path: Path, target_mb: int) -> None:
    """Pages of report-like text, each with an incompressible image, until the file is target_mb."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    noise = _noise_png(400, 300)
    pages = max(1, target_mb * 2**20 // (len(noise) + 4000))
    for n in range(pages):
        c.setFont("STSong-Light", 11)
        for line in range(30):
            text = f"第{n + 1}页 本年度主动公开政府信息{n * 30 + line}条，其中通过门户网站公开{line}条。"
            c.drawString(60, 780 - line * 16, text)
        c.drawImage(ImageReader(io.BytesIO(noise)), 60, 60, 400, 200)
        c.showPage()
        noise = _noise_png(400, 300)  # fresh noise on every page: reportlab stores an image only once
    c.save()


def _noise_png(w: int, h: int) -> bytes:
    import os
    import struct
    import zlib

    raw = b"".join(b"\x00" + os.urandom(w * 3) for _ in range(h))

    def chunk(t: bytes, d: bytes) -> bytes:
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b"")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=int, default=50)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "big.pdf"
        make_big_pdf(pdf, args.mb)
        size_mb = pdf.stat().st_size / 2**20
        out = subprocess.run([sys.executable, "-c", CHILD, str(pdf)], capture_output=True, text=True, check=True)
        base, peak, seconds, *outcome = out.stdout.split()
    emit("memory.big_pdf", input_mb=round(size_mb, 1), baseline_rss_mb=float(base), peak_rss_mb=float(peak),
         growth_over_input=round((float(peak) - float(base)) / size_mb, 2), seconds=float(seconds),
         outcome=" ".join(outcome))  # fmt: skip


if __name__ == "__main__":
    main()
