"""Django templates rendered to tagged A4 PDF with WeasyPrint, with no network access.

Letters are official documents: a template must carry everything it needs (CSS inline, images as
``data:`` URLs). The fetcher below refuses every other URL, and a refused URL stops the rendering
instead of leaving a silent gap (a missing logo or stylesheet) in a letter that is sent out.
"""

import functools
import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

PDF_VARIANT = "pdf/ua-1"  # tagged PDF with /Lang and a structure tree, for screen readers

# WeasyPrint announces each rendering step at INFO; keep them out of the log unless LOGGING asks.
_progress = logging.getLogger("weasyprint.progress")
if _progress.level == logging.NOTSET:
    _progress.setLevel(logging.WARNING)


@functools.cache
def data_only_url_fetcher() -> type:
    """The fetcher class, made on first use: importing WeasyPrint takes seconds, and a web
    worker that is (re)started should not pay for it before it renders its first letter."""
    from weasyprint.urls import URLFetcher

    class DataOnlyURLFetcher(URLFetcher):
        """Fetches ``data:`` URLs and nothing else: no http(s), no file, no ftp."""

        def __init__(self, **kwargs):
            kwargs.setdefault("fail_on_errors", True)
            super().__init__(allowed_protocols={"data"}, allow_redirects=False, **kwargs)

        def fetch(self, url, headers=None):
            if not url.lower().startswith("data:"):
                raise ValueError(f"Refusing to fetch {url!r}: PDF templates may only use data: URLs.")
            return super().fetch(url, headers)

    return DataOnlyURLFetcher


def render_pdf(template_name: str, context: dict, *, language: str = "sv") -> bytes:
    """Render ``template_name`` with ``context`` in ``language`` and return the PDF bytes.

    Raises ``ValueError`` when the template refers to anything but a ``data:`` URL.
    """
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    with translation.override(language):
        html = render_to_string(template_name, context)
    document = HTML(
        string=html,
        # Relative URLs resolve under the project folder and are then refused like any other
        # non-data URL; a base URL only keeps WeasyPrint from guessing one.
        base_url=settings.BASE_DIR.as_uri() + "/",
        url_fetcher=data_only_url_fetcher()(),
    )
    try:
        return document.write_pdf(pdf_variant=PDF_VARIANT)
    except FatalURLFetchingError as error:  # a BaseException: turn it into an ordinary error
        raise ValueError(str(error.__cause__ or error)) from error


def __getattr__(name: str):
    # ``from bidra.core.pdf import DataOnlyURLFetcher`` still works; the class is made on first use.
    if name == "DataOnlyURLFetcher":
        return data_only_url_fetcher()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
