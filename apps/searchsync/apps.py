from django.apps import AppConfig


class SearchSyncConfig(AppConfig):
    name = "apps.searchsync"
    verbose_name = "Search index synchronisation"

    def ready(self):
        # The search layer imports no app: it is given the domain's vocabularies here, once.
        from apps.publication.datasets import DATASETS
        from apps.records.enums import PenaltyKind
        from search import vocabulary

        vocabulary.set_kinds(PenaltyKind.values)
        vocabulary.set_datasets({spec.name: spec.index_number for spec in DATASETS},
                                listed=[spec.name for spec in DATASETS if spec.by_list])
