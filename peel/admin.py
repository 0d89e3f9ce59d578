"""The admin site for frameworks (programmes, questions, criteria) and a read-only view, with history, of
inspection content.

A programme in use by an inspection is never changed destructively: its questions and criteria are
read-only here and deleting is refused with a message; the "Create a new version" action copies it into
a programme that can be changed. Inspections are created on the app's own page (which also creates their
draft judgments and summaries); judgments, findings and evidence change only through the app, where the
approval rules apply, so here they are read-only with their history. Users are Django's user admin,
except that the Lead role cannot be taken from someone who leads an inspection not yet published.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from peel.forms.fields import BoundedModelMultipleChoiceField
from peel.forms.inspections import users_with_role
from peel.models import (
    AreaForImprovement,
    CauseOfConcern,
    Criterion,
    EvidenceNote,
    FindingSummary,
    FindingType,
    GradeLevel,
    Inspection,
    Judgment,
    PreviousFindingAssessment,
    Programme,
    Question,
    Recommendation,
)
from peel.roles import Role, is_lead
from peel.selectors.inspections import inspections_led_unpublished

IN_USE_MESSAGE = (
    "{programme} is used by {count} inspection(s), so its questions and criteria cannot change and it "
    "cannot be deleted. Create a new version instead (the 'Create a new version' action on the "
    "programme list)."
)


def _in_use_message(programme: Programme) -> str:
    return IN_USE_MESSAGE.format(programme=programme, count=programme.inspections.count())


def _guard_bulk_delete(actions: dict, *, programme_of) -> dict:
    """Wrap "Delete selected": what belongs to a programme in use is left out, with the message saying
    to create a new version; the rest goes to Django's usual confirmation."""
    if "delete_selected" not in actions:
        return actions
    delete_selected, name, description = actions["delete_selected"]

    def guarded(modeladmin, request, queryset):
        in_use = {programme_of(obj) for obj in queryset if programme_of(obj).is_in_use()}
        for programme in in_use:
            modeladmin.message_user(request, _in_use_message(programme), messages.ERROR)
        remaining = queryset.exclude(pk__in=[obj.pk for obj in queryset if programme_of(obj) in in_use])
        if remaining.exists():
            return delete_selected(modeladmin, request, remaining)
        return None

    actions["delete_selected"] = (guarded, name, description)
    return actions


