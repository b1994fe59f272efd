"""Every private file leaves as a download that no browser renders: attachment, nosniff, a safe type.

The download routes are found, not listed by hand: every view that calls
``bidra.core.downloads.private_file_response`` must have a builder in ``DOWNLOADS`` below, so a new
download view is checked as soon as it exists.
"""

import ast
import inspect
import io
import textwrap
from datetime import date

import pytest
from django.urls import reverse

from bidra.accounts.models import AgencyRole
from bidra.applications import services
from bidra.core import files
from bidra.core.downloads import SAFE_CONTENT_TYPES
from bidra.network import services as network
from bidra.network.models import AssignmentReport, GovernmentAssignment, Meeting

from .helpers import PDF_BYTES, fill_complete, make_staff, start_draft
from .test_permission_matrix import named_url_patterns


def _assignment_report(content: bytes, name: str, content_type: str) -> AssignmentReport:
    stored = files.store_bytes(content, name, content_type)
    assignment = GovernmentAssignment.objects.create(title="Uppdrag", period_start=date(2024, 1, 1))
    return AssignmentReport.objects.create(
        assignment=assignment,
        delivered_on=date(2024, 12, 1),
        title="Redovisning",
        **stored.fields(),
    )


def _attachment(world):
    attachment = services.add_attachment(
        world["draft"], upload=io.BytesIO(PDF_BYTES), name="plan.pdf", size=len(PDF_BYTES), by=world["owner"]
    )
    return world["owner"], reverse("applications:attachment", args=[world["draft"].pk, attachment.pk])


def _document_file(world):
    stored = world["submitted"].received_document.files.get()
    return world["owner"], reverse("diarium:document_file", args=[stored.pk])


def _meeting_document(world):
    meeting = Meeting.objects.create(date=date(2024, 5, 1), kind=Meeting.Kind.LEARNING, topic="Skola")
    document = network.add_meeting_document(
        meeting, upload=io.BytesIO(PDF_BYTES), name="minnes.pdf", size=len(PDF_BYTES), by=world["analyst"]
    )
    return world["analyst"], reverse("network:meeting_document", args=[meeting.pk, document.pk])


def _report_file(world):
    report = _assignment_report(PDF_BYTES, "rapport.pdf", "application/pdf")
    return world["analyst"], reverse("network:report_file", args=[report.pk])


# URL name -> builder returning (a user allowed to download, the path).
DOWNLOADS = {
    "applications:attachment": _attachment,
    "diarium:document_file": _document_file,
    "network:meeting_document": _meeting_document,
    "network:report_file": _report_file,
}


def _calls_private_file_response(view) -> bool:
    source = inspect.getsource(inspect.unwrap(view))
    return any(
        isinstance(node, ast.Call)
        and getattr(node.func, "id", getattr(node.func, "attr", "")) == "private_file_response"
        for node in ast.walk(ast.parse(textwrap.dedent(source)))
    )


def download_route_names() -> set[str]:
    return {
        name
        for name, pattern in named_url_patterns()
        if getattr(pattern.callback, "__module__", "").startswith("bidra.")
        and _calls_private_file_response(pattern.callback)
    }


def test_every_download_route_is_checked_here():
    found = download_route_names()
    assert "applications:attachment" in found  # the finder finds what we know is there
    assert found == set(DOWNLOADS)


@pytest.fixture
def world(open_call, complete_draft, stockholm_user):
    to_submit = fill_complete(start_draft(open_call, stockholm_user))
    services.add_attachment(
        to_submit, upload=io.BytesIO(PDF_BYTES), name="q.pdf", size=len(PDF_BYTES), by=stockholm_user
    )
    return {
        "owner": stockholm_user,
        "draft": complete_draft,
        "submitted": services.submit(to_submit.pk, by=stockholm_user).application,
        "analyst": make_staff("ulla@lst.test", AgencyRole.ANALYST),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(DOWNLOADS))
def test_a_private_file_is_a_download_that_is_never_sniffed_or_cached(client, world, name):
    user, path = DOWNLOADS[name](world)
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] in SAFE_CONTENT_TYPES
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.django_db
def test_a_file_stored_with_an_unsafe_type_goes_out_as_opaque_bytes(client, world):
    report = _assignment_report(b"<script>alert(1)</script>", "sida.html", "text/html")
    client.force_login(world["analyst"])
    response = client.get(reverse("network:report_file", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_safe_types_render_nothing_active():
    assert not any(
        kind.startswith(("text/", "image/svg")) or "html" in kind or "xml+" in kind for kind in SAFE_CONTENT_TYPES
    )
