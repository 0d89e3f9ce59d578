"""Every named URL, declared once: a page whose form edits something saved has a round trip (who opens
it, which form, which button); every other page says why it has none. A URL without a declaration fails
``test_form_round_trips.py``, so a new form page cannot ship without one."""

from collections.abc import Callable
from dataclasses import dataclass

from tests.reliability.editables import undrawn_design_kwargs
from tests.reliability.matrix import PAGES
from tests.reliability.world import World


@dataclass(frozen=True)
class RoundTrip:
    """Open the page as ``role``, submit the form holding ``field`` unchanged with ``button``: nothing in
    the database may change."""

    role: str
    field: str
    button: str | None = None
    kwargs: Callable[[World], dict] | None = None  # where the matrix's object is not editable


@dataclass(frozen=True)
class NotAnEdit:
    """The page's form creates or acts (a round trip of it is not meant to be a no-op); why."""

    reason: str


@dataclass(frozen=True)
class NoEditingForm:
    """The page has no form that edits anything (checked: none is found on it for any role); why."""

    reason: str


READS = NoEditingForm("a page to read; its buttons, if any, post to other URLs")
POST_ONLY = NoEditingForm("answers POST only; the button that sends it is on another page")
CREATES = NotAnEdit("creates a row: one submission makes one row (test_double_submission.py)")

