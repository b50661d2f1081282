"""`make bench`: every benchmark, one JSON line per figure."""

from __future__ import annotations

import importlib.util
import sys

from bench import e2e, memory


def main() -> None:
    if importlib.util.find_spec("bench.bench_normalize"):
        from bench import bench_normalize

        bench_normalize.main([])
    memory.main([])
    e2e.main(sys.argv[1:])


if __name__ == "__main__":
    main()
