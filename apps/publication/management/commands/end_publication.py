"""manage.py end_publication ID --reason R — end one item's publication early."""
import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from apps.common.dates import today as local_today
from apps.common.errors import GongshiError
from apps.publication.enums import STAFF_END_REASONS
from apps.publication.services import end_publication

REASON_NAMES = {"repair": "repaired", "revocation": "revoked", "objection": "objection_upheld"}


class Command(BaseCommand):
    help = ("End an item's publication early: credit repair (after the minimum period), revocation of the "
            "decision, or an upheld objection. Writes an unpublish event to the change log.")

    def add_arguments(self, parser):
        parser.add_argument("public_id", help="Public identifier of the item (pen_…, lic_…, lst_…).")
        parser.add_argument("--reason", required=True,
                            choices=sorted([*STAFF_END_REASONS, *REASON_NAMES]),
                            help="repaired (or repair), revoked (or revocation), objection_upheld (or objection).")
        parser.add_argument("--note", default="", help="Case reference or other note kept with the item.")
        parser.add_argument("--today", type=dt.date.fromisoformat, help="Date the publication ends (default today).")

    def handle(self, *args, public_id, reason, note, today, **options):
        reason = REASON_NAMES.get(reason, reason)
        try:
            item = end_publication(public_id, reason, today or local_today(), note=note)
        except GongshiError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{item.public_id}: {item.get_state_display()} since {item.actual_end.isoformat()}")
