"""The error answers of every operation, added to the OpenAPI schema once (a drf-spectacular postprocessing hook):
every API error is a problem-details body (RFC 9457), and a generated client can read each of them."""
import threading

PROBLEM = {
    "type": "object",
    "description": "Problem details (RFC 9457): what went wrong, and for a parameter, which one.",
    "properties": {
        "type": {"type": "string", "format": "uri", "description": "The kind of problem, as a URI."},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "What went wrong, for this request."},
        "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
                   "description": "Per parameter: why its value was refused."},
        "reason": {"type": "string", "description": "410 only: why publication ended."},
        "ended_on": {"type": "string", "format": "date", "nullable": True,
                     "description": "410 only: when publication ended."},
    },
    "required": ["type", "title", "status", "detail"],
}
_RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before trying again."}}
# Status → (what it means, headers it carries). Every operation can answer these.
COMMON = {
    "400": ("A parameter is invalid or unknown (named in `errors`).", {}),
    "401": ("The API key is malformed, unknown, revoked or expired.", {}),
    "403": ("The key's tier does not include this dataset, list or endpoint.", {}),
    "405": ("Only GET, HEAD and OPTIONS are served.", {}),
    "406": ("The API answers JSON only.", {}),
    "429": ("Over the tier's per-minute or per-day limit.", _RETRY_AFTER),
    "503": ("The database or the search engine does not answer; try again.", _RETRY_AFTER),
}
# Operations with a path parameter name something that may not exist, or may have been withdrawn.
WITH_PATH_PARAMETER = {
    "404": ("No such item, or never published (its existence is not told).", {}),
    "410": ("The item's publication ended: `reason` and `ended_on` say why and when.", {}),
}


# Headers of every answer that counted against the caller's limits (apps/api/rate_headers.py).
RATE_HEADERS = {
    "RateLimit-Policy": {"schema": {"type": "string"},
                         "description": 'Each window\'s quota and length: "minute";q=30;w=60, "day";q=1000;w=86400.'},
    "RateLimit": {"schema": {"type": "string"},
                  "description": 'What remains of each window, and seconds to its reset: "minute";r=29;t=28, …'},
    **{name: {"schema": {"type": "integer"}, "deprecated": True,
              "description": f"Deprecated (see Deprecation and Sunset): {meaning} of the tighter window."}
       for name, meaning in (("RateLimit-Limit", "the quota"), ("RateLimit-Remaining", "what remains"),
                             ("RateLimit-Reset", "seconds to the reset"))},
}
# Errors of one operation only, by path.
BY_PATH = {
    "/api/v1/snapshots/{name}": {"416": ("The Range asked for starts beyond the file (Content-Range names its size).",
                                         {})},
}
# Operations the anonymous tier may not use (403 without a key of a tier with bulk downloads and the feed).
KEY_REQUIRED = ("/api/v1/changes/", "/api/v1/snapshots/")


# Operation ids as an agency's client calls them (get_penalty, list_changes), from drf-spectacular's defaults.
def _operation_id(old: str) -> str:
    fixed = {"v1_changes_retrieve": "list_changes", "v1_search_retrieve": "search", "v1_snapshots_list":
             "list_snapshots", "v1_snapshots_file": "get_snapshot_file", "v1_subjects_retrieve": "get_subject",
             "v1_usage_retrieve": "get_usage"}
    if old in fixed:
        return fixed[old]
    resource = old.removeprefix("v1_")
    for suffix, verb in (("_export_retrieve", "export"), ("_list", "list"), ("_retrieve", "get")):
        if resource.endswith(suffix):
            resource = resource.removesuffix(suffix)
            return f"{verb}_{_singular(resource) if verb == 'get' else resource}"
    return old


def _singular(plural: str) -> str:
    for ending, replacement in (("ies", "y"), ("es", "e"), ("s", "")):
        if plural.endswith(ending):
            return plural[: -len(ending)] + replacement
    return plural


SUMMARIES = {"list_changes": "Read the change feed from a checkpoint", "search": "Search every dataset",
             "list_snapshots": "List the latest bulk snapshots", "get_snapshot_file": "Download a snapshot file",
             "get_subject": "Get a subject's profile", "get_usage": "Get your tier, limits and today's use"}


