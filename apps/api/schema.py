"""The error answers of every operation, added to the OpenAPI schema once (a drf-spectacular postprocessing hook):
every API error is a problem-details body (RFC 9457), and a generated client can read each of them."""

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


# Errors of one operation only, by path.
BY_PATH = {
    "/api/v1/snapshots/{name}": {"416": ("The Range asked for starts beyond the file (Content-Range names its size).",
                                         {})},
}
# Operations the anonymous tier may not use (403 without a key of a tier with bulk downloads and the feed).
KEY_REQUIRED = ("/api/v1/changes/", "/api/v1/snapshots/")


def add_problem_responses(result, generator, request, public):
    """Add the Problem schema and the error responses to every operation of the API, and declare the key optional
    where the anonymous tier is served (`{}` beside the key scheme: no key is a valid way to call)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    for path, methods in result.get("paths", {}).items():
        for operation in methods.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            security = operation.get("security")
            if security is not None and {} not in security and not path.startswith(KEY_REQUIRED):
                security.append({})
            errors = {**COMMON, **(WITH_PATH_PARAMETER if "{" in path else {}), **BY_PATH.get(path, {})}
            for status, (description, headers) in errors.items():
                operation["responses"].setdefault(status, {
                    "description": description,
                    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    **({"headers": headers} if headers else {}),
                })
    return result
