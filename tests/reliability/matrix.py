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
REFUSALS = (403, 404, 405)


def outcome_refuses(outcome) -> bool:
    return outcome in REFUSALS or (isinstance(outcome, Redirect) and outcome.refuses)


def expect(*, anonymous=LOGIN, outsider, inspector, lead, admin) -> dict:
    return {
        "anonymous": anonymous,
        "outsider": outsider,
        "inspector": inspector,
        "lead": lead,
        "admin": admin,
    }


# The rules of an inspection's pages (the team inspector is the author of the note and the reviewer of
# the files the world names).
EVERYONE = expect(outsider=200, inspector=200, lead=200, admin=200)
MEMBERS = expect(outsider=404, inspector=200, lead=200, admin=200)
TEAM = expect(outsider=404, inspector=200, lead=200, admin=403)
LEAD = expect(outsider=404, inspector=403, lead=200, admin=403)
LEADS_AND_ADMINS = expect(outsider=403, inspector=403, lead=200, admin=200)
ADMINS = expect(outsider=403, inspector=403, lead=403, admin=200)
# Views that answer one method (``require_POST``/``require_GET`` before the access check): the other
# method is 405 for everyone logged in, which discloses nothing.
WRONG_METHOD = expect(outsider=405, inspector=405, lead=405, admin=405)
LEAD_POST = expect(outsider=404, inspector=403, lead=ANYWHERE, admin=403)
# POST-only views that load the inspection first: outsiders get 404 whatever the method.
MEMBERS_WRONG_METHOD = expect(outsider=404, inspector=405, lead=405, admin=405)


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
        "slug": lambda w: w.force.slug,
    }
    return lambda w: {name: sources[name](w) for name in names}


def file_page(attribute: str) -> Callable[[World], dict]:
    return lambda w: {"pk": w.inspection.pk, "file_id": getattr(w, attribute).pk}


def approvable(kind: str) -> Callable[[World], dict]:
    return lambda w: {"pk": w.inspection.pk, "kind": kind, "item_id": w.item(kind).pk}


def approvable_action(kind: str, action: str) -> Page:
    kwargs = lambda w: {**approvable(kind)(w), "action": action}  # noqa: E731
    if action == "submit":  # the team and the lead; an admin who is not on the team may not
        return Page(
            kwargs, MEMBERS_WRONG_METHOD, expect(outsider=404, inspector=ANYWHERE, lead=ANYWHERE, admin=403)
        )
    if action == "approve":
        return Page(kwargs, MEMBERS_WRONG_METHOD, LEAD_POST)
    # reject and reopen ask the lead for a reason first (a GET form), then POST.
    return Page(kwargs, LEAD, LEAD_POST)


