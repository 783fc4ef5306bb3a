"""An agency's copy, kept by following the change feed from its checkpoint, stays exactly the API's view through
every kind of edit that changes how published items are shown (issue 14): an authority renamed, a list renamed, a
subject corrected, a publicity period corrected, a redaction pass. Each edit is saved through the service the
admin uses; the copy is compared with the API item by item."""
import datetime as dt

import pytest

from apps.lists.models import ListType
from apps.publication.datasets import DATASETS, model
from apps.publication.enums import PublicationState
from apps.records.models import Authority, Penalty, Subject
from tests.factories import LicenceRowFactory, ListEntryRowFactory, PenaltyRowFactory

pytestmark = pytest.mark.django_db


class Copy:
    """What an agency keeps: items by id, and the feed position it has read up to."""

    def __init__(self, client):
        self.client, self.items, self.after = client, {}, 0

    def sync(self) -> int:
        """Apply the feed from the checkpoint to its head; the number of events applied."""
        applied = 0
        while True:
            body = self.client.get(f"/api/v1/changes/?after={self.after}&limit=50").json()
            for event in body["events"]:
                if event["action"] == "ended":
                    self.items.pop(event["id"], None)
                elif "item" in event:
                    self.items[event["id"]] = event["item"]
            applied += len(body["events"])
            self.after = body["next_after"]
            if not body["has_more"]:
                return applied

    def assert_exact(self):
        published = {public_id: f"/api/v1/{spec.segment}/{public_id}/" for spec in DATASETS
                     for public_id in model(spec.name).objects.filter(state=PublicationState.PUBLISHED)
                     .values_list("public_id", flat=True)}
        assert set(self.items) == set(published)
        for item_id, url in published.items():
            assert self.items[item_id] == self.client.get(url).json(), item_id


@pytest.fixture
def copy(as_tier, run_import, write_csv, today):
    run_import(write_csv(PenaltyRowFactory.build_batch(4), name="p.csv"))
    run_import(write_csv(LicenceRowFactory.build_batch(2), name="l.csv"))
    run_import(write_csv(ListEntryRowFactory.build_batch(3), name="e.csv"), list_code="samr-abnormal-operations")
    agency_copy = Copy(as_tier("agency"))
    agency_copy.sync()
    agency_copy.assert_exact()
    return agency_copy


def test_an_authority_renamed_reaches_the_copy(copy, today):
    from apps.records.services import save_authority

    authority = Penalty.objects.filter(state=PublicationState.PUBLISHED).first().authority
    authority.name = authority.name + "（更名）"
    assert save_authority(authority, today) > 0
    assert copy.sync() > 0
    copy.assert_exact()


def test_a_list_renamed_reaches_the_copy(copy, today):
    from apps.lists.services import save_list_type

    listed = ListType.objects.get(code="samr-abnormal-operations")
    listed.name = "经营异常名录（更名）"
    assert save_list_type(listed, today) == 3
    copy.sync()
    copy.assert_exact()


def test_a_subject_corrected_reaches_the_copy(copy, today):
    from apps.records.services import save_subject

    subject = Subject.objects.get(pk=Penalty.objects.filter(state=PublicationState.PUBLISHED).first().subject_id)
    subject.legal_representative = "更正后的代表人"
    assert save_subject(subject, today) > 0
    copy.sync()
    copy.assert_exact()


def test_an_unchanged_save_sends_nothing(copy, today):
    from apps.records.services import save_authority

    assert save_authority(Authority.objects.first(), today) == 0
    assert copy.sync() == 0


def test_a_corrected_publicity_period_reaches_the_copy(copy, today):
    from apps.publication.models import PublicityPeriod
    from apps.publication.services import replace_penalties

    PublicityPeriod.objects.update(max_months=1, min_months=1)  # every period shortened to a month
    replace_penalties(today + dt.timedelta(days=400))
    copy.sync()
    copy.assert_exact()


def test_a_redaction_pass_reaches_the_copy(copy, today):
    from apps.publication.redaction import redact_stored_ids

    # What an older importer left: a whole ID number in the facts of a published penalty.
    penalty = Penalty.objects.filter(state=PublicationState.PUBLISHED).first()
    Penalty.objects.filter(pk=penalty.pk).update(facts="当事人（身份证１１０１０１１９９００３０７７７５８）销售过期食品。")
    copy.items.pop(penalty.public_id)  # the copy never saw the unredacted text; it must get the redacted one
    redact_stored_ids(today)
    copy.sync()
    copy.assert_exact()
    assert "7758" not in str(copy.items[penalty.public_id])
