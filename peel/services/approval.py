"""The one approval flow shared by judgments, summaries of findings, AFIs and causes of concern.

draft → submitted → approved; the inspection's lead approves (from draft or submitted), rejects a
proposed AFI, and reopens approved or rejected content with a reason. Approved content is read-only.
Every write locks the row (``select_for_update``) and re-reads its state inside the transaction, so two
people acting at once cannot both succeed on a stale state. The history record of each change carries
its reason (the reopen reason verbatim).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from peel.models import Approvable, ApprovalState, AreaForImprovement, Inspection, Versioned


class ApprovalAction(models.TextChoices):
    SUBMIT = "submit", "Submit for approval"
    APPROVE = "approve", "Approve"
    REJECT = "reject", "Reject"
    REOPEN = "reopen", "Reopen"


def approvable_label(item: Approvable) -> str:
    return str(item._meta.verbose_name)


def _locked_copy(item: Approvable) -> Approvable:
    return type(item).objects.select_for_update().select_related("inspection").get(pk=item.pk)


def inspection_writable_ensure(inspection: Inspection) -> None:
    if inspection.is_published:
        raise ValidationError("This inspection is published: its content can no longer change.")


def contributor_ensure(*, inspection: Inspection, user) -> None:
    if not inspection.can_contribute(user):
        raise PermissionDenied("Only the inspection's team and its lead can do this.")


def lead_ensure(*, inspection: Inspection, user) -> None:
    if not inspection.is_lead(user):
        raise PermissionDenied("Only the inspection's lead can do this.")


def _read_only_message(item: Approvable) -> str:
    label = approvable_label(item)
    if getattr(item, "rejected", False):
        return f"This {label} was rejected, so it is read-only. The lead can reopen it with a reason."
    return f"This {label} is approved, so it is read-only. The lead can reopen it with a reason."


def version_ensure(*, current: Versioned, version: str | None) -> None:
    """Refuse a save made on a stale copy: ``version`` is the ``edit_version`` the editor's form was
    loaded with (None where the caller has none to check, e.g. a script)."""
    if version is not None and current.edit_version != version:
        raise ValidationError(
            f"Someone else saved this {current._meta.verbose_name} after you opened it, so your changes "
            "were not saved. Their version is shown; your changes are kept in the form: copy them across "
            "and save again.",
            code="conflict",
        )


def changes_apply(item: Versioned, changes: dict[str, object]) -> bool:
    """Set the changed fields on ``item``; False where nothing differs, so a save unchanged writes
    nothing and moves no version."""
    changed = False
    for field, value in changes.items():
        if getattr(item, field) != value:
            setattr(item, field, value)
            changed = True
    return changed


def approvable_update(
    *, item: Approvable, user, changes: dict[str, object], version: str | None = None
) -> Approvable:
    """Change the content of a draft or submitted item.

    ``version`` is the ``updated_at`` the editor's form was loaded with: if someone saved the item since,
    the change is refused rather than silently overwriting theirs.
    """
    with transaction.atomic():
        locked = _locked_copy(item)
        inspection_writable_ensure(locked.inspection)
        contributor_ensure(inspection=locked.inspection, user=user)
        if locked.is_locked:
            raise ValidationError(_read_only_message(locked))
        version_ensure(current=locked, version=version)
        if not changes_apply(locked, changes):
            return locked
        problems = locked.content_problems()
        if problems:
            raise ValidationError(problems)
        locked._change_reason = "Edited"
        locked._history_user = user
        locked.save()
    return locked


def approvable_transition(*, item: Approvable, user, action: str, reason: str = "") -> Approvable:
    """Move an item along the approval flow, or refuse with a message saying why."""
    reason = reason.strip()
    with transaction.atomic():
        locked = _locked_copy(item)
        inspection = locked.inspection
        inspection_writable_ensure(inspection)
        label = approvable_label(locked)
        rejected = getattr(locked, "rejected", False)
        if action == ApprovalAction.SUBMIT:
            contributor_ensure(inspection=inspection, user=user)
            if locked.state != ApprovalState.DRAFT or rejected:
                raise ValidationError(f"Only a draft {label} can be submitted; this one is {_state(locked)}.")
            _complete_ensure(locked)
            locked.state = ApprovalState.SUBMITTED
            locked._change_reason = "Submitted for approval"
        elif action == ApprovalAction.APPROVE:
            lead_ensure(inspection=inspection, user=user)
            if locked.state == ApprovalState.APPROVED or rejected:
                raise ValidationError(f"This {label} is already {_state(locked)}.")
            _complete_ensure(locked)
            locked.state = ApprovalState.APPROVED
            locked.approved_by = user
            locked.approved_at = timezone.now()
            locked._change_reason = "Approved"
        elif action == ApprovalAction.REJECT:
            lead_ensure(inspection=inspection, user=user)
            if not isinstance(locked, AreaForImprovement):
                raise ValidationError(f"A {label} cannot be rejected; edit it or leave it in draft.")
            if locked.is_locked:
                raise ValidationError(f"This {label} is already {_state(locked)}; reopen it first.")
            locked.rejected = True
            locked.state = ApprovalState.DRAFT
            locked._change_reason = f"Rejected: {reason}" if reason else "Rejected"
        elif action == ApprovalAction.REOPEN:
            lead_ensure(inspection=inspection, user=user)
            if not locked.is_locked:
                raise ValidationError(
                    f"This {label} is {_state(locked)}, not approved: there is nothing to reopen."
                )
            if not reason:
                raise ValidationError("Give a reason for reopening: it is kept in the history.")
            if rejected:
                locked.rejected = False
            locked.state = ApprovalState.DRAFT
            locked.approved_by = None
            locked.approved_at = None
            locked._change_reason = reason
        else:
            raise ValidationError(f"Unknown action {action!r}.")
        locked._history_user = user
        locked.save()
    return locked


def _state(item: Approvable) -> str:
    if getattr(item, "rejected", False):
        return "rejected"
    return item.get_state_display().lower()


def _complete_ensure(item: Approvable) -> None:
    problems = item.approval_problems()
    if problems:
        raise ValidationError(f"This {approvable_label(item)} is not complete: {'; '.join(problems)}.")


def approvable_actions(*, item: Approvable, inspection: Inspection, user) -> frozenset[str]:
    """What the user may do with the item now ("edit" and the ``ApprovalAction`` values), mirroring the
    checks above so pages offer only what will succeed."""
    if inspection.is_published:
        return frozenset()
    actions: set[str] = set()
    rejected = getattr(item, "rejected", False)
    if inspection.can_contribute(user) and not item.is_locked:
        actions.add("edit")
        if item.state == ApprovalState.DRAFT:
            actions.add(ApprovalAction.SUBMIT)
    if inspection.is_lead(user):
        if item.is_locked:
            actions.add(ApprovalAction.REOPEN)
        else:
            actions.add(ApprovalAction.APPROVE)
            if isinstance(item, AreaForImprovement) and not rejected:
                actions.add(ApprovalAction.REJECT)
    return frozenset(actions)
