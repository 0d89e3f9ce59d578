"""The factual accuracy check: the inspection's page (under the inspection, for its members and lead)
and the check's own pages (for the force's liaison, and the inspection's members)."""

from django.urls import path

from factual_accuracy.views import lead, liaison, log

app_name = "factual_accuracy"
INSPECTION = "inspections/<int:pk>/accuracy-check/"
CHECK = "accuracy-checks/<int:check_id>/"
urlpatterns = [
    path(INSPECTION, lead.inspection_check, name="inspection_check"),
    path(f"{INSPECTION}open/", lead.check_open, name="check_open"),
    path(f"{INSPECTION}<int:check_id>/close/", lead.check_close, name="check_close"),
    path(f"{INSPECTION}comments/<int:comment_id>/answer/", lead.comment_answer, name="comment_answer"),
    path("accuracy-checks/", liaison.liaison_home, name="liaison_home"),
    path(CHECK, liaison.check_draft, name="check_draft"),
    path(f"{CHECK}comments/", liaison.check_comment, name="check_comment"),
    path(f"{CHECK}comments/<int:comment_id>/withdraw/", liaison.check_withdraw, name="check_withdraw"),
    path(f"{CHECK}log/", log.check_log, name="check_log"),
    path(f"{CHECK}log.csv", log.check_log_csv, name="check_log_csv"),
    path(f"{CHECK}log.xlsx", log.check_log_xlsx, name="check_log_xlsx"),
]
