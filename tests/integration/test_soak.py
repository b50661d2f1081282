"""A short soak with every fault of `make soak`: nothing lost, nothing duplicated, nothing left pending."""

from __future__ import annotations

import pytest

from bench.soak import soak

pytestmark = pytest.mark.integration


@pytest.mark.timeout(600)
def test_killed_workers_a_redis_restart_an_s3_outage_and_lost_events_lose_nothing() -> None:
    result = soak(reports=80, workers=1, kill_every=2.0, s3_cut=5.0, timeout=400, dispatch_ttl=45)
    assert result["lost"] == 0
    assert result["duplicated"] == 0
    assert result["consumer_pending"] == 0
    faults = result["faults"]
    assert isinstance(faults, dict)
    assert faults["kills"] > 0 and faults["redis_restarts"] == 1 and faults["s3_cuts"] == 1 and faults["dropped"] > 0
