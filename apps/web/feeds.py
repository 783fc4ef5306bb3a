"""Atom feeds of new list entries, per list and per authority, as the anonymous audience sees them (feed readers
carry no key)."""
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from apps.publication.audience import anonymous_audience
from apps.publication.enums import Dataset
from apps.publication.shapes import ListEntrySerializer
from apps.records.models import Authority
from apps.web.templatetags.portal import item_url

FEED_SIZE = 50


class _EntriesFeed(Feed):
    feed_type = Atom1Feed

    def items(self, obj):
        audience = anonymous_audience()
        entries = audience.published(Dataset.LIST_ENTRY).filter(**self.scope(obj)).order_by("-listed_on", "-pk")
        return ListEntrySerializer(entries[:FEED_SIZE], many=True, context={"audience": audience}).data

    def item_title(self, item):
        return item["party_name"]

    def item_description(self, item):
        return item["reason"]

    def item_link(self, item):
        return item_url(item["id"])

    def item_guid(self, item):
        return item["id"]

    def item_pubdate(self, item):
        import datetime as dt

        return dt.datetime.fromisoformat(item["listed_on"]) if item["listed_on"] else None


class ListFeed(_EntriesFeed):
    """New entries of one list."""

    def get_object(self, request, code):
        return get_object_or_404(anonymous_audience().list_types(), code=code)

    def scope(self, obj):
        return {"list_type": obj}

    def title(self, obj):
        return obj.name

    def link(self, obj):
        return reverse("web:list", args=[obj.code])

    def subtitle(self, obj):
        return obj.description


class AuthorityFeed(_EntriesFeed):
    """New list entries decided by one authority."""

    def get_object(self, request, id):
        return get_object_or_404(Authority, pk=id)

    def scope(self, obj):
        return {"authority": obj}

    def title(self, obj):
        return anonymous_audience().label(obj.name)

    def link(self, obj):
        return reverse("web:authority", args=[obj.pk])
