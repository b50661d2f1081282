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
