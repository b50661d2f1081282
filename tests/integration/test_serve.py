"""`gongkai serve` on a real redis-server: the index follows the records stream without a restart, nothing but
GET and HEAD is answered, nothing on the stream is touched, and beyond loopback it starts only with a token,
which every request must then carry."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import urllib3

from schemas import Limits, ObjectRef, Record
from workers import names
from workers.localstack import REPO, LocalStack, free_port, wait_port
from workers.pipeline import process_bytes
from workers.streams import Streams, connect

pytestmark = pytest.mark.integration

TOKEN = "serve-token-4f9c1d2e"
SAMPLES = ("qinghe-2016-f07.txt", "longtan-2012-big5.txt", "songxi-scj-2022-f21.html")


@pytest.fixture(scope="module")
def records() -> list[Record]:
    out = []
    for name in SAMPLES:
        data = (REPO / "workers" / "samples" / name).read_bytes()
        out.append(process_bytes(data, ObjectRef(bucket="reports", key=name, size=len(data)), None, Limits()))
    return out


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[LocalStack]:
    stack = LocalStack(tmp_path)
    stack.start_redis()
    yield stack
    stack.stop()


@contextmanager
def serving(stack: LocalStack, *args: str, host: str = "127.0.0.1", token: str = "") -> Iterator[str]:
    port = free_port()
    env = stack.env() | {"GONGKAI_SERVE_TOKEN": token}
    with open(stack.workdir / "serve.log", "ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "workers.cli", "serve", "--host", host, "--port", str(port), *args],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_port(port, 30, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def publish(stack: LocalStack, record: Record) -> None:
    Streams(connect(stack.settings().redis_url)).publish_record(record.record_id, record.model_dump_json())


def test_the_index_shows_records_added_to_the_stream_while_it_runs(stack: LocalStack, records: list[Record]) -> None:
    http = urllib3.PoolManager()
    first, second, third = records
    publish(stack, first)
    publish(stack, second)
    with serving(stack) as url:
        page = http.request("GET", url + "/").data.decode()
        assert first.meta.title in page and second.meta.title in page
        assert third.meta.title not in page

        publish(stack, third)
        page = http.request("GET", url + "/index.html").data.decode()
        assert all(r.meta.title in page for r in records)
        assert page.index(third.meta.title) < page.index(first.meta.title)  # newest first

        report = http.request("GET", f"{url}/{third.record_id}.html")
        assert report.status == 200 and third.meta.title in report.data.decode()
        assert 'data-concepts="proactive.total' in report.data.decode()
        assert http.request("GET", url + "/assets/view.css").headers["Content-Type"].startswith("text/css")
        assert http.request("GET", url + "/0123abcd.html").status == 404


def test_the_index_lists_the_newest_records_and_lets_go_of_those_trimmed_from_the_stream(
    stack: LocalStack, records: list[Record]
) -> None:
    http = urllib3.PoolManager()
    first, second, third = records
    for record in records:
        publish(stack, record)
    with serving(stack, "--limit", "2") as url:
        page = http.request("GET", url + "/").data.decode()
        assert second.meta.title in page and third.meta.title in page and first.meta.title not in page
        assert "只列出最新的 2 份" in page
        assert http.request("GET", f"{url}/{first.record_id}.html").status == 200  # found through the ledger

        connect(stack.settings().redis_url).xtrim(names.RECORDS_STREAM, maxlen=1, approximate=False)
        page = http.request("GET", url + "/").data.decode()
        assert third.meta.title in page and second.meta.title not in page
        assert http.request("GET", f"{url}/{second.record_id}.html").status == 404


def test_serve_answers_only_get_and_head_and_leaves_the_stream_as_it_was(
    stack: LocalStack, records: list[Record]
) -> None:
    http = urllib3.PoolManager()
    publish(stack, records[0])
    client = connect(stack.settings().redis_url)
    with serving(stack) as url:
        assert http.request("HEAD", url + "/").status == 200
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            assert http.request(method, url + "/").status == 405, method
            assert http.request(method, f"{url}/{records[0].record_id}.html").status == 405, method
        assert http.request("GET", url + "/").status == 200
        assert client.xlen(names.RECORDS_STREAM) == 1
        assert client.xinfo_groups(names.RECORDS_STREAM) == []  # no consumer group: it takes nothing from anyone

        stack.kill("redis")
        down = http.request("GET", url + "/")
        assert down.status == 503 and b"Redis" in down.data


def test_serve_refuses_to_listen_beyond_loopback_without_a_token(stack: LocalStack) -> None:
    env = stack.env() | {"GONGKAI_SERVE_TOKEN": ""}
    done = subprocess.run(
        [sys.executable, "-m", "workers.cli", "serve", "--host", "0.0.0.0", "--port", str(free_port())],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 3
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("gongkai serve: refusing to listen on 0.0.0.0") and "GONGKAI_SERVE_TOKEN" in line


def test_with_a_token_every_request_must_carry_it_as_a_bearer_header_or_once_in_the_url(
    stack: LocalStack, records: list[Record]
) -> None:
    http = urllib3.PoolManager()
    publish(stack, records[0])
    page = f"/{records[0].record_id}.html"
    with serving(stack, host="0.0.0.0", token=TOKEN) as url:
        assert http.request("GET", url + "/").status == 401
        assert http.request("GET", url + page, headers={"Authorization": "Bearer wrong"}).status == 401
        assert http.request("GET", url + "/?token=wrong", redirect=False).status == 401
        assert http.request("GET", url + page, headers={"Authorization": f"Bearer {TOKEN}"}).status == 200

        by_link = http.request("GET", f"{url}{page}?token={TOKEN}", redirect=False)
        assert by_link.status == 303 and by_link.headers["Location"] == page
        cookie = by_link.headers["Set-Cookie"]
        assert TOKEN not in cookie and "HttpOnly" in cookie
        session = {"Cookie": cookie.split(";", 1)[0]}
        assert http.request("GET", url + "/", headers=session).status == 200
        assert http.request("GET", url + "/assets/index.js", headers=session).status == 200
        assert http.request("GET", url + "/", headers={"Cookie": "gongkai_serve=forged"}).status == 401
    assert TOKEN not in (stack.workdir / "serve.log").read_text(encoding="utf-8")
