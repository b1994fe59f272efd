"""Admin: questions per survey year, agencies and contacts, knowledge material, assignments."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bidra.core import files

from .models import (
    AgencyContact,
    AssignmentDeadline,
    AssignmentReport,
    ContactPerson,
    GovernmentAssignment,
    KnowledgeMaterial,
    Meeting,
    NationalAgency,
    NetworkMember,
    Question,
    SurveyArea,
    SurveyYear,
)


class SurveyAreaInline(admin.TabularInline):
    model = SurveyArea
    extra = 0


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["area", "code", "text", "kind", "help", "position"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "area":
            survey_id = request.resolver_match.kwargs.get("object_id")
            field.queryset = (
                SurveyArea.objects.filter(survey_year_id=survey_id) if survey_id else SurveyArea.objects.none()
            )
        return field


@admin.register(SurveyYear)
class SurveyYearAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "opens_on", "closes_on", "municipalities", "include_agencies"]
    inlines = [SurveyAreaInline, QuestionInline]


class AgencyContactInline(admin.TabularInline):
    model = AgencyContact
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(NationalAgency)
class NationalAgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation_number"]
    inlines = [AgencyContactInline]


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


@admin.register(NetworkMember)
class NetworkMemberAdmin(admin.ModelAdmin):
    list_display = ["municipality", "member_since"]
    inlines = [ContactPersonInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "topic"]
    filter_horizontal = ["municipalities"]


@admin.register(KnowledgeMaterial)
class KnowledgeMaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "url"]
    list_filter = ["kind"]


class DeadlineInline(admin.TabularInline):
    model = AssignmentDeadline
    extra = 1


class ReportForm(forms.ModelForm):
    upload = forms.FileField(label=_("Dokument"), required=False)

    class Meta:
        model = AssignmentReport
        fields = ["assignment", "delivered_on", "title"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is not None:
            try:
                self._content_type = files.check_attachment(upload, upload.name, upload.size)
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from error
        return upload

    def save(self, commit=True):
        report = super().save(commit=False)
        upload = self.cleaned_data.get("upload")
        if upload is not None:
            for field, value in files.store(upload, upload.name, self._content_type).fields().items():
                setattr(report, field, value)
        if commit:
            report.save()
        return report


@admin.register(AssignmentReport)
class AssignmentReportAdmin(admin.ModelAdmin):
    form = ReportForm
    list_display = ["title", "assignment", "delivered_on", "name"]


@admin.register(GovernmentAssignment)
class GovernmentAssignmentAdmin(admin.ModelAdmin):
    list_display = ["title", "period_start", "period_end"]
    inlines = [DeadlineInline]
