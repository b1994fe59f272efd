from django.contrib import admin

from .models import Area, Call, Criterion, CriterionLevel, Programme


class AreaInline(admin.TabularInline):
    model = Area
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0
    fields = ["position", "code", "name", "name_en", "kind", "weight"]
    show_change_link = True


class CriterionLevelInline(admin.TabularInline):
    model = CriterionLevel
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "agency_name", "legal_basis", "decisions_appealable"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AreaInline, CriterionInline]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "kind", "weight"]
    list_filter = ["programme", "kind"]
    inlines = [CriterionLevelInline]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "opens_at", "closes_at", "budget", "follow_up_of"]
    list_filter = ["programme"]
    prepopulated_fields = {"slug": ["title"]}
