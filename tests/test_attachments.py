"""Attachments: allowed types by content, at most 10 MB, stored privately with a SHA-256 checksum."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from bidra.applications import services
from bidra.core import files

from .helpers import PDF_BYTES


def upload(client, application, name: str, content: bytes):
    handle = io.BytesIO(content)
    handle.name = name
    return client.post(f"/ansokningar/{application.pk}/steg/bilagor/", {"action": "upload", "file": handle})


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_pdf_is_stored_privately_with_its_checksum(client, complete_draft, stockholm_user, settings):
    client.force_login(stockholm_user)
    response = upload(client, complete_draft, "plan.pdf", PDF_BYTES)
    assert response.status_code == 302
    attachment = complete_draft.attachments.get()
    assert attachment.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert attachment.content_type == "application/pdf"
    stored = files.blob_path(attachment.sha256)
    assert stored.read_bytes() == PDF_BYTES
    assert str(stored).startswith(str(settings.PRIVATE_FILES_ROOT))


@pytest.mark.django_db
def test_a_docx_is_accepted_by_its_structure(client, complete_draft, stockholm_user):
    client.force_login(stockholm_user)
    assert upload(client, complete_draft, "bilaga.docx", docx_bytes()).status_code == 302


@pytest.mark.django_db
def test_a_file_whose_content_is_not_its_name_is_refused(client, complete_draft, stockholm_user):
    client.force_login(stockholm_user)
    response = upload(client, complete_draft, "elak.pdf", b"MZ\x90\x00 an executable pretending to be a PDF")
    assert response.status_code == 400
    assert "inte ett tillåtet format" in response.content.decode()
    assert complete_draft.attachments.count() == 0


@pytest.mark.django_db
def test_a_disallowed_type_is_refused_even_when_sniffable(client, complete_draft, stockholm_user):
    client.force_login(stockholm_user)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    assert upload(client, complete_draft, "bild.png", png).status_code == 400
    assert upload(client, complete_draft, "bild.pdf", png).status_code == 400


@pytest.mark.django_db
def test_a_file_over_ten_megabytes_is_refused(client, complete_draft, stockholm_user, settings):
    client.force_login(stockholm_user)
    big = PDF_BYTES + b"0" * (settings.ATTACHMENT_MAX_BYTES + 1 - len(PDF_BYTES))
    response = upload(client, complete_draft, "stor.pdf", big)
    assert response.status_code == 400
    assert "för stor" in response.content.decode()
    assert complete_draft.attachments.count() == 0


def test_exactly_ten_megabytes_is_allowed(settings):
    content = PDF_BYTES + b"0" * (settings.ATTACHMENT_MAX_BYTES - len(PDF_BYTES))
    assert files.check_attachment(io.BytesIO(content), "ok.pdf", len(content)) == "application/pdf"


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError):
        files.check_attachment(io.BytesIO(b""), "tom.pdf", 0)


@pytest.mark.django_db
def test_the_owner_downloads_an_attachment_as_a_download(client, complete_draft, stockholm_user):
    attachment = services.add_attachment(
        complete_draft, upload=io.BytesIO(PDF_BYTES), name="plan.pdf", size=len(PDF_BYTES), by=stockholm_user
    )
    client.force_login(stockholm_user)
    response = client.get(f"/ansokningar/{complete_draft.pk}/bilagor/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.django_db
def test_removing_an_attachment_keeps_the_draft(client, complete_draft, stockholm_user):
    attachment = services.add_attachment(
        complete_draft, upload=io.BytesIO(PDF_BYTES), name="plan.pdf", size=len(PDF_BYTES), by=stockholm_user
    )
    client.force_login(stockholm_user)
    response = client.post(f"/ansokningar/{complete_draft.pk}/bilagor/{attachment.pk}/ta-bort/")
    assert response.status_code == 302
    assert complete_draft.attachments.count() == 0


def test_stored_names_are_stripped_of_paths():
    assert files.safe_name("../../etc/passwd") == "passwd"
    assert files.safe_name("C:\\temp\\budget.pdf") == "budget.pdf"
