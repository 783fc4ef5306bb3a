"""The Chinese catalogue is complete and compiled: every message has a translation, and the compiled file
Django reads gives the same text (a stale .mo after editing the .po fails here)."""
from pathlib import Path

import polib
from django.utils import translation

PO = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_message_is_translated():
    catalogue = polib.pofile(str(PO))
    assert catalogue.percent_translated() == 100 and not catalogue.fuzzy_entries()


def test_the_compiled_catalogue_matches_the_source():
    with translation.override("zh-hans"):
        for entry in polib.pofile(str(PO)):
            if not entry.msgid_plural:
                assert translation.gettext(entry.msgid) == entry.msgstr, entry.msgid
