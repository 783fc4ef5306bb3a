"""Demo data: deterministic files that go through the real importer."""
import filecmp

import pytest
from django.core.management import call_command

from apps.demo.generator import DemoGenerator
from apps.demo.services import load_demo_folder
from apps.lists.enums import ListColour
from apps.lists.models import ListEntry
from apps.publication.enums import PublicationState
from apps.records.models import Licence, Penalty
from tests.conftest import TODAY


def test_same_seed_gives_the_same_files(tmp_path):
    DemoGenerator(200, seed=3, anchor=TODAY).write(tmp_path / "a")
    DemoGenerator(200, seed=3, anchor=TODAY).write(tmp_path / "b")
    comparison = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    assert comparison.left_list and not comparison.diff_files and not comparison.left_only


def test_another_seed_gives_other_files(tmp_path):
    DemoGenerator(200, seed=3, anchor=TODAY).write(tmp_path / "a")
    DemoGenerator(200, seed=4, anchor=TODAY).write(tmp_path / "b")
    assert filecmp.dircmp(tmp_path / "a", tmp_path / "b").diff_files


@pytest.mark.django_db
def test_demo_set_loads_with_every_kind_and_state(tmp_path):
    DemoGenerator(1500, seed=1, anchor=TODAY).write(tmp_path / "demo")
    batches = load_demo_folder(tmp_path / "demo", TODAY, log=lambda line: None)
    assert all(b.quarantined == 0 for b in batches)
    lists = ListEntry.objects.values_list("list_type__code", "list_type__colour").distinct()
    assert len(lists) >= 8
    assert {colour for _, colour in lists} >= {ListColour.RED, ListColour.BLACK, ListColour.WATCH}
    states = set(Penalty.objects.values_list("state", flat=True))
    assert states >= {PublicationState.PUBLISHED, PublicationState.EXPIRED, PublicationState.REPAIRED,
                      PublicationState.REVOKED, PublicationState.WITHHELD}
    assert Licence.objects.filter(state=PublicationState.PUBLISHED).exists()


@pytest.mark.django_db
def test_committed_demo_set_loads_only_into_an_empty_database(capsys):
    call_command("load_demo", "--if-empty", "--today", "2026-11-20")
    loaded = Penalty.objects.count()
    call_command("load_demo", "--if-empty", "--today", "2026-11-20")
    assert loaded > 1000
    assert Penalty.objects.count() == loaded
    assert "not loaded" in capsys.readouterr().out
