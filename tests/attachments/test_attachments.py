"""Attached documents: a PDF or a scan, checked by content and size, served only to permitted staff."""

import datetime
import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter

from registry.models import Attachment
from registry.permissions import COUNCIL_MEMBERS
from tests.admin_forms import ATTACHMENTS_PREFIX
from tests.agreements.factories import AgreementFactory
from tests.agreements.test_admin import agreement_form

pytestmark = pytest.mark.django_db

WEB_PAGE = b"<html><body><script>alert(document.cookie)</script></body></html>"


def pdf_bytes(pages=1):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(image_format):
    """A scan of noise: a cut through its pixel data leaves the headers whole, as a transfer cut short does."""
    buffer = io.BytesIO()
    Image.effect_noise((64, 64), 50).convert("RGB").save(buffer, image_format)
    return buffer.getvalue()


PDF_BYTES = pdf_bytes()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def attach(client, agreement, name, content):
    form = agreement_form(agreement.city, slug=agreement.slug, kind="partnership")
    form.update(
        {
            f"{ATTACHMENTS_PREFIX}-TOTAL_FORMS": "1",
            f"{ATTACHMENTS_PREFIX}-0-kind": "signed_agreement",
            f"{ATTACHMENTS_PREFIX}-0-title": "Signed agreement",
            f"{ATTACHMENTS_PREFIX}-0-file": SimpleUploadedFile(name, content),
            "transitions-TOTAL_FORMS": "0",
            "transitions-INITIAL_FORMS": "0",
        }
    )
    form.pop("status")
    return client.post(f"/en/admin/agreements/agreement/{agreement.slug}/change/", form)


def registry_name(agreement, number, extension):
    return f"attachments/{timezone.localdate().year}/{agreement.slug}-signed-agreement-{number}.{extension}"


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("scan.pdf", PDF_BYTES, "application/pdf"),
        ("scan.png", image_bytes("PNG"), "image/png"),
        ("scan.jpg", image_bytes("JPEG"), "image/jpeg"),
        ("scan.tif", image_bytes("TIFF"), "image/tiff"),
    ],
)
def test_a_pdf_or_a_scan_is_kept_with_its_type_and_uploader(
    admin_client, admin_user, name, content, media_type
):
    agreement = AgreementFactory()

    response = attach(admin_client, agreement, name, content)

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.record, attachment.media_type, attachment.size, attachment.uploaded_by) == (
        agreement,
        media_type,
        len(content),
        admin_user,
    )


