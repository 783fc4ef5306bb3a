"""The read-only API, /api/v1/. Views stay thin: tiers and limits in the base class, reads through querysets and
selectors, shapes in serializers."""

from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.access.clients import client_address
from apps.access.keys import KeyRefused
from apps.access.models import BulkDownload
from apps.access.ratelimit import counters
from apps.api.caller import caller_of, count_request
from apps.api.errors import Gone, problem
from apps.api.filters import AuthorityFilter, LicenceFilter, ListEntryFilter, PenaltyFilter
from apps.api.negotiation import JsonOnly
from apps.api.pagination import TierCursorPagination, digits, next_url, page_size
from apps.api.rate_headers import rate_limit_headers
from apps.api.responses import (
    FEED_EXAMPLE,
    SEARCH_EXAMPLE,
    USAGE_EXAMPLE,
    ChangeFeedResponseSerializer,
    SearchResponseSerializer,
    SnapshotListResponseSerializer,
    SubjectProfileSerializer,
    UsageResponseSerializer,
)
from apps.common.dates import today
from apps.common.files import UnsatisfiableRange, byte_range
from apps.lists.models import ListType
from apps.publication.audience import search as audience_search
from apps.publication.datasets import DATASETS, items_with_relations, serializer, spec
from apps.publication.enums import ChangeAction, Dataset, PublicationState
from apps.publication.exports import check_export, check_tier_exports, csv_response
from apps.publication.models import ChangeEvent, ChangeLogCounter
from apps.publication.profiles import profile_of
from apps.publication.shapes import (
    AuthoritySerializer,
    LicenceSerializer,
    ListEntrySerializer,
    ListTypeSerializer,
    PenaltySerializer,
    SubjectSerializer,
)
from apps.publication.snapshots import latest_manifests, snapshot_file
from apps.records.models import Authority
from search.params import PARAMETER_HELP, PARAMETERS, REPEATABLE, query_from_params


class TierMixin:
    """Counts the request against the caller's tier, refuses over-limit callers (429 with Retry-After) and
    unknown query parameters (400 naming them), and adds RateLimit headers to every answer."""

    http_method_names = ["get", "head", "options"]
    content_negotiation_class = JsonOnly
    endpoint = "api"
    extra_parameters: tuple[str, ...] = ()
    dataset: str | None = None

    def initial(self, request, *args, **kwargs):
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            # Before parameters are judged: a POST with a query string is a wrong method, not a wrong parameter.
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)  # authentication first: a bad key is 401 before anything
        request.caller = self.caller = caller_of(request)
        try:
            count_request(self.caller, self.endpoint)
        except KeyRefused as exc:  # the key changed since this process checked it
            raise exceptions.AuthenticationFailed(str(exc)) from None
        exceeded = [w for w in (self.caller.minute, self.caller.day) if w.exceeded]
        if exceeded:
            raise exceptions.Throttled(wait=max(w.resets_in for w in exceeded))
        if self.dataset and not self.caller.audience.sees_dataset(self.dataset):
            raise exceptions.PermissionDenied(_("the %(tier)s tier does not include %(what)s")
                                              % {"tier": self.caller.tier.code, "what": self.dataset})
        unknown = sorted(set(request.query_params) - self.allowed_parameters())
        if unknown:
            raise exceptions.ValidationError({name: [_("unknown query parameter")] for name in unknown})

    def allowed_parameters(self) -> set[str]:
        allowed = set(self.extra_parameters)
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None and getattr(self, "action", None) in ("list", "export"):
            form = filterset_class(queryset=self.get_queryset().none()).form
            for name, field in form.fields.items():
                # Range filters take one parameter per bound: fine_min, decision_date_after, …
                widget = field.widget
                suffixes = getattr(widget, "suffixes", None)
                allowed |= {widget.suffixed(name, suffix) for suffix in suffixes} if suffixes else {name}
        if getattr(self, "pagination_class", None) is not None and getattr(self, "action", None) == "list":
            allowed |= {"cursor", "page_size"}
        return allowed

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        caller = getattr(request, "caller", None)
        if caller is not None and caller.minute is not None:
            for name, value in rate_limit_headers(caller.minute, caller.day).items():
                response[name] = value
        return response

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["audience"] = self.caller.audience
        return context


