"""Pieces of admin form posts shared by the tests."""

from django import forms

from registry.partial_dates import PRECISION_SUFFIX, DatePrecision, partial_date_fields

ATTACHMENTS_PREFIX = "registry-attachment-content_type-object_id"
NO_ATTACHMENTS = {f"{ATTACHMENTS_PREFIX}-TOTAL_FORMS": "0", f"{ATTACHMENTS_PREFIX}-INITIAL_FORMS": "0"}


def known_to_the_day(model, prefix=""):
    """The precision fields a model's admin form posts beside its dates, each date known to the day."""
    return {f"{prefix}{name}{PRECISION_SUFFIX}": DatePrecision.DAY for name in partial_date_fields(model)}


def form_values(form):
    """What a browser would post for `form` as it was rendered, untouched by the person."""
    data = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field, forms.FileField) or bound.field.disabled or value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = str(value)
    return data


def page_form_data(response):
    """The post of an admin change (or history) page as rendered: its form and every inline formset."""
    data = form_values(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(form_values(formset.management_form))
        for form in formset.forms:
            data.update(form_values(form))
    return data
