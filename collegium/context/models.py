"""Pupil files and the contextual value added worked out from them (issue 12, D2).

A `PupilFile` is one upload: a school's own pupils, or a network admin's file for many schools.
Its `PupilRecord`s hold each pupil's figures under a keyed hash of the pupil key (`keys.py`):
the key itself is never stored. Each upload fits the pupil-level model on the newest pupils of
every school for the year and measure (`ValueAddedFit`) and keeps each school's effect and
95 % interval (`SchoolValueAdded`); no figure is kept for a school of fewer than 10 pupils.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from collegium.cva import MIN_PUPILS, Reading, SchoolEffect
from collegium.schools.models import School


class Measure(models.TextChoices):
    """The outcome a file gives for each pupil, and the prior attainment it is adjusted for."""

    KS4_ATTAINMENT_8 = "ks4_attainment_8", "Attainment 8 (key stage 4)"
    KS2_SCALED_SCORE = (
        "ks2_scaled_score",
        "Average scaled score in reading and maths (key stage 2)",
    )


PRIOR_ATTAINMENT = {
    Measure.KS4_ATTAINMENT_8: "the pupil's key stage 2 average scaled score in reading and maths",
    Measure.KS2_SCALED_SCORE: "the pupil's key stage 1 or reception baseline score",
}
UNIT = "points"  # every measure is a score in points


class Sen(models.TextChoices):  # the school census codes
    NONE = "N", "No special educational needs"
    SUPPORT = "K", "SEN support"
    EHC_PLAN = "E", "Education, health and care plan"


class Gender(models.TextChoices):  # the school census codes
    FEMALE = "F", "Female"
    MALE = "M", "Male"


def year_label(year: int) -> str:
    """The academic year ending in `year`, as the register writes it: 2025 is 2024/25."""
    return f"{year - 1}/{year % 100:02d}"


class FitState(models.TextChoices):
    WAITING = "waiting", "Waiting to be worked out"
    FITTING = "fitting", "Being worked out"
    DONE = "done", "Worked out"
    TOO_FEW = "too_few", "Waiting for a second school's pupils"
    FAILED = "failed", "Could not be worked out"


class FitLock(models.Model):
    """One row per year and measure, locked while its contextual value added is worked out, so
    two fits never run at once and the later one reads every pupil stored before it."""

    year = models.PositiveSmallIntegerField()
    measure = models.CharField(max_length=40, choices=Measure.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "measure"], name="one_fit_lock_per_measure")
        ]

    def __str__(self) -> str:
        return f"Fit lock for {self.measure} {self.year}"


class PupilFile(models.Model):
    """One upload of pupils: one school's (`school` set) or the network's, for many schools."""

    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.PROTECT, related_name="pupil_files"
    )
    year = models.PositiveSmallIntegerField(help_text="Calendar year the academic year ends in")
    measure = models.CharField(max_length=40, choices=Measure.choices)
    file_name = models.CharField(max_length=200)
    pupils = models.PositiveIntegerField()
    schools = models.PositiveIntegerField()
    synthetic = models.BooleanField(default=False)  # generated, not real pupils (the demo's)
    # A fingerprint of the secret the pupil keys were hashed with (keys.secret_fingerprint), so
    # that files hashed under another secret are never matched pupil by pupil.
    key_secret = models.CharField(max_length=16)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # The contextual value added is worked out by the task worker after the upload commits.
    fit_state = models.CharField(max_length=12, choices=FitState.choices, default=FitState.WAITING)
    fit_message = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(pupils__gt=0), name="a_pupil_file_has_pupils")
        ]

    def __str__(self) -> str:
        return f"Pupil file {self.file_name} ({self.measure_label}, {self.year_label})"

    @property
    def year_label(self) -> str:
        return year_label(self.year)

    @property
    def measure_label(self) -> str:
        return Measure(self.measure).label


class PupilRecord(models.Model):
    """One pupil of a file: the figures the model reads, under a keyed hash of the pupil key."""

    file = models.ForeignKey(PupilFile, on_delete=models.CASCADE, related_name="records")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+", db_index=False)
    key_hash = models.CharField(max_length=64)  # HMAC-SHA256 of the pupil key, in hex
    prior_attainment = models.FloatField()
    outcome = models.FloatField()
    fsm = models.BooleanField()
    eal = models.BooleanField()
    sen = models.CharField(max_length=1, choices=Sen.choices)
    gender = models.CharField(max_length=1, choices=Gender.choices)
    birth_month = models.PositiveSmallIntegerField()
    idaci = models.FloatField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["file", "school"], name="pupil_record_file_school")]
        # Each pupil is once in a file: the reader refuses a repeated key. No unique index on
        # (file, key_hash): inserting 600,000 random hashes into one took longer than the rest
        # of the upload's writing (docs/decisions/0018-pupil-files.md).
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_month__gte=1, birth_month__lte=12), name="birth_month_1_to_12"
            ),
        ]

    def __str__(self) -> str:
        return f"Pupil record {self.pk} of URN {self.school_id}"


class ValueAddedFit(models.Model):
    """The pupil-level model fitted on the newest pupils of every school for a year and measure:
    made by the upload `pupil_file`, kept as it was (a later upload makes a new fit)."""

    year = models.PositiveSmallIntegerField()
    measure = models.CharField(max_length=40, choices=Measure.choices)
    pupil_file = models.ForeignKey(PupilFile, on_delete=models.CASCADE, related_name="fits")
    pupils = models.PositiveIntegerField()
    schools = models.PositiveIntegerField()
    coefficients = models.JSONField()  # covariate name → estimate (collegium.cva.design)
    left_out = models.JSONField(default=dict)  # covariate name → why it was left out
    residual_variance = models.FloatField()  # σ²: between pupils of a school
    school_variance = models.FloatField()  # τ²: between schools, beyond their intake
    fitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fitted_at", "-pk"]
        indexes = [models.Index(fields=["measure", "year"], name="value_added_fit_measure")]

    def __str__(self) -> str:
        return f"Value added fit {self.pk} ({Measure(self.measure).label}, {year_label(self.year)})"

    @property
    def year_label(self) -> str:
        return year_label(self.year)

    @property
    def measure_label(self) -> str:
        return Measure(self.measure).label


class SchoolValueAdded(models.Model):
    """One school's contextual value added in a fit: its shrunken effect in points and the 95 %
    interval, or no figure when it has fewer than 10 pupils."""

    fit = models.ForeignKey(ValueAddedFit, on_delete=models.CASCADE, related_name="results")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="value_added")
    pupil_file = models.ForeignKey(PupilFile, on_delete=models.CASCADE, related_name="+")
    pupils = models.PositiveIntegerField()
    effect = models.FloatField(null=True, blank=True)
    standard_error = models.FloatField(null=True, blank=True)
    low = models.FloatField(null=True, blank=True)
    high = models.FloatField(null=True, blank=True)
    reading = models.CharField(max_length=20, choices=[(r.value, r.value) for r in Reading])

    class Meta:
        ordering = ["fit", "school"]
        constraints = [
            models.UniqueConstraint(fields=["fit", "school"], name="one_value_added_a_fit"),
            models.CheckConstraint(
                condition=Q(effect__isnull=True) | Q(pupils__gte=MIN_PUPILS),
                name="no_value_added_under_ten_pupils",
            ),
        ]

    def __str__(self) -> str:
        return f"Value added of URN {self.school_id} in fit {self.fit_id}"

    def as_effect(self) -> SchoolEffect:
        """The stored figures as the core's SchoolEffect, for its reading and sentence."""
        return SchoolEffect(
            school=self.school_id,
            pupils=self.pupils,
            effect=self.effect,
            standard_error=self.standard_error,
            low=self.low,
            high=self.high,
        )


