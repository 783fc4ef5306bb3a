"""ID numbers given in input appear nowhere: not in any table, not in logs, not in command output."""
import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import RESIDENT_IDS, PenaltyRowFactory, PersonPenaltyRowFactory

pytestmark = pytest.mark.django_db


def database_text() -> str:
    """Every value of every row of every table, as text."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            parts.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(parts)


def test_id_numbers_given_in_input_appear_nowhere_in_the_database(write_csv, caplog, capsys):
    rows = [
        PersonPenaltyRowFactory(CF_XDR_ZJHM=RESIDENT_IDS[0]),
        PenaltyRowFactory(CF_FR_ZJLX="身份证", CF_FR_ZJHM=RESIDENT_IDS[1]),
        PenaltyRowFactory(CF_SY=f"当事人身份证号码{RESIDENT_IDS[2]}，经营过期食品。"),
        # Refused rows are kept in quarantine: their ID numbers must not be.
        PersonPenaltyRowFactory(CF_XDR_ZJHM=RESIDENT_IDS[2], CF_WSH=""),
    ]
    call_command("import_records", str(write_csv(rows)), "--today", "2026-11-20")
    stored = database_text()
    output = caplog.text + capsys.readouterr().out
    assert "张三丰" in stored  # the check reads real data
    for number in RESIDENT_IDS:
        assert number not in stored
        assert number not in output


def test_person_ids_are_kept_only_as_keyed_hashes_that_match_across_imports(run_import, write_csv):
    from apps.records.models import Subject

    run_import(write_csv([PersonPenaltyRowFactory(CF_WSH="甲〔2026〕1号")], name="a.csv"))
    run_import(write_csv([PersonPenaltyRowFactory(CF_WSH="甲〔2026〕2号")], name="b.csv"))
    subject = Subject.objects.get()
    assert subject.id_hash and len(subject.id_hash) == 64


def test_an_id_number_quoted_in_a_parser_error_is_not_kept(run_import, tmp_path):
    from apps.common.errors import InvalidInput
    from apps.ingestion.models import ImportBatch

    path = tmp_path / "broken.json"
    # The first row is fine (the kind is detected from it); the second breaks at an unquoted ID number, and
    # the JSON parser's own message quotes the text around the place it broke.
    path.write_text('[{"CF_WSH": "a"}, {"CF_WSH": "b", "CF_XDR_ZJHM": ' + RESIDENT_IDS[0] + '}]', encoding="utf-8")
    with pytest.raises(InvalidInput) as error:
        run_import(path, kind="penalty")
    assert "not valid JSON" in str(error.value)
    assert RESIDENT_IDS[0][:10] not in str(error.value)
    assert RESIDENT_IDS[0][:10] not in ImportBatch.objects.get().error
    assert RESIDENT_IDS[0] not in database_text()


def test_an_id_number_given_as_an_enumeration_value_is_not_quoted_in_the_reason(write_csv, run_import):
    from apps.ingestion.models import QuarantinedRow

    run_import(write_csv([PenaltyRowFactory(CF_XDR_LB=RESIDENT_IDS[1])]))
    assert RESIDENT_IDS[1] not in str(QuarantinedRow.objects.get().errors)
    assert RESIDENT_IDS[1] not in database_text()
