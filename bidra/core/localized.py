"""Content kept in Swedish and English columns (``name`` and ``name_en``)."""

from typing import Any

from django.utils.translation import get_language


def localized(obj: Any, field: str) -> str:
    """The English column when the active language is English and it is filled in, else Swedish."""
    return in_language(getattr(obj, field), getattr(obj, f"{field}_en", ""))


def in_language(swedish: str, english: str) -> str:
    """``english`` when the active language is English and it is filled in, else ``swedish``."""
    if english and (get_language() or "sv").startswith("en"):
        return english
    return swedish
