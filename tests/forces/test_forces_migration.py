import pytest

from forces.models import Force


@pytest.mark.django_db
def test_the_migration_loads_the_43_territorial_forces():
    assert Force.objects.count() == 43
    assert Force.objects.filter(country="Wales").count() == 4
    assert Force.objects.values("name").distinct().count() == 43
    assert Force.objects.values("slug").distinct().count() == 43


@pytest.mark.django_db
def test_british_transport_police_is_not_a_territorial_force():
    assert not Force.objects.filter(name__icontains="transport").exists()


@pytest.mark.django_db
def test_hampshire_keeps_its_2016_name_with_a_note_of_the_later_one():
    hampshire = Force.objects.get(slug="hampshire")

    assert hampshire.name == "Hampshire Constabulary"
    assert "Isle of Wight" in hampshire.note


@pytest.mark.django_db
def test_slugs_are_the_short_names():
    assert Force.objects.get(slug="cleveland").name == "Cleveland Police"
    assert Force.objects.get(slug="avon-and-somerset").name == "Avon and Somerset Constabulary"