class ItemViewSet(TierMixin, viewsets.ReadOnlyModelViewSet):
    """Published items of one dataset; an item whose publication ended answers 410 with the reason and date."""

    pagination_class = TierCursorPagination
    lookup_field = "public_id"
    lookup_url_kwarg = "id"

    def get_queryset(self):
        caller = getattr(self, "caller", None)
        if caller is None:  # the OpenAPI schema is being generated
            return items_with_relations(self.dataset)
        if self.action in ("list", "export"):
            queryset = caller.audience.published(self.dataset)
            if self.request.query_params.get("subject"):
                # Items asked for by subject are a profile by another road: joined as a profile is.
                queryset = caller.audience.joined(self.dataset, queryset)
            return queryset
        return caller.audience.scope(self.dataset)

    @extend_schema(filters=True, responses={(200, "text/csv"): OpenApiTypes.STR})
    @action(detail=False, url_path="export", url_name="export")
    def export(self, request):
        """The filtered list as CSV (UTF-8 with BOM), up to the tier's export limit, streamed."""
        check_tier_exports(self.caller.tier)  # ExportRefused answers with its own status (403 or 400)
        queryset = self.filter_queryset(self.get_queryset()).order_by("-pk")
        check_export(queryset, self.caller.tier)
        return csv_response(queryset, self.serializer_class, self.caller.audience, f"{self.endpoint}.csv")

    def get_object(self):
        item = get_object_or_404(self.get_queryset(), public_id=self.kwargs["id"])
        if item.state != PublicationState.PUBLISHED:
            if item.first_published_at is None:
                raise exceptions.NotFound(_("no such item"))  # never public: its existence is not told
            raise Gone(item.end_reason, item.actual_end)
        return item


@extend_schema(tags=[spec(Dataset.PENALTY).segment])
class PenaltyViewSet(ItemViewSet):
    """行政处罚: administrative penalty decisions currently published."""

    serializer_class = PenaltySerializer
    filterset_class = PenaltyFilter
    dataset = Dataset.PENALTY
    endpoint = spec(dataset).segment


@extend_schema(tags=[spec(Dataset.LICENCE).segment])
class LicenceViewSet(ItemViewSet):
    """行政许可: administrative licensing decisions currently published."""

    serializer_class = LicenceSerializer
    filterset_class = LicenceFilter
    dataset = Dataset.LICENCE
    endpoint = spec(dataset).segment


@extend_schema(tags=["lists"])
class ListEntryViewSet(ItemViewSet):
    """Entries of the red, black and watch lists currently published."""

    serializer_class = ListEntrySerializer
    filterset_class = ListEntryFilter
    dataset = Dataset.LIST_ENTRY
    endpoint = spec(dataset).segment


# The item endpoints, one per dataset of the registry (a test holds them to it).
ITEM_VIEWSETS = (PenaltyViewSet, LicenceViewSet, ListEntryViewSet)


@extend_schema(tags=["lists"])
class ListTypeViewSet(TierMixin, viewsets.ReadOnlyModelViewSet):
    """The list catalogue."""

    serializer_class = ListTypeSerializer
    queryset = ListType.objects.none()  # for the schema; requests use get_queryset
    endpoint = "list-types"
    lookup_field = "code"
    pagination_class = None

    def get_queryset(self):
        caller = getattr(self, "caller", None)
        return caller.audience.list_types() if caller else ListType.objects.all()


@extend_schema(tags=["authorities"])
class AuthorityViewSet(TierMixin, viewsets.ReadOnlyModelViewSet):
    """Deciding authorities."""

    serializer_class = AuthoritySerializer
    filterset_class = AuthorityFilter
    pagination_class = TierCursorPagination
    queryset = Authority.objects.all()
    endpoint = "authorities"


@extend_schema(tags=["subjects"], responses=SubjectProfileSerializer)
class SubjectView(TierMixin, APIView):
    """A subject's profile: every published item about it that the tier may see."""

    endpoint = "subjects"
    serializer_class = SubjectSerializer

    def get(self, request, id: str):
        profile = profile_of(id, self.caller.audience)
        if profile is None:
            # No such subject, or nothing about it is published (any more): its existence is not told either.
            raise exceptions.NotFound(_("no published items about this subject"))
        answer = dict(profile.subject)
        for dataset in DATASETS:
            if self.caller.audience.sees_dataset(dataset.name):
                answer[dataset.collection] = profile.items[dataset.name]
        return Response(answer)




@extend_schema(tags=["search"], responses=SearchResponseSerializer, examples=[SEARCH_EXAMPLE],
               parameters=[OpenApiParameter(name, str, description=PARAMETER_HELP[name], many=name in REPEATABLE,
                                            explode=True if name in REPEATABLE else None)
                           for name in PARAMETERS])
