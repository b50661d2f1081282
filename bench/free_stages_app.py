"""The real worker with the four stages' work done once per distinct input and then remembered: every message,
Redis round trip, object-store read, intermediate written and read, record and ledger write is as in production,
only the stage functions cost nothing after their first call. What the pipeline runs at like this, beside the
no-op chain with the GET, is the cost of the design itself; the rest of the gap is the stages' own CPU.

Started by `python -m bench.e2e --free-stages` as `celery -A bench.free_stages_app worker`; never in production."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from workers import pipeline, tasks  # noqa: F401  (tasks: registers the real tasks on the real app)
from workers.app import app

__all__ = ["app"]


def _remembered(fn: Callable[..., Any], key: Callable[..., Hashable]) -> Callable[..., Any]:
    seen: dict[Hashable, Any] = {}

    def call(*args: Any) -> Any:
        k = key(*args)
        if k not in seen:
            seen[k] = fn(*args)
        return seen[k]

    return call


# The bench uploads a dozen distinct files many times: a report's text names its outputs.
pipeline.normalize = _remembered(pipeline.normalize, lambda data, *_: hash(data))
pipeline.segment = _remembered(pipeline.segment, lambda doc: hash(doc.text))
pipeline.extract = _remembered(pipeline.extract, lambda doc, seg: hash(doc.text))
pipeline.validate = _remembered(pipeline.validate, lambda doc, seg, ext: hash(doc.text))
