"""The command's edges: one-line reasons on stderr with distinct exit codes, help without settings, a closed
pipe, a version."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from workers import __version__
from workers.cli import EXIT_CONFIG, EXIT_UNAVAILABLE

REPO = Path(__file__).resolve().parents[2]


def gongkai(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workers.cli", *args],
        capture_output=True, text=True, timeout=60, cwd=REPO, env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_help_works_whatever_the_settings() -> None:
    done = gongkai("--help", env={"GONGKAI_MAX_BYTES": "not a number"})
    assert done.returncode == 0 and "redrive" in done.stdout


def test_an_invalid_setting_is_one_line_naming_it_and_exit_code_3() -> None:
    done = gongkai("status", env={"GONGKAI_MAX_BYTES": "not a number"})
    assert done.returncode == EXIT_CONFIG
    assert done.stderr.strip().count("\n") == 0 and "GONGKAI_MAX_BYTES" in done.stderr


def test_redis_down_is_one_line_and_exit_code_4() -> None:
    done = gongkai("status", env={"GONGKAI_REDIS_URL": "redis://127.0.0.1:9/0"})
    assert done.returncode == EXIT_UNAVAILABLE
    assert done.stderr.strip().count("\n") == 0 and "redis_unavailable" in done.stderr


def test_the_object_store_down_is_one_line_and_exit_code_4() -> None:
    done = gongkai("sweep", env={"GONGKAI_S3_ENDPOINT": "http://127.0.0.1:9", "GONGKAI_REDIS_URL": "redis://127.0.0.1:9/0"})
    assert done.returncode == EXIT_UNAVAILABLE and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("gongkai sweep: storage_unavailable")


def test_output_into_a_closed_pipe_is_no_error() -> None:
    files = [str(p) for p in sorted((REPO / "workers" / "samples").iterdir())] * 20  # far more than a pipe holds
    process = subprocess.Popen(
        [sys.executable, "-m", "workers.cli", "process", *files],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    errors = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=120) == 0
    assert b"BrokenPipeError" not in errors and b"Traceback" not in errors


def test_version() -> None:
    assert gongkai("--version").stdout.strip() == f"gongkai {__version__}"
