"""The importer end to end: real files, the real database."""
import json

import pytest
from django.core.management import call_command

from apps.common.errors import InvalidInput
from apps.ingestion.enums import BatchStatus, QuarantineStatus
from apps.ingestion.models import ImportBatch, QuarantinedRow
from apps.ingestion.store import BatchWriter
from apps.lists.models import ListEntry
from apps.publication.enums import ChangeAction, PublicationState
from apps.publication.models import ChangeEvent, ItemVersion
from apps.records.models import Licence, Penalty, Subject
from tests.conftest import SAMPLES
from tests.factories import USCCS, LicenceRowFactory, ListEntryRowFactory, PenaltyRowFactory

pytestmark = pytest.mark.django_db


def counts():
    return (Penalty.objects.count(), Licence.objects.count(), ListEntry.objects.count(), ChangeEvent.objects.count(),
            ItemVersion.objects.count(), Subject.objects.count(), QuarantinedRow.objects.count())


def test_real_licence_sample_is_accepted_with_a_quality_flag_and_mapped_status(run_import):
    batch = run_import(SAMPLES / "licence_v2_real.json")
    licence = Licence.objects.get()
    assert batch.report() == {"read": 1, "created": 1, "updated": 0, "unchanged": 0, "quarantined": 0,
                              "flagged": 1}
    assert licence.status == "正常"
    assert {f["field"] for f in licence.quality_flags} == {"authority_uscc", "submitting_unit_uscc"}
    assert licence.authority.uscc == "00000000000000000X" and not licence.authority.uscc_valid


def test_real_penalty_sample_is_stored_as_ended_because_its_window_closed(run_import):
    run_import(SAMPLES / "penalty_v2_real.json")
    penalty = Penalty.objects.get()
    assert penalty.state == PublicationState.EXPIRED
    assert str(penalty.fine_amount) == "0.200000"
    assert penalty.first_published_at is None
    assert not ChangeEvent.objects.exists()  # never public, so nothing for agencies to learn


def test_published_rows_create_items_and_publish_events(run_import, write_csv):
    run_import(write_csv(PenaltyRowFactory.build_batch(3)))
    assert Penalty.objects.filter(state=PublicationState.PUBLISHED).count() == 3
    assert list(ChangeEvent.objects.values_list("sequence", "action")) == [
        (1, ChangeAction.PUBLISH), (2, ChangeAction.PUBLISH), (3, ChangeAction.PUBLISH)]


def test_public_ids_are_url_safe_and_distinct(run_import, write_csv):
    run_import(write_csv(PenaltyRowFactory.build_batch(20)))
    ids = list(Penalty.objects.values_list("public_id", flat=True))
    assert len(set(ids)) == 20
    assert all(i.startswith("pen_") and i.replace("_", "").isalnum() and i.islower() for i in ids)


def test_importing_the_same_file_twice_changes_nothing(run_import, write_csv):
    path = write_csv(PenaltyRowFactory.build_batch(5) + [PenaltyRowFactory(CF_WSH="")])
    run_import(path)
    before = counts()
    second = run_import(path)
    assert counts() == before
    assert second.report() == {"read": 6, "created": 0, "updated": 0, "unchanged": 5, "quarantined": 1,
                               "flagged": 0}


def test_corrected_row_updates_its_item_and_keeps_the_previous_version(run_import, write_csv):
    row = PenaltyRowFactory()
    run_import(write_csv([row], name="first.csv"))
    item = Penalty.objects.get()
    batch = run_import(write_csv([{**row, "CF_NR": "罚款3000元", "CF_NR_FK": "0.3"}], name="fixed.csv"))
    item.refresh_from_db()
    assert (batch.created, batch.updated) == (0, 1)
    assert Penalty.objects.count() == 1
    assert (item.version, str(item.fine_amount), item.content) == (2, "0.300000", "罚款3000元")
    old = ItemVersion.objects.get(item_id=item.public_id)
    assert (old.version, old.content["content"], old.content["fine_amount"]) == (1, "罚款2000元", "0.200000")
    assert ChangeEvent.objects.last().action == ChangeAction.UPDATE


def test_correction_that_revokes_a_published_item_unpublishes_it(run_import, write_csv):
    row = PenaltyRowFactory()
    run_import(write_csv([row], name="a.csv"))
    run_import(write_csv([{**row, "CF_ZT": "撤销"}], name="b.csv"))
    assert Penalty.objects.get().state == PublicationState.REVOKED
    assert ChangeEvent.objects.last().action == ChangeAction.UNPUBLISH


def test_bad_rows_go_to_quarantine_with_one_reason_per_field_and_good_rows_go_in(run_import, write_csv):
    good = PenaltyRowFactory.build_batch(4)
    bad = PenaltyRowFactory(CF_WSH="", CF_JDRQ="2026-13-45")
    batch = run_import(write_csv(good + [bad]))
    row = QuarantinedRow.objects.get()
    assert (batch.created, batch.quarantined) == (4, 1)
    assert row.row_number == 5
    assert {e["field"] for e in row.errors} == {"decision_number", "decision_date"}


