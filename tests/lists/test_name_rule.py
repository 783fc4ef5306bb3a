"""Changing a list's name rule reaches what was already published: update events, and the index follows."""
import pytest

from apps.lists.models import ListType
from apps.publication.models import ChangeEvent

pytestmark = pytest.mark.django_db


def test_turning_off_a_lists_name_rule_masks_its_entries_in_search(audience_data, as_tier, search_engine, today):
    from apps.lists.services import save_list_type
    from apps.searchsync.services import consume
    from tests.portal_fixtures import COURT_PERSON, LIMITED_LIST

    client = as_tier("anonymous")
    assert COURT_PERSON in str(client.get(f"/api/v1/search/?q={COURT_PERSON}").json()["hits"])
    court = ListType.objects.get(code=LIMITED_LIST)
    court.publishes_person_names = False
    last = ChangeEvent.objects.order_by("-sequence").first().sequence
    assert save_list_type(court, today) == ChangeEvent.objects.filter(sequence__gt=last).count() > 0
    consume(search_engine)
    assert COURT_PERSON not in str(client.get(f"/api/v1/search/?q={COURT_PERSON}").json()["hits"])
    assert save_list_type(court, today) == 0  # unchanged rule: nothing to send
