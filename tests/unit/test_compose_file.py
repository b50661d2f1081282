"""No Docker engine runs here, so the compose file's structure is what is checked."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
    return data


def test_every_part_of_the_system_is_a_service(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) >= {"redis", "minio", "minio-setup", "intake", "worker", "flower"}


def test_every_image_is_pinned_to_a_version(compose: dict[str, Any]) -> None:
    for name, svc in compose["services"].items():
        image = svc["image"]
        tag = image.rsplit(":", 1)[1] if ":" in image else ""
        assert tag and tag != "latest", f"{name} uses an unpinned image {image}"


def test_the_minio_images_come_by_digest_from_a_registry_that_serves_them_and_the_server_has_the_cve_fix(
    compose: dict[str, Any],
) -> None:
    for name in ("minio", "minio-setup"):
        image = compose["services"][name]["image"]
        assert re.search(r"@sha256:[0-9a-f]{64}$", image), f"{name} is not pinned by digest"
        assert not image.startswith(("minio/", "docker.io/minio/")), f"{name} names a removed Docker Hub image"
    # CVE-2025-62506 is fixed in RELEASE.2025-10-15T17-29-55Z; release names sort as their dates.
    release = re.search(r":(RELEASE\.[0-9TZ-]+)@", compose["services"]["minio"]["image"])
    assert release and release.group(1) >= "RELEASE.2025-10-15T17-29-55Z"


def test_minio_posts_put_events_to_the_intake_with_the_token_and_a_queue_dir(compose: dict[str, Any]) -> None:
    env = compose["services"]["minio"]["environment"]
    assert env["MINIO_NOTIFY_WEBHOOK_ENABLE_GONGKAI"] == "on"
    assert env["MINIO_NOTIFY_WEBHOOK_ENDPOINT_GONGKAI"] == "http://intake:8088/events"
    assert "GONGKAI_WEBHOOK_TOKEN" in env["MINIO_NOTIFY_WEBHOOK_AUTH_TOKEN_GONGKAI"]
    assert env["MINIO_NOTIFY_WEBHOOK_QUEUE_DIR_GONGKAI"]
    script = (REPO / "deploy" / "mc-setup.sh").read_text(encoding="utf-8")
    assert "mc event add" in script and "arn:minio:sqs::GONGKAI:webhook" in script and "--event put" in script
    assert "mc mb" in script


def test_redis_keeps_an_append_only_file_and_never_evicts(compose: dict[str, Any]) -> None:
    cmd = " ".join(compose["services"]["redis"]["command"])
    assert "--appendonly yes" in cmd and "--maxmemory-policy noeviction" in cmd


def test_flower_sits_behind_basic_auth(compose: dict[str, Any]) -> None:
    assert compose["services"]["flower"]["environment"]["FLOWER_BASIC_AUTH"]


def test_long_running_services_have_healthchecks(compose: dict[str, Any]) -> None:
    for name in ("redis", "minio", "intake", "worker", "flower"):
        assert compose["services"][name].get("healthcheck"), name


def test_the_workers_get_the_same_settings_as_the_intake(compose: dict[str, Any]) -> None:
    worker, intake = compose["services"]["worker"], compose["services"]["intake"]
    assert worker["environment"] == intake["environment"]
    assert worker["environment"]["GONGKAI_S3_ENDPOINT"] == "http://minio:9000"


def test_a_stopping_worker_gets_longer_than_the_task_hard_limit(compose: dict[str, Any]) -> None:
    from workers.settings import Settings

    grace = compose["services"]["worker"]["stop_grace_period"]
    assert grace.endswith("s") and int(grace[:-1]) > Settings().time_limit


def test_the_workers_use_a_scoped_minio_user_not_root(compose: dict[str, Any]) -> None:
    env = compose["services"]["worker"]["environment"]
    assert "MINIO_ROOT" not in env["GONGKAI_S3_ACCESS_KEY"] and "MINIO_ROOT" not in env["GONGKAI_S3_SECRET_KEY"]
    script = (REPO / "deploy" / "mc-setup.sh").read_text(encoding="utf-8")
    assert "mc admin user add" in script and "mc admin policy attach" in script


def test_flowers_password_comes_from_the_environment_not_its_command_line(compose: dict[str, Any]) -> None:
    flower = compose["services"]["flower"]
    assert not any("basic-auth" in part for part in flower["command"])
    assert "FLOWER_PASSWORD" in flower["environment"]["FLOWER_BASIC_AUTH"]


def test_the_bucket_setup_fails_loudly(compose: dict[str, Any]) -> None:
    script = (REPO / "deploy" / "mc-setup.sh").read_text(encoding="utf-8")
    assert "set -eu" in script
    # The old `mc event add … || mc event list …` swallowed a failed subscription.
    assert "--event put || " not in script
