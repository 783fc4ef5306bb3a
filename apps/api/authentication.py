"""API keys: `Authorization: Api-Key <key>`, `Authorization: Bearer <key>` or `X-API-Key: <key>`. No key is the
anonymous tier; a bad or malformed key is 401, never a silent fall back to anonymous."""
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from apps.access.clients import client_address
from apps.access.key_cache import anonymous_tier, cached_key
from apps.access.keys import KeyRefused, check_key
from apps.access.ratelimit import count


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Api-Key"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION")
        if header is not None:
            # A header that tries to send credentials but is malformed is refused, never read as no key: the
            # caller would otherwise get the anonymous tier's data and limits without knowing why.
            scheme, _space, secret = header.strip().partition(" ")
            if scheme not in (self.keyword, "Bearer"):  # Bearer: what generated clients send by default
                self._refused(request)
                raise exceptions.AuthenticationFailed(
                    _("the Authorization header must be 'Api-Key <key>' or 'Bearer <key>' (or send the key as "
                      "X-API-Key)"))
        elif "HTTP_X_API_KEY" in request.META:
            secret = request.META["HTTP_X_API_KEY"]
        else:
            return None
        secret = secret.strip()
        if not secret:
            self._refused(request)
            raise exceptions.AuthenticationFailed(_("the API key is empty; send a key, or no key header at all"))
        try:
            return AnonymousUser(), cached_key(secret, check_key)
        except KeyRefused as exc:
            self._refused(request)
            raise exceptions.AuthenticationFailed(str(exc)) from None

    @staticmethod
    def _refused(request) -> None:
        """Count a refused key against its address with the anonymous tier's limits: guessing keys costs a caller
        what asking without one does, and over the limit it is 429 like any other request."""
        tier = anonymous_tier()
        windows = count(f"refused-key:ip:{client_address(request)}", tier.per_minute, tier.per_day)
        exceeded = [w for w in (windows.minute, windows.day) if w.exceeded]
        if exceeded:
            raise exceptions.Throttled(wait=max(w.resets_in for w in exceeded))

    def authenticate_header(self, request):
        return self.keyword


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes the key: an API key in the X-API-Key header (or Authorization)."""

    target_class = "apps.api.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "X-API-Key",
                "description": "Or `Authorization: Api-Key <key>`. Without a key: the anonymous tier."}
