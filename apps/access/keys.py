"""Issuing, checking and revoking API keys."""
import datetime as dt
import hashlib
import hmac
import secrets

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access.models import Agency, ApiKey, Tier
from apps.common.errors import GongshiError, InvalidInput, NotFound

KEY_PREFIX = "gs"


class KeyRefused(GongshiError):
    """A key that does not exist, was revoked, has expired, or belongs to a suspended agency."""

    status = 401
    code = "key_refused"
    title = "Key refused"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_key(tier_code: str, agency_uscc: str | None = None, expires_at: dt.datetime | None = None,
              holder_name: str = "", holder_email: str = "") -> tuple[ApiKey, str]:
    """Create a key; return it and the secret, which is shown once and never stored."""
    tier = Tier.objects.filter(code=tier_code).first()
    if tier is None:
        raise InvalidInput(f"unknown tier {tier_code!r}", field="tier")
    agency = None
    if agency_uscc:
        agency = Agency.objects.filter(uscc=agency_uscc).first()
        if agency is None:
            raise NotFound(f"no agency with USCC {agency_uscc}")
    prefix = secrets.token_hex(4)
    secret = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(24)}"
    key = ApiKey.objects.create(prefix=prefix, key_hash=_hash(secret), tier=tier, agency=agency,
                                holder_name=holder_name, holder_email=holder_email, expires_at=expires_at)
    return key, secret


def check_key(secret: str) -> ApiKey:
    """The key this secret belongs to, if usable; raise KeyRefused otherwise (one message for every reason a
    stranger could probe)."""
    parts = secret.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        raise KeyRefused(_("malformed API key"))
    key = ApiKey.objects.select_related("tier", "agency").filter(prefix=parts[1]).first()
    if key is None or not hmac.compare_digest(key.key_hash, _hash(secret.strip())):
        raise KeyRefused(_("unknown API key"))
    _refuse_unusable(key)
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > dt.timedelta(minutes=1):
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)  # at most once a minute: no write per request
    return key


def recheck_key(key: ApiKey) -> ApiKey:
    """The same key read again from the database, if still usable (after keys, tiers or agencies changed)."""
    fresh = ApiKey.objects.select_related("tier", "agency").filter(pk=key.pk).first()
    if fresh is None:
        raise KeyRefused(_("unknown API key"))
    _refuse_unusable(fresh)
    return fresh


def _refuse_unusable(key: ApiKey) -> None:
    if key.revoked_at is not None:
        raise KeyRefused(_("API key revoked"))
    if key.expires_at is not None and key.expires_at <= timezone.now():
        raise KeyRefused(_("API key expired"))
    if key.agency is not None and key.agency.status != Agency.Status.ACTIVE:
        raise KeyRefused(_("agency suspended"))


def revoke_key(prefix: str) -> ApiKey:
    """Revoke the key with this prefix (idempotent)."""
    key = ApiKey.objects.filter(prefix=prefix).first()
    if key is None:
        raise NotFound(f"no API key with prefix {prefix}")
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    return key
