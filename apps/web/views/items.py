"""An item's permanent page: a penalty, licence or list entry while published; a plain 410 page once its
publication ended (reason and date, nothing else of it); 404 for anything never published."""
from django.http import Http404
from django.shortcuts import render

from apps.publication.datasets import serializer
from apps.publication.enums import PublicationState
from apps.web.labels import label
from apps.web.visitor import visitor_of


def item_page(request, dataset: str, id: str):
    """The page of one item of `dataset`, shown as the visitor's audience sees it through the API."""
    audience = visitor_of(request).audience
    item = audience.scope(dataset).filter(public_id=id).first()
    if item is None or item.first_published_at is None:
        raise Http404("no such item")
    if item.state != PublicationState.PUBLISHED:
        return render(request, "web/gone.html", {"reason": label("end_reason", item.end_reason) if item.end_reason
                                                 else "", "ended_on": item.actual_end}, status=410)
    data = serializer(dataset)(item, context={"audience": audience}).data
    return render(request, f"web/items/{dataset}.html", {"item": data, "subject_id": data["subject"],
                                                "authority_id": item.authority_id})
