"""Synonym sets: terms that mean the same when people look for a request (see docs/similarity.md).

They are read on every query, so a saved change applies to the next search at once; the
index needs no rebuild.
"""

from django.db import transaction

from ..models import SynonymSet


def _save(actor, synonym_set, codename, terms):
    actor.require(codename)
    synonym_set.terms = terms
    synonym_set.full_clean()
    synonym_set.save()
    return synonym_set


@transaction.atomic
def create_synonym_set(actor, *, terms):
    """A new set from ``terms`` (one per line or comma-separated; at least two different ones)."""
    return _save(actor, SynonymSet(), "add_synonymset", terms)


@transaction.atomic
def update_synonym_set(actor, synonym_set, *, terms):
    return _save(actor, synonym_set, "change_synonymset", terms)


@transaction.atomic
def delete_synonym_set(actor, synonym_set):
    actor.require("delete_synonymset")
    synonym_set.delete()
