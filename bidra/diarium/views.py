"""Downloading the files of registered documents, for staff and for the parties to the case."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from bidra.core.downloads import private_file_response

from .models import DocumentFile


@login_required
def document_file(request: HttpRequest, file_id: int) -> HttpResponse:
    stored = get_object_or_404(DocumentFile.objects.select_related("document__case"), pk=file_id)
    if not request.user.has_perm("diarium.view_case", stored.document.case):
        raise Http404
    if stored.document.is_weeded:  # gallrad: the register keeps the entry, the content is gone
        return HttpResponse(_("Handlingen är gallrad."), status=410, content_type="text/plain; charset=utf-8")
    return private_file_response(stored.sha256, stored.name, stored.content_type)
