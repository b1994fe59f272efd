"""Widgets are written in Python (bidra.core.form_rendering) with the same markup as Django's templates."""

import importlib
import inspect
import pkgutil
import re
from datetime import date

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

import bidra
from bidra.core.form_rendering import WIDGETS, BidraFormRenderer


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


class Everything(forms.Form):
    text = forms.CharField(max_length=20, help_text="Hjälp", widget=forms.TextInput(attrs={"placeholder": 'a "b" <c>'}))
    email = forms.EmailField(required=False)
    number = forms.IntegerField(
        min_value=0, widget=forms.NumberInput(attrs={"inputmode": "numeric", "autofocus": True})
    )
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    agree = forms.BooleanField(required=False)
    kind = forms.ChoiceField(choices=[("a", "A & a"), ("b", mark_safe("<b>B</b>"))], widget=forms.RadioSelect)
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple)


def _same_as_djangos(form: forms.BaseForm) -> list[str]:
    """The fields of ``form`` whose widgets (and radio/checkbox options) differ from Django's templates."""
    differ = []
    for field in form:
        ours = [field.as_widget(), *(str(choice.tag()) for choice in field.subwidgets)]
        form.renderer = DjangoTemplates()
        theirs = [field.as_widget(), *(str(choice.tag()) for choice in field.subwidgets)]
        form.renderer = BidraFormRenderer()
        if [_markup(html) for html in ours] != [_markup(html) for html in theirs]:
            differ.append(field.name)
    return differ


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "text": "<script>&",
            "number": "12",
            "day": "2024-03-15",
            "secret": 'p"w',
            "hidden": "h",
            "body": "</textarea>",
        },
        {"agree": "on", "kind": "b", "many": ["x", "y"], "email": "inte en adress"},
    ],
)
def test_every_kind_of_widget_is_written_as_djangos_templates_write_it(data):
    form = Everything(data=data, initial={"day": date(2024, 3, 15)})
    form.renderer = BidraFormRenderer()
    if data is not None:
        form.is_valid()
    assert _same_as_djangos(form) == []


def _project_forms() -> list[type[forms.BaseForm]]:
    found = set()
    for module in pkgutil.walk_packages(bidra.__path__, "bidra."):
        if ".migrations" in module.name or ".management" in module.name:
            continue
        for _name, value in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__.startswith("bidra."):
                found.add(value)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


@pytest.mark.django_db
def test_every_form_of_bidra_is_written_as_djangos_templates_write_it(reference_data, open_call):
    compared, differ = 0, []
    for form_class in _project_forms():
        for data in (None, {}):
            try:
                form = form_class() if data is None else form_class(data=data)
                form.renderer = BidraFormRenderer()
                if data is not None:
                    form.is_valid()
            except Exception:  # noqa: BLE001, S112 - a form that needs its object or user: its pages are tested
                continue
            if any(getattr(field, "queryset", ...) is None for field in form.fields.values()):
                continue  # its choices are given by the view
            compared += len(form.fields)
            differ += [f"{form_class.__name__}.{name}" for name in _same_as_djangos(form)]
    assert compared > 100
    assert differ == []


def test_the_renderer_writes_the_widgets_it_claims_and_leaves_the_rest_to_the_templates():
    assert "django/forms/widgets/clearable_file_input.html" not in WIDGETS  # written by its template
    upload = forms.FileField().widget.render("file", None, renderer=BidraFormRenderer())
    assert upload == '<input type="file" name="file">'
