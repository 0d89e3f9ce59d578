"""The role × URL matrix: for every named URL of the URLconf, how to build its arguments from the world
and what each role gets. Each URL's expectation is declared once, here; a URL without one fails the
matrix test, so a new page cannot ship without saying who may open it.

Outcomes: an HTTP status, or ``Redirect(prefix)`` for a 302 whose Location starts with the prefix.
``get`` is what a GET gives each role. ``post`` is what a POST gives; where it is not declared, a role
refused on GET must be refused on POST the same way, and the other roles' POSTs only must not fail.
"""

from collections.abc import Callable
from dataclasses import dataclass

from tests.reliability.world import World


@dataclass(frozen=True)
class Redirect:
    prefix: str
    refuses: bool = False  # sent to log in instead of being served

    def __str__(self) -> str:
        return f"302 to {self.prefix or 'anywhere'}"


LOGIN = Redirect("/accounts/login/", refuses=True)
LOGGED_OUT = Redirect("/accounts/login/")
ANYWHERE = Redirect("")
REFUSALS = (401, 403, 404, 405, 415)


def outcome_refuses(outcome) -> bool:
    return outcome in REFUSALS or (isinstance(outcome, Redirect) and outcome.refuses)


# A force liaison of the inspection's own force gets what one of another force gets, except where a
# declaration says otherwise (the factual accuracy check's pages): the inspection is no more open to them.
AS_LIAISON = object()


def expect(
    *, anonymous=LOGIN, outsider, inspector, lead, admin, hmi, liaison, force_liaison=AS_LIAISON
) -> dict:
    return {
        "anonymous": anonymous,
        "outsider": outsider,
        "inspector": inspector,
        "lead": lead,
        "admin": admin,
        "hmi": hmi,
        "liaison": liaison,
        "force_liaison": liaison if force_liaison is AS_LIAISON else force_liaison,
    }


def for_liaisons(outcomes: dict, outcome) -> dict:
    """The outcomes, with both force liaisons getting ``outcome``."""
    return {**outcomes, "liaison": outcome, "force_liaison": outcome}


# The rules of an inspection's pages (the team inspector is the author of the note and the reviewer of
# the files the world names). The inspection's HM Inspector reads what every member reads and writes
# nothing but their sign-off: like an admin who is not on the team, they get 403 wherever the team writes.
# Force liaisons reach none of the site's pages but their own (factual_accuracy.middleware): 403 outside
# the inspections, 404 for every inspection's page.
EVERYONE = expect(outsider=200, inspector=200, lead=200, admin=200, hmi=200, liaison=403)
MEMBERS = expect(outsider=404, inspector=200, lead=200, admin=200, hmi=200, liaison=404)
TEAM = expect(outsider=404, inspector=200, lead=200, admin=403, hmi=403, liaison=404)
LEAD = expect(outsider=404, inspector=403, lead=200, admin=403, hmi=403, liaison=404)
LEADS_AND_ADMINS = expect(outsider=403, inspector=403, lead=200, admin=200, hmi=403, liaison=403)
ADMINS = expect(outsider=403, inspector=403, lead=403, admin=200, hmi=403, liaison=404)
# The inspection's lead, or an Admin whether or not on the team (the timeline's dates).
LEAD_OR_ADMIN = expect(outsider=404, inspector=403, lead=200, admin=200, hmi=403, liaison=404)
# Views that answer one method (``require_POST``/``require_GET`` before the access check): the other
# method is 405 for everyone logged in, which discloses nothing. A force liaison is refused before any
# view runs (``factual_accuracy.middleware``), so under /inspections/ they get 404 whatever the method.
WRONG_METHOD = expect(outsider=405, inspector=405, lead=405, admin=405, hmi=405, liaison=404)
LEAD_POST = expect(outsider=404, inspector=403, lead=ANYWHERE, admin=403, hmi=403, liaison=404)
MEMBERS_POST = expect(
    outsider=404, inspector=ANYWHERE, lead=ANYWHERE, admin=ANYWHERE, hmi=ANYWHERE, liaison=404
)
# POST-only views that load the inspection first: outsiders get 404 whatever the method.
MEMBERS_WRONG_METHOD = expect(outsider=404, inspector=405, lead=405, admin=405, hmi=405, liaison=404)


