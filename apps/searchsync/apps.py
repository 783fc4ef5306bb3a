from django.apps import AppConfig


class SearchSyncConfig(AppConfig):
    name = "apps.searchsync"
    verbose_name = "Search index synchronisation"

    def ready(self):
        # The search layer imports no app: it is given the domain's vocabularies here, once.
        from apps.records.enums import PenaltyKind
        from search import vocabulary

        vocabulary.set_kinds(PenaltyKind.values)
