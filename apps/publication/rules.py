"""Where an item stands in its publication lifecycle, computed from its dates and the rule tables.

Pure functions over a RuleBook (the rule tables as plain data), so the placement logic is tested without a
database and a rule change is a change of table rows, not of this code.
"""
import datetime as dt
from dataclasses import dataclass

from apps.common.dates import add_months
from apps.publication.enums import STATE_FOR_REASON, EndReason, PublicationState, PublicityClassCode


@dataclass(frozen=True)
class Period:
    effective_from: dt.date
    min_months: int
    max_months: int


@dataclass(frozen=True)
class ClassRule:
    code: str
    rank: int
    published: bool
    periods: tuple[Period, ...]  # ascending by effective_from

    def period_on(self, day: dt.date) -> Period | None:
        """The period in force on `day`; decisions older than every rule follow the oldest one."""
        chosen = None
        for period in self.periods:
            if period.effective_from <= day:
                chosen = period
        return chosen or (self.periods[0] if self.periods else None)


@dataclass(frozen=True)
class RuleBook:
    """The publication rule tables: classes with their periods, and the class each penalty kind implies."""

    classes: dict[str, ClassRule]
    kind_classes: dict[str, str]
    default_class: str = PublicityClassCode.GENERAL

    def class_for_kinds(self, kinds) -> str:
        """The class a set of penalty kinds implies: the most severe of the kinds' classes (警告 or 通报批评 alone
        is minor; one serious kind makes the whole decision serious)."""
        codes = [self.kind_classes.get(kind, self.default_class) for kind in kinds] or [self.default_class]
        return max(codes, key=lambda code: self.classes[code].rank)


@dataclass(frozen=True)
class Placement:
    """Lifecycle fields of an item: its state and publication window."""

    state: str
    window_start: dt.date | None
    earliest_end: dt.date | None
    latest_end: dt.date | None
    actual_end: dt.date | None = None
    end_reason: str = ""


def _ended(reason: str, start, earliest, latest, actual) -> Placement:
    return Placement(STATE_FOR_REASON[reason], start, earliest, latest, actual, reason)


def _open_or_expired(start, earliest, latest, today: dt.date) -> Placement:
    if latest is not None and latest <= today:
        return _ended(EndReason.EXPIRED, start, earliest, latest, latest)
    return Placement(PublicationState.PUBLISHED, start, earliest, latest)


def place_penalty(*, decision_date: dt.date, publicity_class: str, provider_end: dt.date | None, revoked: bool,
                  rules: RuleBook, today: dt.date) -> Placement:
    """A penalty's window runs from its decision date for its class's period; the provider's own end of publicity
    may shorten it but never lengthen it past the class maximum."""
    rule = rules.classes[publicity_class]
    period = rule.period_on(decision_date)
    start = decision_date
    earliest = add_months(start, period.min_months) if period else start
    latest = add_months(start, period.max_months) if period else start
    if provider_end is not None and provider_end < latest:
        latest = provider_end
    earliest = min(earliest, latest)
    if revoked:
        return _ended(EndReason.REVOKED, start, earliest, latest, min(today, latest))
    if not rule.published:
        return _ended(EndReason.MINOR, start, earliest, latest, start)
    return _open_or_expired(start, earliest, latest, today)


def place_licence(*, decision_date: dt.date, valid_from: dt.date | None, valid_to: dt.date | None, revoked: bool,
                  today: dt.date) -> Placement:
    """A licence stays public while in force: from its validity start (or decision) to its validity end;
    long-term licences have no end."""
    start = valid_from or decision_date
    if revoked:
        return _ended(EndReason.REVOKED, start, None, valid_to, today if valid_to is None else min(today, valid_to))
    return _open_or_expired(start, None, valid_to, today)


def place_list_entry(*, listed_on: dt.date, valid_until: dt.date | None, default_months: int | None,
                     removed: bool, removed_on: dt.date | None, removal_reason: str | None,
                     today: dt.date) -> Placement:
    """An entry is public from its listing to its end (its own, else the list's default duration), or until it
    is removed: 期满 counts as expiry, 信用修复 as repair, 撤销 as revocation."""
    latest = valid_until or (add_months(listed_on, default_months) if default_months else None)
    if removed:
        reason = {"信用修复": EndReason.REPAIRED, "撤销": EndReason.REVOKED}.get(removal_reason or "",
                                                                             EndReason.EXPIRED)
        actual = removed_on or (min(today, latest) if latest else today)
        return _ended(reason, listed_on, None, latest, actual)
    return _open_or_expired(listed_on, None, latest, today)
