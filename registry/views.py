from django.core.exceptions import PermissionDenied
from django.http import FileResponse
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
