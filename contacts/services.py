"""The GDPR tools for people: what the registry holds on a person (Art. 15), and erasing (Art. 17) or
anonymising them, their history and every mention of them included. See docs/people-and-privacy.md."""

import getpass
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_history_model_for_model

from .selectors import (
    mention_pattern,
    person_history,
    person_history_m2m_models,
    person_history_relations,
    person_mentions,
    person_terms,
    written_forms,
)

# The erasures and anonymisations themselves: who, when, which record; never the person's data.
logger = logging.getLogger("contacts.privacy")

ERASED_PERSON = _("[erased person]")
ANONYMISED_PERSON = _("[anonymised person]")
# The person's own fields that anonymising empties (the name becomes ANONYMISED_PERSON, the identifier
# "anonymised-<n>"). The role goes too: with the organisation it singles a person out (an office's head).
ANONYMISED_FIELDS = {
    "position": "",
    "email": "",
    "phone": "",
    "languages": "",
    "notes": "",
    "lawful_basis_note": "",
    "sources": [],
    "placeholders": [],
}
RELATIONS = ("cities", "agreements", "projects", "associations")
BODIES = ("agency", "diplomatic_post", "polish_organisation")
HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


def _record(instance):
    """A related record as the export names it: its identifier and its name."""
    return None if instance is None else {"id": instance.slug, "name": str(instance)}


def _terms(contact):
    """The person's terms (person_terms), but not the neutral texts: erasing a person anonymised before
    leaves the others anonymised."""
    neutral = {gettext(ERASED_PERSON), gettext(ANONYMISED_PERSON)}
    return [term for term in person_terms(contact) if term not in neutral]


def _iso(partial_date):
    """A date at its precision as the exchange format writes it: 2025-05-12, 2025-05 or 2025."""
    return partial_date.isoformat() if partial_date else None


def _own_fields(instance, model):
    """The person's own fields (not the relations, not the history's bookkeeping) of a record or version."""
    return {
        field.name: field.value_from_object(instance)
        for field in model._meta.concrete_fields
        if not field.is_relation and not field.name.startswith("history_") and field.name != "id"
    }


def person_export(*, contact):
    """Everything the registry holds on the person, as a JSON-ready dict: a data subject access request's
    answer (Art. 15 GDPR), for staff to review before it goes out (a mention may name others too)."""
    person = _own_fields(contact, type(contact))
    person.update({name: [_record(item) for item in getattr(contact, name).all()] for name in RELATIONS})
    person.update({name: _record(getattr(contact, name)) for name in BODIES})
    history_model = get_history_model_for_model(type(contact))
    versions = list(person_history(contact))
    history = [
        {
            "date": version.history_date,
            "change": HISTORY_TYPES[version.history_type],
            "by": version.history_user.get_username() if version.history_user else None,
            "reason": version.history_change_reason,
            **_own_fields(version, history_model),
            **{name: _record(getattr(version, name)) for name in BODIES},
            **{
                name: [_record(item) for item in related]
                for name, related in person_history_relations(version).items()
            },
        }
        for version in versions
    ]
    # The person's record and versions are given whole above.
    own = {(type(contact), contact.pk), *((history_model, version.pk) for version in versions)}
    mentions = {}
    for mention in person_mentions(_terms(contact)):
        if (mention.model, mention.pk) in own:
            continue
        rows = mentions.setdefault(mention.model._meta.label_lower, {})
        row = rows.setdefault(mention.pk, {"pk": mention.pk, "id": mention.slug, "fields": {}})
        row["fields"][mention.field.name] = mention.value
    return {
        "exported_at": timezone.now(),
        "person": person,
        "history": history,
        "visits": [
            {
                "id": visit.slug,
                "title": visit.title,
                "direction": visit.direction,
                "starts_on": _iso(visit.known_date("starts_on")),
                "ends_on": _iso(visit.known_date("ends_on")),
                "cities": [_record(city) for city in visit.cities.all()],
            }
            for visit in contact.visits.prefetch_related("cities")
        ],
        **{
            name: [
                {
                    "id": letter.slug,
                    "subject": letter.subject,
                    "dated": letter.dated,
                    "reference_number": letter.reference_number,
                }
                for letter in getattr(contact, name).all()
            ]
            for name in ("letters_sent", "letters_received")
        },
        "mentions": {label: list(rows.values()) for label, rows in sorted(mentions.items())},
    }


@dataclass
class PersonErasure:
    """What erasing or anonymising a person changed, or in a dry run would change: no personal data."""

    contact_id: int
    # The identifier, unless it spells the person's name or address (anna-nowak): then None.
    slug: str | None
    anonymised: bool
    dry_run: bool
    by: str = ""
    at: object = None
    history_rows: int = 0
    history_relation_rows: int = 0
    visits: list = field(default_factory=list)
    letters: list = field(default_factory=list)
    letters_named_neutrally: list = field(default_factory=list)
    # (model label, field name): how many rows mentioned the person there.
    mentions: Counter = field(default_factory=Counter)


