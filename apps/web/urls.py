from django.urls import path as _path
from django.views.decorators.http import require_safe

from apps.publication.datasets import DATASETS
from apps.web import feeds
from apps.web.limits import limited
from apps.web.views import home, items, lists, pages, search, stats, subjects

app_name = "web"
# Pages wrapped in limited() count against the visitor's page limits (apps/web/limits.py): the ones that cost a
# search, a profile, a report, a list walk or an export, and item pages (the records the API limits, one by one).
# The home page and fixed pages are cheap and cached.


def path(route, view, *args, **kwargs):
    """A page: read with GET or HEAD only (405 otherwise), except the few views that declare their methods."""
    if not getattr(view, "declares_methods", False):
        view = require_safe(view)
        view.safe_only = True  # portal.middleware.SafeMethodsMiddleware answers 405 before CSRF is checked
    return _path(route, view, *args, **kwargs)


urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", home.health, name="health"),
    path("search/", limited(search.search_page), name="search"),
    *(path(f"{dataset.segment}/<str:id>/", limited(items.item_page), {"dataset": dataset.name}, name=dataset.name)
      for dataset in DATASETS),
    path("subjects/<str:id>/", limited(subjects.subject_page), name="subject"),
    path("subjects/<str:id>/report.pdf", limited(subjects.subject_report), name="subject_report"),
    path("reports/<str:number>/", limited(subjects.verify_report), name="verify_report"),
    path("lists/", lists.lists_page, name="lists"),
    path("lists/<slug:code>/", limited(lists.list_page), name="list"),
    path("lists/<slug:code>/export.csv", limited(lists.list_export), name="list_export"),
    path("lists/<slug:code>/feed.atom", limited(feeds.ListFeed()), name="list_feed"),
    path("authorities/<int:id>/", limited(stats.authority_page), name="authority"),
    path("authorities/<int:id>/feed.atom", limited(feeds.AuthorityFeed()), name="authority_feed"),
    path("stats/", stats.stats_page, name="stats"),
    path("api/", pages.api_page, name="api"),
    path("account/key/", pages.use_key, name="use_key"),
    path("about/", pages.about_page, name="about"),
]
