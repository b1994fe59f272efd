"""core.draft_input: the raw input of a form that did not validate is kept whole and given back whole."""

from django.http import QueryDict

from bidra.core.draft_input import kept, restored


def test_every_value_of_every_answer_is_kept_and_the_pages_own_keys_are_not():
    posted = QueryDict("title=Brobyggare&areas=3&areas=5&csrfmiddlewaretoken=x&action=continue&lock_version=4&note=")
    raw = kept(posted)
    assert raw == {"title": ["Brobyggare"], "areas": ["3", "5"], "note": [""]}
    again = restored(raw)
    assert again.getlist("areas") == ["3", "5"] and again["title"] == "Brobyggare" and again["note"] == ""
    assert kept(again) == raw


def test_input_kept_as_single_texts_before_is_still_given_back():
    assert restored({"line_0": "mycket", "areas": ["1"]}).getlist("line_0") == ["mycket"]
