from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Membership, StaffRole, User


class StaffRoleInline(admin.TabularInline):
    model = StaffRole
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["municipality"]
    readonly_fields = ["granted_by", "granted_at"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "phone", "language"]}),
        (_("Åtkomst"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]
    inlines = [StaffRoleInline, MembershipInline]
    filter_horizontal: list[str] = []
    list_filter = ["is_active", "is_staff", "staff_roles__role"]

    def save_formset(self, request, form, formset, change):
        for membership in formset.save(commit=False):
            if isinstance(membership, Membership) and membership.granted_by_id is None:
                membership.granted_by = request.user
            membership.save()
        formset.save_m2m()
        for obj in formset.deleted_objects:
            obj.delete()
