"""Public pages. Views stay thin: reads go through apps.records.selectors."""
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from apps.records.selectors import headline_counts, latest_published


def home(request):
    """Latest disclosures and headline counts."""
    return render(request, "web/home.html", {"items": latest_published(limit=50), "counts": headline_counts()})


def health(request):
    """Liveness and database check for operators and load balancers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})
