"""manage.py revoke_key PREFIX — revoke an API key."""
from django.core.management.base import BaseCommand, CommandError

from apps.access.keys import revoke_key
from apps.common.errors import GongshiError


class Command(BaseCommand):
    help = "Revoke the API key with this prefix; requests with it get 401 from now on."

    def add_arguments(self, parser):
        parser.add_argument("prefix", help="The key's public prefix (the part after gs_).")

    def handle(self, *args, prefix, **options):
        try:
            key = revoke_key(prefix)
        except GongshiError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"revoked {key.prefix} at {key.revoked_at:%Y-%m-%d %H:%M:%S}")
