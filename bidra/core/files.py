"""Private file storage addressed by SHA-256, and checks on uploaded attachments.

Files live under PRIVATE_FILES_ROOT, outside anything the web server serves; views hand
them out only after a permission check. Content addressing means a received document and
the draft it came from share one stored copy, and a stored copy is never overwritten.
"""

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Extension -> the content type that sniffing must find. ZIP-based office formats are
# recognised by filetype from their inner structure, not their name.
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    content_type: str
    name: str

    def fields(self) -> dict[str, object]:
        """The columns that every model of an uploaded file has: name, sha256, size, content_type."""
        return {"name": self.name, "sha256": self.sha256, "size": self.size, "content_type": self.content_type}


def private_root() -> Path:
    return Path(settings.PRIVATE_FILES_ROOT)


def blob_path(sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256 hex digest")
    return private_root() / "blobs" / sha256[:2] / sha256


def safe_name(name: str) -> str:
    base = os.path.basename(name.replace("\\", "/")).strip() or "bilaga"
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"/|?*')
    return cleaned[:150] or "bilaga"


def check_attachment(upload: IO[bytes], name: str, size: int) -> str:
    """Return the sniffed content type, or raise ValidationError in Swedish."""
    if size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("Filen %(name)s är för stor. En bilaga får vara högst 10 MB.") % {"name": name}, code="too_large"
        )
    if size == 0:
        raise ValidationError(_("Filen %(name)s är tom.") % {"name": name}, code="empty")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    expected = ALLOWED_TYPES.get(extension)
    if expected is None or kind is None or kind.mime != expected:
        raise ValidationError(
            _("Filen %(name)s har inte ett tillåtet format. Tillåtna format är PDF, DOCX, ODT och XLSX.")
            % {"name": name},
            code="type",
        )
    return expected


def accept(upload: IO[bytes], name: str, size: int) -> StoredFile:
    """Check an uploaded attachment and store it; raises ValidationError (in Swedish) for a refused file."""
    return store(upload, name, check_attachment(upload, name, size))


def store(upload: IO[bytes], name: str, content_type: str) -> StoredFile:
    """Write the upload to its content address (atomically) and return what was stored."""
    digest = hashlib.sha256()
    size = 0
    root = private_root() / "blobs"
    root.mkdir(parents=True, exist_ok=True)
    upload.seek(0)
    with tempfile.NamedTemporaryFile(dir=root, delete=False) as temporary:
        for chunk in iter(lambda: upload.read(65536), b""):
            digest.update(chunk)
            size += len(chunk)
            temporary.write(chunk)
        temporary.flush()
        os.fsync(temporary.fileno())
    sha256 = digest.hexdigest()
    target = blob_path(sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        os.unlink(temporary.name)
    else:
        os.replace(temporary.name, target)
    return StoredFile(sha256=sha256, size=size, content_type=content_type, name=safe_name(name))


def store_bytes(content: bytes, name: str, content_type: str) -> StoredFile:
    """Store bytes made by Bidra itself (for example a decision letter)."""
    return store(io.BytesIO(content), name, content_type)


def open_blob(sha256: str) -> IO[bytes]:
    return open(blob_path(sha256), "rb")
