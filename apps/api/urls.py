from django.urls import include, path
from django.views.decorators.http import require_safe
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from apps.api import views
from apps.api.schema import schema_view

router = SimpleRouter(trailing_slash=True)
for viewset in views.ITEM_VIEWSETS:
    router.register(viewset.endpoint, viewset, basename=viewset.endpoint)
router.register("list-types", views.ListTypeViewSet, basename="list-type")
router.register("authorities", views.AuthorityViewSet, basename="authority")

urlpatterns = [
    path("schema/", schema_view(), name="schema"),
    path("docs/", require_safe(SpectacularSwaggerSplitView.as_view(url_name="schema")), name="docs"),
    path("v1/subjects/<str:id>/", views.SubjectView.as_view(), name="subject"),
    path("v1/search/", views.SearchView.as_view(), name="search"),
    path("v1/changes/", views.ChangeFeedView.as_view(), name="changes"),
    path("v1/usage/", views.UsageView.as_view(), name="usage"),
    path("v1/snapshots/", views.SnapshotListView.as_view(), name="snapshots"),
    path("v1/snapshots/<str:name>", views.SnapshotFileView.as_view(), name="snapshot-file"),
    path("v1/", include((router.urls, "v1"))),
]