ROUND_TRIPS: dict[str, RoundTrip | NotAnEdit | NoEditingForm] = {
    "home": READS,
    "health": READS,
    "favicon": NoEditingForm("redirects to the icon"),
    "login": NotAnEdit("logs in"),
    "logout": POST_ONLY,
    "resubmit": NotAnEdit("sends again a form kept when the session ended, to the page it came from"),
    "identity:sign_in": NoEditingForm("sends the browser to the identity provider (404 while SSO is off)"),
    "identity:callback": NoEditingForm("the provider's answer (404 while SSO is off)"),
    "identity:otp_enrol": NotAnEdit("sets up an authenticator, with a code from it"),
    "identity:otp_verify": NotAnEdit("checks a code from the authenticator"),
    "password_change": NotAnEdit("changes the password, and needs the old one typed"),
    "password_change_done": READS,
    "forces:list": READS,
    "forces:detail": READS,
    "national:programmes": READS,
    "national:programme": READS,
    "peel:inspection_new": CREATES,
    "peel:inspection_overview": READS,
    "peel:inspection_settings": RoundTrip("lead", "fieldwork_start", "save"),
    "peel:inspection_status": POST_ONLY,
    "peel:framework": READS,
    "peel:evidence_list": NoEditingForm("its form filters the list (GET)"),
    "peel:evidence_export_csv": READS,
    "peel:evidence_export_xlsx": READS,
    "peel:evidence_create": CREATES,
    "peel:evidence_edit": RoundTrip("inspector", "text", "save"),
    "peel:evidence_delete": NotAnEdit("deletes the note, after asking"),
    "peel:evidence_history": READS,
    "peel:judgment_list": READS,
    "peel:summary_list": READS,
    "peel:afi_list": NotAnEdit("the lead's form accepts, rejects or merges the ticked AFIs (peel:afi_bulk)"),
    "peel:afi_new": CREATES,
    "peel:afi_bulk": NotAnEdit("accepts, rejects or merges the ticked AFIs; merging asks for the text first"),
    "peel:cause_list": READS,
    "peel:cause_new": CREATES,
    "peel:practice_list": READS,
    "peel:practice_new": CREATES,
    "peel:approvable_detail": RoundTrip("inspector", "version", "save"),
    "peel:approvable_action": NotAnEdit("rejects or reopens, with a reason kept in the history"),
    "peel:approvable_history": READS,
    "peel:recommendation_new": CREATES,
    "peel:recommendation_edit": RoundTrip("inspector", "due_date", "save"),
    "peel:previous_findings": NotAnEdit(
        "records the lead's assessment of a previous finding, with who and when (the world has no previous "
        "inspection; tests/peel/test_previous_findings.py)"
    ),
    "reviews:sample": READS,
    "reviews:design": RoundTrip("lead", "total", kwargs=undrawn_design_kwargs),
    "reviews:crime_type_alias_add": POST_ONLY,
    "reviews:crime_list_import": NotAnEdit("imports a crime list file"),
    "reviews:draw": NotAnEdit("draws or redraws the sample"),
    "reviews:reserves": READS,
    "reviews:allocate": POST_ONLY,
    "reviews:my_files": READS,
    "reviews:progress": READS,
    "reviews:moderation": NotAnEdit(
        "its forms filter the queue (GET) and accept the ticked reviews (reviews:accept_selected)"
    ),
    "reviews:accept_selected": POST_ONLY,
    "reviews:double_review": NotAnEdit("chooses the files for a second review"),
    "reviews:export_csv": READS,
    "reviews:export_xlsx": READS,
    "reviews:file_detail": NotAnEdit(
        "its forms accept or return a review (reviews:accept_*, reviews:return_*)"
    ),
    "reviews:mark_unusable": NotAnEdit("marks the file unusable and brings in a reserve"),
    "reviews:adjudicate": NotAnEdit("records the lead's final answers where the two reviews differ"),
    "reviews:review_first": RoundTrip("inspector", "version", "action=save"),
    "reviews:review_second": NotAnEdit(
        "the world's second review is not started, so saving it starts it; a saved review's round trip is "
        "reviews:review_first"
    ),
    "reviews:draft_first": POST_ONLY,
    "reviews:draft_second": POST_ONLY,
    "reviews:accept_first": POST_ONLY,
    "reviews:accept_second": POST_ONLY,
    "reviews:return_first": POST_ONLY,
    "reviews:return_second": POST_ONLY,
    "reviews:reassign_first": NotAnEdit("gives the review to another inspector"),
    "reviews:reassign_second": NotAnEdit("gives the review to another inspector"),
    "reviews:discussion_first": CREATES,
    "reviews:discussion_second": CREATES,
    "reports:compile": READS,
    "reports:compile_start": POST_ONLY,
    "reports:compile_progress": READS,
    "reviews:crime_list_import_progress": READS,
    "notifications:list": READS,
    "notifications:open": POST_ONLY,
    "notifications:mark_read": POST_ONLY,
    "notifications:preferences": RoundTrip("inspector", "message"),
    "timeline:timeline": READS,
    "timeline:dates": RoundTrip("lead", "data_request", "save"),
    "timeline:calendar": NoEditingForm("shows the calendar link; its button posts to regenerate"),
    "timeline:regenerate": POST_ONLY,
    "timeline:feed": NoEditingForm("an iCalendar file"),
    "tokens:list": CREATES,
    "tokens:revoke": POST_ONLY,
    "authoring:writing": READS,
    "authoring:setup": POST_ONLY,
    "authoring:authors": RoundTrip("lead", "assign", "assign"),
    "authoring:details": RoundTrip("lead", "isbn", "save"),
    "authoring:section": RoundTrip("inspector", "body", "save"),
    "authoring:ready": POST_ONLY,
    "authoring:approve": POST_ONLY,
    "authoring:reopen": POST_ONLY,
    "authoring:return": POST_ONLY,
    "authoring:history": NoEditingForm("its form chooses the two versions to compare (GET)"),
    "authoring:comment_add": POST_ONLY,
    "authoring:comment_resolve": POST_ONLY,
    "publication:report": READS,
    "review_pdf:prepare": POST_ONLY,
    "review_pdf:progress": READS,
    "review_pdf:download": READS,
    "publication:report_pdf": READS,
    "publication:pdf_prepare": POST_ONLY,
    "publication:draft_pdf": READS,
    "publication:draft_pdf_progress": READS,
    "publication:version_pdf": READS,
    "publication:version_progress": READS,
    "publication:version_render": POST_ONLY,
    "publication:submit": POST_ONLY,
    "publication:sign_off": NotAnEdit("signs the report off or returns it with comments"),
    "publication:publish": NotAnEdit("publishes the report, with its date, after a confirmation"),
    "publication:correction": NotAnEdit("reopens a published report for a correction, with its notice"),
    "factual_accuracy:inspection_check": NotAnEdit(
        "sends the draft to the force (a new round); its answer forms post to factual_accuracy:comment_answer"
    ),
    "factual_accuracy:check_open": POST_ONLY,
    "factual_accuracy:check_close": POST_ONLY,
    "factual_accuracy:comment_answer": RoundTrip("lead", "reason", "save"),
    "factual_accuracy:liaison_home": READS,
    "factual_accuracy:check_draft": NotAnEdit("its forms add a comment beside each section (a new row each)"),
    "factual_accuracy:check_comment": POST_ONLY,
    "factual_accuracy:check_withdraw": POST_ONLY,
    "factual_accuracy:check_log": READS,
    "factual_accuracy:check_log_csv": READS,
    "factual_accuracy:check_log_xlsx": READS,
}
# The API answers JSON, never an HTML form; its writes are tested in tests/api.
ROUND_TRIPS.update(
    {
        name: NoEditingForm("the JSON API and its documentation: no HTML form")
        for name in PAGES
        if name.startswith("api:")
    }
)
