"""Japanese and English ship complete: every string translated, and compiled."""

import subprocess
from pathlib import Path

import pytest
from django.utils import translation

import wagtail_feedback

LOCALE = Path(wagtail_feedback.__file__).parent / "locale"


def entries(po_text):
    """(msgid, [msgstr…], fuzzy) of each entry in a .po file, header excluded."""
    blocks, current = [], []
    for line in po_text.splitlines() + [""]:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    found = []
    for block in blocks:
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in block)
        fields, key = {}, None
        for line in block:
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[key] += line[1:-1]
            else:
                key, _, value = line.partition(" ")
                fields[key] = value[1:-1]
        if fields.get("msgid", "") == "" and "msgid_plural" not in fields:
            continue
        found.append((fields["msgid"], [v for k, v in fields.items() if k.startswith("msgstr")], fuzzy))
    return found


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_string_is_translated(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    found = entries(po.read_text(encoding="utf-8"))
    assert len(found) > 100
    untranslated = [msgid for msgid, strs, fuzzy in found if fuzzy or not all(strs)]
    assert untranslated == []


@pytest.mark.parametrize("language", ["ja", "en"])
def test_compiled_catalogue_matches_the_source(language, tmp_path):
    folder = LOCALE / language / "LC_MESSAGES"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(folder / "django.po")], check=True)
    assert fresh.read_bytes() == (folder / "django.mo").read_bytes(), "run `make messages`"


def test_japanese_is_active_for_japanese():
    with translation.override("ja"):
        assert translation.gettext("Not reviewed") == "未確認"
        assert translation.ngettext("%(counter)s vote", "%(counter)s votes", 3) % {"counter": 3} == "3 票"


def test_catalogue_holds_every_translatable_string_in_the_code(tmp_path):
    """Run makemessages on a copy of the package: nothing may be missing from the shipped catalogue."""
    import os
    import shutil
    import sys

    copy = tmp_path / "wagtail_feedback"
    shutil.copytree(LOCALE.parent, copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    shutil.rmtree(copy / "locale" / "ja")
    (copy / "locale" / "ja" / "LC_MESSAGES").mkdir(parents=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings",
           "PYTHONPATH": str(LOCALE.parent.parent) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    subprocess.run([sys.executable, "-m", "django", "makemessages", "-l", "ja", "--no-location"],
                   cwd=copy, env=env, check=True, capture_output=True)
    in_code = {msgid for msgid, _strs, _fuzzy in entries((copy / "locale/ja/LC_MESSAGES/django.po").read_text("utf-8"))}
    shipped = {msgid for msgid, _strs, _fuzzy in entries((LOCALE / "ja/LC_MESSAGES/django.po").read_text("utf-8"))}
    assert sorted(in_code - shipped) == [], "run `make messages` and translate the new strings"
