"""`gongkai process` runs the stages with no services and prints one record per line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workers.cli import main


def test_process_prints_one_record_per_file_and_reports_refusals_on_stderr(
    samples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = samples_dir / "qinghe-2016-f07.txt"
    bad = samples_dir / "scanned-page.png"
    assert main(["process", str(good), str(bad)]) == 1
    out, err = capsys.readouterr()
    [line] = out.splitlines()
    record = json.loads(line)
    assert record["source"]["key"] == str(good)
    assert record["meta"]["report_year"] == 2016
    refusal = json.loads(err.splitlines()[-1])
    assert (refusal["key"], refusal["error"]) == (str(bad), "unsupported_format")
    assert refusal["message"]


def test_process_exits_zero_when_every_file_became_a_record(samples_dir: Path) -> None:
    assert main(["process", str(samples_dir / "qinghe-2016-f07.txt")]) == 0
