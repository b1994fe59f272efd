"""core.markup: HTML written in Python escapes exactly as Django's format_html_join does."""

from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, override

from bidra.core.markup import escaped, rows_html


def test_text_is_escaped_and_safe_text_kept():
    assert escaped('<a href="x">Tom & Jerry\'s</a>') == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#x27;s&lt;/a&gt;"
    assert escaped(mark_safe("<br>")) == "<br>"
    assert escaped(None) == "None" and escaped(12) == "12"


def test_a_lazy_label_is_translated_when_written():
    with override("en"):
        assert escaped(gettext_lazy("Alla")) == "All"


def test_rows_are_the_same_as_format_html_join():
    rows = [("<i>", mark_safe("<b>ok</b>"), 3), ('"quoted"', "&amp;", gettext_lazy("Alla"))]
    template = '<tr><td title="{}">{}</td><td>{}</td></tr>'
    written = rows_html(template, rows, separator="\n")
    assert isinstance(written, SafeString)
    assert written == "\n".join(format_html_join("", template, [row]) for row in rows)
    assert "<i>" not in written and "&lt;i&gt;" in written and "<b>ok</b>" in written
