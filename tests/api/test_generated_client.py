"""An agency's sync job written only with the Python client generated from the live schema (openapi-python-client):
snapshot with checksums, then the change feed to its head, applying creates, updates and tombstones. The copy must
converge to exactly what the API serves, across publishes, corrections, ends, authority and list edits, a redaction
pass and a snapshot rebuild (issue 14)."""
import gzip
import hashlib
import importlib
import io
import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from apps.publication.datasets import DATASETS, model
from apps.publication.enums import EndReason, PublicationState
from tests.factories import LicenceRowFactory, ListEntryRowFactory, PenaltyRowFactory

# serialized_rollback: the rule tables seeded by migrations come back for the tests after this one.
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.integration]
GENERATOR = Path(sys.executable).with_name("openapi-python-client")


@pytest.fixture
def generated(live_server, tmp_path):
    """The client package generated from the running portal's schema, imported."""
    if not GENERATOR.exists():
        pytest.fail("openapi-python-client is not installed (requirements-dev.txt)")
    schema = tmp_path / "schema.json"
    with urllib.request.urlopen(live_server.url + "/api/schema/?format=json") as response:
        schema.write_bytes(response.read())
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    result = subprocess.run([str(GENERATOR), "generate", "--path", str(schema), "--meta", "none",
                             "--output-path", str(tmp_path / "gongshi_client")], capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 0 and "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module("gongshi_client")
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name.startswith("gongshi_client")]:
            del sys.modules[name]


class SyncJob:
    """What an agency writes: its copy (id → item) and its checkpoint, kept with the generated client only."""

    def __init__(self, package, base_url: str, key: str):
        self.client = package.AuthenticatedClient(base_url=base_url, token=key)  # Authorization: Bearer <key>
        self.items: dict[str, dict] = {}
        self.after = 0

    def load_snapshots(self) -> None:
        """Start from the snapshots: every file checked against its manifest's sha256, the feed from the oldest
        manifest's sequence (replaying events a newer snapshot already holds is harmless)."""
        from gongshi_client.api.sync import get_snapshot_file, list_snapshots

        manifests = list_snapshots.sync(client=self.client).snapshots
        assert manifests, "no snapshots to start from"
        self.items = {}
        for manifest in manifests:
            entry = next(f for f in manifest.files if f.format_ == "jsonl.gz")
            body = get_snapshot_file.sync_detailed(name=entry.name, client=self.client).content
            assert hashlib.sha256(body).hexdigest() == entry.sha256

            for line in gzip.decompress(body).decode().splitlines():
                item = json.loads(line)
                self.items[item["id"]] = item
        self.after = min(manifest.sequence for manifest in manifests)

    def follow(self) -> None:
        """Apply the feed from the checkpoint to its head."""
        from gongshi_client.api.sync import list_changes
        from gongshi_client.types import UNSET

        while True:
            page = list_changes.sync(client=self.client, after=self.after, limit=7)
            for event in page.events:
                if event.action.value == "ended":
                    self.items.pop(event.id, None)
                elif event.item is not UNSET:
                    self.items[event.id] = event.item.to_dict()
            self.after = page.next_after
            assert page.head >= self.after
            if not page.has_more:
                return

    def served(self) -> dict[str, dict]:
        """Every published item as the API serves it to this key, read with the client."""
        from gongshi_client.api.licences import get_licence
        from gongshi_client.api.lists import get_list_entry
        from gongshi_client.api.penalties import get_penalty

        readers = {"penalty": get_penalty, "licence": get_licence, "list_entry": get_list_entry}
        assert set(readers) == {spec.name for spec in DATASETS}, "a dataset without a reader in this test"
        return {public_id: readers[spec.name].sync(id=public_id, client=self.client).to_dict()
                for spec in DATASETS for public_id in model(spec.name).objects.filter(
                    state=PublicationState.PUBLISHED).values_list("public_id", flat=True)}

    def assert_exact(self) -> None:
        served = self.served()
        assert set(self.items) == set(served)
        for item_id, item in served.items():
            # The copy holds the wire form; the client's model of it must be the same item.
            assert _normal(self.items[item_id]) == _normal(item), item_id


def _normal(item: dict) -> dict:
    """An item as JSON text would carry it (dates and enums as strings)."""
    return json.loads(json.dumps(item, default=str))


def test_a_sync_job_written_with_the_generated_client_converges(generated, live_server, key_for, run_import,
                                                                write_csv, today, settings, tmp_path):
    from apps.lists.models import ListType
    from apps.lists.services import save_list_type
    from apps.publication.redaction import redact_stored_ids
    from apps.publication.services import end_publication
    from apps.records.models import Penalty
    from apps.records.services import save_authority

    settings.SNAPSHOT_DIR = tmp_path / "snapshots"
    rows = PenaltyRowFactory.build_batch(4)
    run_import(write_csv(rows, name="p.csv"))
    run_import(write_csv(LicenceRowFactory.build_batch(2), name="l.csv"))
    run_import(write_csv(ListEntryRowFactory.build_batch(3), name="e.csv"), list_code="samr-abnormal-operations")
    call_command("build_snapshots", stdout=io.StringIO())
    job = SyncJob(generated, live_server.url, key_for("agency"))
    job.load_snapshots()
    job.follow()
    job.assert_exact()

    run_import(write_csv(PenaltyRowFactory.build_batch(2), name="more.csv"))                       # publishes
    run_import(write_csv([{**rows[0], "CF_NR": "罚款5000元（更正）"}], name="fix.csv"))            # a correction
    end_publication(Penalty.objects.filter(state=PublicationState.PUBLISHED).last().public_id,     # an end
                    EndReason.REVOKED, today)
    authority = Penalty.objects.filter(state=PublicationState.PUBLISHED).first().authority           # edits
    authority.name += "（更名）"
    save_authority(authority, today)
    listed = ListType.objects.get(code="samr-abnormal-operations")
    listed.name += "（更名）"
    save_list_type(listed, today)
    penalty = Penalty.objects.filter(state=PublicationState.PUBLISHED).first()                     # redaction
    Penalty.objects.filter(pk=penalty.pk).update(facts="当事人（身份证110101199003077758）销售过期食品。")
    redact_stored_ids(today)
    job.follow()
    job.assert_exact()
    assert "7758" not in json.dumps(job.items[penalty.public_id], ensure_ascii=False)

    call_command("build_snapshots", stdout=io.StringIO())                                          # a rebuild
    newcomer = SyncJob(generated, live_server.url, key_for("agency"))
    newcomer.load_snapshots()
    newcomer.follow()
    newcomer.assert_exact()
    assert newcomer.items == job.items
