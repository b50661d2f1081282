"""Property: whatever bytes arrive, normalize returns a Document or raises a PermanentError, never anything else;
and hostile files (page bombs, truncations, zip bombs, deep nesting) are refused quickly."""

from __future__ import annotations

import contextlib
import time
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas.document import Document, Limits
from tests.fixtures import build, hostile
from workers.errors import PermanentError, TooLarge
from workers.stages.normalize import normalize

LIMITS = Limits(seconds=20)


@cache
def _samples() -> tuple[bytes, ...]:
    return (
        build.report_text().encode("gb18030"),
        build.traditional(build.report_text()).encode("big5"),
        build.html_page(),
        build.docx_bytes(with_table=True),
        build.pdf_bytes(with_table=True),
    )


def _outcome(data: bytes) -> None:
    try:
        doc = normalize(data, "upload", None, LIMITS)
    except PermanentError:
        return
    assert isinstance(doc, Document) and doc.text.strip()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_random_bytes_give_a_document_or_a_permanent_error(data: bytes) -> None:
    _outcome(data)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sample=st.integers(min_value=0, max_value=4),
    edits=st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 255), st.sampled_from(["set", "insert", "cut"])), max_size=8
    ),
    truncate=st.floats(0.05, 1.0),
)
def test_mutated_sample_reports_give_a_document_or_a_permanent_error(
    sample: int, edits: list[tuple[float, int, str]], truncate: float
) -> None:
    data = bytearray(_samples()[sample])
    for where, value, how in edits:
        at = int(where * (len(data) - 1))
        if how == "set":
            data[at] = value
        elif how == "insert":
            data[at:at] = bytes([value]) * 16
        else:
            del data[at : at + 64]
    _outcome(bytes(data[: max(1, int(len(data) * truncate))]))


def _refused_quickly(data: bytes, limits: Limits | None = None) -> PermanentError:
    started = time.monotonic()
    with pytest.raises(PermanentError) as raised:
        normalize(data, "upload", None, limits or Limits())
    assert time.monotonic() - started < 5
    return raised.value


def test_pdf_with_more_pages_than_the_limit_is_refused_before_any_page_is_read() -> None:
    assert isinstance(_refused_quickly(hostile.blank_pdf(600)), TooLarge)


def test_pdf_whose_page_tree_claims_two_billion_pages_is_refused_quickly() -> None:
    _refused_quickly(hostile.page_bomb_pdf())


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.02])
def test_truncated_pdf_is_refused_quickly(keep: float) -> None:
    _refused_quickly(hostile.truncated_pdf(keep))


def test_docx_zip_bomb_under_the_size_limit_is_refused_by_its_expansion_ratio() -> None:
    assert isinstance(_refused_quickly(hostile.zip_bomb_docx()), TooLarge)


def test_html_nested_a_hundred_thousand_deep_is_refused_or_read_quickly() -> None:
    page = hostile.deep_html()
    started = time.monotonic()
    with contextlib.suppress(PermanentError):
        normalize(page, "deep.html", None, Limits())
    assert time.monotonic() - started < 10


def _in_a_child(code: str) -> tuple[float, float]:
    """Runs `code` (which normalizes a hostile file) in a fresh interpreter: (seconds, peak MB of that process)."""
    import subprocess
    import sys

    program = (
        "import time\n"
        "t0 = time.monotonic()\n"
        f"{code}\n"
        # VmHWM, not ru_maxrss: the latter survives exec and reports the (large) test process's peak.
        "hwm = [int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
        "print(time.monotonic() - t0, hwm / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout
    seconds, mb = out.split()[-2:]
    return float(seconds), float(mb)


_REFUSE = (
    "from tests.fixtures import hostile\n"
    "from schemas.document import Limits\n"
    "from workers.stages.normalize import normalize\n"
    "from workers.errors import PermanentError\n"
    "data = hostile.{builder}\n"
    "try:\n    normalize(data, 'attack', None, Limits(seconds=300))\nexcept PermanentError:\n    pass\n"
)


def test_a_docx_of_many_xml_parts_each_under_any_limit_is_refused_in_little_time_and_memory() -> None:
    # Twenty parts of 9 MB of XML: 4.3 GB of parsed tree in one pool process when it was read.
    seconds, mb = _in_a_child(_REFUSE.format(builder="many_parts_docx()"))
    assert seconds < 5 and mb < 400


def test_a_pdf_of_dense_line_grids_keeps_its_text_and_skips_the_table_finder_in_little_time() -> None:
    # Two pages of 160 crossing lines each: 62 s in the table finder before it was bounded.
    seconds, mb = _in_a_child(_REFUSE.format(builder="line_grid_pdf(160, 4)"))
    assert seconds < 10 and mb < 400


def test_the_time_limit_of_a_task_passes_through_normalize_and_is_not_called_a_malformed_file() -> None:
    from workers.errors import is_time_limit

    class SoftTimeLimitExceeded(Exception):  # Celery's, by the name the stages know it by
        pass

    def slow(*_: object) -> None:
        raise SoftTimeLimitExceeded()

    import workers.stages.normalize.text as text_reader

    original = text_reader.read_text
    text_reader.read_text = slow  # type: ignore[assignment]
    try:
        with pytest.raises(SoftTimeLimitExceeded) as raised:
            normalize(b"plain text report", "a.txt", None, LIMITS)
        assert is_time_limit(raised.value)
    finally:
        text_reader.read_text = original


def test_a_docx_of_many_xml_parts_is_refused_by_its_total_xml() -> None:
    refused = _refused_quickly(hostile.many_parts_docx())
    assert isinstance(refused, TooLarge) and refused.detail == "xml"