def _summary(operation_id: str) -> str:
    if operation_id in SUMMARIES:
        return SUMMARIES[operation_id]
    verb, _, resource = operation_id.partition("_")
    words = resource.replace("_", " ")
    return {"list": f"List {words}", "get": f"Get one {words}", "export": f"Export {words} as CSV"}.get(verb, "")


def _choices_by_values() -> dict:
    """The domain's enumerations (TextChoices of the apps), by their set of values."""
    from django.db.models import TextChoices

    from apps.lists import enums as list_enums
    from apps.publication import enums as publication_enums
    from apps.records import enums as record_enums

    found = {}
    for module in (record_enums, list_enums, publication_enums):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, TextChoices) and value is not TextChoices:
                found[frozenset(value.values)] = value
    return found


def name_enum_members(result) -> None:
    """Chinese enum values give generated clients unusable identifiers: give each member its ASCII name from the
    domain's enumeration (x-enum-varnames, read by openapi-typescript and openapi-python-client) and its label
    (x-enum-descriptions)."""
    by_values = _choices_by_values()
    for schema in result.get("components", {}).get("schemas", {}).values():
        values = schema.get("enum")
        if not values or all(str(v).isascii() for v in values):
            continue
        choices = by_values.get(frozenset(values))
        if choices is not None:
            members = {member.value: member for member in choices}
            schema["x-enum-varnames"] = [members[v].name for v in values]
            schema["x-enum-descriptions"] = [str(members[v].label) for v in values]


def add_problem_responses(result, generator, request, public):
    """Add the Problem schema and the error responses to every operation of the API, and declare the key optional
    where the anonymous tier is served (`{}` beside the key scheme: no key is a valid way to call)."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM
    name_enum_members(result)
    # The key's other two forms beside X-API-Key (ApiKey, declared by the authentication class).
    components.setdefault("securitySchemes", {}).update({
        "ApiKeyAuthorization": {"type": "apiKey", "in": "header", "name": "Authorization",
                                "description": "`Api-Key <key>`."},
        "BearerKey": {"type": "http", "scheme": "bearer", "description": "The API key as a bearer token."},
    })
    for path, methods in result.get("paths", {}).items():
        for operation in methods.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            operation["operationId"] = _operation_id(operation.get("operationId", ""))
            operation["summary"] = _summary(operation["operationId"]) or operation.get("summary", "")
            security = operation.get("security")
            if security is not None:
                if {"ApiKey": []} in security:
                    security[security.index({"ApiKey": []}) + 1:1] = [{"ApiKeyAuthorization": []}, {"BearerKey": []}]
                if {} not in security and not path.startswith(KEY_REQUIRED):
                    security.append({})
            errors = {**COMMON, **(WITH_PATH_PARAMETER if "{" in path else {}), **BY_PATH.get(path, {})}
            for status, answer in operation["responses"].items():
                if status.startswith("2"):
                    answer.setdefault("headers", {}).update(RATE_HEADERS)
            for status, (description, headers) in errors.items():
                operation["responses"].setdefault(status, {
                    "description": description,
                    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    "headers": {**headers, **(RATE_HEADERS if status in ("400", "403", "404", "410", "429") else {})},
                })
    return result


_schema_lock = threading.Lock()
_schemas: dict = {}


def schema_view():
    """The schema view: YAML by default, JSON with `?format=json` (or an Accept header asking for JSON). The schema
    is generated once per process and kept: generating it costs about 160 ms, and drf-spectacular's generator is
    not safe in two threads at once (concurrent requests under threaded workers answered 500)."""
    from django.utils import translation
    from drf_spectacular.renderers import OpenApiJsonRenderer2, OpenApiYamlRenderer
    from drf_spectacular.views import SpectacularAPIView
    from rest_framework.response import Response

    class SchemaView(SpectacularAPIView):
        http_method_names = ["get", "head"]

        def _get_schema_response(self, request):
            key = (request.version, translation.get_language())
            with _schema_lock:
                if key not in _schemas:
                    _schemas[key] = super()._get_schema_response(request).data
            return Response(data=_schemas[key], headers={"Content-Disposition": 'inline; filename="schema"'})

        def perform_content_negotiation(self, request, force=False):
            wanted = request.query_params.get("format")
            if wanted == "json":
                return OpenApiJsonRenderer2(), OpenApiJsonRenderer2.media_type
            if wanted == "yaml":
                return OpenApiYamlRenderer(), OpenApiYamlRenderer.media_type
            return super().perform_content_negotiation(request, force)

    return SchemaView.as_view()
