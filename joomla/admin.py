from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .addresses import key_of_url
from .models import ImportedItem, LegacyAddress


@admin.register(LegacyAddress)
class LegacyAddressAdmin(admin.ModelAdmin):
    list_display = ["old_address", "new_path", "description", "is_imported"]
    list_filter = ["is_imported"]
    search_fields = ["old_address", "new_path", "description"]

    def save_model(self, request, obj, form, change):
        # Typed as the old site wrote it: store it as the lookup will find it.
        obj.old_address = key_of_url(obj.old_address) or obj.old_address
        if change and form.has_changed():
            # An editor's choice outlives the next import.
            obj.is_imported = False
        super().save_model(request, obj, form, change)


@admin.register(ImportedItem)
class ImportedItemAdmin(admin.ModelAdmin):
    """Which Joomla row became which object: for looking up, not editing."""

    list_display = ["__str__", "language", "content_type", "target_link", "imported_at"]
    list_filter = ["source_table", "content_type", "language"]
    search_fields = ["=joomla_id"]
    list_select_related = ["content_type"]

    @admin.display(description=_("imported as"))
    def target_link(self, obj):
        return obj.target

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
