"""manage.py issue_key --tier TIER [--agency USCC] [--expires DATE] — print a new API key once."""
import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from apps.access.keys import issue_key
from apps.common.errors import GongshiError


class Command(BaseCommand):
    help = "Issue an API key. The key is printed once and only its hash is stored."

    def add_arguments(self, parser):
        parser.add_argument("--tier", required=True, help="Tier code: registered, agency, …")
        parser.add_argument("--agency", help="USCC of the agency holding the key.")
        parser.add_argument("--holder", default="", help="Name of a registered individual holding the key.")
        parser.add_argument("--email", default="", help="Holder's e-mail.")
        parser.add_argument("--expires", type=dt.date.fromisoformat, help="Last day the key works (YYYY-MM-DD).")

    def handle(self, *args, tier, agency, holder, email, expires, **options):
        expires_at = None
        if expires:
            expires_at = timezone.make_aware(dt.datetime.combine(expires + dt.timedelta(days=1), dt.time()))
        try:
            key, secret = issue_key(tier, agency, expires_at, holder_name=holder, holder_email=email)
        except GongshiError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(secret)
        self.stderr.write(f"issued key {key.prefix} (tier {key.tier_id}); store it now: it is not kept")
