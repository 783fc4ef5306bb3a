"""Each defect found in issue 11, as a test through the channel where it was found: case names, search titles,
ID numbers in free text, courts' partial IDs, profiles, list-limited tiers, list page cursors, and the command
that redacts what older imports stored."""
import csv
import io
import re

import pytest
from django.core.management import call_command

from apps.lists.models import ListEntry
from apps.publication.models import ChangeEvent
from apps.records.models import Penalty
from tests.portal_fixtures import (
    COURT_PARTIAL_ID,
    JOINED_PERSON,
    LIMITED_LIST,
    MASKED_PERSON,
    OTHER_LIST,
    PERSON_IDS,
)

pytestmark = pytest.mark.django_db
DIGITS = re.compile(r"[0-9０-９]{4,}")


@pytest.fixture
def masked_penalty(audience_data):
    return Penalty.objects.get(party_name=MASKED_PERSON)


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_case_name_is_masked_in_details_lists_profiles_and_csv(as_tier, masked_penalty):
    client = as_tier("registered")
    detail = _get(client, f"/api/v1/penalties/{masked_penalty.public_id}/").json()
    assert detail["party_name"] == "于*" and detail["case_name"] == "于*不按规定明码标价案"
    listed = _get(client, "/api/v1/penalties/").json()["results"]
    profile = _get(client, f"/api/v1/subjects/{masked_penalty.subject.public_id}/").json()
    export = b"".join(_get(client, "/api/v1/penalties/export/").streaming_content).decode("utf-8-sig")
    for text in (str(listed), str(profile), export):
        assert "于*不按规定明码标价案" in text and MASKED_PERSON not in text


def test_agency_sees_the_case_name_whole(as_tier, masked_penalty):
    detail = _get(as_tier("agency"), f"/api/v1/penalties/{masked_penalty.public_id}/").json()
    assert detail["case_name"] == "于晨不按规定明码标价案"


def test_search_hit_titles_do_not_show_a_masked_persons_name(as_tier, client, masked_penalty):
    hits = _get(as_tier("anonymous"), "/api/v1/search/?q=明码标价").json()["hits"]
    assert masked_penalty.public_id in [hit["id"] for hit in hits]
    assert MASKED_PERSON not in str(hits)
    assert MASKED_PERSON not in _get(client, "/search/?q=明码标价").content.decode()


def test_agency_search_hits_carry_the_name_from_the_database(as_tier, masked_penalty):
    hits = _get(as_tier("agency"), "/api/v1/search/?q=明码标价").json()["hits"]
    hit = next(hit for hit in hits if hit["id"] == masked_penalty.public_id)
    assert hit["subject_name"] == MASKED_PERSON and MASKED_PERSON in hit["title"]


@pytest.mark.parametrize("tier", ["anonymous", "agency"])
def test_id_numbers_written_any_way_in_free_text_are_not_published(as_tier, masked_penalty, tier):
    detail = _get(as_tier(tier), f"/api/v1/penalties/{masked_penalty.public_id}/").json()
    for field in ("facts", "remarks"):
        assert "[证件号码已隐去]" in detail[field]
        assert not DIGITS.search(detail[field].replace("500", "")), detail[field]


@pytest.mark.parametrize("writing", PERSON_IDS)
def test_searching_an_id_number_does_not_find_the_record(as_tier, masked_penalty, writing):
    plain = PERSON_IDS[writing].translate(str.maketrans("０１２３４５６７８９", "0123456789")).replace(" ", "")
    hits = _get(as_tier("agency"), f"/api/v1/search/?q={plain.replace('-', '')}").json()["hits"]
    assert masked_penalty.public_id not in [hit["id"] for hit in hits]


@pytest.mark.parametrize("tier", ["anonymous", "registered"])
def test_the_public_sees_no_digit_of_a_courts_partial_id(as_tier, client, audience_data, tier):
    entry = ListEntry.objects.get(party_id_masked=COURT_PARTIAL_ID)
    detail = _get(as_tier(tier), f"/api/v1/list-entries/{entry.public_id}/").json()
    assert detail["party_id_masked"] == ""
    assert COURT_PARTIAL_ID[:6] not in _get(client, f"/list-entries/{entry.public_id}/").content.decode()
    assert COURT_PARTIAL_ID[:6] not in _get(client, f"/lists/{LIMITED_LIST}/").content.decode()


