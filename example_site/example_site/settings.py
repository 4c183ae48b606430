"""Settings of the example site: a Wagtail project with wagtail_feedback installed.

Everything that differs between a laptop, CI and a benchmark box comes from the
environment:

``DATABASE_URL``
    PostgreSQL (or any dj-database-url URL) instead of the default SQLite file
    ``example_site/db.sqlite3``.
``FEEDBACK_TASKS=db``
    Run background tasks (notification e-mails) through django-tasks-db's
    ``DatabaseBackend``; start a worker with ``manage.py db_worker``. The default
    runs them at once, in the web process.
``WAGTAILADMIN_BASE_URL``
    Public address of the site, used for absolute links in e-mails and in
    ``manage.py demo_link`` (default ``http://127.0.0.1:8000``).
``DJANGO_SECRET_KEY``, ``DJANGO_DEBUG``, ``DJANGO_ALLOWED_HOSTS``
    The usual; the defaults are for local use only.
``FEEDBACK_TOKEN_AUDIENCE``
    The ``aud`` host tokens must carry (default ``wagtail-feedback``).
"""

import os
from pathlib import Path

# example_site/ (the folder holding manage.py).
BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR / "example_site"


def env_flag(name, default):
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "example-site-development-key-not-for-production-use"
)
DEBUG = env_flag("DJANGO_DEBUG", True)
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver").split(",")
    if host.strip()
]

# --------------------------------------------------------------------------
# Database
# --------------------------------------------------------------------------

DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    import dj_database_url

    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            # IMMEDIATE transactions and WAL: concurrent votes never fail with
            # "database is locked" (see docs/install.md).
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
ON_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

# --------------------------------------------------------------------------
# Applications
# --------------------------------------------------------------------------

INSTALLED_APPS = [
    "home",
    "demo",
    "wagtail_feedback",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
if ON_POSTGRES:
    # Full-text search for Wagtail's database search backend.
    INSTALLED_APPS.append("django.contrib.postgres")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "example_site.urls"
WSGI_APPLICATION = "example_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Shared by every app process (sessions live in the database too), so several
# processes behind a load balancer behave as one. `manage.py createcachetable`.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "example_site_cache",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --------------------------------------------------------------------------
# Languages
# --------------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ja", "日本語")]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True
WAGTAIL_I18N_ENABLED = False

# --------------------------------------------------------------------------
# Static and media files
# --------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --------------------------------------------------------------------------
# E-mail and background tasks
# --------------------------------------------------------------------------

# Notification e-mails are printed on the runserver console.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = "Acme Analytics feedback <feedback@acme-analytics.example>"

if os.environ.get("FEEDBACK_TASKS", "").strip().lower() == "db":
    INSTALLED_APPS.append("django_tasks_db")
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# --------------------------------------------------------------------------
# Wagtail
# --------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Acme Analytics"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]

# --------------------------------------------------------------------------
# wagtail_feedback
# --------------------------------------------------------------------------

WAGTAIL_FEEDBACK = {
    "TOKEN_AUDIENCE": os.environ.get("FEEDBACK_TOKEN_AUDIENCE", "wagtail-feedback"),
}

# The demo's signing key: `manage.py seed_demo` stores it under kid "demo";
# the stand-in product page (/product/) and `manage.py demo_link` sign with it.
DEMO_SIGNING_KID = "demo"
DEMO_SIGNING_SECRET = os.environ.get("DEMO_SIGNING_SECRET", "demo-secret-change-me-please-0123456789")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "wagtail_feedback": {"handlers": ["console"], "level": "INFO"},
        # The immediate task backend logs every task it runs; keep the console readable.
        "django.tasks": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
