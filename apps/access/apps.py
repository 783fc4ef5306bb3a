from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "apps.access"
    verbose_name = "API access: tiers, agencies, keys, limits"
