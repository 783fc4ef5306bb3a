"""Template helpers of the public pages."""
from django import template
from django.urls import reverse

from apps.publication.datasets import dataset_of_public_id
from apps.web import labels

register = template.Library()


@register.filter
def item_url(public_id: str) -> str:
    """The permanent address of an item's page, from its public id."""
    return reverse(f"web:{dataset_of_public_id(public_id)}", args=[public_id])


@register.filter
def get(mapping, key):
    """mapping[key] in a template, or empty."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def label(value, kind: str) -> str:
    """An enumerated value in the visitor's language: {{ list.colour|label:"colour" }}."""
    return labels.label(kind, value)
