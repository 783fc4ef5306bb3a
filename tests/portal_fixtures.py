"""Fixtures of a small published portal, shared by the page tests and the browser tests."""
import pytest

from tests.factories import ListEntryRowFactory, PenaltyRowFactory, PersonPenaltyRowFactory


@pytest.fixture
def portal_data(db, run_import, write_csv, search_engine, today):
    """Published penalties (one on a person with an ID number in the feed), list entries, one penalty whose
    publication ended, the search index and statistics."""
    from apps.publication.services import end_publication
    from apps.records.models import Penalty
    from apps.searchsync.services import consume
    from apps.stats.compute import refresh

    run_import(write_csv(PenaltyRowFactory.build_batch(4) + [PersonPenaltyRowFactory(
        CF_XDR_MC="张三丰", CF_SY="当事人张三丰（身份证110101199003077758）销售过期食品。")], name="p.csv"))
    run_import(write_csv(ListEntryRowFactory.build_batch(3), name="l.csv"), list_code="samr-abnormal-operations")
    ended = Penalty.objects.filter(party_category="法人及非法人组织").order_by("pk").first()
    end_publication(ended.public_id, reason="revoked", today=today)
    consume(search_engine)
    refresh()
    return {"ended": Penalty.objects.get(pk=ended.pk), "person": Penalty.objects.get(party_name="张三丰")}


@pytest.fixture
def key_for(db):
    """A fresh key of a tier: the secret."""
    from apps.access.keys import issue_key

    return lambda tier: issue_key(tier)[1]
