"""Handing out a private file after the caller has checked permission."""

from django.http import FileResponse, Http404

from . import files


def private_file_response(sha256: str, name: str, content_type: str) -> FileResponse:
    """Always as a download, never rendered inline, never cached by shared caches."""
    try:
        handle = files.open_blob(sha256)
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
