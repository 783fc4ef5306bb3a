"""CSV exports of item listings, for the API's `export/` endpoints and the list pages alike: the same columns as
the API shows the tier, UTF-8 with a BOM so Excel opens it, streamed a row at a time."""
import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _

from apps.common.errors import GongshiError


def flatten(item: dict) -> dict:
    """A serialized item as one CSV row: nested objects as prefixed columns, lists joined, dicts as JSON."""
    row = {}
    for key, value in item.items():
        if isinstance(value, dict) and key in ("authority", "publication"):
            row.update({f"{key}_{k}": v for k, v in value.items()})
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            row[key] = ";".join(value)
        elif isinstance(value, (dict, list)):
            row[key] = json.dumps(value, ensure_ascii=False)
        else:
            row[key] = value
    return row


class ExportRefused(GongshiError):
    """The tier does not export (`rows` None: 403), or the view has more rows than the tier exports (400)."""

    code = "export_refused"
    title = "Export refused"

    @property
    def status(self) -> int:
        return 403 if self.rows is None else 400

    @property
    def field(self) -> str | None:
        return None if self.rows is None else "filters"

    def __init__(self, tier, rows: int | None = None):
        self.tier, self.rows, self.limit = tier, rows, tier.csv_export_limit
        super().__init__(_("the %(tier)s tier does not include CSV export") % {"tier": tier.code} if rows is None
                         else _("this view has %(rows)s rows; the %(tier)s tier exports up to %(most)s: narrow the "
                                "filters") % {"rows": rows, "tier": tier.code, "most": self.limit})


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


# Rows serialized together: a serializer with many=True sets its fields up once instead of once per row, and a
# batch becomes one block of CSV text, written to the socket at once.
BATCH_ROWS = 500


def csv_response(queryset, serializer_class, audience, filename: str) -> StreamingHttpResponse:
    """Stream the queryset's items as CSV rows in the audience's forms (check_export first; the queryset comes
    from the audience's scope)."""
    response = StreamingHttpResponse(csv_lines(_flat_rows(queryset, serializer_class, {"audience": audience})),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _flat_rows(queryset, serializer_class, context):
    """The queryset's items serialized a batch at a time, as flat rows of JSON values (dates and decimals as the
    API writes them)."""
    batch = []
    for item in queryset.iterator(chunk_size=2000):
        batch.append(item)
        if len(batch) == BATCH_ROWS:
            yield from _flatten_batch(batch, serializer_class, context)
            batch = []
    yield from _flatten_batch(batch, serializer_class, context)


def _flatten_batch(items, serializer_class, context):
    if items:
        data = serializer_class(items, many=True, context=context).data
        yield from (flatten(row) for row in json.loads(json.dumps(data, cls=DjangoJSONEncoder)))


def csv_lines(rows, rows_per_block: int = BATCH_ROWS):
    """CSV text in blocks of rows, with a BOM first so Excel reads UTF-8; the header comes from the first row."""
    buffer = io.StringIO()
    writer = None
    yield "\ufeff"
    for number, row in enumerate(rows, start=1):
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(row)
        if number % rows_per_block == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()
