"""Hand-made hostile requests over every channel: the API, pages, feeds, exports, reports and the key form.

Each request is (method, path with query, headers, form data). The corpus is built from the site's own URL
patterns with hostile parts put in every slot (ids, codes, filters, cursors, sizes, dates, amounts, methods,
headers), so a new endpoint is probed without being listed here. Nothing here may answer with a server error.
"""
import base64
import json
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

HOSTILE_WORDS = [
    "%00", "a%00b", "%00" * 3, "x" * 5000, "../../etc/passwd", "..%2F..%2Fsettings.py", "%2e%2e%2f", "%ff%fe",
    "%c0%ae", "' OR 1=1 --", '"><script>alert(1)</script>', "${jndi:ldap://x}", "{{7*7}}", "-1", "0", "1e400",
    "NaN", "Infinity", "9" * 40, "-" + "9" * 40, "١٢٣", "²", "🙂", "\u202e", "%0d%0aSet-Cookie:x=1", "%20", "",
    "pen_" + "0" * 16, "lst_%00", "null", "true", "[]", "{}",
]


def _b64(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def forged_cursors() -> list[str]:
    """Search cursors (base64 JSON) and DRF list cursors (base64 query strings) that this service never issues."""
    search = [{"s": "relevance", "a": None, "o": -1}, {"s": "relevance", "a": None, "o": 1e308},
              {"s": "relevance", "a": None, "o": "x"}, {"s": "relevance", "a": None, "o": 10**30},
              {"s": "-date", "a": ["x"], "o": 0}, {"s": "-date", "a": [1e308], "o": 0},
              {"s": "-date", "a": [-1], "o": 0}, {"s": "-date", "a": [1, 2, 3], "o": 0},
              {"s": "-date", "a": {"x": 1}, "o": 0}, {"s": 5, "a": None, "o": 0}, {}, [], "x", None]
    texts = [json.dumps(c) for c in search]
    texts += ["[" * 5000 + "]" * 5000, '{"s":' * 3000 + "1" + "}" * 3000, "Infinity", "NaN", "-Infinity",
              '{"s":"relevance","a":null,"o":Infinity}', '{"s":"relevance","a":null,"o":NaN}']
    drf = ["p=abc", "o=-1", "o=abc", "r=1&p=x", "p=%00", "o=99999999999999999999999", "p=1e400", "p=-1&r=1",
           "p=" + "9" * 40]
    return [_b64(t) for t in texts + drf] + ["%00", "!!!", "=" * 10, "a" * 10000, "\u00ff"]


@dataclass(frozen=True)
class Probe:
    method: str
    path: str
    headers: dict = field(default_factory=dict)
    data: dict | None = None

    def __str__(self):
        extra = f" {self.headers}" if self.headers else ""
        return f"{self.method} {self.path[:160]}{extra}"


API_LISTS = ["/api/v1/penalties/", "/api/v1/licences/", "/api/v1/list-entries/", "/api/v1/authorities/",
             "/api/v1/list-types/"]
PARAMETERS = ["authority", "region", "subject", "party_category", "party_uscc", "decision_date_after",
              "decision_date_before", "fine_min", "fine_max", "publicity_class", "status", "decision_number",
              "category", "list", "listed_on_after", "listed_on_before", "case_number", "province", "name", "uscc",
              "page_size", "cursor", "format", "limit", "after", "q", "sort", "dataset", "kind", "date_from",
              "date_to", "facets", "facet_size", "page", "offset", "before"]


def probes(ids: dict[str, str]) -> list[Probe]:
    """The corpus, given real identifiers of the test data (`penalty`, `subject`, `list`, `authority`), so hostile
    parts sit next to valid ones."""
    out: list[Probe] = []
    words = HOSTILE_WORDS
    # Identifiers in paths.
    templates = ["/api/v1/penalties/{}/", "/api/v1/licences/{}/", "/api/v1/list-entries/{}/",
                 "/api/v1/authorities/{}/", "/api/v1/list-types/{}/", "/api/v1/subjects/{}/",
                 "/api/v1/snapshots/{}", "/penalties/{}/", "/licences/{}/", "/list-entries/{}/", "/subjects/{}/",
                 "/subjects/{}/report.pdf", "/reports/{}/", "/lists/{}/", "/lists/{}/export.csv",
                 "/lists/{}/feed.atom", "/authorities/{}/", "/authorities/{}/feed.atom", "/api/{}", "/{}",
                 "/static/{}", "/api/v1/{}/", "/admin/{}"]
    for template in templates:
        out += [Probe("GET", template.format(w)) for w in words]
    # Every filter of every list, the search (API and page), the feed and the exports.
    targets = [*API_LISTS, "/api/v1/search/", "/api/v1/changes/", "/search/", "/lists/{list}/",
               "/lists/{list}/export.csv", "/api/v1/penalties/export/", "/api/v1/list-entries/export/",
               "/api/v1/usage/", "/api/v1/snapshots/", "/stats/", "/"]
    for target in targets:
        path = target.format(**ids)
        for name in PARAMETERS:
            out += [Probe("GET", f"{path}?{name}={w}") for w in words]
        for cursor in forged_cursors():
            out.append(Probe("GET", f"{path}?cursor={quote(cursor)}"))
            out.append(Probe("GET", f"{path}?sort=-date&cursor={quote(cursor)}"))
            out.append(Probe("GET", f"{path}?after={quote(cursor)}&before={quote(cursor)}"))
        out.append(Probe("GET", path + "?" + "&".join(f"p{i}=1" for i in range(2000))))
        out.append(Probe("GET", path + "?" + urlencode([("dataset", "penalty")] * 500 + [("list", "x")] * 500)))
    # Methods the site does not serve, with and without a query string and a body.
    for path in ["/", "/search/?q=a", "/api/v1/penalties/?x=1", "/api/v1/search/?q=a", "/healthz",
                 f"/api/v1/subjects/{ids['subject']}/?a=b", "/lists/", "/api/schema/", "/api/docs/"]:
        for method in ["POST", "PUT", "PATCH", "DELETE", "TRACE", "CONNECT", "PROPFIND", "FOO"]:
            out.append(Probe(method, path, data={"a": "b"}))
    # Credentials: malformed, empty, huge, hostile.
    for headers in [{"HTTP_AUTHORIZATION": "Bearer"}, {"HTTP_AUTHORIZATION": "Bearer "},
                    {"HTTP_AUTHORIZATION": "Bearer a b c"}, {"HTTP_AUTHORIZATION": "Basic Zm9vOmJhcg=="},
                    {"HTTP_AUTHORIZATION": "Token x"}, {"HTTP_AUTHORIZATION": "x" * 10000},
                    {"HTTP_X_API_KEY": ""}, {"HTTP_X_API_KEY": " "}, {"HTTP_X_API_KEY": "x" * 10000},
                    {"HTTP_X_API_KEY": "🙂"}, {"HTTP_X_API_KEY": "gs_" + "0" * 40},
                    {"HTTP_ACCEPT": "text/html;q=x"}, {"HTTP_ACCEPT": "*/*;q=1e400, application/json;q=-1"},
                    {"HTTP_ACCEPT_LANGUAGE": "x" * 5000}, {"HTTP_ACCEPT_LANGUAGE": "zh-Hans;q=abc,,,;;"},
                    {"HTTP_X_FORWARDED_FOR": "not-an-address, 1.2.3.4"}, {"HTTP_X_FORWARDED_FOR": "x" * 5000},
                    {"HTTP_RANGE": "bytes=-1-2"}, {"HTTP_IF_NONE_MATCH": "x" * 5000},
                    {"HTTP_COOKIE": "sessionid=" + "x" * 5000}, {"HTTP_COOKIE": "gs_key=%00; csrftoken=%00"},
                    {"HTTP_HOST": "evil.example"}, {"HTTP_HOST": "[::1"}]:
        for path in ["/api/v1/penalties/", "/api/v1/search/?q=食品", "/", "/search/?q=食品",
                     f"/subjects/{ids['subject']}/report.pdf"]:
            out.append(Probe("GET", path, headers=headers))
    # The key form: hostile keys and redirects.
    for key in ["", " ", "%00", "x" * 10000, "🙂", "gs_" + "0" * 40, "a\x00b"]:
        for nxt in ["/", "//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
                    "%00", "/search/?q=%00", "x" * 5000, "\\\\evil.example"]:
            out.append(Probe("POST", "/account/key/", data={"key": key, "next": nxt}))
            out.append(Probe("POST", f"/account/key/?next={quote(nxt)}", data={"key": key}))
    out.append(Probe("POST", "/account/key/", data={"key": ["a", "b"]}))
    out.append(Probe("POST", "/account/key/"))
    return out
