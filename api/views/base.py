"""What every API view shares: peel's access rules, applied before anything else is read."""

from django.core.exceptions import PermissionDenied
from rest_framework import generics
from rest_framework.permissions import BasePermission

from peel.roles import is_admin, is_lead
from peel.selectors.inspections import inspection_for_user, with_team


class InspectionScoped:
    # For URLs under /api/v1/inspections/<pk>/: the inspection is loaded by the rule every inspection
    # page uses (``inspection_for_user``), so a user who may not see it gets 404 whatever they ask. (A
    # comment, not a docstring: the schema would show it as every operation's description.)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if getattr(self, "swagger_fake_view", False):
            return
        self.inspection = inspection_for_user(user=request.user, pk=kwargs["pk"])

    def contributor_ensure(self) -> None:
        """As ``inspection_team_required``: writing needs the lead or a team member (403 otherwise)."""
        if not with_team(self.inspection).can_contribute(self.request.user):
            raise PermissionDenied("Only the inspection's team and its lead can do this.")

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset_model.objects.none()
        return self.inspection_queryset()


class InspectionList(InspectionScoped, generics.ListAPIView):
    pass  # a list of one inspection's objects, read by an app's selector (``inspection_queryset``)


class LeadOrAdmin(BasePermission):
    # As the national view's pages: for inspection leads and admins.

    message = "The national view is for inspection leads and admins."

    def has_permission(self, request, view) -> bool:
        return is_lead(request.user) or is_admin(request.user)
