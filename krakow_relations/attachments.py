"""Documents attached to registry records: checked by content, kept outside any public URL."""

import io
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

PDF = "application/pdf"
IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "TIFF": "image/tiff"}


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, reachable only through the view that checks permissions.

    The folder is read from the settings at each use, as Django's own storage follows MEDIA_ROOT: a test that
    points PRIVATE_MEDIA_ROOT elsewhere writes there, not into the registry's documents.
    """

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        return reverse("attachment_download", args=[name])


def detect_document_type(upload):
    """The content type of a PDF or a scan image, read from the bytes; None for anything else."""
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return PDF
    try:
        with Image.open(io.BytesIO(upload.read())) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(0)
    return IMAGE_TYPES.get(kind)


def validate_document(upload):
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(limit)d MB.")
            % {"limit": settings.ATTACHMENT_MAX_BYTES // 2**20}
        )
    if detect_document_type(upload) is None:
        raise ValidationError(
            _("Only a PDF or a PNG, JPEG or TIFF image can be attached (checked by content).")
        )
