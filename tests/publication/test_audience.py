"""The doorway's rules as one table: for each seeded tier and each kind of field, the form shown; and how the
forms are applied to an item (unsaved rows: no database reads)."""
import pytest

from apps.lists.models import ListEntry, ListType
from apps.publication.audience import Audience, FieldKind, Form
from apps.records.models import Penalty, Subject
from tests.factories import RESIDENT_IDS

M, F, N, R = Form.MASKED, Form.FULL, Form.NONE, Form.REDACTED
# kind of field:                  anonymous, registered, agency
TABLE = {
    FieldKind.PERSON_NAME:        (M, M, F),
    FieldKind.LISTED_PERSON_NAME: (F, F, F),
    FieldKind.COURT_ID:           (N, N, F),
    FieldKind.ID_IN_TEXT:         (R, R, R),
    FieldKind.PROVENANCE:         (N, N, F),
}
TIERS = ("anonymous", "registered", "agency")


@pytest.fixture
def audiences(db):
    from apps.access.models import Tier

    return {tier.code: Audience.of(tier) for tier in Tier.objects.filter(code__in=TIERS)}


@pytest.mark.parametrize("kind", TABLE)
def test_each_tier_sees_each_kind_of_field_in_its_form(audiences, kind):
    assert tuple(audiences[tier].form(kind) for tier in TIERS) == TABLE[kind]


def test_the_index_holds_the_least_privileged_forms():
    index = Audience.index()
    assert [index.form(kind) for kind in TABLE] == [M, F, N, R, N]


def _person_penalty(**fields) -> Penalty:
    subject = Subject(name="张三丰", category="自然人")
    values = dict(party_name="张三丰", party_category="自然人", legal_representative="", decision_number="甲1号",
                  violation_type="张三丰未按规定明码标价", case_name="张三丰不按规定明码标价案")
    values.update(fields)
    return Penalty(subject=subject, **values)


def _court_entry() -> ListEntry:
    court = ListType(code="court-dishonest-debtors", name="失信被执行人", publishes_person_names=True)
    return ListEntry(list_type=court, subject=Subject(name="于晨", category="自然人"), party_name="于晨",
                     party_category="自然人", party_id_masked="3201001976****8284", legal_representative="",
                     reason="于晨有履行能力而拒不履行")


def test_a_masked_persons_name_is_masked_where_it_recurs_and_id_numbers_go():
    text = Audience.index().text(_person_penalty(), f"当事人张三丰（{RESIDENT_IDS[2]}）")
    assert text == "当事人张*丰（[证件号码已隐去]）"


def test_the_subjects_name_is_masked_in_text_as_well_as_the_decisions_spelling():
    penalty = _person_penalty(party_name="张三丰（个人）")
    assert "张三丰" not in Audience.index().text(penalty, "当事人张三丰销售过期食品")


def test_the_title_is_built_in_the_audiences_form(audiences):
    penalty = _person_penalty()
    assert audiences["anonymous"].title("penalty", penalty) == "甲1号 张*丰未按规定明码标价"
    assert audiences["agency"].title("penalty", penalty) == "甲1号 张三丰未按规定明码标价"


def test_a_lists_own_rule_shows_the_name_on_the_entry_but_not_on_a_profile(audiences):
    entry = _court_entry()
    assert audiences["anonymous"].party_name(entry) == "于晨"
    assert audiences["anonymous"].party_name(entry, joined=True) == "于*"
    assert audiences["agency"].party_name(entry, joined=True) == "于晨"


def test_a_courts_partial_id_reaches_only_tiers_that_show_persons(audiences):
    entry = _court_entry()
    assert audiences["anonymous"].court_id(entry) == "" and audiences["registered"].court_id(entry) == ""
    assert audiences["agency"].court_id(entry) == "3201001976****8284"


def test_present_drops_provenance_and_masks_every_free_text_field(audiences):
    data = {"party_name": "张三丰", "case_name": "张三丰不按规定明码标价案", "facts": "张三丰", "remarks": "",
            "source_name": "feed", "quality_flags": []}
    shown = audiences["registered"].present("penalty", _person_penalty(), data)
    assert shown == {"party_name": "张*丰", "case_name": "张*丰不按规定明码标价案", "facts": "张*丰", "remarks": ""}


def test_a_list_limit_restricts_list_entries_only():
    limited = Audience(tier="t", datasets=("penalty", "licence", "list_entry"), lists=frozenset({"a"}),
                       shows_persons=False, extended_fields=False)
    assert limited.sees_list("a") and not limited.sees_list("b")
    assert limited.sees_dataset("penalty")
    assert limited.search_scope() == {"visible_datasets": ("penalty", "licence", "list_entry"), "visible_lists": ("a",)}


def test_a_title_is_cut_after_the_name_is_masked():
    entry = _court_entry()
    entry.list_type.publishes_person_names = False
    entry.reason = "甲" * 58 + "于晨偷税"
    title = Audience.index().title("list_entry", entry)
    assert "于晨" not in title and title.endswith("于*")
