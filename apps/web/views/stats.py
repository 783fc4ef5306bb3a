"""Statistics and authority pages, read from the latest statistics snapshot (apps/stats)."""
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from apps.publication.enums import Dataset
from apps.records.models import Authority
from apps.stats.compute import latest
from apps.web.charts import bars
from apps.web.visitor import visitor_of


def stats_page(request):
    """Penalties per month, by domain, authority and region; the spread of fines; list sizes over time (of the
    datasets and lists the visitor's audience sees)."""
    stats = latest()
    audience = visitor_of(request).audience
    charts = [
        ("per-month", _("Penalties per month (decision date)"), stats["penalties_per_month"], _("Month")),
        ("domain", _("Penalties by domain"), stats["penalties_by_domain"], _("Domain")),
        ("authority", _("Penalties by authority"), stats["penalties_by_authority"], _("Authority")),
        ("region", _("Penalties by region"), stats["penalties_by_region"], _("Region")),
        ("fines", _("Spread of fines (yuan)"), stats["fine_spread"], _("Fine")),
    ] if audience.sees_dataset(Dataset.PENALTY) else []
    visible = {list_type.name for list_type in audience.list_types()}
    sizes = sorted((name, rows) for name, rows in stats["list_sizes_over_time"].items() if name in visible)
    charts += [(f"list-{index}", _("%(list)s: entries published, cumulative by month listed") % {"list": name},
                rows, _("Month")) for index, (name, rows) in enumerate(sizes)]
    return render(request, "web/stats.html", {
        "charts": [{"id": chart_id, "caption": caption, "bars": bars(rows), "label_heading": heading,
                    "value_heading": _("Items")} for chart_id, caption, rows, heading in charts],
        "computed_at": stats["computed_at"], "sequence": stats["sequence"]})


def authority_page(request, id: int):
    """What an authority published and how late, against the 7-working-day rule."""
    authority = get_object_or_404(Authority, pk=id)
    authority.name = visitor_of(request).audience.label(authority.name)  # shown, never saved
    stats = latest()
    timeliness = stats["timeliness"].get(str(authority.pk))
    return render(request, "web/authority.html", {
        "authority": authority, "timeliness": timeliness,
        "chart": bars(timeliness["buckets"]) if timeliness else [],
        "deadline": stats["deadline_working_days"], "computed_at": stats["computed_at"]})