def test_an_agency_sees_what_the_court_publishes(as_tier, audience_data):
    entry = ListEntry.objects.get(party_id_masked=COURT_PARTIAL_ID)
    detail = _get(as_tier("agency"), f"/api/v1/list-entries/{entry.public_id}/").json()
    assert detail["party_id_masked"] == COURT_PARTIAL_ID


def test_a_profile_masks_the_person_and_keeps_apart_an_entry_the_list_names_them_on(as_tier, client, audience_data):
    entry = ListEntry.objects.get(party_name=JOINED_PERSON)
    assert Penalty.objects.filter(subject=entry.subject).exists()  # one person, two datasets
    profile = _get(as_tier("anonymous"), f"/api/v1/subjects/{entry.subject.public_id}/").json()
    assert profile["name"] == "钱*多" and profile["penalties"] and profile["list_entries"] == []
    assert JOINED_PERSON not in str(profile)
    page = _get(client, f"/subjects/{entry.subject.public_id}/").content.decode()
    assert JOINED_PERSON not in page and entry.public_id not in page


def test_the_court_entry_shows_the_name_the_court_publishes_without_a_way_to_the_profile(as_tier, client,
                                                                                         audience_data):
    entry = ListEntry.objects.get(party_name=JOINED_PERSON)
    detail = _get(as_tier("anonymous"), f"/api/v1/list-entries/{entry.public_id}/").json()
    assert detail["party_name"] == JOINED_PERSON and detail["subject"] is None
    assert entry.subject.public_id not in _get(client, f"/list-entries/{entry.public_id}/").content.decode()


def test_an_agency_sees_the_person_whole_with_every_record_joined(as_tier, audience_data):
    entry = ListEntry.objects.get(party_name=JOINED_PERSON)
    profile = _get(as_tier("agency"), f"/api/v1/subjects/{entry.subject.public_id}/").json()
    assert profile["name"] == JOINED_PERSON and [e["id"] for e in profile["list_entries"]] == [entry.public_id]


# --- a tier limited to some lists --------------------------------------------------------------------------

def test_a_list_limited_tier_cannot_search_another_list(as_tier, audience_data):
    response = as_tier("lists-only").get(f"/api/v1/search/?list={OTHER_LIST}")
    assert response.status_code == 403 and OTHER_LIST in response.json()["detail"]


def test_a_list_limited_tier_searches_penalties_and_its_own_lists_entries(as_tier, audience_data):
    hits = _get(as_tier("lists-only"), "/api/v1/search/?page_size=100").json()["hits"]
    datasets = {hit["dataset"] for hit in hits}
    entries = ListEntry.objects.filter(public_id__in=[hit["id"] for hit in hits])
    assert "penalty" in datasets and entries.exists()
    assert set(entries.values_list("list_type_id", flat=True)) == {LIMITED_LIST}


def test_a_list_limited_tier_gets_no_other_lists_entry_detail_page_or_profile(as_tier, client, key_for,
                                                                                audience_data):
    other = ListEntry.objects.filter(list_type_id=OTHER_LIST, state="published").first()
    api = as_tier("lists-only")
    assert api.get(f"/api/v1/list-entries/{other.public_id}/").status_code == 404
    assert api.get(f"/api/v1/subjects/{other.subject.public_id}/").status_code == 404
    client.post("/account/key/", {"key": key_for("lists-only")})
    assert client.get(f"/list-entries/{other.public_id}/").status_code == 404
    assert client.get(f"/lists/{OTHER_LIST}/").status_code == 404
    assert other.public_id not in client.get("/").content.decode()


def test_a_list_limited_tiers_feed_and_snapshots_hold_its_lists_only(as_tier, settings, tmp_path, audience_data):
    settings.SNAPSHOT_DIR = tmp_path / "snapshots"
    call_command("build_snapshots", "--dataset", "list_entry")
    api = as_tier("lists-only")
    events = _get(api, "/api/v1/changes/").json()["events"]
    others = set(ListEntry.objects.filter(list_type_id=OTHER_LIST).values_list("public_id", flat=True))
    assert events and not others & {event["id"] for event in events}
    manifest = next(m for m in _get(api, "/api/v1/snapshots/").json()["snapshots"] if m["dataset"] == "list_entry")
    name = next(f["name"] for f in manifest["files"] if f["format"] == "csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(_get(api, f"/api/v1/snapshots/{name}").streaming_content)
                                           .decode("utf-8-sig"))))
    assert rows and {row["list"] for row in rows} == {LIMITED_LIST}


