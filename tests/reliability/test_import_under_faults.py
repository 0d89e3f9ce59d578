"""A database that fails half-way through a 100,000-row crime-list import: none of its rows are kept,
and the frame the inspection had before is still whole. The fault is the database's own (a
trigger raising "disk full" on the 50,001st row), not a stand-in for our code."""

import io

import pytest
from django.conf import settings
from django.db import DatabaseError, connection

from reviews.models import CrimeListImport, FrameCrime
from reviews.services.frame import BATCH_SIZE, crime_list_import
from tests.factories.reviews import csv_bytes, frame_rows, import_rows, inspection_2016

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        "sqlite" in settings.DATABASES["default"]["ENGINE"],
        reason="the fault is injected by a PL/pgSQL trigger; CI runs this file on PostgreSQL",
    ),
]

ROWS_PER_STRATUM = 14_286  # 7 strata: 100,002 rows, every one inside the window and a stratum
FAIL_ON_ROW = 50_001


@pytest.fixture
def failing_insert():
    """From now on the database refuses the 50,001st row inserted into the frame. The trigger, its
    function and its counter are created in the test's transaction, so they go when it rolls back."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE SEQUENCE reliability_frame_inserts")
        cursor.execute(
            f"""
            CREATE FUNCTION reliability_fail_half_way() RETURNS trigger AS $$
            BEGIN
                IF nextval('reliability_frame_inserts') = {FAIL_ON_ROW} THEN
                    RAISE EXCEPTION 'could not extend file: No space left on device'
                        USING ERRCODE = 'disk_full';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql
            """
        )
        cursor.execute(
            f"CREATE TRIGGER reliability_fail_half_way BEFORE INSERT ON {FrameCrime._meta.db_table} "
            "FOR EACH ROW EXECUTE FUNCTION reliability_fail_half_way()"
        )


def rows_offered_to_the_database() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_value FROM reliability_frame_inserts")
        return cursor.fetchone()[0]


def import_big_list(inspection):
    data = csv_bytes(frame_rows(ROWS_PER_STRATUM, prefix="BIG"))
    assert data.count(b"\n") - 1 >= 100_000
    return crime_list_import(inspection=inspection, file=io.BytesIO(data), filename="big.csv")


def test_a_database_error_half_way_through_a_100000_row_import_leaves_none_of_its_rows(failing_insert):
    inspection = inspection_2016()
    earlier = import_rows(inspection, frame_rows(3)).crime_list
    frame_before = sorted(
        FrameCrime.objects.filter(inspection=inspection).values_list("pk", "crime_reference")
    )

    with pytest.raises(DatabaseError, match="No space left on device"):
        import_big_list(inspection)

    assert rows_offered_to_the_database() == FAIL_ON_ROW  # the fault came after 10 batches went in
    assert FAIL_ON_ROW > 10 * BATCH_SIZE
    assert not FrameCrime.objects.filter(crime_reference__startswith="BIG/").exists()
    # The frame the inspection had is whole: the failed import's deletion of it was undone too.
    frame_after = sorted(
        FrameCrime.objects.filter(inspection=inspection).values_list("pk", "crime_reference")
    )
    assert frame_after == frame_before
    assert list(CrimeListImport.objects.filter(inspection=inspection)) == [earlier]
