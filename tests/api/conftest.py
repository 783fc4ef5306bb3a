import pytest
from rest_framework.test import APIClient

from apps.access.keys import issue_key


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def key_for(db):
    """A fresh key of a tier: the secret to send."""
    def make(tier: str, **options) -> str:
        return issue_key(tier, **options)[1]
    return make


@pytest.fixture
def as_tier(api, key_for):
    """A client sending a key of the given tier (or none for anonymous)."""
    def client(tier: str) -> APIClient:
        c = APIClient()
        if tier != "anonymous":
            c.credentials(HTTP_X_API_KEY=key_for(tier))
        return c
    return client


@pytest.fixture
def wsgi_application(db):
    """portal.wsgi's application, called directly. Like Django's test client, it keeps the test's database
    connection (and its transaction) open across requests instead of letting request_finished close it."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from portal.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
