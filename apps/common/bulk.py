"""Bulk inserts of plain rows, for the importer's hot path.

Django's bulk_create prepares every value through the full field machinery, which costs more than SQLite's
own work at import volumes (a million calls for 20,000 rows of 45 columns). Here values are pulled out of each
row in one C-level step and only the typed columns (JSON, decimals, dates) go through a converter, chosen once
per field. Only for rows the caller has already validated; models with signals or custom save() must not use it.
"""
import json
import operator
from collections.abc import Callable

from django.db import connection, models

from apps.common.json import EncodedJSON, decoded


def _converter(field: models.Field) -> Callable | None:
    """A function turning a (non-None) Python value into its database value, or None where none is needed."""
    ops = connection.ops
    if isinstance(field, models.JSONField):
        if connection.vendor == "sqlite":
            # SQLite stores JSON as text: one shared encoder instead of one per value (Django passes cls=), and
            # text encoded beforehand is stored as it is.
            encode = (field.encoder or json.JSONEncoder)(ensure_ascii=False).encode
            return lambda value: value if value.__class__ is EncodedJSON else encode(value)
        return lambda value: field.get_db_prep_save(decoded(value), connection)
    if isinstance(field, models.DecimalField):
        # Values arrive quantized by the parser, so the field's own to_python step is skipped.
        digits, places = field.max_digits, field.decimal_places
        return lambda value: ops.adapt_decimalfield_value(value, digits, places)
    if isinstance(field, models.DateTimeField):
        return _last_value_cached(ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    return None


def _last_value_cached(convert: Callable) -> Callable:
    """`convert` remembering its last answer: a batch stamps every row with the same time."""
    last = [object(), None]

    def cached(value):
        if value is not last[0]:
            last[0], last[1] = value, convert(value)
        return last[1]
    return cached


def insert_rows(model: type[models.Model], rows: list[dict], batch_size: int = 1000) -> None:
    """Insert rows given as {attname: python value}; fields a row leaves out take their default."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in rows[0])]
    defaults = {f.attname: f.get_default() for f in fields}
    pick = operator.itemgetter(*(f.attname for f in fields))
    typed = [(i, convert) for i, f in enumerate(fields) if (convert := _converter(f)) is not None]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")

    def values(row: dict) -> list:
        out = list(pick(row if len(row) >= len(defaults) else {**defaults, **row}))
        for i, convert in typed:
            if out[i] is not None:
                out[i] = convert(out[i])
        return out

    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch_size):
            cursor.executemany(sql, [values(row) for row in rows[start:start + batch_size]])
