"""The wheel and sdist carry what a site needs (templates, static, locale, migrations), and no tests."""

import subprocess
import sys
import tarfile
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--wheel", "--sdist", "--outdir", str(out), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    wheel = next(out.glob("*.whl"))
    sdist = next(out.glob("*.tar.gz"))
    return zipfile.ZipFile(wheel).namelist(), tarfile.open(sdist).getnames(), wheel.name


def test_wheel_ships_runtime_files_only(built):
    names, _sdist, wheel_name = built
    assert wheel_name.startswith("wagtail_customer_feedback-")
    for needed in (
        "wagtail_feedback/migrations/0001_initial.py",
        "wagtail_feedback/templates/wagtail_feedback/portal/base.html",
        "wagtail_feedback/templates/wagtail_feedback/email/notification.html",
        "wagtail_feedback/static/wagtail_feedback/portal.css",
        "wagtail_feedback/locale/ja/LC_MESSAGES/django.mo",
        "wagtail_feedback/locale/en/LC_MESSAGES/django.mo",
    ):
        assert needed in names
    assert not [n for n in names if n.startswith(("tests/", "example_site/")) or n.endswith("/settings.py")]


def test_sdist_carries_sources_and_catalogues(built):
    _wheel, names, _ = built
    assert any(n.endswith("wagtail_feedback/locale/ja/LC_MESSAGES/django.po") for n in names)
    assert any(n.endswith("wagtail_feedback/migrations/0002_status_settings.py") for n in names)


@pytest.mark.django_db
def test_models_and_migrations_do_not_drift():
    out = StringIO()
    call_command("makemigrations", "wagtail_feedback", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
