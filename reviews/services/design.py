"""An inspection's sample design: copied from its programme's default by the first write that needs it
(a GET shows the default without copying it: ``reviews.selectors.sample_design_for``); quotas by the
lead."""

from django.core.exceptions import ValidationError
from django.db import transaction

from peel.models import Inspection
from peel.services.approval import version_ensure
from reviews.models import SampleDesign, SampleDraw, Stratum, normalise_crime_type
from reviews.services.refusals import Refused


def sample_design_ensure(*, inspection: Inspection) -> SampleDesign:
    """The inspection's own design; the first call copies the programme's default strata (idempotent)."""
    existing = SampleDesign.objects.filter(inspection=inspection).first()
    if existing is not None:
        return existing
    proposed, strata = SampleDesign.from_programme_default(inspection)
    with transaction.atomic():
        design, created = SampleDesign.objects.get_or_create(
            inspection=inspection,
            defaults={
                "total": proposed.total,
                "kind": proposed.kind,
                "decision_question": proposed.decision_question,
            },
        )
        if created:
            Stratum.objects.bulk_create(strata)
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
        strata = list(Stratum.objects.filter(inspection=inspection))
        if version == "" and design.is_programme_default(strata):
            # The lead opened the programme's default before this save copied it: nobody changed it since.
            version = None
        try:
            version_ensure(current=design, version=version)
        except ValidationError as conflict:
            raise Refused(conflict.messages[0]) from None
        if SampleDraw.objects.filter(inspection=inspection).exists():
            raise Refused("The sample has been drawn: its quotas can no longer be changed.")
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


def stratum_alias_add(*, inspection: Inspection, stratum_id: int, crime_type: str) -> Stratum:
    """Name ``crime_type`` (as a force's list writes it) as another name of a stratum's crime type, so the
    next import of the list puts its rows in that stratum. Refused once the sample is drawn (the frame
    can no longer change) or when a stratum already recognises the name."""
    name = " ".join(crime_type.split())
    if not name:
        raise Refused("Give the crime type to map.")
    with transaction.atomic():
        design = sample_design_lock(inspection=inspection)
        if SampleDraw.objects.filter(inspection=inspection).exists():
            raise Refused("The sample has been drawn: which crimes are in the frame can no longer change.")
        strata = list(Stratum.objects.filter(inspection=inspection).order_by("order"))
        stratum = next((s for s in strata if s.pk == stratum_id), None)
        if stratum is None:
            raise Refused("Choose one of this inspection's strata.")
        key = normalise_crime_type(name)
        owner = next((s for s in strata if key in s.crime_type_keys()), None)
        if owner is not None:
            raise Refused(f"“{name}” is already a crime type of {owner.label}.")
        stratum.crime_type_aliases = "\n".join([*stratum.crime_type_aliases.splitlines(), name]).strip()
        stratum.save(update_fields=["crime_type_aliases"])
        design.save(update_fields=["updated_at"])  # the design changed: a form opened before is stale
    return stratum
