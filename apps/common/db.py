"""Database housekeeping."""
from django.db import connection


def refresh_statistics() -> None:
    """Give SQLite's query planner statistics after bulk changes (imports, sweeps).

    Without them it assumes an equality on any index is selective, and `state = ?` (a handful of values) goes
    through the (state, latest_end) index over most of a table: seconds per request at a million rows. Sampled
    statistics (analysis_limit) mislead the same way on such a column, so the analysis is full: 0.3 s for a
    million penalties on the development machine. PostgreSQL keeps its own statistics (autovacuum).
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
