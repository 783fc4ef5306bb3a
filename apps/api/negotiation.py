"""The API speaks JSON only (CSV and snapshot files are their own endpoints), so there is nothing to negotiate:
DRF's default negotiation parsed the Accept header on every request for a choice of one."""
from rest_framework.negotiation import BaseContentNegotiation


class JsonOnly(BaseContentNegotiation):
    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
