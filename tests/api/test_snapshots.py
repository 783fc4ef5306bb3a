"""Bulk snapshots: what a tier with bulk gets, consistent with the change feed, audited."""
import csv
import gzip
import hashlib
import io
import json

import pytest
from django.core.management import call_command

from apps.access.models import BulkDownload
from apps.publication.enums import EndReason
from apps.publication.services import end_publication
from apps.records.models import Penalty
from tests.factories import PenaltyRowFactory, PersonPenaltyRowFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshots(settings, tmp_path, run_import, write_csv):
    settings.SNAPSHOT_DIR = tmp_path / "snapshots"
    run_import(write_csv(PenaltyRowFactory.build_batch(3) + [PersonPenaltyRowFactory()]))
    call_command("build_snapshots", "--dataset", "penalty")


def _download(client, url: str) -> bytes:
    response = client.get(url.replace("http://testserver", ""))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_manifest_counts_rows_and_names_the_sequence(as_tier, snapshots):
    manifest = as_tier("agency").get("/api/v1/snapshots/").json()["snapshots"][0]
    assert (manifest["dataset"], manifest["rows"], manifest["sequence"]) == ("penalty", 4, 4)
    assert manifest["follow"] == "/api/v1/changes/?after=4"


def test_files_match_their_checksums_and_the_api(as_tier, snapshots):
    client = as_tier("agency")
    manifest = client.get("/api/v1/snapshots/").json()["snapshots"][0]
    files = {f["format"]: f for f in manifest["files"]}
    jsonl = _download(client, files["jsonl.gz"]["url"])
    table = _download(client, files["csv"]["url"])
    assert hashlib.sha256(jsonl).hexdigest() == files["jsonl.gz"]["sha256"]
    assert hashlib.sha256(table).hexdigest() == files["csv"]["sha256"]
    items = [json.loads(line) for line in gzip.decompress(jsonl).decode().splitlines()]
    assert {i["id"] for i in items} == set(Penalty.objects.values_list("public_id", flat=True))
    assert items[0] == client.get(f"/api/v1/penalties/{items[0]['id']}/").json()
    assert table.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens it as UTF-8
    assert len(list(csv.DictReader(io.StringIO(table.decode("utf-8-sig"))))) == 4


def test_snapshot_plus_feed_from_its_sequence_is_the_published_set(as_tier, snapshots, today):
    client = as_tier("agency")
    manifest = client.get("/api/v1/snapshots/").json()["snapshots"][0]
    jsonl = next(f for f in manifest["files"] if f["format"] == "jsonl.gz")
    copy = {i["id"]: i for i in map(json.loads, gzip.decompress(_download(client, jsonl["url"])).splitlines())}
    end_publication(Penalty.objects.first().public_id, EndReason.REVOKED, today)
    for event in client.get(manifest["follow"]).json()["events"]:
        if event["action"] == "ended":
            copy.pop(event["id"], None)
        elif "item" in event:
            copy[event["id"]] = event["item"]
    assert set(copy) == set(Penalty.objects.filter(state="published").values_list("public_id", flat=True))


def test_every_download_is_audited(as_tier, snapshots):
    client = as_tier("agency")
    manifest = client.get("/api/v1/snapshots/").json()["snapshots"][0]
    _download(client, manifest["files"][0]["url"])
    entry = BulkDownload.objects.get()
    assert (entry.file_name, entry.sequence) == (manifest["files"][0]["name"], 4)


def test_snapshots_are_for_tiers_that_include_bulk(as_tier, snapshots):
    assert as_tier("registered").get("/api/v1/snapshots/").status_code == 403
    assert as_tier("anonymous").get("/api/v1/snapshots/penalty-4.csv").status_code == 403


def test_only_files_of_the_latest_manifests_are_served(as_tier, snapshots):
    assert as_tier("agency").get("/api/v1/snapshots/..%2Fmanifest.json").status_code == 404
    assert as_tier("agency").get("/api/v1/snapshots/penalty-1.csv").status_code == 404


def test_a_download_resumes_with_range(as_tier, snapshots):
    client = as_tier("agency")
    manifest = client.get("/api/v1/snapshots/").json()["snapshots"][0]
    url = next(f for f in manifest["files"] if f["format"] == "csv")["url"].replace("http://testserver", "")
    whole = _download(client, url)
    head = client.get(url, HTTP_RANGE="bytes=0-9")
    tail = client.get(url, HTTP_RANGE="bytes=10-")
    assert (head.status_code, tail.status_code) == (206, 206)
    assert head["Content-Range"] == f"bytes 0-9/{len(whole)}" and head["Accept-Ranges"] == "bytes"
    assert b"".join(head.streaming_content) + b"".join(tail.streaming_content) == whole
    assert client.get(url, HTTP_RANGE=f"bytes={len(whole)}-").status_code == 416
    changed = client.get(url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"not-this-file"')
    assert changed.status_code == 200  # the file changed since: sent whole


def test_a_superseded_set_stays_downloadable_for_its_keep_time(as_tier, snapshots, settings, run_import,
                                                               write_csv):
    client = as_tier("agency")
    old = client.get("/api/v1/snapshots/").json()["snapshots"][0]
    run_import(write_csv(PenaltyRowFactory.build_batch(1), name="more.csv"))
    call_command("build_snapshots", "--dataset", "penalty")
    new = client.get("/api/v1/snapshots/").json()["snapshots"][0]
    assert new["sequence"] > old["sequence"]
    old_url = old["files"][0]["url"].replace("http://testserver", "")
    assert client.get(old_url).status_code == 200  # a download begun on the old set can finish
    settings.SNAPSHOT_KEEP_HOURS = 0
    run_import(write_csv(PenaltyRowFactory.build_batch(1), name="again.csv"))
    call_command("build_snapshots", "--dataset", "penalty")
    assert client.get(old_url).status_code == 404  # past its keep time
