"""Computing the statistics the pages show, in one pass per table, for the snapshot."""
import math
from collections import Counter, defaultdict

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from apps.lists.models import ListEntry
from apps.publication.audience import Audience
from apps.publication.enums import PublicationState
from apps.publication.models import ChangeLogCounter
from apps.records.enums import PartyCategory
from apps.records.models import Licence, Penalty
from apps.stats.models import StatsSnapshot
from apps.stats.timeliness import BUCKETS, DEADLINE_WORKING_DAYS, bucket_of, working_days_between

TOP = 15
FINE_BINS = (0, 1_000, 10_000, 100_000, 1_000_000, 10_000_000)


def compute() -> dict:
    """Every statistic, as plain data: rows of (label, value)."""
    published = {"state": PublicationState.PUBLISHED}
    penalties = Penalty.objects.filter(**published)
    per_month = [(row["month"].strftime("%Y-%m"), row["n"]) for row in
                 penalties.annotate(month=TruncMonth("decision_date")).values("month").annotate(n=Count("pk"))
                 .order_by("month") if row["month"]]
    by_domain = _top(_violation_types(penalties).items())
    by_authority = _top(penalties.values_list("authority__name").annotate(n=Count("pk")))
    by_region = _top(penalties.values_list("authority__province").annotate(n=Count("pk")))
    fines = Counter()
    for (amount,) in penalties.filter(fine_amount__gt=0).values_list("fine_amount").iterator(chunk_size=20_000):
        fines[_fine_bin(float(amount) * 10_000)] += 1  # stored in 万元
    list_months = defaultdict(Counter)
    for code, month, n in (ListEntry.objects.filter(**published).annotate(month=TruncMonth("listed_on"))
                           .values_list("list_type__name", "month").annotate(n=Count("pk"))):
        if month:
            list_months[code][month.strftime("%Y-%m")] += n
    list_sizes = {name: _cumulative(sorted(months.items())) for name, months in list_months.items()}
    return {
        "penalties_per_month": per_month, "penalties_by_domain": by_domain,
        "penalties_by_authority": by_authority, "penalties_by_region": by_region,
        "fine_spread": [(label, fines.get(label, 0)) for label in _fine_labels()],
        "list_sizes_over_time": list_sizes,
        "timeliness": _timeliness(),
        "deadline_working_days": DEADLINE_WORKING_DAYS,
    }


def refresh() -> StatsSnapshot:
    """Compute and keep a new snapshot (older ones are dropped)."""
    sequence = ChangeLogCounter.objects.values_list("last_sequence", flat=True).first() or 0
    snapshot = StatsSnapshot.objects.create(sequence=sequence, data=compute())
    StatsSnapshot.objects.exclude(pk=snapshot.pk).delete()
    return snapshot


def latest() -> dict:
    """The newest snapshot's statistics, computing one when there is none yet."""
    snapshot = StatsSnapshot.objects.first() or refresh()
    return {**snapshot.data, "computed_at": snapshot.computed_at, "sequence": snapshot.sequence}


def _timeliness() -> dict:
    """Per authority id: counts per delay bucket and the median delay, over published penalties and licences."""
    delays = defaultdict(list)
    for model in (Penalty, Licence):
        rows = (model.objects.filter(state=PublicationState.PUBLISHED)
                .values_list("authority_id", "decision_date", "received_at").iterator(chunk_size=20_000))
        for authority_id, decided, received in rows:
            delays[authority_id].append(working_days_between(decided, received.date()))
    out = {}
    for authority_id, values in delays.items():
        values.sort()
        counts = Counter(bucket_of(v) for v in values)
        out[str(authority_id)] = {"buckets": [(label, counts.get(label, 0)) for _, _, label in BUCKETS],
                                  "median": values[len(values) // 2], "items": len(values),
                                  "on_time": counts.get(BUCKETS[0][2], 0)}
    return out


def _violation_types(penalties) -> Counter:
    """Penalties per violation type, the types in the least privileged audience's form: a provider may write a
    person's name into the type (于晨不按规定明码标价), and a label of the statistics is read by everyone."""
    persons = Q(party_category=PartyCategory.PERSON)
    counts = Counter(dict(penalties.exclude(persons).values_list("violation_type").annotate(n=Count("pk"))))
    audience = Audience.index()
    # Every person's penalty, not only those whose type holds the name as stored: it may be written another way.
    fields = ("violation_type", "party_name", "party_category", "legal_representative", "subject__name")
    for item in penalties.filter(persons).select_related("subject").only(*fields).iterator(chunk_size=2000):
        counts[audience.text(item, item.violation_type)] += 1
    return counts


def _top(rows) -> list:
    """The largest rows, the rest summed; labels (read by everyone) with ID numbers redacted, rows whose labels
    then agree merged."""
    counts = Counter()
    for label, n in rows:
        counts[Audience.index().label(label) if label else "—"] += n
    ordered = sorted(counts.items(), key=lambda row: -row[1])
    rest = sum(n for _, n in ordered[TOP:])
    return ordered[:TOP] + ([("…", rest)] if rest else [])


def _fine_labels() -> list[str]:
    return [_fine_label(i) for i in range(len(FINE_BINS))]


def _fine_label(index: int) -> str:
    low = FINE_BINS[index]
    if index + 1 == len(FINE_BINS):
        return f"≥ {low:,}"
    return f"{low:,}–{FINE_BINS[index + 1]:,}"


def _fine_bin(yuan: float) -> str:
    index = max(i for i, low in enumerate(FINE_BINS) if yuan >= low) if yuan >= 0 and not math.isnan(yuan) else 0
    return _fine_label(index)


def _cumulative(months: list) -> list:
    total, out = 0, []
    for month, n in months:
        total += n
        out.append((month, total))
    return out
