from notifications.selectors import unread_count


def unread(request) -> dict:
    """The navigation's unread badge: computed lazily, so a page that does not show it costs no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": lambda: unread_count(user=user)}
