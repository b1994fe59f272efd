"""Every form field's markup (core.form_rendering.field_html): label or legend, optional mark, hint and error linked."""

from django import forms

from bidra.core.forms import BidraForm


class Example(BidraForm):
    name = forms.CharField(label="Namn <b>", help_text="Som i folkbokföringen & så")
    note = forms.CharField(label="Anteckning", required=False)
    kind = forms.ChoiceField(
        label="Slag", choices=[("a", "Ett"), ("b", "Två")], widget=forms.RadioSelect, help_text="Välj ett."
    )
    agree = forms.BooleanField(label="Jag intygar", help_text="Krävs.")


class Filter(Example):
    is_filter = True


def test_a_text_field_has_its_label_hint_and_linked_error():
    html = str(Example({"note": ""})["name"].as_field_group())
    assert '<div class="field field--error">' in html
    assert '<label for="id_name">Namn &lt;b&gt;</label>' in html
    assert '<span class="hint" id="id_name_helptext">Som i folkbokföringen &amp; så</span>' in html
    assert '<span class="error-message" id="id_name_error"><span class="visually-hidden">Fel: </span>' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert html.count("id_name_error") == 2  # the message, and once in aria-describedby
    assert 'aria-invalid="true"' in html


def test_optional_fields_say_so_except_in_filters():
    assert '<label for="id_note">Anteckning <span class="muted">(frivilligt)</span></label>' in str(
        Example()["note"].as_field_group()
    )
    assert "frivilligt" not in str(Filter()["note"].as_field_group())


def test_a_list_of_choices_is_a_fieldset_with_a_legend():
    html = str(Example()["kind"].as_field_group())
    assert '<fieldset aria-describedby="id_kind_helptext">' in html
    assert "<legend>Slag</legend>" in html
    assert '<ul class="choices" id="id_kind">' in html
    assert '<label for="id_kind_0">Ett</label>' in html and 'value="b"' in html


def test_a_checkbox_has_its_label_after_the_box():
    html = str(Example({})["agree"].as_field_group())
    assert '<div class="choices"><input type="checkbox" name="agree"' in html
    assert '<label for="id_agree">Jag intygar</label></div>' in html
    assert 'id="id_agree_error"' in html
