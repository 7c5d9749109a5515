"""The reads behind the GDPR tools: a person by identifier or address, their history, every mention of them.

A mention is searched for in every text column (CharField, TextField, JSONField) of every model Django knows,
historical models and Django's own (the admin's log) included, so that a model added later is searched too.
"""

import json
import re
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from simple_history.utils import get_history_model_for_model, get_m2m_reverse_field_name

from .models import Contact

# What identifies a person wherever it is written: their name, e-mail address and telephone number.
IDENTIFYING_FIELDS = ("full_name", "email", "phone")
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def person_find(*, slug=None, email=None):
    """The people with this identifier, or with this e-mail address (in any case) now or in their history."""
    if slug is not None:
        return Contact.objects.filter(slug=slug)
    earlier = get_history_model_for_model(Contact).objects.filter(email__iexact=email).values("id")
    return Contact.objects.filter(Q(email__iexact=email) | Q(pk__in=earlier))


def person_history(contact):
    """Every recorded version of the person, the earliest first, with who made it."""
    return contact.history.order_by("history_date", "history_id").select_related(
        "history_user", "agency", "diplomatic_post", "polish_organisation"
    )


def person_history_m2m_models():
    """The tables in which the person's history keeps their relations at each version (cities, agreements …),
    by relation: the tables that point at the person's versions, each told by the record it relates to, so a
    relation added later is found too."""
    history_model = get_history_model_for_model(Contact)
    tables = [rel.related_model for rel in history_model._meta.related_objects]
    found = {}
    for field in Contact._meta.many_to_many:
        target = get_m2m_reverse_field_name(field)
        for table in tables:
            if any(column.name == target for column in table._meta.get_fields()):
                found[field] = table
    return found


def person_history_relations(version):
    """The records one version of the person was related to, by relation name."""
    related = {}
    for field in person_history_m2m_models():
        target = get_m2m_reverse_field_name(field)
        rows = getattr(version, field.name).select_related(target)
        related[field.name] = [getattr(row, target) for row in rows]
    return related


def person_terms(contact):
    """How a mention of the person reads: each name, e-mail address and telephone number they have or had."""
    versions = [{name: getattr(contact, name) for name in IDENTIFYING_FIELDS}]
    versions += contact.history.values(*IDENTIFYING_FIELDS)
    return sorted({value.strip() for version in versions for value in version.values() if value.strip()})


def written_forms(terms):
    """The terms as text has them, as JSON escapes their non-ASCII letters ("W\u00f3jcik": SQLite's JSON
    columns and the admin's log of changes keep them so), and a name as an identifier spells it
    ("call-anna-nowak", prefilled from a title)."""
    escaped = [json.dumps(term)[1:-1] for term in terms]
    slugs = [slugify(term) for term in terms if " " in term.strip() and "@" not in term]
    return sorted(set(terms) | set(escaped) | {slug for slug in slugs if "-" in slug})


def mention_pattern(terms):
    """Any of the terms as a whole word, in any case: "Anna Nowak" is not found in "Anna Nowakowska".

    The longest terms come first, so that one that contains another is replaced whole.
    """
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A text column of one row that mentions the person: the row's model, primary key and slug (if it has
    one), the field and its whole value (text, or JSON)."""

    model: type[models.Model]
    pk: Any
    slug: str | None
    field: models.Field
    value: Any


def searched_models():
    """Every model with a table of its own: the registry's, their histories, and Django's."""
    return [model for model in apps.get_models() if model._meta.managed and not model._meta.proxy]


def searched_fields(model):
    person_models = {Contact, get_history_model_for_model(Contact)}
    fields = [field for field in model._meta.local_concrete_fields if isinstance(field, TEXT_FIELDS)]
    if model in person_models:
        # Another person's own name, address or number is theirs, even where it is the same (an office's
        # line); the person's own are not mentions but their record, erased or anonymised as a whole.
        fields = [field for field in fields if field.name not in IDENTIFYING_FIELDS]
    return fields


def person_mentions(terms):
    """Every text column of every row, in every model, that mentions one of the terms (person_terms).

    The database picks the rows that contain a term anywhere; the pattern then keeps whole words only.
    """
    if not terms:
        return []
    terms = written_forms(terms)
    pattern = mention_pattern(terms)
    found = []
    for model in searched_models():
        fields = searched_fields(model)
        condition = Q()
        for field in fields:
            for term in terms:
                # A regular expression, not LIKE, whose case folding on SQLite knows ASCII letters only
                # ("PAWEŁ" for "Paweł").
                condition |= Q(**{f"{field.name}__iregex": re.escape(term)})
        if not condition:
            continue
        has_slug = any(field.name == "slug" for field in fields)
        columns = ["pk", *(field.name for field in fields)]
        for row in model._base_manager.filter(condition).order_by("pk").values(*columns):
            for field in fields:
                value = row[field.name]
                if isinstance(field, models.JSONField):
                    value_text = json.dumps(value, ensure_ascii=False)
                else:
                    value_text = value or ""
                if pattern.search(value_text):
                    slug = row["slug"] if has_slug else None
                    found.append(Mention(model, row["pk"], slug, field, value))
    return found
