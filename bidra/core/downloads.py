"""Handing out a private file after the caller has checked permission."""

from django.http import FileResponse, Http404

from . import files

# Every type that uploads and generated letters are stored with. Anything else (an old row, a
# hand-edited one) goes out as opaque bytes, so a browser never renders a stored file as HTML or SVG.
SAFE_CONTENT_TYPES = frozenset({*files.ALLOWED_TYPES.values(), "application/pdf"})


def private_file_response(sha256: str, name: str, content_type: str) -> FileResponse:
    """Always as a download, never rendered inline, never cached by shared caches."""
    try:
        handle = files.open_blob(sha256)
    except FileNotFoundError as error:
        raise Http404 from error
    if content_type not in SAFE_CONTENT_TYPES:
        content_type = "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
