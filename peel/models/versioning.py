"""The version an editing form sends back, so a save made on a stale copy is refused, not applied."""

from django.db import models


class Versioned(models.Model):
    """An editable object: ``updated_at`` moves with every save that changes it, and its ISO form is the
    version a form carries (``peel.forms.approval.VersionedForm``) and a service checks
    (``peel.services.approval.version_ensure``)."""

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def edit_version(self) -> str:
        """An object not saved yet (a page showing a default it has not copied) has the version ""."""
        return self.updated_at.isoformat() if self.updated_at else ""
