"""manage.py backup and restore: a round trip gives the same rows and files, and a bad archive changes nothing."""

import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from bidra.accounts.models import User
from bidra.applications import services
from bidra.applications.models import Application
from bidra.audit.models import Event
from bidra.core.backup import canonical_rows, files_digest
from bidra.diarium.models import Case
from bidra.programmes.models import Programme

from .decision_helpers import assessed_call
from .helpers import PDF_BYTES, fill_complete, make_member, pdf_upload, start_draft

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def realistic(open_call, stockholm_user):
    """A submitted application with an attachment, and three assessed applications with scores."""
    draft = fill_complete(start_draft(open_call, stockholm_user))
    services.add_attachment(draft, upload=pdf_upload(), name="plan.pdf", size=len(PDF_BYTES), by=stockholm_user)
    application = services.submit(draft.pk, by=stockholm_user).application
    assessed_call(open_call)
    return application


def empty_everything():
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.PRIVATE_FILES_ROOT, ignore_errors=True)


def rewrite(archive: Path, target: Path, change) -> None:
    """Copy an archive member by member, letting ``change(name, bytes)`` alter contents."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            content = change(member.name, source.extractfile(member).read())
            member.size = len(content)
            out.addfile(member, io.BytesIO(content))


def test_backup_restored_into_an_empty_database_is_identical(realistic, tmp_path, client):
    rows_before, files_before = canonical_rows(), files_digest()
    assert len(files_before) == 1 and Event.objects.count() > 20
    archive = tmp_path / "bidra.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    empty_everything()
    assert not Event.objects.exists() and not Application.objects.exists() and files_digest() == {}
    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)

    assert "Audit chain intact" in out.getvalue()
    assert canonical_rows() == rows_before
    assert files_digest() == files_before
    call_command("verify_audit", stdout=io.StringIO())

    # The restored system still works: the case page, the attachment, and new case numbers.
    application = Application.objects.get(pk=realistic.pk)
    client.force_login(User.objects.get(email="presenter@lst.test"))
    page = client.get(reverse("casework:case", args=[application.pk]))
    assert page.status_code == 200 and application.case_number in page.content.decode()
    client.force_login(User.objects.get(email="anna@stockholm.test"))
    attachment = application.attachments.get()
    download = client.get(reverse("applications:attachment", args=[application.pk, attachment.pk]))
    assert b"".join(download.streaming_content) == PDF_BYTES
    newcomer = make_member("ny@malmo.test", "1280")
    draft = fill_complete(start_draft(application.call, newcomer, code="1280"))
    submitted = services.submit(draft.pk, by=newcomer).application
    assert submitted.case.serial == Case.objects.count()  # the sequences continue after the restored rows


def test_a_database_that_is_not_empty_is_refused_unless_forced(realistic, tmp_path):
    archive = tmp_path / "bidra.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    rows_at_backup = canonical_rows()
    make_member("sen@malmo.test", "1280")
    rows_after_change = canonical_rows()

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert canonical_rows() == rows_after_change

    call_command("restore", str(archive), "--force", stdout=io.StringIO())
    assert canonical_rows() == rows_at_backup
    assert not User.objects.filter(email="sen@malmo.test").exists()


def test_rows_the_archive_holds_unchanged_do_not_count_as_content(realistic, tmp_path):
    """As after `migrate`, whose data migrations write rows that every archive holds too."""
    archive = tmp_path / "bidra.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    rows_at_backup = canonical_rows()
    with tarfile.open(archive, "r:gz") as source:
        lines = source.extractfile("data.jsonl").read().decode().splitlines()
    programme = next(line for line in lines if json.loads(line)["model"] == "programmes.programme")

    empty_everything()
    next(serializers.deserialize("jsonl", programme)).save()
    call_command("restore", str(archive), stdout=io.StringIO())
    assert canonical_rows() == rows_at_backup

    empty_everything()
    changed = json.loads(programme)
    changed["fields"]["name"] = "Ett annat program"
    next(serializers.deserialize("jsonl", json.dumps(changed))).save()
    lacking = r"not empty \(1 rows that the archive lacks, for example in programmes\.programme"
    with pytest.raises(CommandError, match=lacking):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert Programme.objects.get().name == "Ett annat program"


def damaged_copies(archive: Path, folder: Path):
    """(name, archive, the refusal's message) for each kind of damage."""
    flipped = bytearray(archive.read_bytes())
    flipped[len(flipped) // 2] ^= 0xFF
    (folder / "flipped.tar.gz").write_bytes(bytes(flipped))
    yield "flipped byte", folder / "flipped.tar.gz", "cannot be read|does not match its SHA-256"

    rewrite(archive, folder / "row.tar.gz", lambda name, content: content.replace(b"Brobyggare", b"Brobyggere", 1))
    yield "changed row", folder / "row.tar.gz", "'data.jsonl' does not match its SHA-256"

    rewrite(
        archive, folder / "file.tar.gz", lambda name, content: content + b"x" if name.startswith("files/") else content
    )
    yield "changed file", folder / "file.tar.gz", "'files/blobs/.*' does not match its SHA-256"

    def older(name, content):
        if name != "manifest.json":
            return content
        manifest = json.loads(content)
        manifest["migrations"]["applications"].pop()
        return json.dumps(manifest).encode()

    rewrite(archive, folder / "older.tar.gz", older)
    yield "other migrations", folder / "older.tar.gz", "migrations differ"

    with tarfile.open(folder / "other.tar.gz", "w:gz") as other:
        info = tarfile.TarInfo("notes.txt")
        info.size = 5
        other.addfile(info, io.BytesIO(b"hello"))
    yield "not a backup", folder / "other.tar.gz", "not a Bidra backup"


def test_a_damaged_archive_is_refused_and_nothing_changes(realistic, tmp_path):
    archive = tmp_path / "bidra.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    make_member("sen@malmo.test", "1280")
    rows, files = canonical_rows(), files_digest()

    for damage, damaged, message in damaged_copies(archive, tmp_path):
        with pytest.raises(CommandError, match=message):
            call_command("restore", str(damaged), "--force", stdout=io.StringIO())
        assert canonical_rows() == rows, damage
        assert files_digest() == files, damage