# The API answers as the pages do, except that a caller without a token or session gets 401 (JSON), and
# its writes, which read JSON only, answer a form's POST with 415 where the role may write.
API_EVERYONE = {**EVERYONE, "anonymous": 401}
API_MEMBERS = for_liaisons({**MEMBERS, "anonymous": 401}, 403)
API_LEADS_AND_ADMINS = {**LEADS_AND_ADMINS, "anonymous": 401}
API_WRONG_METHOD = expect(
    anonymous=401, outsider=405, inspector=405, lead=405, admin=405, hmi=405, liaison=403
)


@dataclass(frozen=True)
class Page:
    kwargs: Callable[[World], dict]
    get: dict
    post: dict | None = None

    def post_expectation(self, role: str):
        """What a POST by the role must give; None where any answer but an error will do."""
        if self.post is not None:
            return self.post[role]
        return self.get[role] if outcome_refuses(self.get[role]) else None


def on(*names: str) -> Callable[[World], dict]:
    """Build kwargs from the world: "pk" is the inspection; others name world attributes' primary keys."""
    sources = {
        "pk": lambda w: w.inspection.pk,
        "note_id": lambda w: w.note.pk,
        "recommendation_id": lambda w: w.recommendation.pk,
        "run_id": lambda w: w.run.pk,
        "upload_id": lambda w: w.upload.pk,
        "slug": lambda w: w.force.slug,
        "draft_id": lambda w: w.draft_pdf.pk,
        "version": lambda w: w.published_version,
        "token_id": lambda w: w.token.pk,
        "notification_id": lambda w: w.notification.pk,
        "check_id": lambda w: w.accuracy_check.pk,
        "section_id": lambda w: w.section.pk,
        "comment_id": lambda w: w.comment.pk,
        "token": lambda w: w.calendar_token.token,
    }
    return lambda w: {name: sources[name](w) for name in names}


def file_page(attribute: str) -> Callable[[World], dict]:
    return lambda w: {"pk": w.inspection.pk, "file_id": getattr(w, attribute).pk}


def review_pdf_page(w: World) -> dict:
    return {**file_page("submitted_file")(w), "pdf_id": w.review_pdf.pk}


def approvable(kind: str) -> Callable[[World], dict]:
    return lambda w: {"pk": w.inspection_of(kind).pk, "kind": kind, "item_id": w.item(kind).pk}


def approvable_action(kind: str, action: str) -> Page:
    kwargs = lambda w: {**approvable(kind)(w), "action": action}  # noqa: E731
    if action == "submit":  # the team and the lead; an admin who is not on the team may not
        return Page(
            kwargs,
            MEMBERS_WRONG_METHOD,
            expect(outsider=404, inspector=ANYWHERE, lead=ANYWHERE, admin=403, hmi=403, liaison=404),
        )
    if action == "approve":
        return Page(kwargs, MEMBERS_WRONG_METHOD, LEAD_POST)
    # reject and reopen ask the lead for a reason first (a GET form), then POST.
    return Page(kwargs, LEAD, LEAD_POST)


