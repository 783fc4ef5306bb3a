"""CSV exports of item listings, for the API's `export/` endpoints and the list pages alike: the same columns as
the API shows the tier, UTF-8 with a BOM so Excel opens it, streamed a row at a time."""
import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse

from apps.api.snapshots import flatten


class ExportRefused(Exception):
    """The tier does not export (`rows` None), or the view has more rows than the tier exports."""

    def __init__(self, tier, rows: int | None = None):
        self.tier, self.rows, self.limit = tier, rows, tier.csv_export_limit
        super().__init__(f"the {tier.code} tier does not include CSV export" if rows is None else
                         f"this view has {rows} rows; the {tier.code} tier exports up to {self.limit}: "
                         "narrow the filters")


def check_tier_exports(tier) -> None:
    """Raise ExportRefused if the tier has no CSV export at all (before any filter is read)."""
    if tier.csv_export_limit == 0:
        raise ExportRefused(tier)


def check_export(queryset, tier) -> None:
    """Raise ExportRefused unless the tier may export this queryset (counted only when the tier has a limit)."""
    check_tier_exports(tier)
    limit = tier.csv_export_limit
    if limit is not None:
        rows = queryset.count()
        if rows > limit:
            raise ExportRefused(tier, rows)


def csv_response(queryset, serializer_class, tier, filename: str) -> StreamingHttpResponse:
    """Stream the queryset's items as CSV rows the tier may see (check_export first)."""
    context = {"tier": tier}
    rows = (flatten(json.loads(json.dumps(serializer_class(item, context=context).data, cls=DjangoJSONEncoder)))
            for item in queryset.iterator(chunk_size=2000))
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_lines(rows):
    """CSV text, a line at a time, with a BOM first so Excel reads UTF-8; the header comes from the first row."""
    buffer = io.StringIO()
    writer = None
    yield "\ufeff"
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
