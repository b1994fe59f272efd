from django.contrib import admin

from .models import Case, Document, DocumentFile


class ReadOnlyAdmin(admin.ModelAdmin):
    """Registered records are shown, never edited or deleted, in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DocumentInline(admin.TabularInline):
    model = Document
    fields = ["serial", "direction", "kind", "title", "registered_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["number", "subject", "registered_at"]
    search_fields = ["number", "subject"]
    inlines = [DocumentInline]


@admin.register(DocumentFile)
class DocumentFileAdmin(ReadOnlyAdmin):
    list_display = ["name", "document", "size", "sha256"]
