"""What someone typed into a form that did not validate, kept with the draft so that nothing typed is lost.

Application steps and grant reports both save the valid answers in their fields and keep the whole
raw input (every value of every field, as posted) until it is corrected; the form is then bound to it
again, with its error messages, when the page is opened later.
"""

from django.http import QueryDict

CONTROL_KEYS = frozenset({"csrfmiddlewaretoken", "action", "lock_version"})  # the page's, not the answers


def kept(data: QueryDict) -> dict[str, list[str]]:
    """The posted answers as JSON can hold them: each field's values, in order (a multiple choice keeps all)."""
    return {key: data.getlist(key) for key in data if key not in CONTROL_KEYS}


def restored(raw: dict[str, list[str] | str]) -> QueryDict:
    """``kept`` input as a form binds to it (a single text value, as kept before lists, counts as one value)."""
    data = QueryDict(mutable=True)
    for key, values in raw.items():
        data.setlist(key, [values] if isinstance(values, str) else list(values))
    return data
