"""The API page (what the API offers, tiers and limits, how to get a key, using a key on this site) and the
About page (sources, update times, publication rules, licence)."""
from django.contrib import messages
from django.db.models import Max
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.access.keys import KeyRefused, check_key
from apps.access.models import Tier
from apps.ingestion.models import ImportBatch
from apps.publication.models import PenaltyKindRule, PublicityPeriod
from apps.web.visitor import SESSION_KEY, visitor_of


def api_page(request):
    """The API, its tiers and their limits (read from the tiers staff edit), and the key form."""
    return render(request, "web/api.html", {"tiers": Tier.objects.order_by("per_minute"),
                                            "visitor": visitor_of(request)})


@require_POST
def use_key(request):
    """Use an API key's tier on this site (for CSV exports), or stop using it."""
    if request.POST.get("forget"):
        request.session.pop(SESSION_KEY, None)
        return redirect("web:api")
    try:
        key = check_key(request.POST.get("key", ""))
    except KeyRefused as exc:
        messages.error(request, _("That key cannot be used: %(reason)s.") % {"reason": exc})
    else:
        request.session.cycle_key()
        request.session[SESSION_KEY] = key.pk
        messages.success(request, _("This site now uses your key's tier: %(tier)s.") % {"tier": key.tier.name})
    return redirect(_same_site_path(request.POST.get("next", "")) or "web:api")


use_key.declares_methods = True  # POST only, by require_POST (apps/web/urls.py makes other pages GET-only)


def _same_site_path(target: str) -> str | None:
    """`target` if it is a path on this site (never another host, scheme or a protocol-relative //host), else
    None: the form's `next` must not send visitors elsewhere (an open redirect)."""
    if not (target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None)):
        return None
    return target if len(target) <= 2000 and "\x00" not in target else None


def about_page(request):
    """Sources and their update times, the publication rules in force, the licence of the data."""
    sources = (ImportBatch.objects.values("source_name").annotate(last=Max("finished_at"))
               .order_by("source_name"))
    return render(request, "web/about.html", {
        "sources": sources,
        "periods": PublicityPeriod.objects.select_related("publicity_class").order_by("publicity_class_id",
                                                                                        "-effective_from"),
        "kind_rules": PenaltyKindRule.objects.select_related("publicity_class").order_by("kind"),
    })
