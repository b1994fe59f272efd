"""Writes on the network side that need more than a form save: documents."""

from typing import IO, Any

from django.db import transaction

from bidra.audit.events import record
from bidra.core import files

from .models import Meeting, MeetingDocument


def add_meeting_document(meeting: Meeting, *, upload: IO[bytes], name: str, size: int, by: Any) -> MeetingDocument:
    stored = files.accept(upload, name, size)
    with transaction.atomic():
        document = MeetingDocument.objects.create(meeting=meeting, **stored.fields(), uploaded_by=by)
        record(
            "network.meeting_document_added",
            actor=by,
            target=meeting,
            data={"name": stored.name, "sha256": stored.sha256},
        )
    return document