class CensusCountFile(models.Model):
    """One upload of census counts (D4): a school's own (`school` set) or the network's."""

    school = models.ForeignKey(
        School, null=True, blank=True, on_delete=models.PROTECT, related_name="census_count_files"
    )
    file_name = models.CharField(max_length=200)
    counts = models.PositiveIntegerField()
    schools = models.PositiveIntegerField()
    synthetic = models.BooleanField(default=False)  # the demo's made-up counts
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"Census counts {self.file_name}"


class CensusCount(models.Model):
    """Pupils on roll in a year group of a school at the census of an academic year; a later
    upload of the same school, year and year group replaces it."""

    file = models.ForeignKey(CensusCountFile, on_delete=models.CASCADE, related_name="rows")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="census_counts")
    year = models.PositiveSmallIntegerField(help_text="Calendar year the academic year ends in")
    year_group = models.PositiveSmallIntegerField()
    pupils = models.PositiveIntegerField()

    class Meta:
        ordering = ["school", "year", "year_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year", "year_group"], name="one_census_count_a_year_group"
            ),
            models.CheckConstraint(
                condition=Q(year_group__gte=1, year_group__lte=13), name="year_group_1_to_13"
            ),
        ]

    def __str__(self) -> str:
        return f"Year {self.year_group} of URN {self.school_id}, {year_label(self.year)}"
