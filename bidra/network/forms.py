"""Forms: the respondent's status description, and the analysts' network records."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bidra.core.forms import BidraForm, BidraModelForm, DateInput

from .models import ContactPerson, Meeting, NetworkMember, Question

YES_NO = [("yes", _("Ja")), ("no", _("Nej"))]
SCALE = [(str(n), str(n)) for n in range(1, 6)]


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def field_for(question: Question) -> forms.Field:
    common = {"label": question.text, "help_text": question.help, "required": False}
    if question.kind == Question.Kind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    if question.kind == Question.Kind.SCALE:
        return forms.ChoiceField(choices=SCALE, widget=forms.RadioSelect, **common)
    if question.kind == Question.Kind.COUNT:
        return forms.IntegerField(min_value=0, max_value=1_000_000, **common)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000, **common)


def initial_value(question: Question, answer) -> object:
    if answer is None:
        return None
    if question.kind == Question.Kind.YES_NO:
        return None if answer.yes_no is None else ("yes" if answer.yes_no else "no")
    if question.kind == Question.Kind.TEXT:
        return answer.text
    return (
        None if answer.number is None else str(answer.number) if question.kind == Question.Kind.SCALE else answer.number
    )


class SurveyForm(BidraForm):
    """One field per question; every question must be answered to submit, drafts may be partial."""

    def __init__(self, *args, questions, answers, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.submitting = submitting
        for question in self.questions:
            self.fields[field_name(question)] = field_for(question)
            self.initial[field_name(question)] = initial_value(question, answers.get(question.pk))

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            for question in self.questions:
                name = field_name(question)
                if name not in self._errors and cleaned.get(name) in (None, ""):
                    self.add_error(name, _("Svara på frågan innan du skickar in."))
        return cleaned

    def valid_values(self) -> dict[int, object]:
        """Values that passed their field's checks, even when others did not: nothing is lost."""
        return {
            question.pk: self.cleaned_data.get(field_name(question))
            for question in self.questions
            if field_name(question) in self.cleaned_data and field_name(question) not in self._errors
        }

    def groups(self):
        """(area name, bound fields) in the survey's order."""
        groups: list[tuple[object, list]] = []
        for question in self.questions:
            area = question.area.name if question.area_id else _("Allmänt")
            if not groups or groups[-1][0] != area:
                groups.append((area, []))
            groups[-1][1].append(self[field_name(question)])
        return groups


class NetworkMemberForm(BidraModelForm):
    class Meta:
        model = NetworkMember
        fields = ["municipality", "member_since", "priorities"]
        widgets = {"member_since": DateInput()}


ContactFormSet = forms.inlineformset_factory(
    NetworkMember, ContactPerson, fields=["name", "email", "role"], extra=1, can_delete=True
)


class MeetingForm(BidraModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "kind", "topic", "municipalities", "notes"]
        widgets = {"date": DateInput(), "municipalities": forms.SelectMultiple(attrs={"size": 12})}


class DocumentForm(BidraForm):
    file = forms.FileField(label=_("Dokument"), help_text=_("PDF, DOCX, ODT eller XLSX, högst 10 MB."))
