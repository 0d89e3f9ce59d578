"""An inspection's sample design: copied from its programme's default on first use; quotas by the lead."""

from django.core.exceptions import ValidationError
from django.db import transaction

from peel.models import Inspection
from peel.services.approval import version_ensure
from reviews.models import DEFAULT_SAMPLE_TOTAL, DesignTemplate, SampleDesign, SampleDraw, Stratum
from reviews.sampling import even_quotas
from reviews.services.refusals import Refused


def sample_design_ensure(*, inspection: Inspection) -> SampleDesign:
    """The inspection's own design; the first call copies the programme's default strata (idempotent).

    Quotas start as the total split as evenly as possible, remainders to the strata listed first.
    """
    existing = SampleDesign.objects.filter(inspection=inspection).first()
    if existing is not None:
        return existing
    template = (
        DesignTemplate.objects.filter(programme_id=inspection.programme_id).prefetch_related("strata").first()
    )
    with transaction.atomic():
        design, created = SampleDesign.objects.get_or_create(
            inspection=inspection, defaults={"total": template.total if template else DEFAULT_SAMPLE_TOTAL}
        )
        if created and template is not None:
            strata = list(template.strata.all())
            Stratum.objects.bulk_create(
                Stratum(
                    inspection=inspection,
                    label=stratum.label,
                    crime_type=stratum.crime_type,
                    crime_type_aliases=stratum.crime_type_aliases,
                    requires_domestic_abuse=stratum.requires_domestic_abuse,
                    order=stratum.order,
                    quota=quota,
                )
                for stratum, quota in zip(strata, even_quotas(design.total, len(strata)), strict=True)
            )
    return design


def sample_design_lock(*, inspection: Inspection) -> SampleDesign:
    """Lock the inspection's design row for the rest of the transaction: imports, draws, allocations and
    double-review choices of one inspection happen one at a time."""
    sample_design_ensure(inspection=inspection)
    return SampleDesign.objects.select_for_update().get(inspection=inspection)


def sample_quotas_update(
    *, inspection: Inspection, total: int, quotas: dict[int, int], version: str | None = None
) -> SampleDesign:
    """Set the total and each stratum's quota; refused once the sample is drawn, if they do not add up,
    or if someone saved them since the lead's ``version``. A save that changes nothing writes nothing."""
    with transaction.atomic():
        design = sample_design_lock(inspection=inspection)
        try:
            version_ensure(current=design, version=version)
        except ValidationError as conflict:
            raise Refused(conflict.messages[0]) from None
        if SampleDraw.objects.filter(inspection=inspection).exists():
            raise Refused("The sample has been drawn: its quotas can no longer be changed.")
        strata = list(Stratum.objects.filter(inspection=inspection))
        if set(quotas) != {stratum.pk for stratum in strata}:
            raise Refused("Give a quota for every stratum of this inspection's design.")
        if total < 1:
            raise Refused("The total must be at least 1.")
        if any(quota < 0 for quota in quotas.values()):
            raise Refused("Quotas cannot be negative.")
        if sum(quotas.values()) != total:
            raise Refused(f"The quotas add up to {sum(quotas.values())}, but the total is {total}.")
        changed_strata = [stratum for stratum in strata if stratum.quota != quotas[stratum.pk]]
        if design.total == total and not changed_strata:
            return design
        design.total = total
        design.save(update_fields=["total", "updated_at"])
        for stratum in changed_strata:
            stratum.quota = quotas[stratum.pk]
        Stratum.objects.bulk_update(changed_strata, ["quota"])
    return design
