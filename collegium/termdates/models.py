"""The network's school terms: one row per academic year and season (autumn, spring, summer,
the words of collegium/quality/terms.py), each with its half term. The service runs one network
per installation, so this table is the network's term dates."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from collegium.people.dates import academic_year_label


class SchoolTerm(models.Model):
    class Season(models.TextChoices):
        AUTUMN = "autumn", "Autumn"
        SPRING = "spring", "Spring"
        SUMMER = "summer", "Summer"

    academic_year = models.PositiveSmallIntegerField()  # the year it starts in: 2026 = 2026/27
    season = models.CharField(max_length=6, choices=Season.choices)
    first_day = models.DateField()
    last_day = models.DateField()
    half_term_first_day = models.DateField()
    half_term_last_day = models.DateField()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["first_day"]
        constraints = [
            models.UniqueConstraint(fields=["academic_year", "season"], name="one_term_a_season"),
            models.CheckConstraint(
                condition=Q(last_day__gt=F("first_day")), name="term_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(half_term_last_day__gte=F("half_term_first_day")),
                name="half_term_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(half_term_first_day__gt=F("first_day"))
                & Q(half_term_last_day__lt=F("last_day")),
                name="half_term_inside_the_term",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.get_season_display()} term {academic_year_label(self.academic_year)}"

    @property
    def key(self) -> str:
        return f"{self.academic_year}-{self.season}"
