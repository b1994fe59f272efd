"""Content kept in Swedish and English columns (``name`` and ``name_en``)."""

from typing import Any

from django.utils.translation import get_language


def localized(obj: Any, field: str) -> str:
    """The English column when the active language is English and it is filled in, else Swedish."""
    if (get_language() or "sv").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field)
