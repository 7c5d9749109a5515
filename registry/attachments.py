"""Documents attached to registry records: judged by their whole content, kept under names the registry gives
them, outside any public URL."""

import io
import os
import threading
from contextlib import contextmanager

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile
from pypdf import PdfReader

PDF = "application/pdf"
# The Pillow format that each accepted image type must open as.
IMAGE_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/tiff": "TIFF"}
EXTENSIONS = {PDF: "pdf", "image/png": "png", "image/jpeg": "jpg", "image/tiff": "tif"}

NOT_A_DOCUMENT = _("Only a PDF or a PNG, JPEG or TIFF image can be attached (checked by content).")
NOT_A_PDF = _(
    "The file begins like a PDF but does not open as one, or has no page: it is damaged, incomplete or "
    "something else in disguise."
)
NOT_AN_IMAGE = _(
    "The file begins like a PNG, JPEG or TIFF image but does not open as one: it is damaged, incomplete or "
    "something else in disguise."
)


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


def read_whole(upload):
    upload.seek(0)
    try:
        return upload.read()
    finally:
        upload.seek(0)


def opens_as_pdf(content):
    """Whether pypdf reads the document's whole page tree, and finds at least one page in it."""
    try:
        return len(list(PdfReader(io.BytesIO(content)).pages)) > 0
    # A parser fed bytes from outside may fail in any way; every failure means the bytes are no PDF.
    except Exception:
        return False


# WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on for the whole process when it is imported, and Pillow
# then decodes a scan cut short without a word. Scans are judged with it off, one at a time.
STRICT_DECODING = threading.Lock()


@contextmanager
def truncated_images_refused():
    with STRICT_DECODING:
        lenient = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def opens_as_image(content, image_format):
    """Whether Pillow opens the bytes as an image of this format, verifies them and decodes every pixel."""
    try:
        with truncated_images_refused():
            with Image.open(io.BytesIO(content), formats=[image_format]) as image:
                image.verify()
            # verify() reads the structure without decoding; a scan cut short shows only when decoded.
            with Image.open(io.BytesIO(content), formats=[image_format]) as image:
                image.load()
    except Exception:
        return False
    return True


def document_type(upload):
    """The media type of a PDF or a scan image, read from its bytes, which must open as that type.

    Raises ValidationError with the reason otherwise: a type other than these, or bytes that begin like
    one of them and are something else (a web page behind a PDF header) or are damaged.
    """
    content = read_whole(upload)
    try:
        media_type = puremagic.from_string(content, mime=True)
    except puremagic.PureError:
        media_type = None
    if media_type == PDF:
        if not opens_as_pdf(content):
            raise ValidationError(NOT_A_PDF, code="not_a_pdf")
    elif media_type in IMAGE_FORMATS:
        if not opens_as_image(content, IMAGE_FORMATS[media_type]):
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image")
    else:
        raise ValidationError(NOT_A_DOCUMENT, code="file_type")
    return media_type


def detect_document_type(upload):
    """The content type of a PDF or a scan image that opens as one; None for anything else."""
    try:
        return document_type(upload)
    except ValidationError:
        return None


def validate_document(upload):
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(limit)d MB.")
            % {"limit": settings.ATTACHMENT_MAX_BYTES // 2**20}
        )
    document_type(upload)


def registry_file_name(storage, *, folder, record_slug, kind, media_type):
    """`<folder>/<record>-<kind>-<n>.<extension of the detected type>`, n the first number not yet taken.

    The uploaded name and extension are never used: a PDF sent as `poly.html` is kept and served as a `.pdf`.
    """
    stem = f"{folder}/{record_slug}-{kind.replace('_', '-')}"
    extension = EXTENSIONS.get(media_type, "bin")
    number = 1
    while storage.exists(f"{stem}-{number}.{extension}"):
        number += 1
    return f"{stem}-{number}.{extension}"


def attachment_upload_to(attachment, uploaded_name):
    """Where an upload is kept: the year's folder, under the registry's name for it (Attachment.save has
    already read its type)."""
    return registry_file_name(
        attachment.file.storage,
        folder=f"attachments/{timezone.localdate().year}",
        record_slug=attachment.record.slug,
        kind=attachment.kind,
        media_type=attachment.media_type,
    )
