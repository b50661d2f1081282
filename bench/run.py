"""`make bench`: every benchmark, one JSON line per figure."""

from __future__ import annotations

import sys

from bench import bench_export, bench_normalize, bench_stages, e2e, memory


def main() -> None:
    sys.argv = sys.argv[:1]  # bench_normalize reads its own defaults from argv
    bench_normalize.main()
    bench_stages.main([])
    memory.main([])
    e2e.main([])
    bench_export.main([])


if __name__ == "__main__":
    main()
