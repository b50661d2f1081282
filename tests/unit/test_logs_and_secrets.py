"""Logs: one event per whole line, and no configured secret in any of them (workers/logs.py, workers/redact.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from pydantic import SecretStr

from workers.redact import MASK, Redactor, secrets_of
from workers.settings import Settings

SECRET = "s3-secret-4f9c1e"
TOKEN = "webhook-token-77aa"
PASSWORD = "redis-pass-3b2d"


def settings() -> Settings:
    return Settings(
        s3_secret_key=SecretStr(SECRET),
        s3_access_key=SecretStr("access-key-0a1b"),
        webhook_token=SecretStr(TOKEN),
        redis_url=f"redis://:{PASSWORD}@127.0.0.1:6379/0",
    )


def test_the_secrets_are_the_s3_keys_the_token_and_a_password_inside_a_url() -> None:
    assert set(secrets_of(settings())) == {SECRET, "access-key-0a1b", TOKEN, PASSWORD}


def test_a_redactor_masks_every_secret_inside_nested_values() -> None:
    r = Redactor(secrets_of(settings()))
    got = r.value({"a": f"url redis://:{PASSWORD}@host", "b": [f"x{SECRET}y", {"c": TOKEN}], "n": 3})
    assert got == {"a": f"url redis://:{MASK}@host", "b": [f"x{MASK}y", {"c": MASK}], "n": 3}


_PROGRAM = textwrap.dedent(
    f"""
    import logging, os, structlog
    from pydantic import SecretStr
    from workers.logs import configure_logging
    from workers.settings import Settings
    configure_logging(Settings(log_format="json", s3_secret_key=SecretStr("{SECRET}"),
                               webhook_token=SecretStr("{TOKEN}"),
                               redis_url="redis://:{PASSWORD}@127.0.0.1:6379/0"))
    def call_the_store(credentials):
        raise ConnectionError("store unreachable")
    try:
        call_the_store(credentials="{SECRET}")
    except ConnectionError:
        structlog.get_logger("t").exception("stage_crashed", url="redis://:{PASSWORD}@127.0.0.1:6379/0")
        logging.getLogger("celery").exception("task failed with token {TOKEN}")
    if os.fork() == 0:
        for i in range(300):
            structlog.get_logger("t").info("child", i=i, pad="x" * 200)
        os._exit(0)
    for i in range(300):
        structlog.get_logger("t").info("parent", i=i, pad="y" * 200)
    os.wait()
    """
)


def test_logs_hold_no_secret_on_any_path_and_one_whole_event_per_line() -> None:
    out = subprocess.run([sys.executable, "-c", _PROGRAM], capture_output=True, text=True, check=True).stderr
    assert SECRET not in out and TOKEN not in out and PASSWORD not in out
    lines = out.splitlines()
    events = [json.loads(line) for line in lines]  # every line is exactly one JSON object
    assert sum(e["event"] in ("child", "parent") for e in events) == 600
    crashed = next(e for e in events if e["event"] == "stage_crashed")
    assert crashed["exception"] and "locals" not in json.dumps(crashed["exception"])