PAGES: dict[str, Page | Callable[..., Page]] = {
    # --- the site ------------------------------------------------------------------------------------
    "home": Page(on(), EVERYONE),
    "health": Page(on(), expect(anonymous=200, outsider=200, inspector=200, lead=200, admin=200)),
    "login": Page(
        on(),
        expect(anonymous=200, outsider=ANYWHERE, inspector=ANYWHERE, lead=ANYWHERE, admin=ANYWHERE),
        post=expect(anonymous=200, outsider=ANYWHERE, inspector=ANYWHERE, lead=ANYWHERE, admin=ANYWHERE),
    ),
    "logout": Page(
        on(),
        expect(outsider=405, inspector=405, lead=405, admin=405),
        post=expect(
            anonymous=LOGGED_OUT, outsider=LOGGED_OUT, inspector=LOGGED_OUT, lead=LOGGED_OUT, admin=LOGGED_OUT
        ),
    ),
    # Single sign-on (identity/): the provider's pages exist only with SSO configured, which the
    # matrix's world is not; any logged-in user may set up an authenticator (break-glass accounts must).
    "identity:sign_in": Page(on(), expect(anonymous=404, outsider=404, inspector=404, lead=404, admin=404)),
    "identity:callback": Page(on(), expect(anonymous=404, outsider=404, inspector=404, lead=404, admin=404)),
    "identity:otp_enrol": Page(on(), EVERYONE),
    "identity:otp_verify": Page(
        on(), expect(outsider=ANYWHERE, inspector=ANYWHERE, lead=ANYWHERE, admin=ANYWHERE)
    ),
    "password_change": Page(on(), EVERYONE),
    "password_change_done": Page(on(), EVERYONE),
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
    "peel:evidence_create": Page(on("pk"), TEAM),
    "peel:evidence_edit": Page(on("pk", "note_id"), TEAM),
    "peel:evidence_delete": Page(on("pk", "note_id"), TEAM),
    "peel:evidence_history": Page(on("pk", "note_id"), LEAD),
    "peel:judgment_list": Page(on("pk"), MEMBERS),
    "peel:summary_list": Page(on("pk"), MEMBERS),
    "peel:afi_list": Page(on("pk"), MEMBERS),
    "peel:afi_new": Page(on("pk"), TEAM),
    "peel:cause_list": Page(on("pk"), MEMBERS),
    "peel:cause_new": Page(on("pk"), TEAM),
    # Everyone on the inspection reads it; the team edits it, so an admin's POST is refused.
    "peel:approvable_detail": lambda kind: Page(
        approvable(kind), MEMBERS, post=expect(outsider=404, inspector=None, lead=None, admin=403)
    ),
    "peel:approvable_action": approvable_action,
    "peel:approvable_history": lambda kind: Page(approvable(kind), LEAD),
    "peel:recommendation_new": lambda kind: Page(
        lambda w: {"pk": w.inspection.pk, "kind": kind, "item_id": w.item(kind).pk}, TEAM
    ),
    "peel:recommendation_edit": Page(on("pk", "recommendation_id"), TEAM),
    # Everyone reads the previous findings; only the lead records how far each was addressed.
    "peel:previous_findings": Page(
        on("pk"), MEMBERS, post=expect(outsider=404, inspector=403, lead=ANYWHERE, admin=403)
    ),
    # --- the case-file review ------------------------------------------------------------------------
    "reviews:sample": Page(on("pk"), MEMBERS),
    "reviews:design": Page(on("pk"), LEAD),
    "reviews:crime_list_import": Page(on("pk"), LEAD),
    "reviews:draw": Page(on("pk"), LEAD),
    "reviews:reserves": Page(on("pk"), LEAD),
    "reviews:allocate": Page(on("pk"), WRONG_METHOD, LEAD_POST),
    "reviews:my_files": Page(on("pk"), MEMBERS),
    "reviews:progress": Page(on("pk"), MEMBERS),
    "reviews:moderation": Page(on("pk"), LEAD),
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
    "reviews:accept_first": Page(file_page("submitted_file"), WRONG_METHOD, LEAD_POST),
    "reviews:accept_second": Page(file_page("submitted_file"), WRONG_METHOD, LEAD_POST),
    "reviews:return_first": Page(file_page("submitted_file"), WRONG_METHOD, LEAD_POST),
    "reviews:return_second": Page(file_page("submitted_file"), WRONG_METHOD, LEAD_POST),
    "reviews:reassign_first": Page(file_page("draft_file"), LEAD),
    "reviews:reassign_second": Page(file_page("draft_file"), LEAD),
    # --- the compile and the report ------------------------------------------------------------------
    "reports:compile": Page(on("pk"), MEMBERS, WRONG_METHOD),
    "reports:compile_start": Page(on("pk"), WRONG_METHOD, LEAD_POST),
    "reports:compile_progress": Page(on("pk", "run_id"), MEMBERS, WRONG_METHOD),
    "reports:report": Page(on("pk"), MEMBERS, WRONG_METHOD),
    "reports:report_pdf": Page(on("pk"), MEMBERS, WRONG_METHOD),
}

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
