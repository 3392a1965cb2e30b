"""Documents versioned as data: frameworks, safeguarding audit templates, voice question banks.

A document (slug, name, description) has numbered versions. A version is a draft until it is
published; a published version never changes, because what was judged, audited or asked points
at it. The three apps' models subclass these abstract models, so the columns stay their own
tables' columns; publishing a draft is services.publish_draft.
"""

from django.conf import settings
from django.db import models


class VersionedDocument(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DocumentVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    # The name of the subclass's foreign key to its document ("framework", "template", "bank").
    document_field = ""

    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    notes = models.TextField(blank=True)  # what changed in this version
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.document.name}, version {self.number}"

    @property
    def document(self) -> VersionedDocument:
        document: VersionedDocument = getattr(self, self.document_field)
        return document

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class VersionSection(models.Model):
    """A version's top-level part in order: a framework's area, an audit template's section.

    The subclass adds `version` (its foreign key) and its own constraint that a code is used
    once in a version.
    """

    position = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return self.title
