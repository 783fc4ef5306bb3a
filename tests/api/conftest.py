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
