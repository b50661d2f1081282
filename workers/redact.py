"""Secrets never leave the process: every configured secret is masked in whatever is logged or dead-lettered.

The secrets are the ones the settings hold: the S3 keys, the webhook token, and a password inside the Redis
or broker URL. Masking the values themselves, wherever they turn up (an exception's message, a URL in a
library's log record, a field someone bound), is a net under every path, including ones not written yet;
tracebacks are rendered without their frames' local variables, which is where most of them would hide.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from workers.settings import Settings

MASK = "***"
# Shorter values (a test's "x", a default that is a common word) would mask ordinary text.
_MIN_SECRET = 6


def secrets_of(settings: Settings) -> list[str]:
    found = [
        settings.s3_secret_key.get_secret_value(),
        settings.s3_access_key.get_secret_value(),
        settings.webhook_token.get_secret_value(),
        settings.serve_token.get_secret_value(),
    ]
    for url in (settings.redis_url, settings.broker_url or ""):
        password = urlsplit(url).password if url else None
        if password:
            found.append(password)
    # Longest first, so a secret that contains another is masked whole.
    return sorted({s for s in found if len(s) >= _MIN_SECRET}, key=len, reverse=True)


class Redactor:
    def __init__(self, secrets: Iterable[str]) -> None:
        self.secrets = list(secrets)

    def text(self, value: str) -> str:
        for secret in self.secrets:
            if secret in value:
                value = value.replace(secret, MASK)
        return value

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.value(v) for v in value)
        return value

    def __call__(self, logger: Any, method: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
        """A structlog processor: run last before rendering, when tracebacks are already strings or dicts."""
        if not self.secrets:
            return event_dict
        for key, value in event_dict.items():
            event_dict[key] = self.value(value)
        return event_dict
