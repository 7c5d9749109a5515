"""Writes that touch several records: the agreement lifecycle and starting an agreement from a document.

Every transition is a service: keyword-only, atomic, validated by the models' own rules, and recorded as an
`AgreementTransition` with who did it and when.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from registry.integrity import constraint_message

from .choices import IN_EFFECT_STATUSES, AgreementKind, AgreementStatus, Succession
from .models import Agreement, AgreementTransition

Status = AgreementStatus

# The lifecycle the City Council's rules allow: negotiation → approved (by a resolution) → in force
# (signed) ⇄ suspended, and in force or suspended → terminated. Every kind, sectoral included, is the
# council's to conclude (its foreign-policy resolution), so every one passes through its approval.
NEXT_STATUSES = {
    Status.NEGOTIATION: [Status.APPROVED],
    Status.APPROVED: [Status.IN_FORCE],
    Status.IN_FORCE: [Status.SUSPENDED, Status.TERMINATED],
    Status.SUSPENDED: [Status.IN_FORCE, Status.TERMINATED],
    Status.TERMINATED: [],
}


def agreement_next_statuses(agreement):
    """The statuses this agreement may move to next."""
    return list(NEXT_STATUSES[agreement.status])


def _transition(
    *,
    agreement,
    to_status,
    user,
    effective_on,
    reason="",
    resolution_number="",
    resolution_date=None,
    changes=None,
):
    """Move the agreement on, after checking the move is allowed and the result obeys every rule."""
    with transaction.atomic():
        agreement = (
            Agreement.objects.select_for_update(of=("self",)).select_related("city").get(pk=agreement.pk)
        )
        from_status = agreement.status
        if to_status not in agreement_next_statuses(agreement):
            raise ValidationError(
                _("An agreement that is %(from)s cannot become %(to)s; it can next become: %(allowed)s.")
                % {
                    "from": agreement.get_status_display(),
                    "to": Status(to_status).label,
                    "allowed": ", ".join(str(Status(s).label) for s in agreement_next_statuses(agreement))
                    or _("nothing (a terminated agreement stays in the registry as it is)"),
                }
            )
        if effective_on > timezone.localdate():
            raise ValidationError(_("A transition cannot take effect in the future."))
        if to_status == Status.IN_FORCE and from_status == Status.APPROVED:
            _end_predecessor(agreement, signed_on=effective_on, user=user)
        elif to_status == Status.TERMINATED:
            _end_amendments(agreement, terminated_on=effective_on, user=user)
        agreement.status = to_status
        for field, value in (changes or {}).items():
            setattr(agreement, field, value)
        if to_status == Status.APPROVED:
            agreement.resolution_number, agreement.resolution_date = resolution_number, resolution_date
        elif to_status == Status.IN_FORCE and from_status != Status.SUSPENDED:
            agreement.signed_on = effective_on
        elif to_status == Status.TERMINATED:
            agreement.terminated_on, agreement.termination_reason = effective_on, reason
        agreement.full_clean()
        step = AgreementTransition(
            agreement=agreement,
            from_status=from_status,
            to_status=to_status,
            effective_on=effective_on,
            reason=reason,
            resolution_number=resolution_number,
            resolution_date=resolution_date,
            recorded_by=user,
        )
        step.full_clean(exclude=["agreement"])
        try:
            agreement.save()
        except IntegrityError as error:
            raise ValidationError(constraint_message(error)) from None
        step.save()
        if to_status == Status.APPROVED:
            # The council has now concluded what the Mayor's working documents prepared.
            for document in agreement.drafted_from.filter(formalized_by=None).select_related("city"):
                document.formalized_by = agreement
                document.full_clean()
                document.save()
    return agreement


ENDED_BY_SUCCESSOR = {
    Succession.RENEWAL: _("Renewed by the agreement %(successor)s, signed on %(signed_on)s."),
    Succession.REPLACEMENT: _("Replaced by the agreement %(successor)s, signed on %(signed_on)s."),
    Succession.NOT_RECORDED: _("Followed by the agreement %(successor)s, signed on %(signed_on)s."),
}


def _end_predecessor(agreement, *, signed_on, user):
    """A renewal or a replacement takes the place of the agreement it follows the day it is signed: that one
    ends then, with the successor as the act that ended it (an amendment leaves it in force)."""
    earlier = agreement.follows
    if earlier is None or agreement.follows_as == Succession.AMENDMENT or earlier.status == Status.TERMINATED:
        return
    text = ENDED_BY_SUCCESSOR[agreement.follows_as] % {"successor": agreement.slug, "signed_on": signed_on}
    agreement_terminate(agreement=earlier, terminated_on=signed_on, reason=text, act=text, user=user)


def _end_amendments(agreement, *, terminated_on, user):
    """An amendment is part of the agreement it amends and ends with it."""
    text = _("Ended with the agreement it amends, %(agreement)s.") % {"agreement": agreement.slug}
    for amendment in agreement.successors.filter(
        follows_as=Succession.AMENDMENT, status__in=IN_EFFECT_STATUSES
    ):
        agreement_terminate(
            agreement=amendment, terminated_on=terminated_on, reason=text, act=text, user=user
        )


def agreement_approve(*, agreement, resolution_number, resolution_date, user):
    """The City Council approves the agreement by a resolution."""
    return _transition(
        agreement=agreement,
        to_status=Status.APPROVED,
        user=user,
        effective_on=resolution_date,
        resolution_number=resolution_number,
        resolution_date=resolution_date,
    )


def agreement_bring_into_force(*, agreement, signed_on, signatories, user):
    """The agreement is signed and comes into force."""
    return _transition(
        agreement=agreement,
        to_status=Status.IN_FORCE,
        user=user,
        effective_on=signed_on,
        changes={"signatories": signatories},
    )


def agreement_suspend(*, agreement, suspended_on, reason, resolution_number="", resolution_date=None, user):
    """Cooperation is suspended, for a reason, by a resolution of the City Council that concluded it."""
    if not resolution_number:
        raise ValidationError(_("Suspending an agreement needs a City Council resolution."))
    return _transition(
        agreement=agreement,
        to_status=Status.SUSPENDED,
        user=user,
        effective_on=suspended_on,
        reason=reason,
        resolution_number=resolution_number,
        resolution_date=resolution_date,
    )


def agreement_resume(*, agreement, resumed_on, reason="", user):
    """A suspended agreement is in force again."""
    return _transition(
        agreement=agreement, to_status=Status.IN_FORCE, user=user, effective_on=resumed_on, reason=reason
    )


def agreement_terminate(*, agreement, terminated_on, reason, act, user):
    """The agreement ends; it stays in the registry, terminated, with its date, reason and the act that ended
    it."""
    return _transition(
        agreement=agreement,
        to_status=Status.TERMINATED,
        user=user,
        effective_on=terminated_on,
        reason=reason,
        changes={"termination_act": act},
    )


@transaction.atomic
def working_document_start_agreement(*, document, kind, sector="", user):
    """Start, in negotiation, the agreement that would formalize a working document, linked back to it."""
    base = slugify(f"{document.city.slug} {AgreementKind(kind).value}".replace("_", " "))
    slug, number = base, 1
    while Agreement.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    agreement = Agreement(
        slug=slug,
        city=document.city,
        kind=kind,
        sector=sector,
        status=Status.NEGOTIATION,
        is_public=document.is_public,
        notes=_("Started from the working document %(document)s.") % {"document": document.slug},
    )
    agreement.full_clean()
    try:
        agreement.save()
    except IntegrityError as error:
        raise ValidationError(constraint_message(error)) from None
    document.draft_agreement = agreement
    document.full_clean()
    document.save()
    return agreement
