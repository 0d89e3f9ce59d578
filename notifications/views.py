"""Someone's own notifications: the list, opening one, marking all read, and their settings."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from notifications.forms import PreferencesForm
from notifications.models import Notification
from notifications.selectors import notifications_of, preference_of, unread_count
from notifications.services import notification_open, notifications_read, preferences_save

PAGE_SIZE = 25


def notification_list(request):
    page = Paginator(notifications_of(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "unread": unread_count(user=request.user)}
    return render(request, "notifications/list.html", context)


@require_POST
def notification_go(request, notification_id: int):
    """Open a notification: it counts as read, and the browser goes to what it is about."""
    try:
        notification = notification_open(user=request.user, notification_id=notification_id)
    except Notification.DoesNotExist:
        raise Http404("No such notification of yours.") from None
    return redirect(notification.url)


@require_POST
def notifications_mark_read(request):
    marked = notifications_read(user=request.user)
    if marked:
        messages.success(request, f"{marked} notification{'s' if marked != 1 else ''} marked as read.")
    return redirect("notifications:list")


def preferences(request):
    preference = preference_of(user=request.user)
    form = PreferencesForm(request.POST or None, preference=preference)
    if request.method == "POST" and form.is_valid():
        try:
            preferences_save(user=request.user, choices=form.choices(), version=form.cleaned_data["version"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            form.stale_version_replace(preference_of(user=request.user))
        else:
            messages.success(request, "Your notification settings were saved.")
            return redirect("notifications:preferences")
    context = {"form": form, "digest_hour": settings.NOTIFICATION_DIGEST_HOUR}
    return render(request, "notifications/preferences.html", context)
