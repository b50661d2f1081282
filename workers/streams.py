"""The Redis side: exactly-once publish and dead-letter, consumer-group reads, status figures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

import redis

from schemas import DeadLetter
from workers import names
from workers.errors import RedisUnavailable

# One script so the ledger check and the XADD cannot be split by a crash or a racing duplicate:
# a version gets at most one entry across both streams. Retention rides along (README, Retention): the
# stream written is trimmed by length, both streams by age (stream ids are the server's milliseconds, so a
# stream nobody writes to still ages), and ledger entries older than their age leave the hash a few at a
# time, oldest first, through an index sorted by time. The version's in-flight keys (its mark, what its
# stages handed on, its delivery counts) go in the same step, done or not.
#   KEYS: ledger hash, stream written, ledger index, the other stream, keys to delete...
#   ARGV: record id, kind, max length, max age (ms), the other stream's max age (ms), ledger max age (ms),
#         field, value, ...  (0: no limit)
_PUBLISH_ONCE = """
if #KEYS > 4 then redis.call('DEL', unpack(KEYS, 5)) end
local prev = redis.call('HGET', KEYS[1], ARGV[1])
if prev then return {0, prev} end
local id
if tonumber(ARGV[3]) > 0 then
  id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', unpack(ARGV, 7))
else
  id = redis.call('XADD', KEYS[2], '*', unpack(ARGV, 7))
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if tonumber(ARGV[4]) > 0 then
  redis.call('XTRIM', KEYS[2], 'MINID', '~', now - tonumber(ARGV[4]))
end
if tonumber(ARGV[5]) > 0 and redis.call('EXISTS', KEYS[4]) == 1 then
  redis.call('XTRIM', KEYS[4], 'MINID', '~', now - tonumber(ARGV[5]))
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. id)
redis.call('ZADD', KEYS[3], now, ARGV[1])
if tonumber(ARGV[6]) > 0 then
  local old = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[6]), 'LIMIT', 0, 8)
  if #old > 0 then
    redis.call('HDEL', KEYS[1], unpack(old))
    redis.call('ZREM', KEYS[3], unpack(old))
  end
