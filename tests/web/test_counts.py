"""Published counts for the home and list pages come from the search index, or from the database when the engine
does not answer; both agree with what is published."""
from django.core.cache import cache

from apps.lists.models import ListEntry
from apps.records.models import Licence, Penalty
from apps.searchsync.counts import published_counts


def _published():
    return {"penalty": Penalty.objects.filter(state="published").count(),
            "licence": Licence.objects.filter(state="published").count(),
            "list_entry": ListEntry.objects.filter(state="published").count()}


def test_the_index_counts_what_is_published_per_dataset_and_list(portal_data):
    counts = published_counts()
    assert {d: counts.datasets.get(d, 0) for d in _published()} == _published()
    assert counts.lists == {"samr-abnormal-operations": 3}


def test_the_database_counts_when_the_engine_cannot_open_its_index(portal_data, unopenable_index):
    cache.clear()
    counts = published_counts()
    assert {d: counts.datasets.get(d, 0) for d in _published()} == _published()
    assert counts.lists == {"samr-abnormal-operations": 3}


def test_the_home_page_shows_the_counts(client, portal_data):
    page = client.get("/").content.decode()
    assert f"<strong>{_published()['penalty']}</strong>" in page


def test_a_list_page_counts_the_whole_list_and_a_filtered_view(client, portal_data):
    whole = client.get("/lists/samr-abnormal-operations/").content.decode()
    none = client.get("/lists/samr-abnormal-operations/", {"listed_from": "2999-01-01"}).content.decode()
    assert '<p class="result-count">3 条记录</p>' in whole
    assert '<p class="result-count">0 条记录</p>' in none
