"""N1 school register: schools and their public context data, by URN."""

from django.db import models


class Phase(models.TextChoices):
    NURSERY = "nursery", "Nursery"
    PRIMARY = "primary", "Primary"
    MIDDLE = "middle", "Middle"
    SECONDARY = "secondary", "Secondary"
    ALL_THROUGH = "all-through", "All-through"
    SIXTEEN_PLUS = "16-plus", "16 plus"
    NOT_APPLICABLE = "not-applicable", "Not applicable"


class CoordinateSource(models.TextChoices):
    FILE = "file", "From the DfE file"
    POSTCODE_DISTRICT = "postcode-district", "Estimated from schools in the same postcode district"
    NONE = "none", "Not known"


class LocalAuthority(models.Model):
    code = models.PositiveIntegerField(primary_key=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    urn = models.PositiveIntegerField("URN", primary_key=True)
    name = models.CharField(max_length=200, db_index=True)
    local_authority = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.PROTECT, related_name="schools"
    )
    laestab = models.PositiveIntegerField("LAESTAB", null=True, blank=True)
    street = models.CharField(max_length=200, blank=True)
    locality = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True, db_index=True)
    postcode = models.CharField(max_length=10, blank=True)
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.NOT_APPLICABLE)
    school_group = models.CharField(max_length=100, blank=True, help_text="e.g. Academy")
    school_type = models.CharField(max_length=100, blank=True)
    trust_name = models.CharField(max_length=200, blank=True)
    is_open = models.BooleanField(default=True)
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    age_low = models.PositiveSmallIntegerField(null=True, blank=True)
    age_high = models.PositiveSmallIntegerField(null=True, blank=True)
    gender = models.CharField(max_length=20, blank=True)
    religious_character = models.CharField(max_length=100, blank=True)
    admissions_policy = models.CharField(max_length=50, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    coordinate_source = models.CharField(
        max_length=20, choices=CoordinateSource.choices, default=CoordinateSource.NONE
    )
    added_by_hand = models.BooleanField(
        default=False,
        help_text="Added by a network admin, not in the DfE files: the import keeps it as it is "
        "until a DfE file gives its URN, and then the file's details replace it",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.urn})"

    @property
    def postcode_district(self) -> str:
        return self.postcode.split(" ")[0] if self.postcode else ""


class YearlyRecord(models.Model):
    """Base for figures published once a year per school."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="Calendar year the academic year ends in")

    class Meta:
        abstract = True
        ordering = ["school", "-year"]


class Census(YearlyRecord):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="censuses")
    pupils = models.PositiveIntegerField(null=True, blank=True)
    pct_fsm_ever = models.FloatField("% FSM in last 6 years", null=True, blank=True)
    pct_eal = models.FloatField("% English as an additional language", null=True, blank=True)
    pct_sen_support = models.FloatField("% SEN support", null=True, blank=True)
    pct_ehc_plan = models.FloatField("% EHC plan", null=True, blank=True)

    class Meta(YearlyRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["school", "year"], name="one_census_a_year")]

    def __str__(self) -> str:
        return f"Census {self.year} for URN {self.school_id}"

    @property
    def pct_sen(self) -> float | None:
        if self.pct_sen_support is None and self.pct_ehc_plan is None:
            return None
        return round((self.pct_sen_support or 0) + (self.pct_ehc_plan or 0), 1)


class Absence(YearlyRecord):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="absences")
    pct_overall = models.FloatField("% sessions missed", null=True, blank=True)
    pct_persistent = models.FloatField("% persistently absent", null=True, blank=True)

    class Meta(YearlyRecord.Meta):
        constraints = [
            models.UniqueConstraint(fields=["school", "year"], name="one_absence_a_year")
        ]

    def __str__(self) -> str:
        return f"Absence {self.year} for URN {self.school_id}"


class Finance(YearlyRecord):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="finances")
    income = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    expenditure = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    balance = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    income_per_pupil = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Income divided by pupils on roll in the census",
    )
    expenditure_per_pupil = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Expenditure divided by pupils on roll in the census",
    )

    class Meta(YearlyRecord.Meta):
        constraints = [
            models.UniqueConstraint(fields=["school", "year"], name="one_finance_a_year")
        ]

    def __str__(self) -> str:
        return f"Finance {self.year} for URN {self.school_id}"


class KeyStage2Result(YearlyRecord):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="ks2_results")
    pupils = models.PositiveIntegerField(null=True, blank=True)
    reading_progress = models.FloatField(null=True, blank=True)
    writing_progress = models.FloatField(null=True, blank=True)
    maths_progress = models.FloatField(null=True, blank=True)
    pct_expected_standard = models.FloatField(
        "% meeting the expected standard (RWM)", null=True, blank=True
    )
    pct_higher_standard = models.FloatField("% at the higher standard (RWM)", null=True, blank=True)

    class Meta(YearlyRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["school", "year"], name="one_ks2_a_year")]

    def __str__(self) -> str:
        return f"Key stage 2 {self.year} for URN {self.school_id}"


class KeyStage4Result(YearlyRecord):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="ks4_results")
    pupils = models.PositiveIntegerField(null=True, blank=True)
    progress_8 = models.FloatField(null=True, blank=True)
    attainment_8 = models.FloatField(null=True, blank=True)
    pct_english_maths_5 = models.FloatField(
        "% grade 5 or above in English and maths", null=True, blank=True
    )
    pct_entering_ebacc = models.FloatField("% entering the EBacc", null=True, blank=True)

    class Meta(YearlyRecord.Meta):
        constraints = [models.UniqueConstraint(fields=["school", "year"], name="one_ks4_a_year")]

    def __str__(self) -> str:
        return f"Key stage 4 {self.year} for URN {self.school_id}"


class KeyStage4Destination(YearlyRecord):
    """Where pupils went after key stage 4, by the year they finished it (year 11).

    The DfE's destination measures: a destination is sustained when the pupil stayed in
    education, an apprenticeship or employment for the first two terms of the next year.
    Disadvantaged pupils are those eligible for free school meals in the last 6 years or looked
    after; the file splits only the sustained share for earlier years.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="ks4_destinations")
    cohort = models.PositiveIntegerField("Pupils who finished key stage 4", null=True, blank=True)
    pct_sustained = models.FloatField("% staying in education or employment", null=True, blank=True)
    pct_education = models.FloatField("% in education", null=True, blank=True)
    pct_apprenticeship = models.FloatField("% in an apprenticeship", null=True, blank=True)
    pct_employment = models.FloatField("% in employment", null=True, blank=True)
    pct_not_sustained = models.FloatField("% not staying", null=True, blank=True)
    pct_unknown = models.FloatField("% not known", null=True, blank=True)
    cohort_disadvantaged = models.PositiveIntegerField(null=True, blank=True)
    pct_sustained_disadvantaged = models.FloatField(null=True, blank=True)
    cohort_other = models.PositiveIntegerField(null=True, blank=True)
    pct_sustained_other = models.FloatField(null=True, blank=True)

    class Meta(YearlyRecord.Meta):
        constraints = [
            models.UniqueConstraint(fields=["school", "year"], name="one_ks4_destination_a_year")
        ]

    def __str__(self) -> str:
        return f"Key stage 4 destinations {self.year} for URN {self.school_id}"


