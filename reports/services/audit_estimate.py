"""The compile's audit step: an audit inspection's decisions per stratum become its estimate
(``reports.estimates``), kept in one ``AuditEstimate`` row; a quality review has none."""

from decimal import Decimal

from django.db.models import Count

from reports.estimates import METHOD, NoEstimate, StratumTally, stratified_proportion
from reports.models import AuditEstimate
from reports.services.keyed_rows import rows_sync
from reviews.models import AuditDecision, SampleDesign, Stratum
from reviews.selectors import decisions_that_count

_FOUR_PLACES = Decimal("0.0001")


def _decimal(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(_FOUR_PLACES)


def audit_tallies(*, inspection_id: int) -> list[StratumTally]:
    """Each stratum's frame size, files decided and "yes" decisions: two GROUP BY queries."""
    decided: dict[int, dict[str, int]] = {}
    rows = (
        decisions_that_count(inspection_id=inspection_id)
        .values("stratum_id", "counted_decision")
        .annotate(files=Count("pk"))
        .order_by()
    )
    for row in rows:
        decided.setdefault(row["stratum_id"], {})[row["counted_decision"]] = row["files"]
    strata = (
        Stratum.objects.filter(inspection_id=inspection_id)
        .annotate(frame_size=Count("frame_crimes"))
        .order_by("order", "label")
    )
    return [
        StratumTally(
            label=stratum.label,
            frame_size=stratum.frame_size,
            files=sum(decided.get(stratum.pk, {}).values()),
            yes=decided.get(stratum.pk, {}).get(AuditDecision.YES, 0),
        )
        for stratum in strata
    ]


def audit_estimate_values(*, design: SampleDesign, tallies: list[StratumTally]) -> dict:
    """The ``AuditEstimate`` row's values for these tallies."""
    estimate = stratified_proportion(tallies)
    values = {
        "question": design.decision_question,
        "files": sum(t.files for t in tallies if t.frame_size),
        "strata_count": sum(1 for t in tallies if t.frame_size),
        "frame_size": sum(t.frame_size for t in tallies),
        "method": METHOD,
        "proportion": None,
        "standard_error": None,
        "margin": None,
        "interval_low": None,
        "interval_high": None,
        "strata": [],
        "missing_strata": [],
        "single_file_strata": [],
    }
    if isinstance(estimate, NoEstimate):
        values["missing_strata"] = list(estimate.missing_strata)
        return values
    values.update(
        proportion=_decimal(estimate.proportion),
        standard_error=_decimal(estimate.standard_error),
        margin=_decimal(estimate.margin),
        interval_low=_decimal(estimate.interval_low),
        interval_high=_decimal(estimate.interval_high),
        strata=[
            {
                "label": share.label,
                "frame_size": share.frame_size,
                "files": share.files,
                "yes": share.yes,
                "weight": round(share.weight, 6),
                "sampling_rate": round(share.sampling_rate, 6),
                "sampling_percent": round(share.sampling_rate * 100, 4),
            }
            for share in estimate.strata
        ],
        single_file_strata=list(estimate.single_file_strata),
    )
    return values


def audit_estimate_save(*, inspection) -> None:
    """Compute and keep the inspection's audit estimate; a design that is not an audit keeps none."""
    design = SampleDesign.objects.filter(inspection=inspection).first()
    desired = {}
    if design is not None and design.is_audit():
        desired[inspection.pk] = audit_estimate_values(
            design=design, tallies=audit_tallies(inspection_id=inspection.pk)
        )
    rows_sync(
        model=AuditEstimate,
        existing=AuditEstimate.objects.filter(inspection=inspection),
        desired=desired,
        key_of=lambda row: row.inspection_id,
        key_fields=lambda key: {"inspection": inspection},
    )
