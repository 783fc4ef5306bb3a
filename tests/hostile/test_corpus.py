"""The hand-made hostile corpus (tests/hostile/corpus.py) against the portal on the test database: no server
errors, and API errors answered as problem details.

The whole corpus is about 20,000 requests; by default a fixed sample of it runs (every request kind, every slot),
HOSTILE_FULL=1 runs all of it (tools/hostile does, on SQLite and PostgreSQL)."""
import os
from collections import Counter

import pytest
from django.test import Client

from tests.hostile.corpus import probes

SAMPLE_EVERY = 1 if os.environ.get("HOSTILE_FULL") == "1" else 9


@pytest.fixture
def ids(portal_data):
    from apps.lists.models import ListEntry
    from apps.records.models import Penalty

    penalty = Penalty.objects.filter(state="published").select_related("subject").first()
    entry = ListEntry.objects.first()
    return {"penalty": penalty.public_id, "subject": penalty.subject.public_id, "list": entry.list_type_id,
            "authority": str(penalty.authority_id)}


def _send(client: Client, probe):
    method = probe.method.lower()
    if method in ("get", "post", "put", "patch", "delete", "head", "options", "trace"):
        return getattr(client, method)(probe.path, data=probe.data, **probe.headers) if probe.data is not None \
            else getattr(client, method)(probe.path, **probe.headers)
    return client.generic(probe.method, probe.path, **probe.headers)


def test_no_request_of_the_corpus_is_a_server_error(ids):
    from apps.access.models import Tier

    # Limits raised so that the hostile parts reach the code behind the rate limit (a separate test covers it).
    Tier.objects.update(per_minute=10**8, per_day=10**9, pages_per_minute=10**8, pages_per_day=10**9)
    client = Client(raise_request_exception=False)
    failures, statuses = [], Counter()
    for probe in probes(ids)[::SAMPLE_EVERY]:
        response = _send(client, probe)
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {probe}")
        elif (probe.path.startswith("/api/v1/") and response.status_code >= 400
              and response.get("Content-Type") != "application/problem+json"):
            failures.append(f"{response.status_code} {response.get('Content-Type')} {probe}")
    if os.environ.get("HOSTILE_REPORT"):
        with open(os.environ["HOSTILE_REPORT"], "w", encoding="utf-8") as report:
            report.write("\n".join(failures) + f"\n{dict(statuses)}\n")
    assert failures == [], f"{len(failures)} failures; statuses {dict(statuses)}"
