from django.apps import AppConfig


class SearchSyncConfig(AppConfig):
    name = "apps.searchsync"
    verbose_name = "Search index synchronisation"
