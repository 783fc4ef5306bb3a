"""CSV exports of item listings, for the API's `export/` endpoints and the list pages alike: the same columns as
the API shows the tier, UTF-8 with a BOM so Excel opens it, streamed a row at a time."""
import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse

from apps.api.snapshots import flatten


def csv_response(queryset, serializer_class, tier, filename: str) -> StreamingHttpResponse:
    """Stream the queryset's items as CSV rows the tier may see (the caller has checked the tier's limit)."""
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
