"""How late an authority published: working days from the decision to the day the record reached the platform,
against the rule that decisions are published within 7 working days. Pure functions."""
import datetime as dt

DEADLINE_WORKING_DAYS = 7
BUCKETS = ((0, 7, "≤ 7"), (8, 15, "8–15"), (16, 30, "16–30"), (31, None, "> 30"))


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Monday-to-Friday days after `start` up to and including `end` (0 when end ≤ start). Public holidays and
    their make-up working days are not modelled."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    weekday = start.weekday()
    for offset in range(1, rest + 1):
        if (weekday + offset) % 7 < 5:
            count += 1
    return count


def bucket_of(working_days: int) -> str:
    """The label of the bucket a delay falls in."""
    for low, high, label in BUCKETS:
        if working_days >= low and (high is None or working_days <= high):
            return label
    raise ValueError(working_days)
