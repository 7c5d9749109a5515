from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    CITY_OFFICE = "city_office", _("a partner city's office")
    ASSOCIATION = "association", _("an association")
    DIPLOMATIC_POST = "diplomatic_post", _("an embassy, consulate or cultural institute")
    AGENCY = "agency", _("an agency")
    POLISH_ORGANISATION = "polish_organisation", _("a Polish community organisation")
    KRAKOW = "krakow", _("a body of Krakow")
    OTHER = "other", _("another organisation")


class LawfulBasis(models.TextChoices):
    """The grounds of Article 6(1) of the GDPR on which the registry may hold a person's data."""

    CONSENT = "consent", _("consent (Art. 6(1)(a) GDPR)")
    CONTRACT = "contract", _("a contract (Art. 6(1)(b) GDPR)")
    LEGAL_OBLIGATION = "legal_obligation", _("a legal obligation (Art. 6(1)(c) GDPR)")
    PUBLIC_TASK = "public_task", _("a task in the public interest (Art. 6(1)(e) GDPR)")
    LEGITIMATE_INTERESTS = "legitimate_interests", _("legitimate interests (Art. 6(1)(f) GDPR)")
