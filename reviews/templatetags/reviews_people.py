from django import template

register = template.Library()


@register.filter
def person(user, empty: str = "—") -> str:
    """A user as pages name them: full name, else username; ``empty`` when there is nobody."""
    if user is None:
        return empty
    return user.get_full_name() or user.username