class SearchView(TierMixin, APIView):
    """Full-text search across every dataset the tier may see (Chinese, codes by prefix, facets, cursor)."""

    endpoint = "search"
    extra_parameters = PARAMETERS

    def get(self, request):
        params = request.query_params
        tier, audience = self.caller.tier, self.caller.audience
        hidden = [d for d in params.getlist("dataset") if not audience.sees_dataset(d) and d in Dataset.values]
        hidden += [code for code in params.getlist("list") if not audience.sees_list(code)]
        if hidden:
            raise exceptions.PermissionDenied(_("the %(tier)s tier does not include %(what)s")
                                              % {"tier": tier.code, "what": hidden[0]})
        query = query_from_params(params, **audience.search_scope(), limit=page_size(params.get("page_size"), tier))
        result = audience_search(audience, query)
        return Response({
            "engine": result.engine, "total": result.total, "total_exact": result.total_exact,
            "took_ms": round(result.took_ms, 2), "next": next_url(request, "cursor", result.next_cursor),
            "next_cursor": result.next_cursor,
            "facets": {name: [{"value": v, "count": c} for v, c in counts] for name, counts in result.facets.items()},
            "hits": [{"id": h.id, "dataset": h.dataset, "title": h.title, "subject_name": h.subject_name,
                      "score": round(h.score, 4), "date": h.date, "fine": h.fine, "highlights": h.highlights}
                     for h in result.hits],
        })


FEED_LIMIT = 1000


@extend_schema(tags=["sync"], responses=ChangeFeedResponseSerializer, examples=[FEED_EXAMPLE],
               parameters=[OpenApiParameter("after", int, description="Last sequence you hold (0: from the start)."),
                           OpenApiParameter("cursor", str, description="The same position as `after`, by the name "
                                                                       "every page of the API uses (next_cursor)."),
                           OpenApiParameter("limit", int, description=f"Events per call, at most {FEED_LIMIT}.")])
class ChangeFeedView(TierMixin, APIView):
    """The change log as the tier may see it: created and updated items with their content, and tombstones
    (id, dataset, reason, date) for ended publications. Replaying it from the start gives exactly the published
    set; keep `next_after` and ask again."""

    endpoint = "changes"
    extra_parameters = ("after", "cursor", "limit")

    def get(self, request):
        tier, audience = self.caller.tier, self.caller.audience
        if not tier.bulk_and_feed:
            raise exceptions.PermissionDenied(_("the %(tier)s tier does not include the change feed")
                                              % {"tier": tier.code})
        params = request.query_params
        if "after" in params and "cursor" in params:
            raise exceptions.ValidationError({"cursor": [_("give after or cursor (the same position), not both")]})
        position = "cursor" if "cursor" in params else "after"  # cursor: the name every other page uses
        after = _whole(params, position, 0)
        limit = _whole(params, "limit", FEED_LIMIT)
        if not 1 <= limit <= FEED_LIMIT:
            raise exceptions.ValidationError({"limit": [_("must be between 1 and %(most)s") % {"most": FEED_LIMIT}]})
        head = ChangeLogCounter.objects.values_list("last_sequence", flat=True).get(pk=1)
        if after > head:
            # A checkpoint past the head is corrupt: accepting it would skip every event up to it, for ever.
            raise exceptions.ValidationError({position: [
                _("%(after)s is beyond the head of the feed (%(head)s); resume from your last applied sequence, or "
                  "from a snapshot") % {"after": after, "head": head}]})
        events = list(ChangeEvent.objects.filter(sequence__gt=after).order_by("sequence")[:limit])
        items = self._current_items(events)
        out = []
        for event in events:
            item = items.get(event.item_id)
            if not audience.sees_dataset(event.dataset) or (item is None and audience.lists) or (
                    item is not None and not audience.sees_item(event.dataset, item)):
                continue
            entry = {"sequence": event.sequence, "action": _feed_action(event.action), "dataset": event.dataset,
                     "id": event.item_id, "date": event.effective_date}
            if event.action == ChangeAction.UNPUBLISH:
                entry["reason"] = event.reason
            else:
                # Content only while the item is published: a later tombstone follows otherwise.
                if item is not None and item.state == PublicationState.PUBLISHED:
                    entry["item"] = serializer(event.dataset)(item, context={"audience": audience}).data
            out.append(entry)
        next_after = events[-1].sequence if events else after
        return Response({"events": out, "next": next_url(request, "after", next_after),
                         "next_cursor": str(next_after), "next_after": next_after,
                         "has_more": len(events) == limit, "head": head})

    def _current_items(self, events) -> dict:
        wanted: dict[str, list[str]] = {}
        for event in events:
            wanted.setdefault(event.dataset, []).append(event.item_id)
        items = {}
        for dataset, ids in wanted.items():
            items.update({i.public_id: i for i in items_with_relations(dataset).filter(public_id__in=ids)})
        return items


def _feed_action(action: str) -> str:
    return {ChangeAction.PUBLISH: "created", ChangeAction.UPDATE: "updated",
            ChangeAction.UNPUBLISH: "ended"}[action]


def _whole(params, name: str, default: int) -> int:
    raw = params.get(name)
    if raw is None:
        return default
    value = digits(raw)
    if value is None:
        raise exceptions.ValidationError({name: [_("must be a whole number")]})
    return value


