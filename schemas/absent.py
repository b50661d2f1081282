"""Optional fields that are left out of the dump, rather than written as null, when they hold nothing."""

from __future__ import annotations

from typing import Any

from pydantic import Field


def _is_none(value: object) -> bool:
    return value is None


def absent_when_none(description: str | None = None) -> Any:
    # Per field rather than a wrapping model serializer: that costs a Python call and a second pass over the
    # model's dump each time (a check can cite hundreds of cells: 2.6x the dump time of the checks).
    return Field(default=None, exclude_if=_is_none, description=description)
