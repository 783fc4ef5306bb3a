"""Publication lifecycle: the sweep, early ends, and the change log they write."""
import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.common.dates import add_months
from apps.common.errors import Conflict
from apps.publication.enums import ChangeAction, EndReason, PublicationState
from apps.publication.models import ChangeEvent, PublicityPeriod
from apps.publication.services import end_publication, publication_sweep
from apps.records.models import Penalty
from tests.factories import PenaltyRowFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def penalty(run_import, write_csv, today):
    """A general-class penalty decided 30 days before the test clock."""
    run_import(write_csv([PenaltyRowFactory()]))
    return Penalty.objects.get()


def test_sweep_past_latest_end_unpublishes_and_logs_the_event(penalty):
    ended = publication_sweep(penalty.latest_end)
    penalty.refresh_from_db()
    event = ChangeEvent.objects.last()
    assert ended["penalty"] == 1
    assert (penalty.state, penalty.end_reason, penalty.actual_end) == (
        PublicationState.EXPIRED, EndReason.EXPIRED, penalty.latest_end)
    assert (event.action, event.item_id, event.reason, event.effective_date) == (
        ChangeAction.UNPUBLISH, penalty.public_id, EndReason.EXPIRED, penalty.latest_end)


def test_sweep_before_latest_end_leaves_the_item_published(penalty):
    publication_sweep(penalty.latest_end - dt.timedelta(days=1))
    penalty.refresh_from_db()
    assert penalty.state == PublicationState.PUBLISHED


def test_sweep_is_safe_to_run_again(penalty):
    publication_sweep(penalty.latest_end)
    events = ChangeEvent.objects.count()
    assert publication_sweep(penalty.latest_end + dt.timedelta(days=5))["penalty"] == 0
    assert ChangeEvent.objects.count() == events


def test_sweep_command_takes_a_moved_clock(penalty, capsys):
    call_command("publication_sweep", "--today", (penalty.latest_end + dt.timedelta(days=1)).isoformat())
    penalty.refresh_from_db()
    assert penalty.state == PublicationState.EXPIRED
    assert "ended 1" in capsys.readouterr().out


def test_change_log_sequence_is_gap_free_and_increasing(run_import, write_csv, penalty):
    run_import(write_csv(PenaltyRowFactory.build_batch(3), name="more.csv"))
    publication_sweep(penalty.latest_end)
    sequences = list(ChangeEvent.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, len(sequences) + 1))


def test_repair_before_the_minimum_period_is_refused(penalty, today):
    with pytest.raises(Conflict, match="credit repair"):
        end_publication(penalty.public_id, EndReason.REPAIRED, today)
    penalty.refresh_from_db()
    assert penalty.state == PublicationState.PUBLISHED


def test_repair_after_the_minimum_period_ends_publication(penalty):
    end_publication(penalty.public_id, EndReason.REPAIRED, penalty.earliest_end, note="修复决定书 1 号")
    penalty.refresh_from_db()
    assert (penalty.state, penalty.actual_end, penalty.end_note) == (
        PublicationState.REPAIRED, penalty.earliest_end, "修复决定书 1 号")
    assert ChangeEvent.objects.last().reason == EndReason.REPAIRED


def test_revocation_ends_publication_at_once(penalty, today):
    end_publication(penalty.public_id, EndReason.REVOKED, today)
    penalty.refresh_from_db()
    assert penalty.state == PublicationState.REVOKED


def test_ending_twice_for_the_same_reason_changes_nothing(penalty, today):
    end_publication(penalty.public_id, EndReason.REVOKED, today)
    events = ChangeEvent.objects.count()
    end_publication(penalty.public_id, EndReason.REVOKED, today)
    assert ChangeEvent.objects.count() == events


def test_end_publication_command(penalty, today, capsys):
    call_command("end_publication", penalty.public_id, "--reason", "objection", "--today", today.isoformat())
    penalty.refresh_from_db()
    assert penalty.state == PublicationState.WITHDRAWN
    assert penalty.public_id in capsys.readouterr().out