def test_corrected_file_resolves_the_quarantined_row(run_import, write_csv):
    row = PenaltyRowFactory()
    run_import(write_csv([{**row, "CF_XDR_SHXYM": "91310115591693856B"}], name="bad.csv"))
    fixed = run_import(write_csv([row], name="fixed.csv"))
    quarantined = QuarantinedRow.objects.get()
    assert fixed.created == 1
    assert (quarantined.status, quarantined.resolved_by_batch_id) == (QuarantineStatus.RESOLVED, fixed.pk)


def test_generated_file_with_defects_keeps_good_rows_and_loses_nothing(tmp_path, run_import):
    from apps.demo.generator import DemoGenerator
    from tests.conftest import TODAY

    manifest = DemoGenerator(400, seed=7, anchor=TODAY, defects=0.2).write(tmp_path / "demo")
    entry = next(e for e in manifest.files if e["file"] == "penalties_v2.csv")
    batch = run_import(tmp_path / "demo" / entry["file"])
    assert entry["defects"] > 0
    assert batch.quarantined == entry["defects"]
    assert batch.created == entry["rows"] - entry["defects"]
    assert all(q.errors for q in QuarantinedRow.objects.all())
    again = run_import(tmp_path / "demo" / entry["file"])
    assert (again.created, again.updated, again.unchanged) == (0, 0, batch.created)
    assert QuarantinedRow.objects.count() == entry["defects"]


def test_a_failure_mid_import_leaves_no_partial_batch(run_import, write_csv, monkeypatch):
    calls = {"n": 0}
    real_write = BatchWriter.write

    def crash_on_second_chunk(self, prepared):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real_write(self, prepared)

    monkeypatch.setattr(BatchWriter, "write", crash_on_second_chunk)
    with pytest.raises(RuntimeError):
        run_import(write_csv(PenaltyRowFactory.build_batch(5)), chunk_rows=2)
    batch = ImportBatch.objects.get()
    assert batch.status == BatchStatus.FAILED and "disk full" in batch.error
    assert counts() == (0, 0, 0, 0, 0, 0, 0)
    assert batch.report() == {"read": 0, "created": 0, "updated": 0, "unchanged": 0, "quarantined": 0, "flagged": 0}


def test_duplicate_rows_within_one_file_become_one_item(run_import, write_csv):
    row = PenaltyRowFactory()
    batch = run_import(write_csv([row, {**row, "CF_NR": "罚款2000元（更正）"}]))
    assert Penalty.objects.count() == 1
    assert (batch.created, batch.updated) == (1, 1)


def test_one_decision_naming_two_parties_gives_two_items(run_import, write_csv):
    first = PenaltyRowFactory()
    other_uscc = next(uscc for uscc in USCCS if uscc != first["CF_XDR_SHXYM"])  # the factory cycles through them
    second = {**first, "CF_XDR_MC": "另一家公司", "CF_XDR_SHXYM": other_uscc}
    run_import(write_csv([first, second]))
    assert Penalty.objects.count() == 2


def test_subject_is_shared_by_its_decisions_across_datasets(run_import, write_csv):
    uscc = "91320105780688132K"
    run_import(write_csv([PenaltyRowFactory(CF_XDR_SHXYM=uscc)], name="p.csv"))
    run_import(write_csv([LicenceRowFactory(XK_XDR_SHXYM=uscc)], name="l.csv"))
    assert Subject.objects.filter(uscc=uscc).count() == 1
    assert Penalty.objects.get().subject_id == Licence.objects.get().subject_id


def test_list_entries_need_a_known_list(run_import, write_csv):
    with pytest.raises(InvalidInput) as error:
        run_import(write_csv(ListEntryRowFactory.build_batch(1)), kind="list-entry", list_code="no-such-list")
    assert error.value.field == "list"


def test_list_entries_import_into_their_list(run_import, write_csv):
    batch = run_import(write_csv(ListEntryRowFactory.build_batch(2)), list_code="samr-abnormal-operations")
    assert batch.kind == "list_entry" and batch.created == 2
    assert set(ListEntry.objects.values_list("list_type_id", flat=True)) == {"samr-abnormal-operations"}


def test_court_feed_imports_through_its_mapping_file(tmp_path, run_import, write_json):
    from apps.demo.generator import MAPPINGS_DIR

    row = {"iname": "王某某", "caseCode": "(2025)苏0102执88号", "cardNum": "3201021985****1234",
           "courtName": "南京市玄武区人民法院", "disruptTypeName": "违反财产报告制度", "publishDate": "2026年03月01日",
           "regDate": "2026年01月05日", "sexy": "男", "partyType": "1", "performance": "全部未履行"}
    batch = run_import(write_json([row]), mapping_path=MAPPINGS_DIR / "court_debtors.toml")
    entry = ListEntry.objects.get()
    assert batch.report()["created"] == 1
    assert (entry.list_type_id, entry.party_category, entry.case_number, entry.party_id_masked) == (
        "court-dishonest-debtors", "自然人", "(2025)苏0102执88号", "3201021985****1234")
    assert entry.legal_basis.startswith("《最高人民法院")


