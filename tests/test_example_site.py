"""The example site migrates, seeds consistent demo data, and prints a working signed link.

Runs ``example_site/manage.py`` in a subprocess on its own SQLite file, as
``make demo`` does (the PostgreSQL path is the same code behind DATABASE_URL).
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(tmp_path, *args):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "WAGTAILADMIN_BASE_URL": "http://demo.example",
        "DJANGO_SETTINGS_MODULE": "example_site.settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "example_site" / "manage.py"), *args],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True, timeout=300,
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("example")
    manage(tmp_path, "migrate", "--noinput", "-v0")
    manage(tmp_path, "seed_demo", "--accounts", "3", "--visitors", "10", "--requests", "12")
    return tmp_path


def test_seeded_data_keeps_every_rule(seeded):
    script = (
        "from collections import defaultdict\n"
        "from wagtail_feedback.models import Vote, FeatureRequest, CLOSED_STATUSES\n"
        "sums = defaultdict(int)\n"
        "for v in Vote.objects.select_related('request'):\n"
        "    open_ = v.request.merged_into_id is None and v.request.status not in CLOSED_STATUSES\n"
        "    if v.kind == 'active' and open_: sums[v.visitor_id] += v.share\n"
        "    else: assert v.share == 0, v\n"
        "assert sums and set(sums.values()) == {10000}, set(sums.values())\n"
        "for r in FeatureRequest.objects.all():\n"
        "    assert r.vote_count == r.votes.filter(kind='active').count()\n"
        "langs = set(FeatureRequest.objects.values_list('title', flat=True))\n"
        "assert any(any('\\u3040' <= ch <= '\\u30ff' for ch in t) for t in langs)\n"
        "assert any(t.isascii() for t in langs)\n"
        "print('ok', len(sums))\n"
    )
    out = manage(seeded, "shell", "--no-imports", "-c", script)
    assert out.stdout.startswith("ok")


def test_demo_link_enters_the_portal(seeded):
    url = manage(seeded, "demo_link", "--plain").stdout.strip()
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "demo.example", "/feedback/enter/")
    token = parse_qs(parts.query)["token"][0]
    script = (
        "from django.test import Client\n"
        f"r = Client().get('/feedback/enter/', {{'token': {token!r}}}, HTTP_HOST='testserver')\n"
        "assert r.status_code == 302 and r['Location'] == '/feedback/', (r.status_code, r.content[:300])\n"
        "print('entered')\n"
    )
    assert manage(seeded, "shell", "--no-imports", "-c", script).stdout.strip() == "entered"