class _FrameworkPartInline:
    """Inline rows of a programme: read-only and not deletable once the programme is in use."""

    extra = 0

    def _in_use(self, obj) -> bool:
        return obj is not None and obj.is_in_use()

    def has_add_permission(self, request, obj=None):
        return not self._in_use(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._in_use(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._in_use(obj) and super().has_delete_permission(request, obj)


class QuestionInline(_FrameworkPartInline, admin.TabularInline):
    model = Question
    fields = ["order", "code", "level", "parent", "text", "short_title", "graded"]
    ordering = ["order", "code"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            programme_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Question.objects.filter(programme_id=programme_id).exclude(level="sub")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class GradeLevelInline(_FrameworkPartInline, admin.TabularInline):
    """The grade scale, best first; the ungraded option is the one ticked "is ungraded"."""

    model = GradeLevel
    fields = ["order", "code", "label", "report_wording", "colour", "is_ungraded"]
    ordering = ["order"]


class FindingTypeInline(_FrameworkPartInline, admin.TabularInline):
    model = FindingType
    fields = ["order", "code", "label", "plural_label", "has_recommendations"]
    ordering = ["order"]


class CriterionInline(_FrameworkPartInline, admin.StackedInline):
    model = Criterion
    fields = [
        ("order", "code", "section"),
        "text",
        "help_text",
        ("answer_set", "applicability", "threshold"),
        "questions",
        "afi_template",
    ]
    filter_horizontal = ["questions"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "questions":
            programme_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Question.objects.filter(programme_id=programme_id, level="sub")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "slug", "year", "description", "grading_rules"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    form = ProgrammeForm
    list_display = ["name", "year", "version", "previous_version", "inspection_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [GradeLevelInline, FindingTypeInline, QuestionInline, CriterionInline]
    # "Create a new version" is the programmes app's (programmes/admin.py): it copies every part.

    @admin.display(description="inspections")
    def inspection_count(self, programme: Programme) -> int:
        return programme.inspections.count()

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_in_use():
            return ["slug", "year", "version", "previous_version", "grading_rules"]
        return ["version", "previous_version"]

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and obj.is_in_use() else self.prepopulated_fields

    def change_view(self, request, object_id, form_url="", extra_context=None):
        programme = self.get_object(request, object_id)
        if programme is not None and programme.is_in_use() and request.method == "GET":
            self.message_user(request, _in_use_message(programme), messages.WARNING)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        programme = self.get_object(request, object_id)
        if programme is not None and programme.is_in_use():
            self.message_user(request, _in_use_message(programme), messages.ERROR)
            return redirect("admin:peel_programme_change", object_id)
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        return _guard_bulk_delete(super().get_actions(request), programme_of=lambda programme: programme)


class _FrameworkPartAdmin(admin.ModelAdmin):
    """Questions and criteria on their own pages follow the same rule as the inlines."""

    def has_change_permission(self, request, obj=None):
        return not (obj is not None and obj.programme.is_in_use()) and super().has_change_permission(
            request, obj
        )

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.programme.is_in_use():
            self.message_user(request, _in_use_message(obj.programme), messages.ERROR)
            return HttpResponseRedirect(reverse(f"admin:peel_{self.model._meta.model_name}_changelist"))
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        return _guard_bulk_delete(super().get_actions(request), programme_of=lambda obj: obj.programme)


@admin.register(Question)
class QuestionAdmin(_FrameworkPartAdmin):
    list_display = ["code", "text", "level", "graded", "programme"]
    list_filter = ["programme", "level"]
    search_fields = ["code", "text"]
    list_select_related = ["programme"]


@admin.register(Criterion)
class CriterionAdmin(_FrameworkPartAdmin):
    list_display = ["code", "text", "section", "applicability", "programme"]
    list_filter = ["programme", "section", "applicability"]
    search_fields = ["code", "text"]
    list_select_related = ["programme"]
    filter_horizontal = ["questions"]


class InspectionAdminForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = ["lead", "team"]  # the admin adds the rest of its fields
        # An id out of the database's range is refused, not a 500; the admin keeps its search widget.
        field_classes = {"team": BoundedModelMultipleChoiceField}

    def clean_lead(self):
        """Lead powers need the Lead role (``Inspection.is_lead``): a lead without it could do nothing."""
        lead = self.cleaned_data["lead"]
        if lead is not None and not is_lead(lead):
            raise ValidationError(f"{lead.username} does not have the Lead role: give it to them first.")
        return lead


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    form = InspectionAdminForm
    list_display = ["__str__", "status", "lead", "review_window_start", "review_window_end", "is_generated"]
    list_filter = ["status", "programme", "is_generated"]
    list_select_related = ["force", "programme", "lead"]
    search_fields = ["force__name"]
    # Chosen by searching, so the page does not list every user and every inspection (whose names read
    # their force and programme): its queries do not grow with the data.
    autocomplete_fields = ["lead", "team", "previous"]
    readonly_fields = ["force", "programme", "status", "published_at", "created_at"]
    fields = [
        "force",
        "programme",
        "status",
        "lead",
        "hmi",
        "team",
        ("review_window_start", "review_window_end"),
        ("fieldwork_start", "fieldwork_end"),
        "previous",
        "is_generated",
        "published_at",
        "created_at",
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "hmi":
            kwargs["queryset"] = users_with_role(Role.HMI)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def add_view(self, request, form_url="", extra_context=None):
        """One way to create an inspection: the app's page, which also creates its draft judgments."""
        return redirect("peel:inspection_new")

    def has_delete_permission(self, request, obj=None):
        return False


class _ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """Content that changes only through the app (approval rules); here to look at, with history.

    Its related rows are shown by id: a choice list of every evidence note, question or user would make
    the pages, and each historical version's page, read more the more data there is. The history list
    states what changed in each version but the many-to-many links (an AFI's evidence notes and
    criteria): diffing those costs two queries a version; each version's own page shows them, and so
    does the lead's history page in the app."""

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self.raw_id_fields = [
            field.name for field in model._meta.get_fields() if field.concrete and field.is_relation
        ]
        self.unlisted_changes = [field.name for field in model._meta.many_to_many]

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """As simple-history does (each version against the one before it), leaving out the links."""
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current,
                    excluded_fields=self.unlisted_changes,
                    foreign_keys_are_objs=foreign_keys_are_objs,
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EvidenceNote)
class EvidenceNoteAdmin(_ReadOnlyHistoryAdmin):
    list_display = ["__str__", "inspection", "source", "direction", "observed_on", "author"]
    list_filter = ["direction", "source", "proposed_afi"]
    list_select_related = ["inspection__force", "inspection__programme", "question", "author"]
    search_fields = ["text"]


@admin.register(Judgment)
class JudgmentAdmin(_ReadOnlyHistoryAdmin):
    list_display = ["__str__", "grade", "state", "approved_by", "approved_at"]
    list_filter = ["state", "grade"]
    list_select_related = ["inspection__force", "inspection__programme", "question", "approved_by"]


@admin.register(FindingSummary)
class FindingSummaryAdmin(_ReadOnlyHistoryAdmin):
    list_display = ["__str__", "state", "approved_by"]
    list_filter = ["state"]
    list_select_related = ["inspection__force", "inspection__programme", "question", "approved_by"]


@admin.register(AreaForImprovement)
class AreaForImprovementAdmin(_ReadOnlyHistoryAdmin):
    list_display = ["__str__", "inspection", "state", "rejected", "origin"]
    list_filter = ["state", "rejected", "origin"]
    list_select_related = ["inspection__force", "inspection__programme"]
    search_fields = ["text"]


@admin.register(CauseOfConcern)
class CauseOfConcernAdmin(_ReadOnlyHistoryAdmin):
    list_display = ["__str__", "inspection", "state"]
    list_filter = ["state"]
    list_select_related = ["inspection__force", "inspection__programme"]


@admin.register(Recommendation)
class RecommendationAdmin(_ReadOnlyHistoryAdmin):
    list_display = ["__str__", "due_date"]


@admin.register(PreviousFindingAssessment)
class PreviousFindingAssessmentAdmin(_ReadOnlyHistoryAdmin):
    list_display = ["__str__", "inspection", "progress", "assessed_by", "assessed_at"]
    list_filter = ["progress"]
    list_select_related = [
        "inspection__force",
        "inspection__programme",
        "afi",
        "cause_of_concern",
        "assessed_by",
    ]


class PeelUserChangeForm(UserChangeForm):
    def clean_groups(self):
        groups = self.cleaned_data["groups"]
        had_role = self.instance.pk and self.instance.groups.filter(name=Role.LEAD).exists()
        if had_role and not any(group.name == Role.LEAD for group in groups):
            led = list(inspections_led_unpublished(user=self.instance))
            if led:
                names = "; ".join(str(inspection) for inspection in led)
                raise ValidationError(
                    f"{self.instance.username} leads {names}, not yet published: give "
                    f"{'it' if len(led) == 1 else 'each'} another lead before taking away the Lead role."
                )
        return groups


class PeelUserAdmin(UserAdmin):
    form = PeelUserChangeForm


User = get_user_model()
admin.site.unregister(User)
admin.site.register(User, PeelUserAdmin)