def test_a_file_is_judged_by_its_content_not_its_name(admin_client):
    response = attach(admin_client, AgreementFactory(), "agreement.pdf", WEB_PAGE)

    assert response.status_code == 200
    assert "Only a PDF or a PNG, JPEG or TIFF image can be attached" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_web_page_behind_a_pdf_header_is_refused(admin_client):
    response = attach(admin_client, AgreementFactory(), "agreement.pdf", b"%PDF-1.4\n" + WEB_PAGE)

    assert response.status_code == 200
    assert "begins like a PDF but does not open as one" in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "content",
    [PDF_BYTES[: len(PDF_BYTES) // 2], PDF_BYTES[:-40], b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"],
    ids=["cut-in-half", "cut-before-its-end", "no-document-inside"],
)
def test_a_damaged_pdf_is_refused(admin_client, content):
    response = attach(admin_client, AgreementFactory(), "agreement.pdf", content)

    assert "begins like a PDF but does not open as one" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_pdf_without_a_page_is_refused(admin_client):
    response = attach(admin_client, AgreementFactory(), "agreement.pdf", pdf_bytes(pages=0))

    assert "does not open as one, or has no page" in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.filterwarnings("ignore:Truncated File Read")
@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "TIFF"])
def test_a_scan_cut_short_is_refused(admin_client, image_format):
    scan = image_bytes(image_format)

    response = attach(admin_client, AgreementFactory(), "scan.img", scan[: len(scan) // 2])

    assert "begins like a PNG, JPEG or TIFF image but does not open as one" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_image_of_another_kind_is_refused(admin_client):
    response = attach(admin_client, AgreementFactory(), "scan.png", image_bytes("GIF"))

    assert "Only a PDF or a PNG, JPEG or TIFF image can be attached" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(admin_client, settings):
    settings.ATTACHMENT_MAX_BYTES = 10

    attach(admin_client, AgreementFactory(), "scan.pdf", PDF_BYTES)

    assert not Attachment.objects.exists()


class TestRegistryName:
    def test_a_pdf_uploaded_as_a_web_page_is_kept_under_the_registrys_name_for_a_pdf(
        self, admin_client, private_media
    ):
        agreement = AgreementFactory()

        attach(admin_client, agreement, "poly.html", PDF_BYTES)

        attachment = Attachment.objects.get()
        assert attachment.file.name == registry_name(agreement, 1, "pdf")
        assert (private_media / attachment.file.name).read_bytes() == PDF_BYTES
        assert not list(private_media.rglob("poly*"))

    @pytest.mark.parametrize(
        ("image_format", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("TIFF", "tif")]
    )
    def test_a_scan_takes_the_extension_of_its_detected_type(self, admin_client, image_format, extension):
        agreement = AgreementFactory()

        attach(admin_client, agreement, "scan.pdf", image_bytes(image_format))

        assert Attachment.objects.get().file.name == registry_name(agreement, 1, extension)

    def test_the_next_document_of_a_kind_takes_the_next_number(self, admin_client):
        agreement = AgreementFactory()

        attach(admin_client, agreement, "first.pdf", PDF_BYTES)
        attach(admin_client, agreement, "second.pdf", PDF_BYTES)

        assert [attachment.file.name for attachment in Attachment.objects.all()] == [
            registry_name(agreement, 1, "pdf"),
            registry_name(agreement, 2, "pdf"),
        ]

    def test_a_pdf_uploaded_as_a_web_page_is_served_as_a_pdf_under_the_registrys_name(self, admin_client):
        agreement = AgreementFactory()
        attach(admin_client, agreement, "poly.html", PDF_BYTES)

        response = admin_client.get(Attachment.objects.get().file.url)

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            f'inline; filename="{agreement.slug}-signed-agreement-1.pdf"'
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == PDF_BYTES


class TestAttachmentsOfTheFormerProjectApp:
    """The migration that moves attachments recorded under the project package's app (a table of its own, the
    uploaded file names) into the registry app, under the registry's names."""

    @pytest.fixture
    def stored(self, private_media):
        """Keep these files as they were kept then: in the former table, under the uploaded name."""
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TABLE krakow_relations_attachment (id integer PRIMARY KEY, content_type_id integer, "
                "object_id bigint, kind varchar(24), title varchar(200), file varchar(100), "
                "media_type varchar(40), size bigint, uploaded_at timestamp, uploaded_by_id integer)"
            )

        def store(agreement, *names):
            (private_media / "attachments/2024").mkdir(parents=True, exist_ok=True)
            content_type = ContentType.objects.get_for_model(agreement)
            with connection.cursor() as cursor:
                for number, name in enumerate(names, start=1):
                    (private_media / "attachments/2024" / name).write_bytes(PDF_BYTES)
                    cursor.execute(
                        "INSERT INTO krakow_relations_attachment VALUES "
                        "(%s, %s, %s, 'signed_agreement', '', %s, 'application/pdf', %s, %s, NULL)",
                        [
                            number,
                            content_type.pk,
                            agreement.pk,
                            f"attachments/2024/{name}",
                            len(PDF_BYTES),
                            datetime.datetime(2024, 5, number, tzinfo=datetime.UTC),
                        ],
                    )

        return store

    @pytest.fixture
    def migrate(self, django_capture_on_commit_callbacks):
        migration = importlib.import_module("registry.migrations.0003_adopt_former_attachments")

        def execute(sql):
            with connection.cursor() as cursor:
                cursor.execute(sql)

        def run():
            with django_capture_on_commit_callbacks(execute=True):
                migration.adopt_former_attachments(
                    apps, SimpleNamespace(connection=connection, execute=execute)
                )

        return run

    def test_a_file_kept_under_its_uploaded_name_moves_to_the_registrys_name(
        self, stored, migrate, private_media
    ):
        agreement = AgreementFactory()
        stored(agreement, "poly.html")

        migrate()

        name = f"attachments/2024/{agreement.slug}-signed-agreement-1.pdf"
        adopted = Attachment.objects.get()
        assert (adopted.pk, adopted.file.name, adopted.record) == (1, name, agreement)
        assert adopted.uploaded_at == datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC)
        assert (private_media / name).read_bytes() == PDF_BYTES
        assert not (private_media / "attachments/2024/poly.html").exists()
        assert "krakow_relations_attachment" not in connection.introspection.table_names()

    def test_files_of_one_kind_are_numbered_in_the_order_they_came(self, stored, migrate):
        agreement = AgreementFactory()
        stored(agreement, "first.pdf", "second.pdf")

        migrate()

        assert [attachment.file.name for attachment in Attachment.objects.order_by("pk")] == [
            f"attachments/2024/{agreement.slug}-signed-agreement-1.pdf",
            f"attachments/2024/{agreement.slug}-signed-agreement-2.pdf",
        ]

    def test_a_database_made_since_is_left_alone(self, migrate):
        migrate()

        assert not Attachment.objects.exists()


class TestDownload:
    @pytest.fixture
    def attachment(self, tmp_path):
        agreement = AgreementFactory()
        return Attachment.objects.create(
            content_type=ContentType.objects.get_for_model(agreement),
            object_id=agreement.pk,
            kind="signed_agreement",
            file=SimpleUploadedFile("scan.pdf", PDF_BYTES),
        )

    def test_its_address_is_the_checking_view_never_a_public_media_url(self, attachment, settings):
        assert attachment.file.url.startswith("/staff/attachments/attachments/")
        assert not attachment.file.url.startswith(settings.STATIC_URL)

    def test_it_is_kept_under_the_private_media_root_of_the_moment(self, attachment, private_media):
        assert (private_media / attachment.file.name).read_bytes() == PDF_BYTES

    def test_staff_who_may_view_the_record_get_the_file(self, client, attachment):
        member = User.objects.create_user("councillor", is_staff=True)
        member.groups.add(Group.objects.get(name=COUNCIL_MEMBERS))
        client.force_login(member)

        response = client.get(attachment.file.url)

        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content) == PDF_BYTES

    def test_anonymous_visitors_are_sent_to_log_in(self, client, attachment):
        response = client.get(attachment.file.url)

        assert response.status_code == 302
        assert response.url.startswith("/pl/admin/login/?next=/staff/attachments/")

    def test_staff_without_permission_to_view_the_record_are_refused(self, client, attachment):
        client.force_login(User.objects.create_user("clerk", is_staff=True))

        assert client.get(attachment.file.url).status_code == 403

    def test_a_logged_in_non_staff_user_is_refused(self, client, attachment):
        member = User.objects.create_user("citizen")
        member.groups.add(Group.objects.get(name=COUNCIL_MEMBERS))
        client.force_login(member)

        assert client.get(attachment.file.url).status_code == 403
