"""The sampling frame: the crimes of a force's crime list that fall in the sample's strata and window."""

import gzip
import io
from typing import BinaryIO

from django.conf import settings
from django.db import models

from peel.models import Inspection
from peel.models.runs import BackgroundRun
from reviews.models.design import Stratum


class CrimeListImport(models.Model):
    """One successful import of a crime list; the latest one is the inspection's sampling frame."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="crime_list_imports")
    filename = models.CharField(max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    rows_read = models.PositiveIntegerField()
    imported = models.PositiveIntegerField(help_text="Crimes in the sampling frame.")
    excluded = models.JSONField(default=dict, help_text="Rows left out of the frame, counted by reason.")
    summary = models.TextField(help_text="The one-line result shown to the lead.")
    unmatched_crime_types = models.JSONField(
        default=list,
        blank=True,
        help_text="The crime types no stratum recognised, as [name, rows] pairs, most rows first.",
    )
    is_generated = models.BooleanField(default=False, help_text="Generated for the demo, not a force's data.")

    class Meta:
        ordering = ["inspection", "-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.imported} crimes)"


class FrameCrime(models.Model):
    """A crime in the sampling frame, as the force's crime list recorded it."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="frame_crimes")
    crime_list = models.ForeignKey(CrimeListImport, on_delete=models.CASCADE, related_name="crimes")
    stratum = models.ForeignKey(Stratum, on_delete=models.RESTRICT, related_name="frame_crimes")
    crime_reference = models.CharField(max_length=100)
    crime_type = models.CharField(max_length=200, help_text="As written in the crime list.")
    recorded_date = models.DateField()
    domestic_abuse = models.BooleanField(default=False)
    outcome_code = models.PositiveSmallIntegerField(null=True, blank=True)
    vulnerable_victim = models.BooleanField(default=False)
    repeat_victim = models.BooleanField(default=False)
    source_row = models.PositiveIntegerField(help_text="Row number in the crime list (header = row 1).")

    class Meta:
        ordering = ["inspection", "stratum", "crime_reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "crime_reference"], name="frame_crime_reference_unique_in_inspection"
            ),
        ]
        indexes = [models.Index(fields=["stratum", "crime_reference"])]

    def __str__(self) -> str:
        return self.crime_reference


class CrimeListUpload(BackgroundRun):
    """A crime list uploaded on the import page, stored until a worker has imported it (or refused it).

    The file is kept in the database rather than on disk: the web processes and the worker may run on
    different machines and share only the database. A CSV is stored gzip-compressed (a 50 MB crime list
    becomes about a tenth of that, so the upload's request stays short and the worker holds less); an
    XLSX is a zip already and is stored as it came. Its bytes are dropped once the import has ended.
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="crime_list_uploads")
    filename = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(help_text="Bytes uploaded.")
    content = models.BinaryField(editable=False, help_text="The file as uploaded, until it is imported.")
    gzipped = models.BooleanField(
        default=False, help_text="Content stored gzip-compressed (a CSV; an XLSX is already compressed)."
    )
    rows_read = models.PositiveIntegerField(default=0)
    problems = models.JSONField(
        default=list, blank=True, help_text="Why the file was refused, by row and column (up to 100 lines)."
    )
    crime_list = models.OneToOneField(
        CrimeListImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="upload"
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["inspection", "-requested_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="crime_list_upload_percent"),
            models.UniqueConstraint(
                fields=["inspection"],
                condition=models.Q(status__in=["queued", "running"]),
                name="crime_list_upload_one_active_per_inspection",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    def open_content(self) -> BinaryIO:
        """The file as uploaded, readable (and its ``tell()`` counting uploaded bytes) as a stream."""
        stored = io.BytesIO(self.content)
        return gzip.GzipFile(fileobj=stored, mode="rb") if self.gzipped else stored
