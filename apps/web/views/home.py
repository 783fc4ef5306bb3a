"""The home page and the health check."""
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from apps.lists.selectors import list_types_with_sizes
from apps.records.selectors import headline_counts, latest_published
from apps.web.visitor import visitor_of
from search import engine_health


def home(request):
    """One search box, the latest disclosures, the lists with their sizes, headline counts."""
    audience = visitor_of(request).audience
    return render(request, "web/home.html", {"items": latest_published(audience, limit=20),
                                             "counts": headline_counts(), "lists": list_types_with_sizes(audience)})


def health(request):
    """Database and search engine check for operators and load balancers: 503 when either does not answer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    search = engine_health()
    ok = search["ok"]
    response = JsonResponse({"status": "ok" if ok else "degraded", "database": connection.vendor, "search": search},
                            status=200 if ok else 503)
    if not ok:
        response["Retry-After"] = "30"
    return response
