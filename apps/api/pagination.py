"""Cursor paging in a stable order (newest first by primary key); page size within the caller's tier."""
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination


class TierCursorPagination(CursorPagination):
    ordering = "-pk"
    page_size_query_param = "page_size"
    default_page_size = 20

    def get_page_size(self, request):
        tier = request.caller.tier
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return min(self.default_page_size, tier.max_page_size)
        size = int(raw) if raw.isascii() and raw.isdigit() else 0
        if not 1 <= size <= tier.max_page_size:
            raise ValidationError({"page_size": [f"must be between 1 and {tier.max_page_size} for the "
                                                 f"{tier.code} tier"]})
        return size
