"""Walk every channel as each tier and check what leaves the server: pages (with PDF reports read as text and
their verification pages), API lists, details, profiles and search with highlights, the change feed, snapshots,
CSV exports and Atom feeds. Zero full names where the tier masks persons, zero ID numbers (and no digit of a
court's partial one where the tier sees none), zero unpublished items, zero items outside a limited tier's lists."""
import gzip
import json
import re
from urllib.parse import unquote

import pytest
from django.core.management import call_command

from apps.lists.models import ListEntry
from apps.publication.enums import PublicationState
from apps.records.models import Licence, Penalty
from tests.portal_fixtures import (
    COURT_PARTIAL_ID,
    JOINED_ID,
    JOINED_PERSON,
    MASKED_PERSON,
    OTHER_LIST,
    PERSON_IDS,
)
from tests.web.crawl import SKIP, crawl

pytestmark = pytest.mark.django_db
TIERS = ("anonymous", "registered", "agency", "lists-only")
MASKING_TIERS = ("anonymous", "registered", "lists-only")
SEARCHES = ("明码标价", MASKED_PERSON, JOINED_PERSON, "110101199003077758", "失信", "有限公司", "罚款")
# Every writing of the seeded ID numbers, and the same digits run together: none may leave the server.
FOLD = str.maketrans("０１２３４５６７８９", "0123456789")
ID_FORMS = {form for number in (*PERSON_IDS.values(), JOINED_ID)
            for form in (number, number.translate(FOLD), re.sub(r"[\s\-－]", "", number.translate(FOLD)))}
# What a court publishes of an ID (and the mask kept of a whole one received there): agencies only.
COURT_FRAGMENTS = (COURT_PARTIAL_ID[:10], JOINED_ID[:6] + "*")


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _api_channels(client) -> dict[str, str]:
    """Everything the API gives this tier, by URL: lists, each item's detail and subject, search pages with
    highlights, the change feed, snapshots and CSV exports where the tier has them."""
    texts, ids, subjects = {}, set(), set()

    def get(url):
        response = client.get(url)
        if response.status_code == 200:
            body = _body(response)
            texts[url] = (gzip.decompress(body) if url.endswith(".gz") else body).decode("utf-8-sig")
            return response
        return None

    for endpoint in ("penalties", "licences", "list-entries"):
        response = get(f"/api/v1/{endpoint}/")
        for row in response.json()["results"] if response else []:
            ids.add((endpoint, row["id"]))
            if row["subject"]:
                subjects.add(row["subject"])
        get(f"/api/v1/{endpoint}/export/")
    for endpoint, public_id in sorted(ids):
        get(f"/api/v1/{endpoint}/{public_id}/")
    for subject in sorted(subjects):
        get(f"/api/v1/subjects/{subject}/")
    for q in SEARCHES:
        get(f"/api/v1/search/?q={q}")
    get("/api/v1/changes/")
    listing = get("/api/v1/snapshots/")
    for manifest in listing.json()["snapshots"] if listing else []:
        for file in manifest["files"]:
            get(f"/api/v1/snapshots/{file['name']}")
    return texts


def _page_channels(client, key: str | None) -> dict[str, str]:
    if key:
        client.post("/account/key/", {"key": key})
    # The searches are started here; the facet and sort links of their pages (hundreds of variants of the same
    # hits) are not followed, so the crawl's budget goes to items, subjects, lists, reports and feeds.
    starts = ["/", "/lists/", "/stats/", *(f"/search/?q={q}" for q in SEARCHES)]
    pages = crawl(client, starts, limit=600, skip=(*SKIP, "/search/"))
    return {url: body.decode("utf-8", errors="replace") for url, body in pages.items()}


@pytest.fixture
def walk(audience_data, client, as_tier, key_for, settings, tmp_path):
    """A function walking every channel as a tier: URL → text."""
    settings.SNAPSHOT_DIR = tmp_path / "snapshots"
    call_command("build_snapshots")

    def walk_as(tier: str) -> dict[str, str]:
        client.cookies.clear()
        key = None if tier == "anonymous" else key_for(tier)
        return {**_api_channels(as_tier(tier)), **_page_channels(client, key)}
    return walk_as


def _leaks(texts: dict[str, str], needles) -> list[tuple[str, str]]:
    """(url, needle) for each needle a text holds, but for the visitor's own search echoed back to them."""
    return [(url, needle) for url, text in texts.items() for needle in needles
            if needle in text and needle not in unquote(url)]


def _unpublished_content(texts: dict[str, str]) -> list[tuple[str, str]]:
    """Unpublished items anywhere but as the change feed's tombstones (id, reason, date: no content)."""
    unpublished = [item.public_id for model in (Penalty, Licence, ListEntry)
                   for item in model.objects.exclude(state=PublicationState.PUBLISHED)]
    assert unpublished
    feed = [event for url, text in texts.items() if url == "/api/v1/changes/"
            for event in json.loads(text)["events"] if event["id"] in unpublished]
    assert all(event.get("item") is None for event in feed)
    return _leaks({url: text for url, text in texts.items() if url != "/api/v1/changes/"}, unpublished)


CHANNELS = ("/api/v1/penalties/", "/api/v1/list-entries/", "/api/v1/subjects/", "/api/v1/search/", "/search/",
            "report.pdf", "/reports/", "feed.atom", "/list-entries/", "/penalties/", "/subjects/", "/lists/")
BULK_CHANNELS = ("/api/v1/changes/", "/api/v1/snapshots/", "/export/")


@pytest.mark.parametrize("tier", TIERS)
def test_every_channel_as_each_tier(walk, subtests, tier):
    texts = walk(tier)
    with subtests.test("the walk reaches every channel the tier has"):
        reached = [part for part in (*CHANNELS, *(BULK_CHANNELS if tier in ("agency", "lists-only") else ()))
                   if any(part in url for url in texts)]
        assert reached == [*CHANNELS, *(BULK_CHANNELS if tier in ("agency", "lists-only") else ())]
        assert any("<mark>" in text for url, text in texts.items() if "/api/v1/search/" in url)
    with subtests.test("no ID number in any writing"):
        assert _leaks(texts, sorted(ID_FORMS)) == []
    with subtests.test("no unpublished item"):
        assert _unpublished_content(texts) == []
    if tier in MASKING_TIERS:
        with subtests.test("no masked person's full name"):
            assert _leaks(texts, [MASKED_PERSON]) == []
        with subtests.test("no full name on what joins a person's records (profiles, reports)"):
            joined = {url: text for url, text in texts.items() if "/subjects/" in url or "/reports/" in url}
            assert joined and _leaks(joined, [JOINED_PERSON]) == []
        with subtests.test("no digit of a court's partial ID"):
            assert _leaks(texts, COURT_FRAGMENTS) == []
    else:
        with subtests.test("names and the court's partial ID shown"):
            assert _leaks(texts, [MASKED_PERSON]) and _leaks(texts, [COURT_PARTIAL_ID])
    others = list(ListEntry.objects.filter(list_type_id=OTHER_LIST).values_list("public_id", flat=True))
    if tier == "lists-only":
        with subtests.test("nothing of other lists, penalties still found"):
            assert _leaks(texts, [*others, f"/lists/{OTHER_LIST}/"]) == []
            penalty = Penalty.objects.filter(state=PublicationState.PUBLISHED).first().public_id
            assert _leaks({url: text for url, text in texts.items() if "/search/" in url}, [penalty])
    else:
        with subtests.test("other lists' entries are there to be seen"):
            assert _leaks(texts, others)
