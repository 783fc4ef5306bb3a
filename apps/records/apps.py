from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "apps.records"
    verbose_name = "Subjects, authorities, penalties and licences"
