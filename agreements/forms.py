"""The forms of the agreement lifecycle's transitions and of starting an agreement from a document."""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.utils.translation import gettext_lazy as _

from registry.models import TEXT_MAX_LENGTH, council_resolution_number_validator

from . import services
from .choices import AgreementKind, AgreementStatus, Sector


def date_field(label):
    return forms.DateField(label=label, widget=AdminDateWidget)


class TransitionForm(forms.Form):
    """Asks what a transition needs, then applies its service to each selected agreement."""

    title = ""
    service = None

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.agreements = agreements

    def apply(self, agreement, user):
        return type(self).service(agreement=agreement, user=user, **self.cleaned_data)


class ResolutionFields(forms.Form):
    resolution_number = forms.CharField(
        label=_("City Council resolution number"),
        max_length=24,
        validators=[council_resolution_number_validator],
        help_text=_("For example XII/123/91."),
    )
    resolution_date = date_field(_("City Council resolution date"))


class ApproveForm(TransitionForm, ResolutionFields):
    title = _("Approve by a City Council resolution")
    service = services.agreement_approve


class BringIntoForceForm(TransitionForm):
    title = _("Record the signing: the agreement comes into force")
    service = services.agreement_bring_into_force
    signed_on = date_field(_("signed on"))
    signatories = forms.CharField(label=_("signatories"), max_length=300, required=False)


class SuspendForm(TransitionForm, ResolutionFields):
    title = _("Suspend the cooperation")
    service = services.agreement_suspend
    suspended_on = date_field(_("suspended on"))
    reason = forms.CharField(label=_("reason"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea)
    field_order = ["suspended_on", "reason", "resolution_number", "resolution_date"]


class ResumeForm(TransitionForm):
    title = _("Resume the cooperation: the agreement is in force again")
    service = services.agreement_resume
    resumed_on = date_field(_("resumed on"))
    reason = forms.CharField(
        label=_("reason"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea, required=False
    )


class TerminateForm(TransitionForm):
    title = _("Terminate the agreement")
    service = services.agreement_terminate
    terminated_on = date_field(_("terminated on"))
    reason = forms.CharField(
        label=_("reason for termination"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea
    )
    act = forms.CharField(
        label=_("act that ended it"),
        max_length=300,
        help_text=_("The City Council's resolution (its number and date), or the notice that ended it."),
    )


def transition_form_class(agreement, to_status):
    """The form that moves this agreement to `to_status`, or None if the lifecycle does not allow it."""
    if to_status not in services.agreement_next_statuses(agreement):
        return None
    if to_status == AgreementStatus.IN_FORCE:
        return ResumeForm if agreement.status == AgreementStatus.SUSPENDED else BringIntoForceForm
    return {
        AgreementStatus.APPROVED: ApproveForm,
        AgreementStatus.SUSPENDED: SuspendForm,
        AgreementStatus.TERMINATED: TerminateForm,
    }[to_status]


class StartAgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=AgreementKind.choices)
    sector = forms.ChoiceField(
        label=_("sector"), choices=[("", "---------"), *Sector.choices], required=False
    )
