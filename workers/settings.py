"""The one typed settings object, read from GONGKAI_* environment variables when a process starts."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from schemas import Limits
from workers.streams import Retention


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GONGKAI_", extra="ignore")

    redis_url: str = Field("redis://127.0.0.1:6379/0", description="Redis for the streams and the dedup ledger.")
    broker_url: str | None = Field(None, description="Celery broker; defaults to redis_url.")
    s3_endpoint: str = Field("http://127.0.0.1:9000", description="Object store URL, e.g. http://127.0.0.1:9000.")
    s3_access_key: SecretStr = Field(SecretStr("minioadmin"), description="Object store access key.")
    s3_secret_key: SecretStr = Field(SecretStr("minioadmin"), description="Object store secret key.")
    s3_region: str = Field("us-east-1", description="Region sent to the object store.")
    bucket: str = Field("reports", description="The watched bucket that reports are dropped into.")
    webhook_token: SecretStr = Field(SecretStr(""), description="Bearer token the intake requires on POST /events.")
    intake_body_timeout: float = Field(
        10.0, gt=0, description="Seconds a client has to send a request's body to the intake; then it is answered 408."
    )
    intake_keepalive_timeout: int = Field(
        5, gt=0, description="Seconds an intake connection may go without a complete request head (idle or stalled)."
    )
    intake_max_concurrency: int = Field(
        64, ge=1, description="Connections the intake serves at once (and threads for its Redis calls); more get 503."
    )
    intake_shutdown_timeout: int = Field(
        8, ge=0, description="Seconds requests in flight get to finish after SIGTERM before the intake exits."
    )
    serve_token: SecretStr = Field(
        SecretStr(""),
        description="Token `gongkai serve` requires when set; it refuses a non-loopback address without one.",
    )

    max_bytes: int = Field(50 * 1024 * 1024, description="Largest source file accepted (bytes).")
    max_decompressed_bytes: int = Field(200 * 1024 * 1024, description="Largest unpacked size of a .docx.")
    max_xml_bytes: int = Field(
        24 * 1024 * 1024, description="Largest total unpacked XML in a .docx (parsed into a tree 10-20x its size)."
    )
    max_pages: int = Field(500, description="Most PDF pages read.")
    max_text_chars: int = Field(2_000_000, description="Longest normalized text kept.")

    soft_time_limit: int = Field(120, description="Seconds before a stage is told to stop (dead-letters as timeout).")
    time_limit: int = Field(180, description="Seconds before a stage's process is killed.")
    visibility_timeout: int = Field(
        3600, description="Seconds before an unacknowledged message is redelivered; longer than time_limit."
    )
    max_retries: int = Field(5, description="Retries of a transient failure before it may dead-letter.")
    retry_window: float = Field(
        900.0,
        description="Seconds a transient failure (S3 or Redis unreachable) is retried before it dead-letters; "
        "a failure dead-letters only after both max_retries retries and this window.",
    )
    retry_backoff: float = Field(1.0, description="First retry delay (s); doubles each time, with jitter.")
    retry_backoff_max: float = Field(60.0, description="Longest retry delay (s).")
    max_deliveries: int = Field(3, description="Deliveries of one task attempt (worker deaths) before it dead-letters.")
    dispatch_ttl: int = Field(
        7200, description="Seconds a dispatched version counts as in flight; after that the sweep dispatches it again."
    )
    intermediates_ttl: int = Field(
        86400,
        description="Seconds what one stage hands the next is kept in Redis if its report never finishes "
        "(deleted as soon as it does); a stage that finds it gone rebuilds it from the source.",
    )
    records_max_len: int = Field(
        100_000, description="Records kept on gongkai:records, trimmed oldest first (approximately); 0: no limit."
    )
    records_max_age: int = Field(
        30 * 86400, description="Seconds a record stays on gongkai:records (approximately); 0: no limit."
    )
    dead_max_len: int = Field(100_000, description="Dead letters kept on gongkai:dead; 0: no limit.")
    dead_max_age: int = Field(90 * 86400, description="Seconds a dead letter stays on gongkai:dead; 0: no limit.")
    ledger_max_age: int = Field(
        400 * 86400,
        description="Seconds a version's outcome stays in the ledger; an event for a version older than this "
        "publishes it again. Longer than both stream ages; 0: no limit.",
    )
    worker_concurrency: int = Field(2, description="Worker processes per `gongkai worker`.")
    max_worker_memory_mb: int = Field(
        1024, description="A pool process whose resident memory grew past this (MB) is replaced after its task."
    )
    prefetch_multiplier: int = Field(4, description="Messages each worker process reserves ahead.")

    log_format: Literal["auto", "json", "console"] = Field(
        "auto", description="auto: JSON unless stderr is a terminal."
    )
    log_level: str = Field("INFO", description="Log level.")

    @model_validator(mode="after")
    def _limits_are_ordered(self) -> Settings:
        # A message redelivered while its task still runs would run twice at once.
        if self.visibility_timeout <= self.time_limit:
            raise ValueError("GONGKAI_VISIBILITY_TIMEOUT must be longer than GONGKAI_TIME_LIMIT")
        if self.soft_time_limit >= self.time_limit:
            raise ValueError("GONGKAI_SOFT_TIME_LIMIT must be shorter than GONGKAI_TIME_LIMIT")
        # A version that left the ledger while its entry is still on a stream would get a second one.
        ages = (self.records_max_age, self.dead_max_age)
        if self.ledger_max_age and not all(0 < age <= self.ledger_max_age for age in ages):
            raise ValueError(
                "GONGKAI_LEDGER_MAX_AGE must be 0 or at least GONGKAI_RECORDS_MAX_AGE and GONGKAI_DEAD_MAX_AGE"
            )
        return self

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Settings from a given environment (a local stack's, say) instead of this process's."""
        prefix = cls.model_config.get("env_prefix", "")
        return cls.model_validate({k[len(prefix) :].lower(): v for k, v in env.items() if k.startswith(prefix)})

    @property
    def effective_broker_url(self) -> str:
        return self.broker_url or self.redis_url

    def retention(self) -> Retention:
        return Retention(
            records_max_len=self.records_max_len,
            records_max_age_ms=self.records_max_age * 1000,
            dead_max_len=self.dead_max_len,
            dead_max_age_ms=self.dead_max_age * 1000,
            ledger_max_age_ms=self.ledger_max_age * 1000,
        )

    def limits(self) -> Limits:
        return Limits(
            max_bytes=self.max_bytes,
            max_decompressed_bytes=self.max_decompressed_bytes,
            max_xml_bytes=self.max_xml_bytes,
            max_pages=self.max_pages,
            max_text_chars=self.max_text_chars,
            seconds=float(self.soft_time_limit),
        )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Built once per process, on first use (never at import time)."""
    return Settings()