PAGES: dict[str, Page | Callable[..., Page]] = {
    # --- the site ------------------------------------------------------------------------------------
    "home": Page(on(), for_liaisons(EVERYONE, Redirect("/accuracy-checks/"))),
    "health": Page(
        on(), expect(anonymous=200, outsider=200, inspector=200, lead=200, admin=200, hmi=200, liaison=200)
    ),
    "favicon": Page(
        on(),
        expect(anonymous=301, outsider=301, inspector=301, lead=301, admin=301, hmi=301, liaison=301),
        post=expect(anonymous=405, outsider=405, inspector=405, lead=405, admin=405, hmi=405, liaison=405),
    ),
    "login": Page(
        on(),
        expect(
            anonymous=200,
            outsider=ANYWHERE,
            inspector=ANYWHERE,
            lead=ANYWHERE,
            admin=ANYWHERE,
            hmi=ANYWHERE,
            liaison=ANYWHERE,
        ),
        post=expect(
            anonymous=200,
            outsider=ANYWHERE,
            inspector=ANYWHERE,
            lead=ANYWHERE,
            admin=ANYWHERE,
            hmi=ANYWHERE,
            liaison=ANYWHERE,
        ),
    ),
    "logout": Page(
        on(),
        expect(outsider=405, inspector=405, lead=405, admin=405, hmi=405, liaison=405),
        post=expect(
            anonymous=LOGGED_OUT,
            outsider=LOGGED_OUT,
            inspector=LOGGED_OUT,
            lead=LOGGED_OUT,
            admin=LOGGED_OUT,
            hmi=LOGGED_OUT,
            liaison=LOGGED_OUT,
        ),
    ),
    # A kept form after logging in again: with none kept, home.
    "resubmit": Page(
        on(),
        expect(
            outsider=ANYWHERE,
            inspector=ANYWHERE,
            lead=ANYWHERE,
            admin=ANYWHERE,
            hmi=ANYWHERE,
            liaison=ANYWHERE,
        ),
    ),
    # Single sign-on (identity/): the provider's pages exist only with SSO configured, which the
    # matrix's world is not; any logged-in user may set up an authenticator (break-glass accounts must).
    "identity:sign_in": Page(
        on(), expect(anonymous=404, outsider=404, inspector=404, lead=404, admin=404, hmi=404, liaison=404)
    ),
    "identity:callback": Page(
        on(), expect(anonymous=404, outsider=404, inspector=404, lead=404, admin=404, hmi=404, liaison=404)
    ),
    # A liaison keeps their account's own pages: the authenticator, the password.
    "identity:otp_enrol": Page(on(), for_liaisons(EVERYONE, 200)),
    "identity:otp_verify": Page(
        on(),
        expect(
            outsider=ANYWHERE,
            inspector=ANYWHERE,
            lead=ANYWHERE,
            admin=ANYWHERE,
            hmi=ANYWHERE,
            liaison=ANYWHERE,
        ),
    ),
    "password_change": Page(on(), for_liaisons(EVERYONE, 200)),
    "password_change_done": Page(on(), for_liaisons(EVERYONE, 200)),
    "forces:list": Page(on(), EVERYONE),
    "forces:detail": Page(on("slug"), EVERYONE),
    "national:programmes": Page(on(), LEADS_AND_ADMINS),
    "national:programme": Page(lambda w: {"slug": w.programme.slug}, LEADS_AND_ADMINS),
    # --- an inspection -------------------------------------------------------------------------------
    "peel:inspection_new": Page(on(), ADMINS),
    "peel:inspection_overview": Page(on("pk"), MEMBERS),
    "peel:inspection_settings": Page(on("pk"), LEAD),
    "peel:inspection_status": Page(on("pk"), WRONG_METHOD, LEAD_POST),
    "peel:framework": Page(on("pk"), MEMBERS),
    "peel:evidence_list": Page(on("pk"), MEMBERS),
    "peel:evidence_export_csv": Page(on("pk"), MEMBERS),
    "peel:evidence_export_xlsx": Page(on("pk"), MEMBERS),
    "peel:evidence_create": Page(on("pk"), TEAM),
    "peel:evidence_edit": Page(on("pk", "note_id"), TEAM),
    "peel:evidence_delete": Page(on("pk", "note_id"), TEAM),
    "peel:evidence_history": Page(on("pk", "note_id"), LEAD),
    "peel:judgment_list": Page(on("pk"), MEMBERS),
    "peel:summary_list": Page(on("pk"), MEMBERS),
    "peel:afi_list": Page(on("pk"), MEMBERS),
    "peel:afi_new": Page(on("pk"), TEAM),
    # The lead's accept, reject or merge of the ticked AFIs: POST only; with nothing ticked the list is
    # shown again with the message.
    "peel:afi_bulk": Page(
        on("pk"),
        MEMBERS_WRONG_METHOD,
        expect(outsider=404, inspector=403, lead=200, admin=403, hmi=403, liaison=404),
    ),
    "peel:cause_list": Page(on("pk"), MEMBERS),
    "peel:cause_new": Page(on("pk"), TEAM),
    # On the world's inspection of a programme that records innovative and promising practice.
    "peel:practice_list": Page(lambda w: {"pk": w.practice_inspection.pk}, MEMBERS),
    "peel:practice_new": Page(lambda w: {"pk": w.practice_inspection.pk}, TEAM),
    # Everyone on the inspection reads it; the team edits it, so an admin's POST is refused.
    "peel:approvable_detail": lambda kind: Page(
        approvable(kind),
        MEMBERS,
        post=expect(outsider=404, inspector=None, lead=None, admin=403, hmi=403, liaison=404),
    ),
    "peel:approvable_action": approvable_action,
    "peel:approvable_history": lambda kind: Page(approvable(kind), LEAD),
    "peel:recommendation_new": lambda kind: Page(
        lambda w: {"pk": w.inspection.pk, "kind": kind, "item_id": w.item(kind).pk}, TEAM
    ),
    "peel:recommendation_edit": Page(on("pk", "recommendation_id"), TEAM),
    # Everyone reads the previous findings; only the lead records how far each was addressed.
    "peel:previous_findings": Page(
        on("pk"),
        MEMBERS,
        post=expect(outsider=404, inspector=403, lead=ANYWHERE, admin=403, hmi=403, liaison=404),
    ),
    # --- the case-file review ------------------------------------------------------------------------
    "reviews:sample": Page(on("pk"), MEMBERS),
    "reviews:design": Page(on("pk"), LEAD),
    "reviews:crime_type_alias_add": Page(on("pk"), WRONG_METHOD, LEAD_POST),
    "reviews:crime_list_import": Page(on("pk"), LEAD),
    "reviews:crime_list_import_progress": Page(on("pk", "upload_id"), LEAD, WRONG_METHOD),
    "reviews:draw": Page(on("pk"), LEAD),
    "reviews:reserves": Page(on("pk"), LEAD),
    "reviews:allocate": Page(on("pk"), WRONG_METHOD, LEAD_POST),
    "reviews:my_files": Page(on("pk"), MEMBERS),
    "reviews:progress": Page(on("pk"), MEMBERS),
    "reviews:moderation": Page(on("pk"), LEAD),
    # Nothing ticked: the queue again, with its error summary (400).
    "reviews:accept_selected": Page(
        on("pk"),
        WRONG_METHOD,
        expect(outsider=404, inspector=403, lead=400, admin=403, hmi=403, liaison=404),
    ),
    "reviews:double_review": Page(on("pk"), LEAD),
    "reviews:export_csv": Page(on("pk"), LEAD),
    "reviews:export_xlsx": Page(on("pk"), LEAD),
    "reviews:file_detail": Page(file_page("draft_file"), MEMBERS),
    "reviews:mark_unusable": Page(file_page("draft_file"), LEAD),
    "reviews:adjudicate": Page(file_page("submitted_file"), LEAD),
    # The first review of the draft file is the team inspector's; its second review is the other
    # inspector's (blind), so the team inspector is refused it. The lead may edit any review.
    "reviews:review_first": Page(file_page("draft_file"), TEAM),
    "reviews:review_second": Page(file_page("draft_file"), LEAD),
    # The review form's automatic draft save: POST only; its reviewer and the lead save, others are refused.
    "reviews:draft_first": Page(
        file_page("draft_file"),
        WRONG_METHOD,
        expect(outsider=404, inspector=None, lead=None, admin=403, hmi=403, liaison=404),
    ),
    "reviews:draft_second": Page(
        file_page("draft_file"),
        WRONG_METHOD,
        expect(outsider=404, inspector=403, lead=None, admin=403, hmi=403, liaison=404),
    ),
    # The PDF of a file's review: anyone who reads the file may ask for it (an Admin or the HM Inspector,
    # who read no review of it, are told so); the world's PDF is the lead's, so only the lead follows or
    # downloads it: the file's reviewer is sent back to the file's page to prepare their own.
    "review_pdf:prepare": Page(file_page("submitted_file"), WRONG_METHOD, MEMBERS_POST),
    "review_pdf:progress": Page(
        review_pdf_page,
        expect(outsider=404, inspector=404, lead=200, admin=404, hmi=404, liaison=404),
        WRONG_METHOD,
    ),
    "review_pdf:download": Page(
        review_pdf_page,
        expect(outsider=404, inspector=ANYWHERE, lead=200, admin=404, hmi=404, liaison=404),
        WRONG_METHOD,
    ),
    "reviews:accept_first": Page(file_page("submitted_file"), WRONG_METHOD, LEAD_POST),
    "reviews:accept_second": Page(file_page("submitted_file"), WRONG_METHOD, LEAD_POST),
    "reviews:return_first": Page(file_page("submitted_file"), WRONG_METHOD, LEAD_POST),
    "reviews:return_second": Page(file_page("submitted_file"), WRONG_METHOD, LEAD_POST),
    "reviews:reassign_first": Page(file_page("draft_file"), LEAD),
    "reviews:reassign_second": Page(file_page("draft_file"), LEAD),
    # A file's discussion, one thread per review: the review's reviewer and the lead take part; a member
    # who is neither (an admin, the HM Inspector, the other review's reviewer) gets 403, others 404.
    "reviews:discussion_first": Page(file_page("draft_file"), TEAM),
    "reviews:discussion_second": Page(file_page("draft_file"), LEAD),
    # --- the compile and the report ------------------------------------------------------------------
    "reports:compile": Page(on("pk"), MEMBERS, WRONG_METHOD),
    "reports:compile_start": Page(on("pk"), WRONG_METHOD, LEAD_POST),
    "reports:compile_progress": Page(on("pk", "run_id"), MEMBERS, WRONG_METHOD),
    # --- writing the report (the world's section 3.1 is the team inspector's, with the lead's comment) --
    "authoring:writing": Page(on("pk"), MEMBERS, WRONG_METHOD),
    "authoring:setup": Page(on("pk"), WRONG_METHOD, LEAD_POST),
    "authoring:authors": Page(on("pk"), LEAD),
    "authoring:details": Page(on("pk"), LEAD),
    # Everyone on the inspection reads a section; its author and the lead write it.
    "authoring:section": Page(
        on("pk", "section_id"),
        MEMBERS,
        post=expect(outsider=404, inspector=None, lead=None, admin=403, hmi=403, liaison=404),
    ),
    "authoring:ready": Page(
        on("pk", "section_id"),
        WRONG_METHOD,
        expect(outsider=404, inspector=ANYWHERE, lead=ANYWHERE, admin=403, hmi=403, liaison=404),
    ),
    "authoring:approve": Page(on("pk", "section_id"), WRONG_METHOD, LEAD_POST),
    "authoring:reopen": Page(on("pk", "section_id"), WRONG_METHOD, LEAD_POST),
    "authoring:return": Page(on("pk", "section_id"), WRONG_METHOD, LEAD_POST),
    "authoring:history": Page(on("pk", "section_id"), MEMBERS, WRONG_METHOD),
    "authoring:comment_add": Page(
        on("pk", "section_id"),
        WRONG_METHOD,
        expect(outsider=404, inspector=ANYWHERE, lead=ANYWHERE, admin=403, hmi=403, liaison=404),
    ),
    "authoring:comment_resolve": Page(
        lambda w: {"pk": w.inspection.pk, "section_id": w.section.pk, "comment_id": w.comment.pk},
        WRONG_METHOD,
        expect(outsider=404, inspector=ANYWHERE, lead=ANYWHERE, admin=403, hmi=403, liaison=404),
    ),
    # --- the report and its publication (the world's report is a draft with nothing submitted) --------
    "publication:report": Page(on("pk"), MEMBERS, WRONG_METHOD),
    # No draft PDF is prepared in the world: the download sends members to the report to prepare it.
    "publication:report_pdf": Page(
        on("pk"),
        expect(outsider=404, inspector=ANYWHERE, lead=ANYWHERE, admin=ANYWHERE, hmi=ANYWHERE, liaison=404),
        WRONG_METHOD,
    ),
    "publication:pdf_prepare": Page(on("pk"), WRONG_METHOD, MEMBERS_POST),
    "publication:draft_pdf": Page(on("pk", "draft_id"), MEMBERS, WRONG_METHOD),
    "publication:draft_pdf_progress": Page(on("pk", "draft_id"), MEMBERS, WRONG_METHOD),
    "publication:version_pdf": Page(on("pk", "version"), MEMBERS, WRONG_METHOD),
    "publication:version_progress": Page(on("pk", "version"), MEMBERS, WRONG_METHOD),
    "publication:version_render": Page(on("pk", "version"), WRONG_METHOD, LEAD_POST),
    "publication:submit": Page(on("pk"), WRONG_METHOD, LEAD_POST),
    # Nothing waits for the HM Inspector in the world: their page sends them back to the report.
    "publication:sign_off": Page(
        on("pk"),
        expect(outsider=404, inspector=403, lead=403, admin=403, hmi=ANYWHERE, liaison=404),
        post=expect(outsider=404, inspector=403, lead=403, admin=403, hmi=ANYWHERE, liaison=404),
    ),
    # Without a sign-off (publish) or a publication (correction) the lead is sent back to the report.
    "publication:publish": Page(
        on("pk"),
        expect(outsider=404, inspector=403, lead=ANYWHERE, admin=403, hmi=403, liaison=404),
        post=expect(outsider=404, inspector=403, lead=ANYWHERE, admin=403, hmi=403, liaison=404),
    ),
    "publication:correction": Page(
        on("pk"),
        expect(outsider=404, inspector=403, lead=ANYWHERE, admin=403, hmi=403, liaison=404),
        post=expect(outsider=404, inspector=403, lead=ANYWHERE, admin=403, hmi=403, liaison=404),
    ),
    # --- the factual accuracy check: the world's check is open, with one answered comment by the
    # force's liaison. Its own pages are for the inspection's members and the liaison of its force; the
    # liaison of another force gets 404, as an outsider does.
    "factual_accuracy:inspection_check": Page(
        on("pk"), MEMBERS, post=expect(outsider=405, inspector=405, lead=405, admin=405, hmi=405, liaison=404)
    ),
    # With no due date sent (and a round open already) the lead's POST shows the page and its message.
    "factual_accuracy:check_open": Page(
        on("pk"), WRONG_METHOD, expect(outsider=404, inspector=403, lead=200, admin=403, hmi=403, liaison=404)
    ),
    "factual_accuracy:check_close": Page(on("pk", "check_id"), WRONG_METHOD, LEAD_POST),
    # Without an answer chosen the lead's POST shows the form again, with the problem.
    "factual_accuracy:comment_answer": Page(
        lambda w: {"pk": w.inspection.pk, "comment_id": w.accuracy_comment.pk},
        LEAD,
        expect(outsider=404, inspector=403, lead=200, admin=403, hmi=403, liaison=404),
    ),
    "factual_accuracy:liaison_home": Page(
        on(),
        expect(outsider=403, inspector=403, lead=403, admin=403, hmi=403, liaison=200, force_liaison=200),
        post=expect(outsider=405, inspector=405, lead=405, admin=405, hmi=405, liaison=405),
    ),
    "factual_accuracy:check_draft": Page(
        on("check_id"),
        expect(outsider=404, inspector=200, lead=200, admin=200, hmi=200, liaison=404, force_liaison=200),
        post=expect(outsider=405, inspector=405, lead=405, admin=405, hmi=405, liaison=405),
    ),
    # Only the force's liaison comments; the POST without a section shows the draft with the problem.
    "factual_accuracy:check_comment": Page(
        on("check_id"),
        expect(outsider=405, inspector=405, lead=405, admin=405, hmi=405, liaison=405),
        post=expect(
            outsider=404, inspector=403, lead=403, admin=403, hmi=403, liaison=404, force_liaison=200
        ),
    ),
    # The world's comment is answered: the liaison is sent back to the draft with the refusal.
    "factual_accuracy:check_withdraw": Page(
        lambda w: {"check_id": w.accuracy_check.pk, "comment_id": w.accuracy_comment.pk},
        expect(outsider=405, inspector=405, lead=405, admin=405, hmi=405, liaison=405),
        post=expect(
            outsider=404, inspector=403, lead=403, admin=403, hmi=403, liaison=404, force_liaison=ANYWHERE
        ),
    ),
    **{
        name: Page(
            on("check_id"),
            expect(outsider=404, inspector=200, lead=200, admin=200, hmi=200, liaison=404, force_liaison=200),
            post=expect(outsider=405, inspector=405, lead=405, admin=405, hmi=405, liaison=405),
        )
        for name in (
            "factual_accuracy:check_log",
            "factual_accuracy:check_log_csv",
            "factual_accuracy:check_log_xlsx",
        )
    },
    # --- the timeline (timeline/): the team reads it; the lead and an Admin change its dates ------------
    "timeline:timeline": Page(on("pk"), MEMBERS),
    "timeline:dates": Page(on("pk"), LEAD_OR_ADMIN),
    "timeline:calendar": Page(
        on(),
        EVERYONE,
        post=expect(outsider=405, inspector=405, lead=405, admin=405, hmi=405, liaison=403),
    ),
    "timeline:regenerate": Page(
        on(),
        for_liaisons(WRONG_METHOD, 403),
        expect(
            outsider=ANYWHERE, inspector=ANYWHERE, lead=ANYWHERE, admin=ANYWHERE, hmi=ANYWHERE, liaison=403
        ),
    ),
    # The feed answers to its secret link alone (the world's inspector's), whoever asks: a calendar
    # program sends no session, and a liaison's browser is let through (factual_accuracy.middleware).
    "timeline:feed": Page(
        on("token"),
        expect(anonymous=200, outsider=200, inspector=200, lead=200, admin=200, hmi=200, liaison=200),
        post=expect(anonymous=405, outsider=405, inspector=405, lead=405, admin=405, hmi=405, liaison=405),
    ),
    # --- personal access tokens: each user's own (the inspector owns the world's token) ----------------
    "tokens:list": Page(on(), EVERYONE),
    "tokens:revoke": Page(
        on("token_id"),
        for_liaisons(WRONG_METHOD, 403),
        expect(outsider=404, inspector=ANYWHERE, lead=404, admin=404, hmi=404, liaison=403),
    ),
    # --- notifications: each user's own (the inspector is the recipient of the world's one) -----------
    "notifications:list": Page(on(), EVERYONE),
    "notifications:open": Page(
        on("notification_id"),
        for_liaisons(WRONG_METHOD, 403),
        expect(outsider=404, inspector=ANYWHERE, lead=404, admin=404, hmi=404, liaison=403),
    ),
    "notifications:mark_read": Page(
        on(),
        for_liaisons(WRONG_METHOD, 403),
        expect(
            outsider=ANYWHERE, inspector=ANYWHERE, lead=ANYWHERE, admin=ANYWHERE, hmi=ANYWHERE, liaison=403
        ),
    ),
    "notifications:preferences": Page(on(), EVERYONE),
    # --- the API: the same rules as the pages it mirrors -------------------------------------------
    "api:schema": Page(on(), API_EVERYONE),
    "api:docs": Page(on(), EVERYONE),
    "api:programme_list": Page(on(), API_EVERYONE),
    "api:programme_detail": Page(lambda w: {"slug": w.programme.slug}, API_EVERYONE),
    "api:national": Page(lambda w: {"slug": w.programme.slug}, API_LEADS_AND_ADMINS),
    "api:force_list": Page(on(), API_EVERYONE),
    "api:force_figures": Page(on("slug"), API_EVERYONE),
    "api:inspection_list": Page(on(), API_EVERYONE),
    "api:inspection_detail": Page(on("pk"), API_MEMBERS),
    "api:stratum_list": Page(on("pk"), API_MEMBERS),
    "api:file_list": Page(on("pk"), API_MEMBERS),
    "api:file_detail": Page(file_page("draft_file"), API_MEMBERS),
    "api:review_list": Page(on("pk"), API_MEMBERS),
    # As the review export it agrees with: for the inspection's lead.
    "api:counted_answer_list": Page(on("pk"), for_liaisons({**LEAD, "anonymous": 401}, 403)),
    # A review is read by its reviewer and the lead (a second review is blind; an admin who is not the
    # lead reads none, as on the file's page). Saving is a PUT of JSON: a POST is 405.
    "api:review_first": Page(
        file_page("draft_file"),
        expect(anonymous=401, outsider=404, inspector=200, lead=200, admin=404, hmi=404, liaison=403),
        expect(anonymous=401, outsider=404, inspector=405, lead=405, admin=405, hmi=405, liaison=403),
    ),
    "api:review_second": Page(
        file_page("submitted_file"),
        expect(anonymous=401, outsider=404, inspector=404, lead=200, admin=404, hmi=404, liaison=403),
        expect(anonymous=401, outsider=404, inspector=405, lead=405, admin=405, hmi=405, liaison=403),
    ),
    # A file's discussion, as its pages: the review's reviewer and the lead read and post; a member who
    # is neither (an admin, the HM Inspector, the other review's reviewer) gets 403. Posting is JSON.
    "api:discussion_first": Page(
        file_page("draft_file"),
        expect(anonymous=401, outsider=404, inspector=200, lead=200, admin=403, hmi=403, liaison=403),
        expect(anonymous=401, outsider=404, inspector=415, lead=415, admin=403, hmi=403, liaison=403),
    ),
    "api:discussion_second": Page(
        file_page("draft_file"),
        expect(anonymous=401, outsider=404, inspector=403, lead=200, admin=403, hmi=403, liaison=403),
        expect(anonymous=401, outsider=404, inspector=403, lead=415, admin=403, hmi=403, liaison=403),
    ),
    "api:evidence_list": Page(
        on("pk"),
        API_MEMBERS,
        expect(anonymous=401, outsider=404, inspector=415, lead=415, admin=403, hmi=403, liaison=403),
    ),
    "api:evidence_detail": Page(on("pk", "note_id"), API_MEMBERS),
    "api:result_list": Page(on("pk"), API_MEMBERS),
    "api:compile_run_list": Page(on("pk"), API_MEMBERS),
    "api:judgment_list": Page(on("pk"), API_MEMBERS),
    "api:summary_list": Page(on("pk"), API_MEMBERS),
    "api:afi_list": Page(on("pk"), API_MEMBERS),
    "api:cause_list": Page(on("pk"), API_MEMBERS),
    # Each user's own notifications (the inspector is the recipient of the world's one); marking them
    # read is a POST without a body, so a form's POST is answered too. Liaisons reach no API.
    "api:notification_list": Page(
        on(),
        API_EVERYONE,
        expect(anonymous=401, outsider=405, inspector=405, lead=405, admin=405, hmi=405, liaison=403),
    ),
    "api:notifications_read": Page(
        on(),
        API_WRONG_METHOD,
        expect(anonymous=401, outsider=200, inspector=200, lead=200, admin=200, hmi=200, liaison=403),
    ),
    "api:notification_read": Page(
        on("notification_id"),
        API_WRONG_METHOD,
        expect(anonymous=401, outsider=404, inspector=200, lead=404, admin=404, hmi=404, liaison=403),
    ),
}

# The API's URLs that answer programs: without a token or a session, 401 rather than the login page.
API_NOT_A_PAGE = {name for name in PAGES if name.startswith("api:") and name != "api:docs"}

# What a POST sends: enough for each form to be valid where the role may act (so a refusal is the
# access check's, not the form's), ignored where a view does not read it.
POST_DATA = {
    "reason": "The evidence has changed.",
    "comment": "Please look at the risk assessment again.",
    "status": "fieldwork",
    "text": "The force should check this again.",
    "seed": "7",
    "share_percent": "50",
}