def test_the_list_page_cursor_accepts_only_entries_of_the_view(client, audience_data):
    hidden = audience_data["unpublished"]  # an entry of the same list whose publication ended
    other_list = ListEntry.objects.filter(list_type_id=LIMITED_LIST).first()
    from apps.common.keyset import encode_cursor

    for row in (hidden, other_list):
        page = _get(client, f"/lists/{OTHER_LIST}/?sort=party_name&after={encode_cursor(row.pk)}").content.decode()
        assert 'class="error" role="alert"' in page and row.public_id not in page


# --- redacting what older imports stored ------------------------------------------------------------------

def test_redaction_command_cleans_stored_text_and_tells_the_index_and_agencies(as_tier, masked_penalty,
                                                                               search_engine):
    from apps.searchsync.services import consume

    spaced = PERSON_IDS["spaced"]
    Penalty.objects.filter(pk=masked_penalty.pk).update(remarks=f"旧数据 {spaced}", source_row={"BZ": spaced})
    consume(search_engine)
    last = ChangeEvent.objects.order_by("-sequence").first().sequence
    call_command("redact_stored_ids")
    stored = Penalty.objects.get(pk=masked_penalty.pk)
    assert spaced not in stored.remarks and spaced not in str(stored.source_row)
    event = ChangeEvent.objects.get(sequence__gt=last)
    assert (event.item_id, event.action) == (masked_penalty.public_id, "update")
    feed = _get(as_tier("agency"), f"/api/v1/changes/?after={last}").json()["events"]
    assert feed[0]["item"]["remarks"] == "旧数据 [证件号码已隐去]"
    call_command("redact_stored_ids")
    assert ChangeEvent.objects.filter(sequence__gt=last).count() == 1  # nothing left to redact


def test_snapshots_written_before_a_tier_edit_are_not_served(as_tier, settings, tmp_path, audience_data):
    from apps.access import key_cache
    from apps.access.models import Tier

    settings.SNAPSHOT_DIR = tmp_path / "snapshots"
    call_command("build_snapshots", "--dataset", "list_entry")
    client = as_tier("lists-only")
    assert _get(client, "/api/v1/snapshots/").json()["snapshots"]
    Tier.objects.filter(code="lists-only").update(lists=[OTHER_LIST])
    key_cache.clear()  # as an admin edit does
    assert _get(client, "/api/v1/snapshots/").json()["snapshots"] == []


def test_the_redaction_command_discards_snapshots_written_from_the_old_text(settings, tmp_path, audience_data):
    settings.SNAPSHOT_DIR = tmp_path / "snapshots"
    call_command("build_snapshots", "--dataset", "penalty")
    assert list((tmp_path / "snapshots").glob("*/*"))
    call_command("redact_stored_ids")
    assert not list((tmp_path / "snapshots").glob("*/*"))


@pytest.mark.parametrize("cursor", ["eyJzIjoiLWRhdGUiLCJhIjpbIngiXSwibyI6MH0",  # {"s":"-date","a":["x"],"o":0}
                                    "eyJzIjoicmVsZXZhbmNlIiwiYSI6bnVsbCwibyI6LTV9"])  # relevance, offset -5
def test_a_forged_search_cursor_is_a_400_naming_it(as_tier, client, audience_data, cursor):
    sort = "-date" if cursor.startswith("eyJzIjoiLWRhdGUi") else "relevance"
    response = as_tier("anonymous").get(f"/api/v1/search/?sort={sort}&cursor={cursor}")
    assert response.status_code == 400 and "cursor" in response.content.decode()
    page = client.get(f"/search/?q=罚款&sort={sort}&cursor={cursor}")
    assert page.status_code == 400 and "cursor" in page.content.decode()  # shown on the page, a 400 status


def test_a_forged_list_cursor_is_a_400_naming_it(as_tier, audience_data):
    import base64

    forged = base64.b64encode(b"p=abc").decode()
    response = as_tier("anonymous").get(f"/api/v1/penalties/?cursor={forged}")
    assert response.status_code == 400 and "cursor" in response.content.decode()
