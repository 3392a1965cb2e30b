"""The consistency figures as last worked out by the task worker, one row per kind of figure.

The pages read these rows and never compute: the statistics take seconds to minutes at national
scale, so `collegium.consistency.tasks` works them out whenever the data they count change.
"""

from django.db import models


class StoredFigures(models.Model):
    class Kind(models.TextChoices):
        RELIABILITY = "reliability", "Reliability"
        SEVERITY = "severity", "Reviewer severity"
        BIAS = "bias", "Bias audit"

    kind = models.CharField(max_length=20, choices=Kind.choices, unique=True)
    data_hash = models.CharField(max_length=64)  # SHA-256 of the data the figures come from
    format = models.PositiveSmallIntegerField()  # statistics.FORMAT when they were stored
    data_read_at = models.DateTimeField()  # when the data were read: a later read wins
    computed_at = models.DateTimeField(auto_now=True)
    seconds = models.FloatField(default=0.0)  # how long working them out took
    figures = models.BinaryField()  # the pickled statistics.Reliability / Severity / Bias

    class Meta:
        verbose_name_plural = "stored figures"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} worked out at {self.computed_at:%Y-%m-%d %H:%M}"
