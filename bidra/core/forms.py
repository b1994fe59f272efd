"""Form building blocks shared by every form in Bidra: accessible rendering and Swedish input."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.forms.boundfield import BoundField
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import TemplatesSetting
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from .files import check_attachment
from .markup import rows_html

SELECT_TEMPLATE = "django/forms/widgets/select.html"
FIELD = "bidra/field"  # not a template file: field_html writes every field


class BidraFormRenderer(TemplatesSetting):
    """Renders every form with the project's accessible field and error templates.

    A select list is built here rather than by Django's templates, which include one template per
    option: the work list's filters (about a hundred options) took a third of the page's time that way.
    The markup is the same as the templates'.
    """

    form_template_name = "core/forms/form.html"
    field_template_name = FIELD

    def render(self, template_name, context, request=None):
        if template_name == FIELD:
            return field_html(context["field"])
        if template_name == SELECT_TEMPLATE:
            return select_html(context["widget"])
        return super().render(template_name, context, request)


CHOICE_LISTS = {"checkboxselectmultiple", "radioselect"}


def field_html(field: BoundField) -> SafeString:
    """A field as every form in Bidra shows it: label (a legend for a list of choices), "optional" unless
    the form is a filter, hint, error message and input, the hint and message linked to the input."""
    css = "field field--error" if field.errors else "field"
    optional = ""
    if not field.field.required and not getattr(field.form, "is_filter", False):
        optional = format_html(' <span class="muted">({})</span>', _("frivilligt"))
    hint = ""
    if field.help_text:
        hint = format_html('<span class="hint" id="{}_helptext">{}</span>', field.auto_id, field.help_text)
    error = ""
    if field.errors:
        error = format_html(
            '<span class="error-message" id="{}_error"><span class="visually-hidden">{} </span>{}</span>',
            field.auto_id,
            _("Fel:"),
            rows_html("{}", ((message,) for message in field.errors), separator=" "),
        )
    kind = field.widget_type
    if kind in CHOICE_LISTS:
        choices = rows_html(
            '<li>{}<label for="{}">{}</label></li>',
            ((choice.tag(), choice.id_for_label, choice.choice_label) for choice in field),
        )
        described = format_html(' aria-describedby="{}_helptext"', field.auto_id) if field.help_text else ""
        return format_html(
            '<div class="{}">\n<fieldset{}>\n  <legend>{}{}</legend>\n  {}\n  {}\n'
            '  <ul class="choices" id="{}">\n  {}\n  </ul>\n</fieldset>\n</div>\n',
            css,
            described,
            field.label,
            optional,
            hint,
            error,
            field.auto_id,
            choices,
        )
    if kind == "checkbox":
        return format_html(
            '<div class="{}">\n  {}\n  <div class="choices">{} <label for="{}">{}</label></div>\n  {}\n</div>\n',
            css,
            error,
            field,
            field.id_for_label,
            field.label,
            hint,
        )
    return format_html(
        '<div class="{}">\n  <label for="{}">{}{}</label>\n  {}\n  {}\n  {}\n</div>\n',
        css,
        field.id_for_label,
        field.label,
        optional,
        hint,
        error,
        field,
    )


def _attributes(attrs: dict) -> SafeString:
    """HTML attributes as Django's attrs.html writes them: True as a bare name, False left out."""
    if not attrs:  # most options: no attributes at all
        return SafeString()
    return rows_html(
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )


def select_html(widget: dict) -> SafeString:
    """A <select> from a Select or SelectMultiple widget's context (its optgroups), every value escaped."""
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        rows = rows_html(
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"] if option["value"] is not None else "None",
                    _attributes(option["attrs"]),
                    option["label"],
                )
                for option in options
            ),
        )
        groups.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, rows) if group_name else rows)
    return format_html(
        '<select name="{}"{}>{}</select>',
        widget["name"],
        _attributes(widget["attrs"]),
        rows_html("{}", ((group,) for group in groups)),
    )


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
