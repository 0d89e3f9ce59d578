"""A person's identity at an OpenID Connect provider: the stable subject id the provider gives them.

Users are found by (issuer, subject), never by e-mail address alone: an address can be reassigned to
someone else, a subject id cannot.
"""

from django.conf import settings
from django.db import models


class ProviderIdentity(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identities")
    issuer = models.URLField(max_length=500)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sign_in_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="identity_one_user_per_subject"),
        ]
        verbose_name_plural = "provider identities"

    def __str__(self) -> str:
        return f"{self.subject} at {self.issuer}"
