"""Keyset paging walks a list forwards and backwards without gaps or repeats, ties on the sort field included."""
import base64

import pytest

from apps.common.errors import InvalidInput
from apps.common.keyset import decode_cursor, encode_cursor, keyset_page
from apps.records.models import Authority
from tests.factories import ListEntryRowFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def authorities():
    """Eleven authorities; several share a name prefix order, and the name field has ties on purpose."""
    for n in range(11):
        Authority.objects.create(name=f"机关{n % 4}", key=f"authority-{n}")
    return Authority.objects.all()


def _walk_forwards(queryset, field, descending, size):
    pages, after = [], None
    while True:
        page = keyset_page(queryset, field, descending, size, after=after)
        pages.append(page)
        if not page.next_cursor:
            return pages
        after = page.next_cursor


@pytest.mark.parametrize("descending", [False, True])
def test_forward_pages_cover_every_row_once_in_order(authorities, descending):
    pages = _walk_forwards(authorities, "name", descending, 3)
    seen = [row.pk for page in pages for row in page.rows]
    expected = list(authorities.order_by(*(("-name", "-pk") if descending else ("name", "pk")))
                    .values_list("pk", flat=True))
    assert seen == expected and [len(p.rows) for p in pages] == [3, 3, 3, 2]


def test_previous_pages_retrace_the_forward_pages(authorities):
    pages = _walk_forwards(authorities, "name", False, 3)
    page = pages[-1]
    retraced = [page.rows]
    while page.previous_cursor:
        page = keyset_page(authorities, "name", False, 3, before=page.previous_cursor)
        retraced.append(page.rows)
    assert [[r.pk for r in rows] for rows in reversed(retraced)] == [[r.pk for r in p.rows] for p in pages]


def test_the_first_page_has_no_previous_and_the_last_no_next(authorities):
    pages = _walk_forwards(authorities, "name", False, 3)
    assert pages[0].previous_cursor is None and pages[-1].next_cursor is None


def test_a_cursor_round_trips_its_primary_key():
    assert decode_cursor(encode_cursor(7), "after") == 7


def test_a_cursor_carries_no_sort_value(authorities):
    page = keyset_page(authorities, "name", False, 3)
    assert base64.urlsafe_b64decode(page.next_cursor + "==").decode() == str(page.rows[-1].pk)


@pytest.mark.parametrize("cursor", ["not-a-cursor", base64.urlsafe_b64encode(b'["x", 7]').decode(), "W10"])
def test_a_foreign_cursor_is_refused_naming_the_parameter(cursor):
    with pytest.raises(InvalidInput) as refused:
        decode_cursor(cursor, "before")
    assert refused.value.field == "before"


def test_a_cursor_naming_no_row_is_refused(authorities):
    with pytest.raises(InvalidInput) as refused:
        keyset_page(authorities, "name", False, 3, after=encode_cursor(10**9))
    assert refused.value.field == "after"


def test_a_list_page_walks_to_the_end_and_back(client, portal_data, run_import, write_csv):
    from apps.lists.models import ListEntry
    from apps.web.views import lists

    run_import(write_csv(ListEntryRowFactory.build_batch(lists.PAGE_SIZE + 5), name="more.csv"),
               list_code="samr-abnormal-operations")
    total = ListEntry.objects.filter(list_type="samr-abnormal-operations", state="published").count()
    first = client.get("/lists/samr-abnormal-operations/").content.decode()
    assert first.count('data-id="') == lists.PAGE_SIZE and 'rel="prev"' not in first
    second = client.get("/lists/samr-abnormal-operations/", {"after": _cursor(first, "after")}).content.decode()
    assert second.count('data-id="') == total - lists.PAGE_SIZE and 'rel="next"' not in second
    back = client.get("/lists/samr-abnormal-operations/", {"before": _cursor(second, "before")}).content.decode()
    assert _ids(back) == _ids(first)


def test_a_list_page_with_a_foreign_cursor_explains_it_and_shows_the_first_page(client, portal_data):
    page = client.get("/lists/samr-abnormal-operations/", {"after": "nonsense"}).content.decode()
    assert "after" in page and 'role="alert"' in page and page.count('data-id="') == 3


def _cursor(page: str, name: str) -> str:
    return page.split(f"{name}=")[1].split('"')[0]


def _ids(page: str) -> list[str]:
    return [part.split('"')[0] for part in page.split('data-id="')[1:]]
