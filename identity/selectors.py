from django_otp.plugins.otp_totp.models import TOTPDevice


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user) -> TOTPDevice | None:
    """The authenticator being enrolled, not yet confirmed by a code from it."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
