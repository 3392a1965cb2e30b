"""X3: personal API tokens. Only a SHA-256 digest of the token is kept (a token is 256 random
bits, so a fast hash is enough); the token itself is shown once, when it is made."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", "Read only"
        WRITE = "write", "Read and write"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)  # the person's own words: "Trust dashboard"
    digest = models.CharField(max_length=64, unique=True)  # sha256 of the token, hex
    shown_start = models.CharField(max_length=12)  # "clg_AbC1…", to tell tokens apart
    scope = models.CharField(max_length=5, choices=Scope.choices, default=Scope.READ)
    expires_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return f"API token “{self.name}” ({self.shown_start}…)"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_on >= timezone.localdate()

    @property
    def writes(self) -> bool:
        return self.scope == self.Scope.WRITE
