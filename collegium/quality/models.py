"""Q1 moderation: the network's setting, each term's risk-based sample and the moderation of a
review strand by strand."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from collegium.quality.terms import SEASONS, Term
from collegium.words import lower_first


class NetworkModerationSettings(models.Model):
    """The one row of the network's moderation settings (its primary key is always 1).
    Summaries are published only after moderation unless a network admin turns it off."""

    requires_moderation = models.BooleanField(default=True)
    random_share = models.PositiveSmallIntegerField(
        default=10, validators=[MaxValueValidator(100)]
    )  # percent of the reviews not picked for a reason, drawn at random
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "network moderation settings"
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="one_moderation_settings_row"),
            models.CheckConstraint(
                condition=models.Q(random_share__lte=100), name="random_share_is_a_percentage"
            ),
        ]

    def __str__(self) -> str:
        return "Network moderation settings"

    @classmethod
    def current(cls) -> "NetworkModerationSettings":
        """The saved settings, or the defaults when no network admin has changed them."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class ModerationSample(models.Model):
    """The reviews drawn for moderation in one term: drawn once per term, then again only from
    the reviews agreed since (sampling.draw_late_reviews)."""

    academic_year = models.PositiveSmallIntegerField()
    season = models.CharField(max_length=6, choices=[(s, s.capitalize()) for s in SEASONS])
    seed = models.BigIntegerField()  # the random share is drawn with it, so it can be re-run
    random_share = models.PositiveSmallIntegerField()  # the network's setting when drawn
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)
    # every review the draws have looked at, picked or not; a review agreed since is not in it
    considered = models.ManyToManyField("reviews.Review", related_name="+", blank=True)

    class Meta:
        ordering = ["-academic_year", "-drawn_at"]
        constraints = [
            models.UniqueConstraint(fields=["academic_year", "season"], name="one_sample_a_term")
        ]

    def __str__(self) -> str:
        return f"Moderation sample for the {lower_first(self.term.label)}"

    @property
    def term(self) -> Term:
        return Term(self.academic_year, self.season)


class SampledReview(models.Model):
    class Reason(models.TextChoices):
        NEW_LEAD = "new_lead", "Led by a newly accredited lead reviewer"
        SELF_EVALUATION = "self_evaluation", "Judgements far from the school's self-evaluation"
        CONTEXT = "context", "Judgements far from the school's progress data"
        CONCERN = "concern", "The school raised a concern"
        COMPLAINT = "complaint", "The school made a complaint"
        NO_PEER_PROPOSAL = "no_peer_proposal", "A strand agreed without a peer's proposal"
        RANDOM = "random", "Drawn at random"

    sample = models.ForeignKey(ModerationSample, on_delete=models.CASCADE, related_name="picks")
    review = models.OneToOneField(
        "reviews.Review", on_delete=models.CASCADE, related_name="moderation_pick"
    )
    reasons = models.JSONField(default=list)  # Reason values, in the order above

    class Meta:
        ordering = ["sample", "review__school__name"]

    def __str__(self) -> str:
        return f"{self.review} in the {self.sample}"

    @property
    def reason_labels(self) -> list[str]:
        return [self.Reason(reason).label for reason in self.reasons]


class Moderation(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    review = models.OneToOneField(
        "reviews.Review", on_delete=models.CASCADE, related_name="moderation"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=11, choices=Status.choices, default=Status.IN_PROGRESS)
    feedback = models.TextField(blank=True)  # to the review team and the school
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Moderation of the {self.review}"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED


class StrandModeration(models.Model):
    """The moderator's level for one strand: the agreed level confirmed, or adjusted with a
    rationale."""

    moderation = models.ForeignKey(Moderation, on_delete=models.CASCADE, related_name="strands")
    strand = models.ForeignKey("frameworks.Strand", on_delete=models.PROTECT, related_name="+")
    agreed_level = models.PositiveSmallIntegerField(null=True, blank=True)  # the team's level
    level = models.PositiveSmallIntegerField(null=True, blank=True)  # the moderator's level
    rationale = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["moderation", "strand__area__position", "strand__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["moderation", "strand"], name="one_moderation_per_strand"
            ),
            models.CheckConstraint(
                condition=models.Q(level=models.F("agreed_level"))
                | (models.Q(level__isnull=True) & models.Q(agreed_level__isnull=True))
                | ~models.Q(rationale=""),
                name="adjusted_level_has_rationale",
            ),
        ]

    def __str__(self) -> str:
        return f"Moderation of {self.strand}"

    @property
    def adjusted(self) -> bool:
        return self.level != self.agreed_level
