"""The example site's home page shows all four blocks (E1), after ``migrate`` and ``seed_demo``."""

import pytest

from tests.test_example_site import manage


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("example-home")
    manage(tmp_path, "migrate", "--noinput", "-v0")
    manage(tmp_path, "seed_demo", "--accounts", "2", "--visitors", "6", "--requests", "10")
    return tmp_path


def test_home_page_has_every_feedback_block(seeded):
    script = (
        "from django.test import Client\n"
        "from home.models import HomePage\n"
        "page = HomePage.objects.get()\n"
        "types = [b.block_type for b in page.body]\n"
        "assert {'suggestion_form', 'voting_list', 'my_priorities', 'roadmap'} <= set(types), types\n"
        "html = Client().get('/', HTTP_HOST='localhost').content.decode()\n"
        "for kind in ('voting-list', 'suggestion-form', 'priorities', 'roadmap'):\n"
        "    assert f'wf-block-{kind}' in html, kind\n"
        "assert html.count('wagtail_feedback/js/portal.js') == 1\n"
        "assert 'wf-roadmap-planned' in html and 'class=\"wf-item' in html\n"
        "print('ok')\n"
    )
    assert manage(seeded, "shell", "--no-imports", "-c", script).stdout.strip() == "ok"


def test_seeding_again_upgrades_the_earlier_demo_page_but_keeps_an_editors(seeded):
    script = (
        "from demo import seeding\n"
        "from home.models import HomePage\n"
        "def body(): return [b.block_type for b in HomePage.objects.get().body]\n"
        "page = HomePage.objects.get()\n"
        "page.body = [b for b in seeding.HOME_BODY if b[0] in ('heading', 'paragraph')]\n"  # an earlier seed
        "page.save_revision().publish()\n"
        "seeding.ensure_home_page()\n"
        "assert 'voting_list' in body(), body()\n"
        "page = HomePage.objects.get()\n"
        "page.body = [('heading', 'Our own home page')]\n"
        "page.save_revision().publish()\n"
        "seeding.ensure_home_page()\n"
        "assert body() == ['heading'], body()\n"
        "print('ok')\n"
    )
    assert manage(seeded, "shell", "--no-imports", "-c", script).stdout.strip() == "ok"
