"""Template helpers of the public pages."""
from django import template
from django.urls import reverse

from apps.web import labels

register = template.Library()

_ITEM_ROUTES = {"pen": "web:penalty", "lic": "web:licence", "lst": "web:list_entry"}


@register.filter
def item_url(public_id: str) -> str:
    """The permanent address of an item's page, from its public id."""
    return reverse(_ITEM_ROUTES[public_id.split("_", 1)[0]], args=[public_id])


@register.filter
def get(mapping, key):
    """mapping[key] in a template, or empty."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def label(value, kind: str) -> str:
    """An enumerated value in the visitor's language: {{ list.colour|label:"colour" }}."""
    return labels.label(kind, value)
