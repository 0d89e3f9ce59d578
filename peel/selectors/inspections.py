"""Which inspections a user may see: the single rule every page under /inspections/<pk>/ relies on."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from peel.models import Inspection
from peel.roles import is_admin


def inspections_visible_to(*, user) -> QuerySet[Inspection]:
    """Admins see every inspection; anyone else the ones they lead or are on the team of."""
    inspections = Inspection.objects.select_related("force", "programme", "lead")
    if is_admin(user):
        return inspections
    on_team = Inspection.team.through.objects.filter(inspection_id=OuterRef("pk"), user_id=user.pk)
    return inspections.filter(Exists(on_team) | Q(lead_id=user.pk))


def inspection_for_user(*, user, pk: int) -> Inspection:
    """The inspection if the user may see it; otherwise 404, so its existence is not disclosed."""
    try:
        return inspections_visible_to(user=user).get(pk=pk)
    except Inspection.DoesNotExist:
        raise Http404("No inspection found.") from None
