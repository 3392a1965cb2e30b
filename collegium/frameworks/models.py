"""F1 frameworks as data: areas → strands → level descriptors, a scale, versions, crosswalks.

A framework has numbered versions. A draft version can be edited; publishing it freezes it,
and only published versions can be chosen by a self-evaluation or a review, so a version in
use never changes. Levels are stored as positions: 1 is the strongest level of the scale.
A strand judged "met / not met" (safeguarding) uses 1 = met and 2 = not met instead.
"""

from django.conf import settings
from django.db import models

from collegium.frameworks.versioning import DocumentVersion, VersionedDocument, VersionSection

MET, NOT_MET = 1, 2


class Framework(VersionedDocument):
    pass


class FrameworkVersion(DocumentVersion):
    document_field = "framework"
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="versions")

    class Meta:
        ordering = ["framework", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="one_framework_version")
        ]

    @property
    def is_graded(self) -> bool:
        return self.scale_levels.exists()


class ScaleLevel(models.Model):
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="scale_levels"
    )
    position = models.PositiveSmallIntegerField()  # 1 = strongest
    label = models.CharField(max_length=80)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="one_level_per_position")
        ]

    def __str__(self) -> str:
        return self.label


class Area(VersionSection):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="areas")

    class Meta(VersionSection.Meta):
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="one_area_code_per_version")
        ]


class Strand(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="strands")
    position = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=20)  # unique within the version, e.g. "LG2"
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    enquiry_question = models.TextField(blank=True)  # "To what extent…"
    met_or_not_met = models.BooleanField(default=False)  # judged met / not met, not on the scale

    class Meta:
        ordering = ["area__position", "position"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class LevelDescriptor(models.Model):
    strand = models.ForeignKey(Strand, on_delete=models.CASCADE, related_name="descriptors")
    level = models.PositiveSmallIntegerField()  # a ScaleLevel position
    text = models.TextField()

    class Meta:
        ordering = ["strand", "level"]
        constraints = [
            models.UniqueConstraint(fields=["strand", "level"], name="one_descriptor_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.strand.code}, level {self.level}"


class StrandMapping(models.Model):
    """Crosswalk: evidence on one strand also bears on the other (shown both ways)."""

    from_strand = models.ForeignKey(Strand, on_delete=models.CASCADE, related_name="maps_to")
    to_strand = models.ForeignKey(Strand, on_delete=models.CASCADE, related_name="mapped_from")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_strand", "to_strand"], name="one_mapping"),
            models.CheckConstraint(
                condition=~models.Q(from_strand=models.F("to_strand")), name="no_self_mapping"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_strand.code} ↔ {self.to_strand.code}"