def test_mapping_file_naming_an_unknown_field_is_refused(tmp_path, run_import, write_json):
    mapping = tmp_path / "m.toml"
    mapping.write_text('kind = "penalty"\n[columns]\nfoo = "no_such_field"\n', encoding="utf-8")
    with pytest.raises(InvalidInput, match="no_such_field"):
        run_import(write_json([PenaltyRowFactory()]), mapping_path=mapping)


def test_command_prints_the_report_and_writes_it_as_json(tmp_path, write_csv, capsys):
    report = tmp_path / "report.json"
    path = write_csv(PenaltyRowFactory.build_batch(2) + [PenaltyRowFactory(CF_CFLB="罚金刑")])
    call_command("import_records", str(path), "--report-json", str(report), "--today", "2026-11-20")
    assert json.loads(report.read_text()) == {"read": 3, "created": 2, "updated": 0, "unchanged": 0,
                                              "quarantined": 1, "flagged": 0}
    assert "created=2" in capsys.readouterr().out


def test_command_names_the_problem_when_the_kind_cannot_be_told(tmp_path, write_csv):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="kind"):
        call_command("import_records", str(write_csv([{"a": 1, "b": 2}])))


def test_row_with_shifted_columns_goes_to_quarantine(run_import, tmp_path, write_csv):
    good = write_csv([PenaltyRowFactory()]).read_text(encoding="utf-8")
    path = tmp_path / "ragged.csv"
    path.write_text(good + good.splitlines()[1] + ",extra\n", encoding="utf-8")
    batch = run_import(path)
    assert (batch.created, batch.quarantined) == (1, 1)
    assert QuarantinedRow.objects.get().errors[0]["field"] == "row"


def test_a_file_broken_half_way_fails_as_a_whole_with_the_reason(run_import, tmp_path):
    rows = [PenaltyRowFactory() for _ in range(3)]
    path = tmp_path / "cut.json"
    path.write_text(json.dumps(rows, ensure_ascii=False)[:-40], encoding="utf-8")
    with pytest.raises(InvalidInput, match="not valid JSON") as error:
        run_import(path, chunk_rows=1)
    assert error.value.field == "path"
    assert ImportBatch.objects.get().status == BatchStatus.FAILED
    assert counts() == (0, 0, 0, 0, 0, 0, 0)


def test_imports_leave_planner_statistics(run_import, write_csv):
    from django.db import connection

    run_import(write_csv(PenaltyRowFactory.build_batch(3)))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'records_penalty'")
            assert cursor.fetchone()[0] > 0
        else:  # analysed by the import itself, not left to autovacuum
            cursor.execute("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'records_penalty'")
            assert cursor.fetchone()[0] is not None


def test_a_whole_id_number_in_a_courts_masked_id_column_is_hashed_for_matching_and_masked(run_import, write_json,
                                                                                          write_csv):
    from apps.demo.generator import MAPPINGS_DIR
    from tests.factories import RESIDENT_IDS, PersonPenaltyRowFactory

    run_import(write_csv([PersonPenaltyRowFactory(CF_XDR_ZJHM=RESIDENT_IDS[0])]))
    row = {"iname": "张三丰", "caseCode": "(2025)苏0102执89号", "cardNum": RESIDENT_IDS[0], "partyType": "1",
           "courtName": "南京市玄武区人民法院", "disruptTypeName": "违反财产报告制度", "publishDate": "2026年03月01日"}
    run_import(write_json([row]), mapping_path=MAPPINGS_DIR / "court_debtors.toml")
    entry = ListEntry.objects.get()
    assert entry.party_id_masked == RESIDENT_IDS[0][:6] + "*" * 12
    assert RESIDENT_IDS[0] not in str(entry.source_row)
    assert Penalty.objects.get().subject_id == entry.subject_id  # the same person: one profile


def test_a_batch_left_running_by_a_dead_process_is_marked_failed(db):
    import datetime as dt
    import socket

    from django.utils import timezone

    from apps.ingestion.services import fail_abandoned_batches

    dead = ImportBatch.objects.create(kind="penalty", file_name="a.csv", file_sha256="0", file_format="csv",
                                      host=socket.gethostname(), pid=2**22 + 12345)  # above Linux's pid_max
    elsewhere_old = ImportBatch.objects.create(kind="penalty", file_name="b.csv", file_sha256="0",
                                               file_format="csv", host="another-machine", pid=1)
    ImportBatch.objects.filter(pk=elsewhere_old.pk).update(started_at=timezone.now() - dt.timedelta(days=2))
    elsewhere_recent = ImportBatch.objects.create(kind="penalty", file_name="c.csv", file_sha256="0",
                                                  file_format="csv", host="another-machine", pid=1)
    assert fail_abandoned_batches() == 2
    statuses = dict(ImportBatch.objects.values_list("pk", "status"))
    assert (statuses[dead.pk], statuses[elsewhere_old.pk], statuses[elsewhere_recent.pk]) == (
        BatchStatus.FAILED, BatchStatus.FAILED, BatchStatus.RUNNING)
