from django.contrib import admin

from .models import PaymentDetails


@admin.register(PaymentDetails)
class PaymentDetailsAdmin(admin.ModelAdmin):
    list_display = ["municipality", "bankgiro", "updated_at"]
    search_fields = ["municipality__name", "bankgiro"]
    autocomplete_fields = ["municipality"]