end
return {1, id}
"""

# Redrive takes a dead letter back only while it is still the version's outcome: the ledger entry and the
# letter go together, so a version never has two outcomes at once, nor none while it is being retried.
_FORGET_DEAD = """
if redis.call('HGET', KEYS[1], ARGV[1]) ~= 'dead:' .. ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('XDEL', KEYS[2], ARGV[2])
return 1
"""


def connect(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=3, health_check_interval=30)


@dataclass(frozen=True)
class Retention:
    """How much the publishing side keeps (0: no limit). Readers need none."""

    records_max_len: int = 0
    records_max_age_ms: int = 0
    dead_max_len: int = 0
    dead_max_age_ms: int = 0
    ledger_max_age_ms: int = 0


@dataclass(frozen=True)
class Published:
    new: bool
    entry: str  # "record:<id>" / "dead:<id>" when it was already there, else the new stream id


class Streams:
    def __init__(self, client: redis.Redis, retention: Retention | None = None) -> None:
        self.r = client
        self.retention = retention or Retention()
        self._publish = client.register_script(_PUBLISH_ONCE)
        self._forget_dead = client.register_script(_FORGET_DEAD)

    def _once(self, record_id: str, kind: str, fields: dict[str, str], forget: tuple[str, ...]) -> Published:
        keep = self.retention
        records = (names.RECORDS_STREAM, keep.records_max_len, keep.records_max_age_ms)
        dead = (names.DEAD_STREAM, keep.dead_max_len, keep.dead_max_age_ms)
        (stream, max_len, max_age), (other, _, other_age) = (records, dead) if kind == "record" else (dead, records)
        flat: list[str | int] = [record_id, kind, max_len, max_age, other_age, keep.ledger_max_age_ms]
        for k, v in fields.items():
            flat += [k, v]
        try:
            new, entry = self._publish(keys=[names.DONE_HASH, stream, names.DONE_INDEX, other, *forget], args=flat)
        except redis.RedisError as exc:
            raise RedisUnavailable(f"publish: {type(exc).__name__}") from exc
        return Published(bool(new), entry.decode() if isinstance(entry, bytes) else str(entry))

    def publish_record(self, record_id: str, record_json: str, forget: tuple[str, ...] = ()) -> Published:
        """forget: keys deleted in the same step (the version's in-flight mark and intermediates)."""
        fields = {"record_id": record_id, "record": record_json}
        return self._once(record_id, "record", fields, forget)

    def dead_letter(self, letter: DeadLetter, forget: tuple[str, ...] = ()) -> Published:
        fields = {k: str(v) for k, v in letter.model_dump().items()}
        return self._once(letter.record_id, "dead", fields, forget)

    def entries(self, stream: str, batch: int = 500, end: str = "+") -> Iterator[tuple[str, dict[bytes, bytes]]]:
        """Every entry of a stream up to `end`, oldest first, read in batches: (entry id, raw fields)."""
        start = "-"
        while True:
            try:
                found = cast(list[Any], self.r.xrange(stream, start, end, count=batch))
            except redis.RedisError as exc:
                raise RedisUnavailable(f"read {stream}: {type(exc).__name__}") from exc
            for eid, fields in found:
                yield eid.decode(), fields
            if len(found) < batch:
                return
            start = "(" + found[-1][0].decode()

    def last_entry(self, stream: str) -> str | None:
        """The newest entry's id, or None for an empty stream."""
        try:
            last = cast(list[Any], self.r.xrevrange(stream, count=1))
        except redis.RedisError as exc:
            raise RedisUnavailable(f"read {stream}: {type(exc).__name__}") from exc
        return last[0][0].decode() if last else None

    def dead_letters(self, batch: int = 500) -> Iterator[tuple[str, dict[str, str]]]:
        """Every entry of the dead-letter stream, oldest first: (entry id, fields)."""
        for eid, fields in self.entries(names.DEAD_STREAM, batch):
            yield eid, {k.decode(): v.decode("utf-8") for k, v in fields.items()}

    def forget_dead(self, record_id: str, entry_id: str) -> bool:
        """Take a dead letter back (ledger entry and stream entry) if it is still the version's outcome."""
        try:
            keys = [names.DONE_HASH, names.DEAD_STREAM, names.DONE_INDEX]
            return bool(self._forget_dead(keys=keys, args=[record_id, entry_id]))
        except redis.RedisError as exc:
            raise RedisUnavailable(f"redrive: {type(exc).__name__}") from exc

    def outcome(self, record_id: str) -> str | None:
        try:
            value = self.r.hget(names.DONE_HASH, record_id)
        except redis.RedisError as exc:
            raise RedisUnavailable(f"ledger: {type(exc).__name__}") from exc
        return value.decode() if isinstance(value, bytes) else value

    def entry(self, outcome: str) -> dict[str, str]:
        """The stream entry an outcome ("record:<id>" or "dead:<id>") points at, decoded."""
        kind, entry_id = outcome.split(":", 1)
        stream = names.RECORDS_STREAM if kind == "record" else names.DEAD_STREAM
        found = cast(list[Any], self.r.xrange(stream, entry_id, entry_id))
        return {k.decode(): v.decode("utf-8") for k, v in found[0][1].items()} if found else {}

    def outcomes(self, record_ids: list[str]) -> list[str | None]:
        if not record_ids:
            return []
        values = cast(list[Any], self.r.hmget(names.DONE_HASH, record_ids))
        return [v.decode() if isinstance(v, bytes) else v for v in values]


class GroupReader:
    """Reads a stream through a consumer group; entries a dead consumer left pending are claimed first."""

    def __init__(self, client: redis.Redis, stream: str, group: str, consumer: str, claim_idle_ms: int) -> None:
        self.r, self.stream, self.group, self.consumer = client, stream, group, consumer
        self.claim_idle_ms = claim_idle_ms
        try:
            self.r.xgroup_create(stream, group, id="0", mkstream=True)
        except redis.ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    def claim_stale(self, count: int) -> list[tuple[str, dict[bytes, bytes]]]:
        out: list[tuple[str, dict[bytes, bytes]]] = []
        start = "0-0"
        while len(out) < count:
            resp = cast(
                list[Any],
                self.r.xautoclaim(
                    self.stream, self.group, self.consumer, self.claim_idle_ms, start_id=start, count=count - len(out)
                ),
            )
            start, entries = resp[0], resp[1]
            out += [(eid.decode(), fields) for eid, fields in entries if fields is not None]
            if start in (b"0-0", "0-0"):
                break
        return out

    def read(self, count: int, block_ms: int | None) -> list[tuple[str, dict[bytes, bytes]]]:
        resp = cast(
            list[Any], self.r.xreadgroup(self.group, self.consumer, {self.stream: ">"}, count=count, block=block_ms)
        )
        return [(eid.decode(), fields) for _, entries in resp for eid, fields in entries]

    def ack(self, entry_id: str) -> None:
        self.r.xack(self.stream, self.group, entry_id)

    def batches(self, count: int, block_ms: int | None) -> Iterator[list[tuple[str, dict[bytes, bytes]]]]:
        """Stale entries first, then new ones; stops when a read comes back empty."""
        while True:
            batch = self.claim_stale(count) or self.read(count, block_ms)
            if not batch:
                return
            yield batch


def queue_depth(client: redis.Redis) -> int:
    """Messages waiting in the task queue, over all its priority lists."""
    with client.pipeline(transaction=False) as pipe:
        for key in names.queue_lists():
            pipe.llen(key)
        return sum(pipe.execute())


def status(client: redis.Redis, dead_tail: int = 10) -> dict[str, Any]:
    dead = cast(list[Any], client.xrevrange(names.DEAD_STREAM, count=dead_tail))
    refused = cast(dict[bytes, bytes], client.hgetall(names.INTAKE_REFUSED))
    groups: list[dict[str, Any]] = []
    if client.exists(names.RECORDS_STREAM):
        for g in cast(list[dict[Any, Any]], client.xinfo_groups(names.RECORDS_STREAM)):
            groups.append({k: (v.decode() if isinstance(v, bytes) else v) for k, v in g.items()})
    return {
        "queue_depth": queue_depth(client),
        "records": client.xlen(names.RECORDS_STREAM),
        "dead_letters": client.xlen(names.DEAD_STREAM),
        "versions_done": client.hlen(names.DONE_HASH),
        "in_flight": sum(1 for _ in client.scan_iter(names.dispatched_key("*"), count=1000)),
        "events_refused": {k.decode(): int(v) for k, v in refused.items()},
        "groups": groups,
        "latest_dead": [
            {k.decode(): v.decode() for k, v in fields.items()} | {"id": eid.decode()} for eid, fields in dead
        ],
    }