def _replaced(value, pattern, text):
    if isinstance(value, str):
        return pattern.sub(text, value)
    if isinstance(value, dict):
        return {_replaced(key, pattern, text): _replaced(item, pattern, text) for key, item in value.items()}
    if isinstance(value, list):
        return [_replaced(item, pattern, text) for item in value]
    return value


def _replace_mentions(terms, text, erasure):
    """Every mention of the terms, in every text column of every row, becomes `text`."""
    pattern = mention_pattern(written_forms(terms)) if terms else None
    changes = {}
    for mention in person_mentions(terms):
        # An identifier stays one, and unique: "call-anna-nowak" becomes "call-erased-<its number>".
        neutral = f"erased-{mention.pk}" if isinstance(mention.field, models.SlugField) else text
        new = _replaced(mention.value, pattern, neutral)
        if isinstance(new, str) and mention.field.max_length:
            # Rarely the neutral text is longer than the name it replaces, in a column already full.
            new = new[: mention.field.max_length]
        changes.setdefault((mention.model, mention.pk), {})[mention.field.name] = new
        erasure.mentions[(mention.model._meta.label_lower, mention.field.name)] += 1
    for (model, pk), values in changes.items():
        # An update, not save(): a historical row is corrected in place, and no new version keeps the text.
        model._base_manager.filter(pk=pk).update(**values)


def _erasure(contact, terms, *, anonymised, dry_run):
    """The erasure's record, begun: which record, by its number, and by its identifier where that does not
    spell the person's name or address, so that the record itself keeps no personal data."""
    words = {slugify(word.casefold()) for term in terms for word in re.split(r"\W+", term)} - {""}
    slug = None if words & set(contact.slug.split("-")) else contact.slug
    return PersonErasure(contact_id=contact.pk, slug=slug, anonymised=anonymised, dry_run=dry_run)


def _log(erasure, user):
    # Without a staff member (on the command line), the system login that ran it.
    erasure.by = user.get_username() if user else getpass.getuser()
    erasure.at = timezone.now()
    if not erasure.dry_run:
        logger.info(
            "person %s (%s) %s by %s at %s",
            erasure.contact_id,
            erasure.slug or "-",
            "anonymised" if erasure.anonymised else "erased",
            erasure.by,
            erasure.at.isoformat(timespec="seconds"),
        )
    return erasure


@transaction.atomic
def person_erase(*, contact, user=None, dry_run=False):
    """Erase the person (Art. 17 GDPR): their record, every version of it, their place among visits' members
    and letters' parties, and every mention of their names, addresses and numbers anywhere, in one
    transaction. A letter left naming no sender or recipient names ERASED_PERSON instead, so it keeps its
    rules. With `dry_run`, everything is done and then rolled back: the result tells what would change."""
    contact = type(contact).objects.select_for_update().get(pk=contact.pk)
    text = gettext(ERASED_PERSON)
    terms = _terms(contact)
    erasure = _erasure(contact, terms, anonymised=False, dry_run=dry_run)
    erasure.visits = list(contact.visits.values_list("slug", flat=True))
    for relation, party in (("letters_sent", "sender"), ("letters_received", "recipient")):
        letters = getattr(contact, relation)
        erasure.letters += letters.values_list("slug", flat=True)
        unnamed = letters.filter(**{party: ""})
        erasure.letters_named_neutrally += unnamed.values_list("slug", flat=True)
        unnamed.update(**{party: text})
    contact_id = contact.pk
    # Deleting records one more version (a deletion): the versions go after it.
    contact.delete()
    versions = get_history_model_for_model(type(contact)).objects.filter(id=contact_id)
    for m2m_model in person_history_m2m_models().values():
        erasure.history_relation_rows += m2m_model.objects.filter(history__in=versions).delete()[0]
    erasure.history_rows = versions.delete()[0]
    _replace_mentions(terms, text, erasure)
    if dry_run:
        transaction.set_rollback(True)
    return _log(erasure, user)


@transaction.atomic
def person_anonymise(*, contact, user=None, dry_run=False):
    """Anonymise the person: the record stays with its relations and bodies ("a contact at the City of
    Leipzig"), but its name, identifier, address, number, role, languages, notes and sources go, from every
    version of it too, and every mention of them elsewhere reads ANONYMISED_PERSON. With `dry_run`, rolled
    back as in person_erase."""
    contact = type(contact).objects.select_for_update().get(pk=contact.pk)
    text = gettext(ANONYMISED_PERSON)
    terms = _terms(contact)
    erasure = _erasure(contact, terms, anonymised=True, dry_run=dry_run)
    anonymous = {"full_name": text, "slug": f"anonymised-{contact.pk}", **ANONYMISED_FIELDS}
    for name, value in anonymous.items():
        setattr(contact, name, value)
    contact.full_clean()
    if user is not None:
        contact._history_user = user  # django-simple-history's way to name who made a version
    contact.save()
    # The earlier versions keep the person's bookkeeping (who changed what when), not their data.
    erasure.history_rows = contact.history.update(**anonymous)
    _replace_mentions(terms, text, erasure)
    if dry_run:
        transaction.set_rollback(True)
    return _log(erasure, user)
