"""Fixtures shared by both test tiers."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared next to the repo (the real corpus and its gold answers); CI always has it, a user's clone may not."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus is absent (a plain clone): the real-corpus tests run only where it exists")
    return SHARED


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return REPO / "workers" / "samples"
