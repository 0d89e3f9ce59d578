"""The report's writing pages, under ``/inspections/<pk>/writing/`` (access: peel.views.access)."""

from django.urls import path

from authoring.views import sections, writing

app_name = "authoring"
WRITING = "inspections/<int:pk>/writing/"
SECTION = f"{WRITING}<int:section_id>/"
urlpatterns = [
    path(WRITING, writing.writing_list, name="writing"),
    path(f"{WRITING}setup/", writing.sections_setup, name="setup"),
    path(f"{WRITING}authors/", writing.authors_assign, name="authors"),
    path(f"{WRITING}details/", writing.report_details, name="details"),
    path(SECTION, sections.section_editor, name="section"),
    path(f"{SECTION}approve/", sections.section_status, {"action": "approve"}, name="approve"),
    path(f"{SECTION}reopen/", sections.section_status, {"action": "reopen"}, name="reopen"),
    path(f"{SECTION}ready/", sections.section_status, {"action": "ready"}, name="ready"),
    path(f"{SECTION}return/", sections.section_return, name="return"),
    path(f"{SECTION}history/", sections.section_history, name="history"),
    path(f"{SECTION}comments/", sections.comment_add, name="comment_add"),
    path(f"{SECTION}comments/<int:comment_id>/resolve/", sections.comment_resolve, name="comment_resolve"),
]
