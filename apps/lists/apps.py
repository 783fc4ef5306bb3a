from django.apps import AppConfig


class ListsConfig(AppConfig):
    name = "apps.lists"
    verbose_name = "Red, black and watch lists"
