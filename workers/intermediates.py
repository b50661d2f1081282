"""What one stage hands the next: kept in Redis beside the broker (a claim check), compressed, under one hash
per report with a TTL, and deleted when the report's outcome is written. The object store holds only the
sources; a message carries ids.

Measured against the earlier design (the document in an artifacts bucket, the small models in the
message): a PUT and up to four GETs per report to the object store, each a few ms of request signing and
of the store's own CPU, against one Redis round trip of a few hundred microseconds (README, Benchmarks).

Each worker process keeps the last few reports' models as objects, since the next stage of a report lands
on the same process about as often as not, and then nothing is fetched or parsed. A report whose
intermediates are gone (the TTL ran out during a long outage, Redis restarted without persistence) is not
lost: the task rebuilds them from the source (`tasks._inputs`).
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from typing import Any, cast

import redis
from pydantic import TypeAdapter, ValidationError

from schemas import Check, Document, Extraction, Segmentation, Source
from workers import names
from workers.errors import RedisUnavailable

# Each stage's output, in pipeline order, with the type it is read back as.
ADAPTERS: dict[str, TypeAdapter[Any]] = {
    "source": TypeAdapter(Source),
    "document": TypeAdapter(Document),
    "segmentation": TypeAdapter(Segmentation),
    "extraction": TypeAdapter(Extraction),
    "checks": TypeAdapter(list[Check]),
}

# zlib's fastest level: Chinese JSON shrinks about 3x at it, and more effort buys little at these sizes.
_LEVEL = 1


class Intermediates:
    def __init__(self, client: redis.Redis, ttl: int, cache_size: int = 16) -> None:
        self.r = client
        self.ttl = ttl
        self.cache_size = cache_size
        self._cache: OrderedDict[str, dict[str, Any]] = OrderedDict()

    def put(self, record_id: str, **outputs: Any) -> None:
        blobs = {name: zlib.compress(ADAPTERS[name].dump_json(value), _LEVEL) for name, value in outputs.items()}
        key = names.intermediates_key(record_id)
        try:
            with self.r.pipeline(transaction=False) as pipe:
                pipe.hset(key, mapping=blobs)  # type: ignore[arg-type]
                pipe.expire(key, self.ttl)
                pipe.execute()
        except redis.RedisError as exc:
            raise RedisUnavailable(f"intermediates: {type(exc).__name__}") from exc
        self._remember(record_id, outputs)

    def get(self, record_id: str, wanted: tuple[str, ...]) -> dict[str, Any]:
        """The wanted outputs that still exist (a missing one is absent from the result)."""
        missing = self.uncached(record_id, wanted)
        if missing:
            try:
                blobs = cast(list[bytes | None], self.r.hmget(names.intermediates_key(record_id), missing))
            except redis.RedisError as exc:
                raise RedisUnavailable(f"intermediates: {type(exc).__name__}") from exc
            self.absorb(record_id, missing, blobs)
        have = self._cache.get(record_id, {})
        return {n: have[n] for n in wanted if n in have}

    def uncached(self, record_id: str, wanted: tuple[str, ...]) -> list[str]:
        have = self._cache.get(record_id, {})
        return [n for n in wanted if n not in have]

    def absorb(self, record_id: str, fetched: list[str], blobs: list[bytes | None]) -> None:
        """Takes what an HMGET of the report's hash returned (in a caller's pipeline, so that a stage's
        arrival costs one round trip with its inputs)."""
        found: dict[str, Any] = {}
        for name, blob in zip(fetched, blobs, strict=True):
            if blob is None:
                continue
            try:
                found[name] = ADAPTERS[name].validate_json(zlib.decompress(blob))
            except (zlib.error, ValidationError):
                # Written by another version of the models (a deploy mid-chain) or damaged: as good as gone,
                # so the stage rebuilds it from the source rather than failing the report.
                continue
        self._remember(record_id, found)

    def evict(self, record_id: str) -> None:
        """Drops the process's copy; the hash itself goes in the step that writes the outcome (`tasks._in_flight`)."""
        self._cache.pop(record_id, None)

    def _remember(self, record_id: str, outputs: dict[str, Any]) -> None:
        self._cache.setdefault(record_id, {}).update(outputs)
        self._cache.move_to_end(record_id)
        while len(self._cache) > max(self.cache_size, 1):  # the report at hand stays, whatever the size
            self._cache.popitem(last=False)
