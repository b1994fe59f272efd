from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from . import access
from .authn import ask_to_confirm, recently_authenticated
from .models import ElectronicIdentity, Membership, StaffRole, User


class StaffRoleInline(admin.TabularInline):
    model = StaffRole
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["municipality"]
    readonly_fields = ["granted_by", "granted_at"]


class ElectronicIdentityInline(admin.TabularInline):
    """The user's e-ID, shown without the hash; deleting it unlinks the e-ID (the person can link again)."""

    model = ElectronicIdentity
    extra = 0
    max_num = 0  # linked only by the person, from their account page or an e-ID log-in
    fields = readonly_fields = ["issuer", "linked_at", "last_used_at"]


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
    inlines = [StaffRoleInline, MembershipInline, ElectronicIdentityInline]
    filter_horizontal: list[str] = []
    list_filter = ["is_active", "is_staff", "staff_roles__role"]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Roles, memberships and admin flags are changed here: only right after proving who you are.
        if not recently_authenticated(request):
            if request.method == "POST":
                messages.warning(request, _("Ändringen sparades inte. Bekräfta att det är du och gör den igen."))
            return ask_to_confirm(request, request.get_full_path())
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # A new user starts active, without admin rights: only rights given on creation are recorded.
        new_user = {"is_active": True, "is_staff": False, "is_superuser": False}
        before = {flag: form.initial.get(flag) for flag in access.ACCESS_FLAGS} if change else new_user
        super().save_model(request, obj, form, change)
        access.record_flag_changes(actor=request.user, user=obj, before=before)

    def save_formset(self, request, form, formset, change):
        for membership in formset.save(commit=False):
            if isinstance(membership, Membership) and membership.granted_by_id is None:
                membership.granted_by = request.user
            membership.save()
        formset.save_m2m()
        for obj in formset.deleted_objects:
            obj.delete()
        access.record_inline_changes(
            actor=request.user,
            user=form.instance,
            new=formset.new_objects,
            changed=formset.changed_objects,
            deleted=formset.deleted_objects,
        )
