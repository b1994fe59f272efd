"""Writes on the network side that need more than a form save: documents."""

from typing import IO, Any

from django.db import transaction

from bidra.audit.events import record
from bidra.core import files

from .models import Meeting, MeetingDocument


def add_meeting_document(meeting: Meeting, *, upload: IO[bytes], name: str, size: int, by: Any) -> MeetingDocument:
    content_type = files.check_attachment(upload, name, size)
    stored = files.store(upload, name, content_type)
    with transaction.atomic():
        document = MeetingDocument.objects.create(
            meeting=meeting,
            name=stored.name,
            sha256=stored.sha256,
            size=stored.size,
            content_type=stored.content_type,
            uploaded_by=by,
        )
        record(
            "network.meeting_document_added",
            actor=by,
            target=meeting,
            data={"name": stored.name, "sha256": stored.sha256},
        )
    return document
