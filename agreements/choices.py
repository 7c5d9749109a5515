from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementKind(models.TextChoices):
    TWINNING = "twinning", _("twinning")
    PARTNERSHIP = "partnership", _("city partnership")
    HONORARY_TITLE = "honorary_title", _("Honorary Twin City title")
    SECTORAL = "sectoral", _("sectoral")


class AgreementStatus(models.TextChoices):
    NEGOTIATION = "negotiation", _("in negotiation")
    APPROVED = "approved", _("approved")
    IN_FORCE = "in_force", _("in force")
    SUSPENDED = "suspended", _("suspended")
    TERMINATED = "terminated", _("terminated")


class Succession(models.TextChoices):
    """How an agreement follows an earlier one with the same city."""

    RENEWAL = "renewal", _("renews it")
    REPLACEMENT = "replacement", _("replaces it")
    AMENDMENT = "amendment", _("amends it")
    NOT_RECORDED = "not_recorded", _("follows it (how is not recorded)")


class Sector(models.TextChoices):
    ENVIRONMENT = "environment", _("environmental protection")
    CULTURE = "culture", _("culture")
    EDUCATION = "education", _("education")
    ECONOMY = "economy", _("economy")
    TOURISM = "tourism", _("tourism")
    SPORT = "sport", _("sport")
    HEALTH = "health", _("health")
    SOCIAL_POLICY = "social_policy", _("social policy")
    TRANSPORT = "transport", _("transport")
    URBAN_DEVELOPMENT = "urban_development", _("urban development")


class WorkingDocumentKind(models.TextChoices):
    """The council's text lists working documents "such as" these; `other` takes its own name, and cooperation
    may go on with no signed document at all."""

    JOINT_STATEMENT = "joint_statement", _("joint statement")
    DECLARATION = "declaration", _("declaration")
    PROTOCOL = "protocol", _("protocol")
    LETTER_OF_INTENT = "letter_of_intent", _("letter of intent")
    MEMORANDUM = "memorandum", _("memorandum")
    COOPERATION_PROGRAMME = "cooperation_programme", _("cooperation programme")
    OTHER = "other", _("other working document")
    NO_DOCUMENT = "no_document", _("cooperation without a signed document")


# Statuses of an agreement that has been signed: it needs its signing date, and only then may it be public.
SIGNED_STATUSES = [AgreementStatus.IN_FORCE, AgreementStatus.SUSPENDED, AgreementStatus.TERMINATED]
# Statuses of an agreement in effect: at most one of a kind with a city at a time.
IN_EFFECT_STATUSES = [AgreementStatus.IN_FORCE, AgreementStatus.SUSPENDED]
