"""tests.settings (plus the test page app, where tests/settings.py does not list it yet), on its own test database.

Run: pytest --ds=tests.blocks.settings_local tests/blocks
"""

from tests.settings import *
from tests.settings import DATABASES, INSTALLED_APPS

if "tests.testapp" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]

# Own test databases, so these runs never collide with the rest of the suite's.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-run-blocks.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": "test_wagtail_feedback_blocks"}
