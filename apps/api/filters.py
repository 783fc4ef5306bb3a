"""Filters of every list endpoint (django-filter). Parameter names are the API's; unknown ones are refused."""
import django_filters as filters
from django import forms

from apps.lists.models import ListEntry
from apps.records.enums import DecisionStatus, LicenceCategory, PartyCategory
from apps.records.models import Authority, Licence, Penalty

MAX_ID = 2**63 - 1


class IdFilter(filters.NumberFilter):
    """A primary key: a whole number the database can hold (a larger one is a 400, not an overflow)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class ItemFilter(filters.FilterSet):
    authority = IdFilter(field_name="authority_id", help_text="Authority id.")
    region = filters.CharFilter(field_name="authority__province", help_text="Province of the deciding authority.")
    subject = filters.CharFilter(field_name="subject__public_id", help_text="Subject id.")
    party_category = filters.ChoiceFilter(choices=PartyCategory.choices, help_text="行政相对人类别.")
    party_uscc = filters.CharFilter(help_text="Party's USCC.")


class PenaltyFilter(ItemFilter):
    decision_date = filters.DateFromToRangeFilter(help_text="decision_date_after / decision_date_before.")
    fine = filters.RangeFilter(field_name="fine_amount", help_text="fine_min / fine_max, in 万元.")
    publicity_class = filters.CharFilter(field_name="publicity_class_id", help_text="general or serious.")
    status = filters.ChoiceFilter(choices=DecisionStatus.choices)
    decision_number = filters.CharFilter(help_text="Exact decision number.")

    class Meta:
        model = Penalty
        fields = []


class LicenceFilter(ItemFilter):
    decision_date = filters.DateFromToRangeFilter()
    category = filters.ChoiceFilter(choices=LicenceCategory.choices)
    decision_number = filters.CharFilter()

    class Meta:
        model = Licence
        fields = []


class ListEntryFilter(ItemFilter):
    list = filters.CharFilter(field_name="list_type_id", help_text="List code.")
    listed_on = filters.DateFromToRangeFilter(help_text="listed_on_after / listed_on_before.")
    case_number = filters.CharFilter()

    class Meta:
        model = ListEntry
        fields = []


class AuthorityFilter(filters.FilterSet):
    province = filters.CharFilter()
    name = filters.CharFilter(lookup_expr="icontains")
    uscc = filters.CharFilter()

    class Meta:
        model = Authority
        fields = []
