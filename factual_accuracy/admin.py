"""The admin sets a force liaison's force on the user's page; checks and comments are read-only here
(they are made and answered on the check's pages, and kept as the log)."""

from django.contrib import admin
from django.contrib.auth import get_user_model

from factual_accuracy.models import AccuracyCheck, AccuracyComment, ForceLiaison
from peel.admin import PeelUserAdmin


class ForceLiaisonInline(admin.StackedInline):
    model = ForceLiaison
    can_delete = True
    max_num = 1
    verbose_name = "force (for the Force liaison role)"
    verbose_name_plural = "force (for the Force liaison role)"


class LiaisonUserAdmin(PeelUserAdmin):
    inlines = [*PeelUserAdmin.inlines, ForceLiaisonInline]


User = get_user_model()
admin.site.unregister(User)
admin.site.register(User, LiaisonUserAdmin)


@admin.register(ForceLiaison)
class ForceLiaisonAdmin(admin.ModelAdmin):
    list_display = ["user", "force"]
    list_select_related = ["user", "force"]


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccuracyCheck)
class AccuracyCheckAdmin(_ReadOnly):
    list_display = ["__str__", "due_on", "opened_at", "closed_at"]
    list_select_related = ["inspection__force", "inspection__programme"]
    exclude = ["document_html"]


@admin.register(AccuracyComment)
class AccuracyCommentAdmin(_ReadOnly):
    list_display = ["__str__", "author", "answer", "created_at"]
    list_select_related = [
        "accuracy_check__inspection__force",
        "accuracy_check__inspection__programme",
        "author",
    ]
