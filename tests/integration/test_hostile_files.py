"""Hostile files dropped into the bucket: each ends as exactly one outcome in bounded time, the ones that
cannot be read as one dead letter with its stable code, and the worker keeps serving."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures import hostile

from .conftest import Live, start_live

pytestmark = pytest.mark.integration

LIMIT = 12 * 1024 * 1024


@pytest.fixture(scope="module")
def hostile_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    lv = start_live(tmp_path_factory.mktemp("hostile"), {"GONGKAI_MAX_BYTES": str(LIMIT)})
    yield lv
    lv.stack.stop()


DEAD = [
    ("empty.txt", lambda: b"", {"empty_file"}),
    ("truncated.pdf", hostile.truncated_pdf, {"decode_failed", "unsupported_format"}),
    ("page-bomb.pdf", hostile.page_bomb_pdf, {"too_large", "decode_failed", "unsupported_format"}),
    ("zip-bomb.docx", hostile.zip_bomb_docx, {"too_large"}),
    ("over-limit.txt", lambda: b"a" * (LIMIT + 1), {"too_large"}),
    ("noise.bin", hostile.random_bytes, {"unsupported_format"}),
    ("one-line.txt", hostile.long_line_text, {"too_large"}),
]
ANY_OUTCOME = [
    ("deep.html", hostile.deep_html),
    ("regex-hostile.txt", hostile.regex_hostile_text),
]


@pytest.mark.parametrize(("key", "build", "codes"), DEAD, ids=[d[0] for d in DEAD])
def test_unreadable_files_end_as_one_dead_letter_with_a_stable_code(
    hostile_live: Live, key: str, build: object, codes: set[str]
) -> None:
    started = time.monotonic()
    ref = hostile_live.drop(f"hostile/{key}", build(), "application/octet-stream")  # type: ignore[operator]
    outcome = hostile_live.outcome(ref, timeout=90)
    assert outcome.startswith("dead:")
    assert hostile_live.entry(outcome)["error"] in codes
    assert hostile_live.entries_for(ref) == 1
    assert time.monotonic() - started < 90


@pytest.mark.parametrize(("key", "build"), ANY_OUTCOME, ids=[a[0] for a in ANY_OUTCOME])
def test_pathological_but_readable_files_end_as_one_outcome_quickly(
    hostile_live: Live, key: str, build: object
) -> None:
    ref = hostile_live.drop(f"hostile/{key}", build(), "application/octet-stream")  # type: ignore[operator]
    hostile_live.outcome(ref, timeout=60)
    assert hostile_live.entries_for(ref) == 1


def test_the_worker_still_serves_after_the_hostile_files(hostile_live: Live, samples_dir: Path) -> None:
    ref = hostile_live.drop("hostile/after.txt", (samples_dir / "qinghe-2016-f07.txt").read_bytes())
    assert hostile_live.outcome(ref).startswith("record:")
    assert hostile_live.stack.procs["worker0"].poll() is None
