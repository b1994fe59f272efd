"""How every form of Bidra is written out: fields with their label, hint and error, and the widgets."""

from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from .markup import rows_html

FIELD = "bidra/field"  # not a template file: field_html writes every field


class BidraFormRenderer(TemplatesSetting):
    """Renders every form of Bidra: each field by ``field_html``, and the usual widgets (inputs, text
    areas, the options of a list of choices, select lists) in Python with the markup of Django's
    own widget templates. Through the templates, a template per input and per option, the work
    list's filters took a third of that page's time and a form step of the application half of its.
    """

    form_template_name = "core/forms/form.html"
    field_template_name = FIELD

    def render(self, template_name, context, request=None):
        if template_name == FIELD:
            return field_html(context["field"])
        write = WIDGETS.get(template_name)
        if write is not None:
            return write(context["widget"])
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
        return format_html("{}", "")
    return rows_html(
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', as_text(value)))
            for name, value in attrs.items()
            if value is not False
        ),
    )


def as_text(value: object) -> str:
    """A value as the templates' ``stringformat:'s'`` gives it: plain text, escaped even if marked safe."""
    return "%s" % (value,)  # noqa: UP031 - "%s" turns text marked safe into plain text, as the filter does


def input_html(widget: dict) -> SafeString:
    """An <input> as django/forms/widgets/input.html writes it (text, e-mail, number, date, checkbox, …)."""
    value = "" if widget["value"] is None else format_html(' value="{}"', as_text(widget["value"]))
    return format_html(
        '<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], value, _attributes(widget["attrs"])
    )


def option_html(widget: dict) -> SafeString:
    """One radio button or checkbox of a list of choices, as input_option.html writes it."""
    if not widget.get("wrap_label"):
        return input_html(widget)
    target = format_html(' for="{}"', widget["attrs"]["id"]) if widget["attrs"].get("id") else ""
    return format_html("<label{}>{} {}</label>", target, input_html(widget), widget["label"])


def textarea_html(widget: dict) -> SafeString:
    """A <textarea> as django/forms/widgets/textarea.html writes it."""
    return format_html(
        '<textarea name="{}"{}>\n{}</textarea>', widget["name"], _attributes(widget["attrs"]), widget["value"] or ""
    )


def select_html(widget: dict) -> SafeString:
    """A <select> from a Select or SelectMultiple widget's context (its optgroups), every value escaped."""
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        rows = rows_html(
            '<option value="{}"{}>{}</option>',
            (
                (
                    as_text(option["value"]),
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


_INPUTS = ["input", "checkbox", "color", "date", "datetime", "email", "hidden", "number", "password", "search"]
_INPUTS += ["tel", "text", "time", "url"]
WIDGETS = {
    **{f"django/forms/widgets/{name}.html": input_html for name in _INPUTS},
    **{
        f"django/forms/widgets/{name}.html": option_html for name in ("input_option", "checkbox_option", "radio_option")
    },
    "django/forms/widgets/textarea.html": textarea_html,
    "django/forms/widgets/select.html": select_html,
}
