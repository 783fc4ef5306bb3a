"""Keys, tiers and limits."""
import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.access.keys import issue_key, revoke_key
from apps.access.models import Agency, Tier
from tests.factories import PenaltyRowFactory, PersonPenaltyRowFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person_penalty(run_import, write_csv):
    run_import(write_csv([PersonPenaltyRowFactory(CF_XDR_MC="张三丰", CF_SY="当事人张三丰销售过期食品。")]))
    from apps.records.models import Penalty

    return Penalty.objects.get()


def test_anonymous_tier_sees_public_fields_and_masked_persons(as_tier, person_penalty):
    item = as_tier("anonymous").get(f"/api/v1/penalties/{person_penalty.public_id}/").json()
    assert item["party_name"] == "张*丰" and "张三丰" not in str(item)
    assert "submitting_unit" not in item and "quality_flags" not in item


def test_registered_tier_still_sees_persons_masked(as_tier, person_penalty):
    item = as_tier("registered").get(f"/api/v1/penalties/{person_penalty.public_id}/").json()
    assert item["party_name"] == "张*丰"


def test_agency_tier_sees_extended_fields_and_names(as_tier, person_penalty):
    item = as_tier("agency").get(f"/api/v1/penalties/{person_penalty.public_id}/").json()
    assert item["party_name"] == "张三丰" and "张三丰" in item["facts"]
    assert {"submitting_unit", "quality_flags", "received_at"} <= set(item)


def test_no_tier_ever_sees_an_id_number(as_tier, person_penalty):
    from tests.factories import RESIDENT_IDS

    for tier in ("anonymous", "registered", "agency"):
        body = as_tier(tier).get(f"/api/v1/penalties/{person_penalty.public_id}/").content.decode()
        assert RESIDENT_IDS[2] not in body


@pytest.mark.parametrize("header", ["HTTP_X_API_KEY", "HTTP_AUTHORIZATION"])
def test_both_key_headers_are_accepted(api, key_for, header):
    secret = key_for("registered")
    api.credentials(**{header: secret if header == "HTTP_X_API_KEY" else f"Api-Key {secret}"})
    assert api.get("/api/v1/usage/").json()["tier"] == "registered"


def test_revoked_key_gets_401(api):
    key, secret = issue_key("agency")
    revoke_key(key.prefix)
    api.credentials(HTTP_X_API_KEY=secret)
    response = api.get("/api/v1/usage/")
    assert response.status_code == 401 and response.json()["detail"] == "API key revoked"


def test_expired_key_gets_401(api):
    _, secret = issue_key("agency", expires_at=timezone.now() - dt.timedelta(seconds=1))
    api.credentials(HTTP_X_API_KEY=secret)
    assert api.get("/api/v1/usage/").status_code == 401


def test_unknown_or_malformed_key_gets_401_not_anonymous(api):
    api.credentials(HTTP_X_API_KEY="gs_deadbeef_not-a-real-key")
    assert api.get("/api/v1/usage/").status_code == 401
    api.credentials(HTTP_X_API_KEY="hello")
    assert api.get("/api/v1/usage/").status_code == 401


def test_suspended_agency_keys_get_401(api):
    agency = Agency.objects.create(name="某信用服务有限公司", uscc="91310115591693856A")
    _, secret = issue_key("agency", agency_uscc=agency.uscc)
    Agency.objects.filter(pk=agency.pk).update(status=Agency.Status.SUSPENDED)
    api.credentials(HTTP_X_API_KEY=secret)
    assert api.get("/api/v1/usage/").status_code == 401


def test_keys_are_stored_only_as_hashes(key_for):
    from apps.access.models import ApiKey

    secret = key_for("agency")
    stored = ApiKey.objects.get()
    assert secret not in str(ApiKey.objects.values().get()) and len(stored.key_hash) == 64


def test_limit_refusal_is_429_with_retry_after(api):
    Tier.objects.filter(code="anonymous").update(per_minute=3)
    statuses = [api.get("/api/v1/usage/").status_code for _ in range(4)]
    refused = api.get("/api/v1/usage/")
    assert statuses == [200, 200, 200, 429]
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 60
    assert refused["RateLimit-Remaining"] == "0"


def test_every_response_carries_ratelimit_headers(api):
    response = api.get("/api/v1/list-types/")
    assert (response["RateLimit-Limit"], response["RateLimit-Remaining"]) == ("30", "29")
    assert 0 < int(response["RateLimit-Reset"]) <= 60


def test_keys_are_limited_apart_from_anonymous_callers(api, key_for):
    Tier.objects.filter(code="anonymous").update(per_minute=1)
    api.get("/api/v1/usage/")
    assert api.get("/api/v1/usage/").status_code == 429
    api.credentials(HTTP_X_API_KEY=key_for("registered"))
    assert api.get("/api/v1/usage/").status_code == 200


def test_usage_counts_per_key_and_endpoint(api, key_for):
    api.credentials(HTTP_X_API_KEY=key_for("registered"))
    api.get("/api/v1/list-types/")
    api.get("/api/v1/list-types/")
    usage = api.get("/api/v1/usage/").json()
    assert usage["today"]["by_endpoint"] == {"list-types": 2, "usage": 1}
    assert usage["limits"]["per_minute"] == 120


def test_issue_and_revoke_commands(capsys, api):
    call_command("issue_key", "--tier", "registered", "--expires", "2030-01-01")
    secret = capsys.readouterr().out.strip()
    api.credentials(HTTP_X_API_KEY=secret)
    assert api.get("/api/v1/usage/").status_code == 200
    call_command("revoke_key", secret.split("_", 2)[1])
    assert api.get("/api/v1/usage/").status_code == 401


def test_a_list_endpoint_with_a_visible_dataset_only(as_tier, run_import, write_csv):
    Tier.objects.filter(code="anonymous").update(datasets=["licence"])
    run_import(write_csv([PenaltyRowFactory()]))
    assert as_tier("anonymous").get("/api/v1/penalties/").status_code == 403


def test_a_bearer_key_works_like_the_other_forms(client, key_for):
    secret = key_for("agency")
    response = client.get("/api/v1/usage/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200 and response.json()["tier"] == "agency"


def test_rate_limit_fields_of_the_ietf_draft_cover_both_windows(api):
    import re

    response = api.get("/api/v1/list-types/")
    assert response["RateLimit-Policy"] == '"minute";q=30;w=60, "day";q=1000;w=86400'
    assert re.fullmatch(r'"minute";r=29;t=\d+, "day";r=999;t=\d+', response["RateLimit"])
    assert response["Deprecation"].startswith("@") and response["Sunset"].endswith("GMT")  # of the old trio


def test_refused_keys_are_counted_like_anonymous_requests(client, db):
    from apps.access.models import Tier

    Tier.objects.filter(code="anonymous").update(per_minute=3, per_day=3)
    statuses = [client.get("/api/v1/list-types/", HTTP_X_API_KEY="gs_not_a_real_key").status_code
                for _ in range(5)]
    assert statuses == [401, 401, 401, 429, 429]