class Comparator(models.Model):
    """The England or local-authority figure of one measure, year and phase.

    Worked out from the register after each import (`schools.comparators`) and stored, so a
    page reads it rather than recomputing it. Independent schools are left out; a mean is
    weighted by pupils where the measure is a share or score of pupils (see `measures.py`).
    Special schools are compared with special schools (`phase` "special"), as the DfE does.
    """

    ENGLAND = "england"
    SPECIAL = "special"

    measure = models.CharField(max_length=60, help_text='Table and field: "ks2.maths_progress"')
    year = models.PositiveSmallIntegerField(help_text="Calendar year the academic year ends in")
    phase = models.CharField(
        max_length=20, help_text='A phase (schools.Phase), or "special" for special schools'
    )
    area = models.CharField(max_length=10, help_text='"england", or a local authority code')
    value = models.FloatField()
    schools = models.PositiveIntegerField(help_text="Schools with a figure, counted in the value")

    class Meta:
        ordering = ["measure", "-year", "phase", "area"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year", "phase", "area"], name="one_comparator_per_area"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.year} {self.phase} in {self.area}: {self.value}"


class Inspection(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="inspections")
    inspected_on = models.DateField()
    rating = models.CharField(max_length=50, blank=True)
    source = models.CharField(max_length=100)

    class Meta:
        ordering = ["school", "-inspected_on"]
        constraints = [
            models.UniqueConstraint(fields=["school", "inspected_on"], name="one_inspection_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.rating or 'No rating'} on {self.inspected_on:%d %B %Y}"


class SchoolLink(models.Model):
    """GIAS establishment links: predecessor and successor URNs (academy conversion etc.).

    Neither URN has to be in the register: the 2025 links name newer URNs too.
    """

    urn = models.PositiveIntegerField(db_index=True)
    linked_urn = models.PositiveIntegerField(db_index=True)
    linked_name = models.CharField(max_length=200, blank=True)
    link_type = models.CharField(max_length=100)
    established_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["urn", "established_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["urn", "linked_urn", "link_type"], name="one_link_per_pair_and_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.urn} {self.link_type} {self.linked_urn}"


class ImportRun(models.Model):
    """One run of the register import: what was read and what was refused, with reasons.

    A run of `import_schools` is written when it has finished; a run of files uploaded in the
    browser is queued, then run by a background task (`schools.tasks`) that writes its progress.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Not imported"

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DONE)
    started_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploads = models.JSONField(
        default=list, blank=True, help_text="[{name, bytes}]: the files uploaded for this run"
    )
    allow_shrink = models.BooleanField(default=False)
    progress = models.FloatField(default=0.0)
    progress_message = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(auto_now_add=True)  # an upload's: when it was queued
    began_at = models.DateTimeField(null=True, blank=True)  # when a worker began an upload's
    finished_at = models.DateTimeField(null=True, blank=True)
    source_dir = models.CharField(max_length=500)
    rows_read = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    rows_changed = models.PositiveIntegerField(default=0)
    rejections = models.JSONField(default=list, help_text="[{file, line, reason}]")
    notes = models.JSONField(default=list, blank=True, help_text="Warnings and files skipped")
    file_rows = models.JSONField(
        default=dict,
        blank=True,
        help_text="{file: data rows}: the next import refuses a file with far fewer rows",
    )

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            # One queued or running import of uploaded files (they share one source_dir), even
            # when two people upload at the same moment.
            models.UniqueConstraint(
                fields=["source_dir"],
                condition=models.Q(status__in=["queued", "running"]),
                name="one_active_import_run",
            )
        ]

    def __str__(self) -> str:
        return f"Import of {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def percent(self) -> int:
        return round(self.progress * 100)


class RegisterFile(models.Model):
    """A DfE or Ofsted file uploaded for an import run, kept in the database (not on one
    machine's disk) so any task worker can read it. Once a later run has imported a newer file
    of the same name, the older one is deleted; a run that fails deletes its own."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=300, help_text="Path in the data directory")
    content = models.BinaryField()

    class Meta:
        ordering = ["run", "name"]
        constraints = [
            models.UniqueConstraint(fields=["run", "name"], name="one_register_file_per_name")
        ]

    def __str__(self) -> str:
        return self.name
