"""Registering cases and documents: the only way case numbers are taken.

Numbers are taken inside the caller's transaction under a row lock on the year's sequence,
so they are unique and gap-free: a rolled-back submission gives its number back.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction

from bidra.core.files import StoredFile
from bidra.core.stockholm import local

from .models import Case, CaseNumberSequence, Document, DocumentFile


def format_case_number(prefix: str, serial: int, year: int) -> str:
    return f"{prefix}-{serial:04d}-{year}"


def _take_serial(prefix: str, year: int) -> int:
    CaseNumberSequence.objects.bulk_create([CaseNumberSequence(prefix=prefix, year=year)], ignore_conflicts=True)
    sequence = CaseNumberSequence.objects.select_for_update().get(prefix=prefix, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def open_case(
    *, prefix: str, subject: str, at: datetime, by: Any, programme: Any = None, parties: Iterable[Any] = ()
) -> Case:
    """Register a new case; the year is the registration year in Stockholm time."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("open_case must run inside the transaction that registers the case's document")
    year = local(at).year
    serial = _take_serial(prefix, year)
    case = Case.objects.create(
        number=format_case_number(prefix, serial, year),
        prefix=prefix,
        year=year,
        serial=serial,
        subject=subject[:300],
        programme=programme,
        registered_at=at,
        registered_by=by if getattr(by, "is_authenticated", False) else None,
    )
    case.parties.set(list(parties))
    return case


def register_document(
    case: Case,
    *,
    direction: str,
    kind: str,
    title: str,
    at: datetime,
    by: Any,
    counterparty: Any = None,
    snapshot: dict | None = None,
    files: Iterable[StoredFile] = (),
) -> Document:
    """Add a document to a case with the next document number in that case."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        locked.document_count += 1
        locked.save(update_fields=["document_count"])
        document = Document.objects.create(
            case=locked,
            serial=locked.document_count,
            direction=direction,
            kind=kind,
            title=title[:300],
            registered_at=at,
            registered_by=by if getattr(by, "is_authenticated", False) else None,
            counterparty=counterparty,
            snapshot=snapshot or {},
        )
        DocumentFile.objects.bulk_create(
            DocumentFile(document=document, name=f.name, sha256=f.sha256, size=f.size, content_type=f.content_type)
            for f in files
        )
    case.document_count = locked.document_count
    return document
