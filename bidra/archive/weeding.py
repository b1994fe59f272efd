"""Gallring (weeding): the one sanctioned way to remove the content of registered documents.

Received documents are public records and cannot be changed or deleted through any other path
(``AppendOnlyModel`` refuses it in the ORM, the admin offers nothing). An administrator weeds
documents whose retention period has ended (``retention.due_for_weeding``): each document row
stays as a tombstone (case number, title, its files' names and SHA-256, the SHA-256 of its
content, when, by whom and why), its content is emptied, and a stored file is deleted once no
other record refers to it. The act is recorded as ``records.weeded``.
"""

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bidra.applications.models import Application, Attachment
from bidra.audit import chain
from bidra.audit.events import label_actions, record
from bidra.core.files import blob_path
from bidra.core.stockholm import local
from bidra.diarium.models import Document, DocumentFile, weed_document_row
from bidra.reports.models import ReportAttachment

from .retention import due_for_weeding

logger = logging.getLogger(__name__)
WEEDED = "records.weeded"
label_actions({WEEDED: gettext_lazy("Handlingar gallrade")})


# The application's working copy of what the received document held, emptied with it.
WEEDED_APPLICATION_FIELDS: dict[str, Any] = {
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
    "purpose": "",
    "activities": "",
    "target_group_description": "",
    "roma_participation": "",
    "long_term_effects": "",
    "other_funding_description": "",
    "draft_inputs": {},
}


class NotDueForWeeding(ValidationError):
    """A document whose retention period has not ended (or that is already weeded)."""


@dataclass(frozen=True)
class Weeding:
    documents: tuple[Document, ...]
    removed_files: tuple[str, ...]


def blob_references(sha256: str) -> int:
    """How many rows anywhere still refer to this stored file (weeded documents' files excepted)."""
    count = 0
    for model in apps.get_models():
        if not any(field.name == "sha256" for field in model._meta.get_fields()):
            continue
        rows = model._default_manager.filter(sha256=sha256)
        if model is DocumentFile:
            rows = rows.filter(document__weeded_at__isnull=True)
        count += rows.count()
    return count


def _remove_blobs(candidates: Iterable[str]) -> None:
    for sha256 in candidates:
        try:
            blob_path(sha256).unlink(missing_ok=True)
        except OSError as error:  # the tombstone stands; an operator can remove the file by hand
            logger.error("Weeded file %s could not be removed: %s", sha256, error)


def weed(documents: Iterable[Document], *, by: Any, reason: str, at: datetime | None = None) -> Weeding:
    """Weed these documents (all due at ``at``) and record it; only an administrator may."""
    if not by.has_perm("archive.weed"):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Ange skälet till gallringen."), code="reason")
    at = at or timezone.now()
    due = {item.document.pk: item for item in due_for_weeding(local(at).date())}
    wanted = list(documents)
    not_due = [document.reference for document in wanted if document.pk not in due]
    if not_due or not wanted:
        raise NotDueForWeeding(
            _("Gallringsfristen har inte löpt ut för: %(documents)s") % {"documents": ", ".join(not_due) or "-"},
            code="not_due",
        )
    with transaction.atomic():
        locked = list(Document.objects.select_for_update().filter(pk__in=[d.pk for d in wanted]).order_by("pk"))
        hashes: set[str] = set()
        for document in locked:
            if document.weeded_at is not None:
                raise NotDueForWeeding(_("%(document)s är redan gallrad.") % {"document": document.reference})
            files = list(document.files.values_list("sha256", flat=True))
            hashes.update(files)
            weed_document_row(
                document.pk,
                at=at,
                by=by,
                reason=reason,
                content_sha256=hashlib.sha256(chain.canonical(document.snapshot)).hexdigest(),
            )
            _drop_working_copies(document, files)
        removed = sorted(sha for sha in hashes if blob_references(sha) == 0)
        by_case: dict[str, list[Document]] = {}
        for document in locked:
            by_case.setdefault(document.case.number, []).append(document)
        for number, in_case in by_case.items():
            record(
                WEEDED,
                actor=by,
                target=in_case[0].case,
                case_number=number,
                data={
                    "documents": [d.reference for d in in_case],
                    "rules": sorted({f"{due[d.pk].outcome}:{due[d.pk].rule.years}" for d in in_case}),
                    "reason": reason,
                    "files_removed": [sha for sha in removed if sha in _files_of(in_case)],
                },
                at=at,
            )
        transaction.on_commit(lambda: _remove_blobs(removed))
    return Weeding(
        documents=tuple(Document.objects.filter(pk__in=[d.pk for d in locked])), removed_files=tuple(removed)
    )


def _files_of(documents: list[Document]) -> set[str]:
    return set(DocumentFile.objects.filter(document__in=documents).values_list("sha256", flat=True))


def _drop_working_copies(document: Document, files: list[str]) -> None:
    """The working copies a received document came from are not records: they go with it.

    The application's and the report's attachments share the stored file with the registered
    document; the application's contact person and free-text answers are the weeded content
    again. What statistics and the public register need stays: title, public summary, areas,
    target groups and amounts.
    """
    if document.kind == "application":
        application = Application.objects.filter(received_document=document).first()
        if application is not None:
            Attachment.objects.filter(application=application, sha256__in=files).delete()
            Application.objects.filter(pk=application.pk).update(**WEEDED_APPLICATION_FIELDS)
    elif document.kind == "report":
        ReportAttachment.objects.filter(report__document=document, sha256__in=files).delete()
