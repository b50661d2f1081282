"""The retry policy is keyed on the branch of the error tree."""

from __future__ import annotations

import pytest

from workers import errors
from workers.errors import backoff

PERMANENT = [errors.UnsupportedFormat, errors.EmptyFile, errors.TooLarge, errors.DecodeFailed, errors.StageTimeout,
             errors.PoisonMessage, errors.InvalidEvent, errors.Superseded]  # fmt: skip
RETRYABLE = [errors.StorageUnavailable, errors.ObjectMissing, errors.RedisUnavailable]


@pytest.mark.parametrize("cls", PERMANENT)
def test_permanent_errors_are_not_retried(cls: type[errors.GongkaiError]) -> None:
    exc = cls("pdf") if cls is errors.UnsupportedFormat else cls()
    assert isinstance(exc, errors.PermanentError) and not exc.retryable


@pytest.mark.parametrize("cls", RETRYABLE)
def test_retryable_errors_are_retried(cls: type[errors.GongkaiError]) -> None:
    assert isinstance(cls(), errors.RetryableError) and cls().retryable


@pytest.mark.parametrize("cls", PERMANENT + RETRYABLE)
def test_every_error_has_a_stable_code_and_advice_for_people(cls: type[errors.GongkaiError]) -> None:
    assert cls.code.islower() and " " not in cls.code
    assert len(cls.hint) > 20


def test_codes_are_unique_across_the_tree() -> None:
    codes = [c.code for c in PERMANENT + RETRYABLE]
    assert len(codes) == len(set(codes))


def test_no_error_shadows_a_builtin_name() -> None:
    import builtins

    assert not [c.__name__ for c in PERMANENT + RETRYABLE if hasattr(builtins, c.__name__)]


def test_backoff_grows_and_is_capped() -> None:
    assert all(0 <= backoff(n, 1.0, 60.0) <= min(60.0, 2**n) for n in range(12))


def test_a_key_with_dot_dot_segments_is_a_permanent_invalid_key_not_a_crash() -> None:
    from schemas import ObjectRef
    from workers.errors import InvalidKey
    from workers.settings import Settings
    from workers.storage import Storage

    storage = Storage(Settings(s3_endpoint="http://127.0.0.1:9"))  # refused before any request is made
    with pytest.raises(InvalidKey):
        storage.read_source(ObjectRef(bucket="reports", key="a/../b.txt"), 1000)
