from django.urls import path as _path
from django.views.decorators.http import require_safe

from apps.publication.datasets import DATASETS
from apps.web import feeds
from apps.web.views import home, items, lists, pages, search, stats, subjects

app_name = "web"


def path(route, view, *args, **kwargs):
    """A page: read with GET or HEAD only (405 otherwise), except the few views that declare their methods."""
    return _path(route, view if getattr(view, "declares_methods", False) else require_safe(view), *args, **kwargs)


urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", home.health, name="health"),
    path("search/", search.search_page, name="search"),
    *(path(f"{dataset.segment}/<str:id>/", items.item_page, {"dataset": dataset.name}, name=dataset.name)
      for dataset in DATASETS),
    path("subjects/<str:id>/", subjects.subject_page, name="subject"),
    path("subjects/<str:id>/report.pdf", subjects.subject_report, name="subject_report"),
    path("reports/<str:number>/", subjects.verify_report, name="verify_report"),
    path("lists/", lists.lists_page, name="lists"),
    path("lists/<slug:code>/", lists.list_page, name="list"),
    path("lists/<slug:code>/export.csv", lists.list_export, name="list_export"),
    path("lists/<slug:code>/feed.atom", feeds.ListFeed(), name="list_feed"),
    path("authorities/<int:id>/", stats.authority_page, name="authority"),
    path("authorities/<int:id>/feed.atom", feeds.AuthorityFeed(), name="authority_feed"),
    path("stats/", stats.stats_page, name="stats"),
    path("api/", pages.api_page, name="api"),
    path("account/key/", pages.use_key, name="use_key"),
    path("about/", pages.about_page, name="about"),
]
