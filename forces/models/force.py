from django.db import models
from django.urls import reverse


class Country(models.TextChoices):
    ENGLAND = "England", "England"
    WALES = "Wales", "Wales"


class Region(models.TextChoices):
    NORTH_EAST = "North East", "North East"
    NORTH_WEST = "North West", "North West"
    YORKSHIRE = "Yorkshire and the Humber", "Yorkshire and the Humber"
    EAST_MIDLANDS = "East Midlands", "East Midlands"
    WEST_MIDLANDS = "West Midlands", "West Midlands"
    EAST = "East of England", "East of England"
    LONDON = "London", "London"
    SOUTH_EAST = "South East", "South East"
    SOUTH_WEST = "South West", "South West"
    WALES = "Wales", "Wales"


class Force(models.Model):
    """A territorial police force of England and Wales."""

    name = models.CharField("official name", max_length=120, unique=True)
    short_name = models.CharField(max_length=60, unique=True, help_text="As in running text, e.g. Cleveland.")
    slug = models.SlugField(max_length=60, unique=True, help_text="The short name, e.g. avon-and-somerset.")
    region = models.CharField(max_length=40, choices=Region.choices)
    country = models.CharField(max_length=10, choices=Country.choices)
    population = models.PositiveIntegerField(help_text="ONS mid-year population estimate for the force area.")
    households = models.PositiveIntegerField(help_text="Households in the force area.")
    estimate_year = models.PositiveSmallIntegerField(
        help_text="Year of the population and household estimates."
    )
    note = models.CharField(max_length=200, blank=True, help_text="E.g. a later change of name.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(population__gt=0), name="force_population_positive"),
            models.CheckConstraint(condition=models.Q(households__gt=0), name="force_households_positive"),
            models.CheckConstraint(
                condition=(
                    models.Q(country="Wales", region="Wales")
                    | (~models.Q(country="Wales") & ~models.Q(region="Wales"))
                ),
                name="force_wales_region_matches_country",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forces:detail", kwargs={"slug": self.slug})
