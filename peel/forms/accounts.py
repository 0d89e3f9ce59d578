"""The log-in forms of the site and of the admin, refusing an over-long username before it is tried."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError


class UsernameLengthMixin:
    """Django's form sets the username's ``max_length`` after the field is built, so nothing checks
    it: a long username went on to ``authenticate`` and the lockout table, whose column it overflows."""

    def clean_username(self):
        username = self.cleaned_data["username"]
        field = self.fields["username"]
        if len(username) > field.max_length:
            raise ValidationError(
                f"{field.label}: at most {field.max_length} characters (this one has {len(username)}).",
                code="max_length",
            )
        return username


class LoginForm(UsernameLengthMixin, AuthenticationForm):
    pass


class AdminLoginForm(UsernameLengthMixin, AdminAuthenticationForm):
    pass
