"""Apps, product areas and tags: the catalogue product staff classify requests with (P4)."""

from django.db import transaction

from ..models import App, ProductArea, Tag


def _save(actor, instance, codename, values):
    actor.require(codename)
    for field, value in values.items():
        setattr(instance, field, value)
    instance.full_clean()
    instance.save()
    return instance


@transaction.atomic
def create_app(actor, *, name, slug):
    return _save(actor, App(), "add_app", {"name": name, "slug": slug})


@transaction.atomic
def update_app(actor, app, *, name, slug):
    return _save(actor, app, "change_app", {"name": name, "slug": slug})


@transaction.atomic
def delete_app(actor, app):
    """Delete an app; its areas and requests keep existing without one."""
    actor.require("delete_app")
    app.delete()


@transaction.atomic
def create_area(actor, *, name, slug, app=None):
    return _save(actor, ProductArea(), "add_productarea", {"name": name, "slug": slug, "app": app})


@transaction.atomic
def update_area(actor, area, *, name, slug, app=None):
    return _save(actor, area, "change_productarea", {"name": name, "slug": slug, "app": app})


@transaction.atomic
def delete_area(actor, area):
    """Delete a product area; its requests keep existing without one."""
    actor.require("delete_productarea")
    area.delete()


@transaction.atomic
def create_tag(actor, *, name):
    return _save(actor, Tag(), "add_tag", {"name": name})


@transaction.atomic
def update_tag(actor, tag, *, name):
    return _save(actor, tag, "change_tag", {"name": name})


@transaction.atomic
def delete_tag(actor, tag):
    actor.require("delete_tag")
    tag.delete()
