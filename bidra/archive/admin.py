from django.contrib import admin

from .models import RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    list_display = ["outcome", "document_kind", "years", "note"]
    list_filter = ["outcome"]
