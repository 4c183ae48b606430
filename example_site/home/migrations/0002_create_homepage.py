"""Replace Wagtail's default "Welcome" page with a HomePage at the site root."""

from django.conf import settings
from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")

    welcome = Page.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page", depth=2, slug="home"
    ).first()
    if welcome is None and Page.objects.filter(depth=2).exists():
        return  # the site already has its own pages: leave them alone
    locale = welcome.locale if welcome is not None else Locale.objects.order_by("pk").first()
    if welcome is not None:
        welcome.delete()  # its Site row goes with it

    homepage_type, _created = ContentType.objects.get_or_create(app_label="home", model="homepage")
    homepage = HomePage.objects.create(
        title="Acme Analytics",
        draft_title="Acme Analytics",
        slug="home",
        content_type=homepage_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
    )
    Site.objects.create(
        hostname="localhost", port=80, site_name=getattr(settings, "WAGTAIL_SITE_NAME", ""),
        root_page=homepage, is_default_site=True,
    )


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("home", "HomePage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage.objects.filter(slug="home", depth=2).delete()
    ContentType.objects.filter(app_label="home", model="homepage").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