def test_end_publication_command_refuses_an_unknown_id():
    with pytest.raises(CommandError, match="no item"):
        call_command("end_publication", "pen_doesnotexist", "--reason", "revocation")


def test_staff_end_sticks_when_the_provider_resends_a_correction(run_import, write_csv, penalty, today):
    end_publication(penalty.public_id, EndReason.REVOKED, today)
    row = PenaltyRowFactory.build(CF_WSH=penalty.decision_number, CF_XDR_MC=penalty.party_name,
                                  CF_XDR_SHXYM=penalty.party_uscc, CF_NR="罚款2500元")
    run_import(write_csv([row], name="again.csv"))
    penalty.refresh_from_db()
    assert (penalty.content, penalty.state) == ("罚款2500元", PublicationState.REVOKED)


def test_minor_penalty_is_stored_but_never_published(run_import, write_csv):
    run_import(write_csv([PenaltyRowFactory(CF_CFLB="警告", CF_NR="警告", CF_NR_FK="")]))
    penalty = Penalty.objects.get()
    assert (penalty.state, penalty.publicity_class_id) == (PublicationState.WITHHELD, "minor")
    assert not ChangeEvent.objects.exists()


def test_provider_class_wins_over_the_kinds(run_import, write_csv):
    run_import(write_csv([PenaltyRowFactory(CF_GSLB="严重")]))
    assert Penalty.objects.get().publicity_class_id == "serious"


def test_a_rule_change_is_a_data_change(run_import, write_csv):
    PublicityPeriod.objects.filter(publicity_class="general").update(max_months=6)
    run_import(write_csv([PenaltyRowFactory()]))
    penalty = Penalty.objects.get()
    assert penalty.latest_end == add_months(penalty.decision_date, 6)


def test_the_daily_sweep_deletes_rate_limit_counters_of_past_windows(db, capsys):
    from django.utils import timezone

    from apps.access.models import RateCounter

    now = timezone.now()
    RateCounter.objects.create(key="ip:1:minute:old", count=3, expires_at=now - dt.timedelta(minutes=5))
    RateCounter.objects.create(key="ip:1:day:current", count=3, expires_at=now + dt.timedelta(hours=5))
    call_command("publication_sweep")
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["ip:1:day:current"]
    assert "rate-limit counters of past windows deleted: 1" in capsys.readouterr().out


def test_a_corrected_period_places_penalties_again_and_tells_the_change_log(penalty, today):
    from apps.publication.services import replace_penalties

    period = PublicityPeriod.objects.filter(publicity_class_id=penalty.publicity_class_id).order_by(
        "-effective_from").first()
    PublicityPeriod.objects.filter(pk=period.pk).update(min_months=0, max_months=0)
    assert replace_penalties(today) == {"updated": 0, "published": 0, "unpublished": 1}
    ended = Penalty.objects.get(pk=penalty.pk)
    assert (ended.state, ended.end_reason, ended.latest_end) == (PublicationState.EXPIRED, EndReason.EXPIRED,
                                                                 penalty.decision_date)
    event = ChangeEvent.objects.order_by("-sequence").first()
    assert (event.item_id, event.action, event.reason) == (penalty.public_id, ChangeAction.UNPUBLISH, "expired")
    assert replace_penalties(today) == {"updated": 0, "published": 0, "unpublished": 0}
    PublicityPeriod.objects.filter(pk=period.pk).update(min_months=period.min_months, max_months=period.max_months)
    assert replace_penalties(today) == {"updated": 0, "published": 1, "unpublished": 0}
    assert Penalty.objects.get(pk=penalty.pk).latest_end == penalty.latest_end


def test_a_revoked_penalty_is_not_placed_again(penalty, today):
    from apps.publication.services import replace_penalties

    end_publication(penalty.public_id, reason="revoked", today=today)
    PublicityPeriod.objects.update(min_months=0, max_months=0)
    assert replace_penalties(today) == {"updated": 0, "published": 0, "unpublished": 0}
    assert Penalty.objects.get(pk=penalty.pk).end_reason == "revoked"
