"""Login lockout with a limit of its own for each lockout parameter set (django-axes).

Axes counts failures for each set in ``AXES_LOCKOUT_PARAMETERS`` but compares them all with one
``AXES_FAILURE_LIMIT``. peel counts two: a username at one address (``AXES_FAILURE_LIMIT``, a person
mistyping) and an address across every username (``AXES_ADDRESS_FAILURE_LIMIT``, higher, since
colleagues share an office's address; it stops password spraying). A client is locked once either
count reaches its own limit.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum

ADDRESS_ONLY = "ip_address"


def _limit(parameter) -> int:
    return settings.AXES_ADDRESS_FAILURE_LIMIT if parameter == ADDRESS_ONLY else settings.AXES_FAILURE_LIMIT


class LimitPerParameterHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """The failures as axes compares them with ``AXES_FAILURE_LIMIT``: that limit less the tries
        left under the tightest of the limits, so the client is locked when any count reaches its own."""
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        tries_left = min(
            _limit(parameter) - count
            for parameter, count in zip(settings.AXES_LOCKOUT_PARAMETERS, counts, strict=True)
        )
        return settings.AXES_FAILURE_LIMIT - tries_left

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears that username's failures at that address only: clearing the
        address's failures for every username would let a sprayer with one valid account start over."""
        own, *_ = self.filter_user_attempts(request, credentials)
        deleted, _ = own.delete()
        return deleted
