"""Database housekeeping."""
from django.db import connection


def refresh_statistics(models=()) -> None:
    """Give the query planner statistics after bulk changes (imports, sweeps).

    SQLite: without them it assumes an equality on any index is selective, and `state = ?` (a handful of values)
    goes through the (state, latest_end) index over most of a table: seconds per request at a million rows.
    Sampled statistics (analysis_limit) mislead the same way on such a column, so the analysis is full (0.3 s for
    a million penalties on the development machine), of every table.

    PostgreSQL: autovacuum analyses in time where it runs, but a server without it (or one that has not come round
    yet) planned the API's list about 20 times slower after a bulk import. `ANALYZE` of the tables `models` name
    (all of them when none are named) samples a bounded number of rows per table: seconds at any size.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            tables = sorted({connection.ops.quote_name(model._meta.db_table) for model in models})
            cursor.execute(f"ANALYZE {', '.join(tables)}" if tables else "ANALYZE")
