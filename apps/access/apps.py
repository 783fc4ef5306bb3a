from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "apps.access"
    verbose_name = "API access: tiers, agencies, keys, limits"

    def ready(self):
        from apps.access import key_cache  # noqa: F401  (connects the signals that bump the access generation)
