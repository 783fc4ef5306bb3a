"""The change feed keeps an agency's copy exactly in step with what is published."""
import datetime as dt
import random

import pytest

from apps.publication.enums import EndReason, PublicationState
from apps.publication.services import end_publication, publication_sweep
from apps.records.models import Penalty
from tests.factories import PenaltyRowFactory

pytestmark = pytest.mark.django_db


def replay(client, page: int = 7) -> dict:
    """An agency's copy built by replaying the feed from the start: id → item content."""
    copy, after = {}, 0
    while True:
        body = client.get(f"/api/v1/changes/?after={after}&limit={page}").json()
        for event in body["events"]:
            if event["action"] == "ended":
                assert set(event) == {"sequence", "action", "dataset", "id", "date", "reason"}  # a tombstone
                copy.pop(event["id"], None)
            elif "item" in event:
                copy[event["id"]] = event["item"]
        after = body["next_after"]
        if not body["has_more"]:
            return copy


def test_replaying_the_feed_gives_exactly_the_published_set(as_tier, run_import, write_csv, today):
    rng = random.Random(2026)
    agency = as_tier("agency")
    rows = []
    for step in range(12):
        action = rng.choice(["publish", "publish", "correct", "end", "sweep"])
        published = list(Penalty.objects.filter(state=PublicationState.PUBLISHED))
        if action == "publish" or not published:
            new = [PenaltyRowFactory(CF_JDRQ=(today - dt.timedelta(days=rng.randint(1, 360))).isoformat())
                   for _ in range(rng.randint(1, 4))]
            rows += new
            run_import(write_csv(new, name=f"step{step}.csv"))
        elif action == "correct":
            index = rng.randrange(len(rows))
            rows[index] = {**rows[index], "CF_NR": f"罚款{rng.randint(100, 9999)}元（更正）"}
            run_import(write_csv([rows[index]], name=f"step{step}.csv"))
        elif action == "end":
            end_publication(rng.choice(published).public_id, EndReason.REVOKED, today)
        else:
            publication_sweep(today + dt.timedelta(days=rng.randint(0, 200)))
        if step % 4 == 3:  # an agency that syncs now and then still ends up exact
            copy = replay(agency)
            assert set(copy) == set(Penalty.objects.filter(state=PublicationState.PUBLISHED)
                                    .values_list("public_id", flat=True))
    copy = replay(agency)
    published = {p.public_id: p for p in Penalty.objects.filter(state=PublicationState.PUBLISHED)}
    assert set(copy) == set(published)
    for item_id, item in copy.items():
        assert item == agency.get(f"/api/v1/penalties/{item_id}/").json()
    from apps.publication.models import ChangeEvent

    assert set(ChangeEvent.objects.values_list("action", flat=True)) == {"publish", "update", "unpublish"}


def test_the_feed_is_for_tiers_that_include_it(as_tier):
    assert as_tier("anonymous").get("/api/v1/changes/").status_code == 403
    assert as_tier("registered").get("/api/v1/changes/").status_code == 403
    assert as_tier("agency").get("/api/v1/changes/").status_code == 200


def test_feed_rejects_a_bad_position(as_tier):
    body = as_tier("agency").get("/api/v1/changes/?after=-3").json()
    assert (body["status"], list(body["errors"])) == (400, ["after"])


def test_a_checkpoint_beyond_the_head_is_refused_naming_the_head(as_tier, run_import, write_csv):
    run_import(write_csv(PenaltyRowFactory.build_batch(2)))
    agency = as_tier("agency")
    head = agency.get("/api/v1/changes/").json()["head"]
    assert head == 2
    response = agency.get(f"/api/v1/changes/?after={head + 1}")
    assert response.status_code == 400 and f"({head})" in response.json()["errors"]["after"][0]
    assert agency.get(f"/api/v1/changes/?after={head}").json()["events"] == []


def test_every_page_kind_gives_its_next_page_as_a_url_and_a_bare_cursor(as_tier, run_import, write_csv):
    run_import(write_csv(PenaltyRowFactory.build_batch(3)))
    agency = as_tier("agency")
    listed = agency.get("/api/v1/penalties/?page_size=2").json()
    from urllib.parse import parse_qs, urlsplit

    assert listed["next_cursor"] and parse_qs(urlsplit(listed["next"]).query)["cursor"] == [listed["next_cursor"]]
    fed = agency.get("/api/v1/changes/?limit=2").json()
    assert fed["next_cursor"] == "2" and "after=2" in fed["next"]
    assert agency.get(f"/api/v1/changes/?cursor={fed['next_cursor']}").json()["events"][0]["sequence"] == 3
    assert agency.get("/api/v1/changes/?cursor=1&after=1").status_code == 400
