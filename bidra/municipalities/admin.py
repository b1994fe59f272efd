from django.contrib import admin

from .models import County, Municipality


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county", "population", "skr_group_code", "national_area", "organisation_number"]
    list_filter = ["national_area", "skr_main_group", "county"]
    search_fields = ["name", "code", "organisation_number"]
    readonly_fields = ["code", "skr_group_name", "nuts2"]
