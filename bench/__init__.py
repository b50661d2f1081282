"""Benchmarks and the fault soak: figures printed as JSON lines, ratios against a baseline of the same run."""
