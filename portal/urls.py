"""URL configuration of the portal: pages first (the API's about page is /api/ itself), then the API."""
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("apps.web.urls")),
    path("api/", include("apps.api.urls")),
]

handler400 = "portal.error_pages.bad_request"
handler403 = "portal.error_pages.permission_denied"
handler404 = "portal.error_pages.not_found"
handler500 = "portal.error_pages.server_error"
