from django.contrib import admin

from identity.models import ProviderIdentity


@admin.register(ProviderIdentity)
class ProviderIdentityAdmin(admin.ModelAdmin):
    """Who signs in through the provider, as whom: read-only, since only a sign-in creates one.
    Deactivate the user to keep a person out before their provider account is removed."""

    list_display = ("user", "issuer", "subject", "last_sign_in_at")
    list_select_related = ("user",)
    search_fields = ("user__username", "user__email", "subject")
    readonly_fields = ("user", "issuer", "subject", "created_at", "last_sign_in_at")

    def has_add_permission(self, request) -> bool:
        return False
