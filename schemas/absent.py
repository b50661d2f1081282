"""Optional fields that are left out of the dump, rather than written as null, when they hold nothing."""

from __future__ import annotations

from typing import Any

from pydantic import Field


def _is_none(value: object) -> bool:
    return value is None


def absent_when_none(description: str | None = None) -> Any:
    # Per field rather than a wrapping model serializer, which costs a Python call and a second pass over the
    # model's dump for every instance (a check can cite dozens of cells).
    return Field(default=None, exclude_if=_is_none, description=description)