@extend_schema(tags=["account"], responses=UsageResponseSerializer, examples=[USAGE_EXAMPLE])
class UsageView(TierMixin, APIView):
    """The caller's tier, its limits and today's use."""

    endpoint = "usage"

    def get(self, request):
        tier, caller = self.caller.tier, self.caller
        used = counters().usage(caller.key.pk, today()) if caller.key is not None else {}
        return Response({
            "tier": tier.code, "key": caller.key.prefix if caller.key else None,
            "limits": {"per_minute": tier.per_minute, "per_day": tier.per_day, "max_page_size": tier.max_page_size,
                       "datasets": list(caller.audience.datasets),
                       "extended_fields": caller.audience.extended_fields,
                       "persons_masked": not caller.audience.shows_persons,
                       "bulk_and_feed": tier.bulk_and_feed, "csv_export_limit": tier.csv_export_limit},
            "today": {"requests": caller.day.count, "by_endpoint": used},
            "minute": {"requests": caller.minute.count, "resets_in": caller.minute.resets_in},
        })



def _require_bulk(caller) -> None:
    if not caller.tier.bulk_and_feed:
        raise exceptions.PermissionDenied(_("the %(tier)s tier does not include bulk snapshots")
                                          % {"tier": caller.tier.code})


@extend_schema(tags=["sync"])
class SnapshotListView(TierMixin, APIView):
    """The latest bulk snapshot of each dataset: files, row counts, sha256, and the change-log sequence to
    follow the feed from."""

    endpoint = "snapshots"

    @extend_schema(responses=SnapshotListResponseSerializer, operation_id="v1_snapshots_list")
    def get(self, request):
        _require_bulk(self.caller)
        manifests = latest_manifests(self.caller.tier)
        for manifest in manifests:
            for file in manifest["files"]:
                file["url"] = request.build_absolute_uri(f"/api/v1/snapshots/{file['name']}")
        return Response({"snapshots": manifests})


@extend_schema(tags=["sync"])
def _read_blocks(stream, remaining: int, block: int = 1 << 16):
    with stream:
        while remaining > 0:
            data = stream.read(min(block, remaining))
            if not data:
                return
            remaining -= len(data)
            yield data


class SnapshotFileView(TierMixin, APIView):
    """One snapshot file, streamed; every download is written to the audit log."""

    endpoint = "snapshot-files"

    @extend_schema(responses={(200, "application/gzip"): OpenApiTypes.BINARY, (200, "text/csv"): OpenApiTypes.STR,
                              (206, "application/gzip"): OpenApiTypes.BINARY, (206, "text/csv"): OpenApiTypes.STR},
                   parameters=[OpenApiParameter("Range", str, OpenApiParameter.HEADER, required=False,
                                                description="bytes=<first>-[<last>]: resume a download (206)."),
                               OpenApiParameter("If-Range", str, OpenApiParameter.HEADER, required=False,
                                                description="The file's ETag: the range only if it is unchanged.")],
                   operation_id="v1_snapshots_file", tags=["sync"])
    def get(self, request, name: str):
        _require_bulk(self.caller)
        found = snapshot_file(self.caller.tier, name)
        if found is None:
            raise exceptions.NotFound(_("no such snapshot file; see /api/v1/snapshots/"))
        path, manifest = found
        size = path.stat().st_size
        sha256 = next(f["sha256"] for f in manifest["files"] if f["name"] == name)
        etag = f'"{sha256}"'
        wanted = None
        if request.headers.get("If-Range", etag) == etag:  # a changed file is sent whole
            try:
                wanted = byte_range(request.headers.get("Range"), size)
            except UnsatisfiableRange as exc:
                response = problem(416, "Range not satisfiable", str(exc))
                response["Content-Range"] = f"bytes */{size}"
                return response
        BulkDownload.objects.create(key=self.caller.key, file_name=name, sequence=manifest["sequence"],
                                    client_address=client_address(request))
        content_type = "application/gzip" if name.endswith(".gz") else "text/csv; charset=utf-8"
        stream = path.open("rb")
        if wanted is None:
            response = FileResponse(stream, as_attachment=True, filename=name, content_type=content_type)
        else:
            # A resumed download: the bytes asked for, streamed in blocks.
            first, last = wanted
            stream.seek(first)
            response = StreamingHttpResponse(_read_blocks(stream, last - first + 1), status=206,
                                             content_type=content_type)
            response["Content-Range"] = f"bytes {first}-{last}/{size}"
            response["Content-Length"] = str(last - first + 1)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Accept-Ranges"] = "bytes"
        response["ETag"] = etag
        response["X-Snapshot-Sequence"] = str(manifest["sequence"])
        return response
