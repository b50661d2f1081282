"""Property: whatever bytes arrive, normalize returns a Document or raises a PermanentError, never anything else."""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas.document import Document, Limits
from tests.fixtures import build
from workers.errors import PermanentError
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
