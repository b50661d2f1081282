"""`gongkai demo`: Flower answers at the URL it prints, progress shows, and `--keep` holds the stack until Ctrl-C."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import urllib3

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]


def test_demo_keeps_the_stack_up_with_flower_answering_until_ctrl_c(samples_dir: Path) -> None:
    demo = subprocess.Popen(
        [sys.executable, "-m", "workers.cli", "demo", str(samples_dir), "--keep"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    assert demo.stdout is not None and demo.stderr is not None
    try:
        lines: list[str] = []
        for line in demo.stdout:
            lines.append(line)
            if "until Ctrl-C" in line:
                break
        flower = re.search(r"flower: (http://\S+)", "".join(lines))
        assert flower, lines
        assert "published=4 dead_lettered=1 lost=0 of 5" in "".join(lines)
        # Flower answers at the printed URL while the stack is held.
        assert urllib3.PoolManager().request("GET", flower.group(1), retries=False).status == 200
        demo.send_signal(signal.SIGINT)
        assert demo.wait(timeout=60) == 0
        assert "processed 5/5" in demo.stderr.read()
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait()
        demo.stdout.close()
        demo.stderr.close()
