"""Sign-offs, published versions and corrections in the admin site: to look at, never to change (they
are the record of what was signed off and published; the app's pages make them)."""

from django.contrib import admin

from publication.models import Correction, Publication, SignOff


class _RecordAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignOff)
class SignOffAdmin(_RecordAdmin):
    list_display = ["inspection", "state", "submitted_by", "submitted_at", "decided_by", "decided_at"]
    list_filter = ["state"]
    list_select_related = ["inspection__force", "inspection__programme", "submitted_by", "decided_by"]
    fields = [
        "inspection",
        "state",
        "content_digest",
        "submitted_by",
        "submitted_at",
        "decided_by",
        "decided_at",
        "comments",
    ]


@admin.register(Publication)
class PublicationAdmin(_RecordAdmin):
    list_display = ["inspection", "version", "published_on", "published_by", "status", "pdf_sha256"]
    list_select_related = ["inspection__force", "inspection__programme", "published_by"]
    fields = [
        "inspection",
        "version",
        "published_on",
        "published_by",
        "created_at",
        "sign_off",
        "content_digest",
        "correction_notice",
        "status",
        "pdf_sha256",
        "error",
        "finished_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("pdf", "document_html")


@admin.register(Correction)
class CorrectionAdmin(_RecordAdmin):
    list_display = ["inspection", "opened_by", "opened_at", "published_in"]
    list_select_related = ["inspection__force", "inspection__programme", "opened_by", "published_in"]
    fields = ["inspection", "notice", "opened_by", "opened_at", "published_in"]
