"""Turning refusals into messages for the person: form errors and refused actions."""

from django.contrib import messages
from django.http import HttpRequest


def flash_form_errors(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def flash_refusal(request: HttpRequest, error: Exception, fallback: str = "") -> None:
    """A ValidationError's messages, or the exception's own text, or ``fallback``."""
    texts = getattr(error, "messages", None) or [str(error) or fallback]
    for text in texts:
        if text:
            messages.error(request, text)
