"""Form building blocks shared by every form in Bidra: fields, choices and Swedish input.

How forms are written out as HTML is in form_rendering.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.forms.boundfield import BoundField
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from .files import check_attachment


class ListedChoiceIterator(ModelChoiceIterator):
    """Reads a ModelChoiceField's choices with one plain query, kept for the form's validation and rendering.

    Django's iterator streams them with ``QuerySet.iterator()``, which on PostgreSQL opens a
    server-side cursor (DECLARE, FETCH, CLOSE: three round trips) to read twenty rows, and again
    each time the choices are read.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ModelChoiceField(forms.ModelChoiceField):
    iterator = ListedChoiceIterator


class DescribedBoundField(BoundField):
    """Links a field's error message to its input with aria-describedby, also where Django does not: on
    each input of a list of choices and beside a described-by set on the widget."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.errors:
            described = attrs.get("aria-describedby", "").split()
            if f"{self.auto_id}_error" not in described:
                attrs["aria-describedby"] = " ".join([*described, f"{self.auto_id}_error"])
        return attrs


class BidraForm(forms.Form):
    bound_field_class = DescribedBoundField


class BidraModelForm(forms.ModelForm):
    bound_field_class = DescribedBoundField


_KRONOR = re.compile(r"^-?\d+$")


class KronorFormField(forms.DecimalField):
    """Whole kronor as people write them: '150 000', '150000 kr', '150 000:-'."""

    default_error_messages = {
        "invalid": _("Ange beloppet i hela kronor, till exempel 150 000."),
        "min_value": _("Beloppet kan inte vara negativt."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("decimal_places", 0)
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip().lower()
        for noise in ("\u00a0", "\u202f", " ", "kr", ":-", "sek"):
            text = text.replace(noise, "")
        if text.endswith(",00") or text.endswith(".00"):
            text = text[:-3]
        if not _KRONOR.match(text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return Decimal(text)
        except InvalidOperation as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs.pop("min", None)
        return attrs


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several attachments at once; cleans to [(upload, sniffed content type)], refusing bad files by name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.odt,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        uploads = [single(item, initial) for item in data] if isinstance(data, list | tuple) else []
        if not isinstance(data, list | tuple) and data:
            uploads = [single(data, initial)]
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append((upload, check_attachment(upload, upload.name, upload.size)))
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return checked
