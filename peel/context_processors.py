from django.contrib.auth.models import AnonymousUser

from peel.roles import is_admin, is_hmi, is_lead, is_liaison


def roles(request) -> dict:
    """What the navigation may offer: computed lazily so anonymous pages cost no query.

    A request refused before authentication ran (a ``Host`` not allowed, in ``CommonMiddleware``) has no
    user; its error page is rendered as an anonymous visitor's."""
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "user_is_admin": lambda: is_admin(user),
        "user_is_lead": lambda: is_lead(user),
        "user_is_hmi": lambda: is_hmi(user),
        # A force liaison sees their force's factual accuracy check only: no other link is offered.
        "user_is_liaison": lambda: is_liaison(user) and not is_admin(user),
    }
