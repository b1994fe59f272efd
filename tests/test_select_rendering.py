"""Select lists are built in Python (bidra.core.forms.select_html) with the same markup as Django's templates."""

import re

from django import forms
from django.forms.renderers import DjangoTemplates

from bidra.core.forms import BidraFormRenderer


class Choices(forms.Form):
    county = forms.ChoiceField(choices=[("", "Alla"), ("01", "Stockholms län"), ("12", 'Skåne <"län">')])
    grouped = forms.ChoiceField(
        required=False,
        choices=[("Norr", [("25", "Norrbotten"), ("24", "Västerbotten")]), ("Söder", [("12", "Skåne")])],
    )
    several = forms.MultipleChoiceField(choices=[("a", "A & B"), ("b", "C")], required=False)


def _markup(html: str) -> str:
    """Whitespace between tags is the templates' layout only."""
    return re.sub(r">\s+<", "><", html.strip())


def test_a_select_is_written_as_djangos_templates_write_it():
    form = Choices(data={"county": "12", "grouped": "24", "several": ["a", "b"]})
    for name in ("county", "grouped", "several"):
        field = form[name]
        ours = field.as_widget()
        form.renderer = DjangoTemplates()
        theirs = form[name].as_widget()
        form.renderer = BidraFormRenderer()
        assert _markup(ours) == _markup(theirs), name


def test_labels_and_values_are_escaped_and_the_chosen_option_is_selected():
    html = Choices(data={"county": "12"})["county"].as_widget()
    assert '<option value="12" selected>Skåne &lt;&quot;län&quot;&gt;</option>' in html
    assert 'name="county"' in html and " required" in html and 'id="id_county"' in html
    assert html.count(" selected") == 1
