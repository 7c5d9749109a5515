from django.apps import apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from .models import Attachment
from .permissions import may, staff_login_required


@staff_login_required
def attachment_download(request, name):
    """Serve an attached document to staff who may view the record it belongs to, and to nobody else."""
    attachment = get_object_or_404(Attachment.objects.select_related("content_type"), file=name)
    record = attachment.record
    if not request.user.is_staff or not may(request.user, "view", record._meta, record):
        raise PermissionDenied
    # The type read from the bytes and the name the registry gave the file, never what the uploader sent. The
    # browser must not second-guess the type: nosniff here whatever SECURE_CONTENT_TYPE_NOSNIFF says.
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.media_type or "application/octet-stream",
        filename=attachment.file.name.rsplit("/", 1)[-1],
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_login_required
def import_template_download(request, app_label, model_name, extension):
    """An empty spreadsheet to fill for the admin's import of a model, to whoever may import it (the model's
    admin decides: registry.admin.RegistryImportExportMixin)."""
    if not request.user.is_staff:
        raise PermissionDenied
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    model_admin = admin.site.get_model_admin(model) if admin.site.is_registered(model) else None
    if not hasattr(model_admin, "import_template_response"):
        raise Http404
    return model_admin.import_template_response(request, extension)
