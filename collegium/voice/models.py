"""V1/V2 stakeholder voice: question banks as data, surveys of a school's community, anonymous
responses, the numbers the school enters, and pupils' own research for a review.

A question bank is versioned like a framework (draft → published; a published version never
changes, because surveys point at it): one bank per audience, a response scale (most positive
first) and questions, each mapped to framework strands (through the crosswalk it bears on the
strands of every framework). A school's leaders open a survey of one audience for a window of
dates; anyone with its link answers without an account. A response keeps no name, email, network
address or browser detail, not even the time of day: only the day it was sent and the answers.
One-time codes (staff and governors) are kept as hashes and only marked used, never linked to the
response they let in. Every change goes through voice/services/.
"""

from datetime import date

from django.conf import settings
from django.db import models

from collegium.frameworks.versioning import DocumentVersion, VersionedDocument


class Audience(models.TextChoices):
    PRIMARY_PUPILS = "pupils_primary", "Pupils in primary"
    SECONDARY_PUPILS = "pupils_secondary", "Pupils in secondary"
    STAFF = "staff", "Staff"
    PARENTS = "parents", "Parents and carers"
    GOVERNORS = "governors", "Governors"


PUPILS = (Audience.PRIMARY_PUPILS, Audience.SECONDARY_PUPILS)
# The audiences whose surveys may let people in with one-time codes.
CODED = (Audience.STAFF, Audience.GOVERNORS)
# The audiences whose numbers the school enters (pupils come from the census).
ENTERED = (Audience.STAFF, Audience.PARENTS, Audience.GOVERNORS)


class QuestionBank(VersionedDocument):
    audience = models.CharField(max_length=16, choices=Audience.choices)


class BankVersion(DocumentVersion):
    document_field = "bank"
    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="versions")

    class Meta:
        ordering = ["bank", "-number"]
        constraints = [models.UniqueConstraint(fields=["bank", "number"], name="one_bank_version")]


class ScaleOption(models.Model):
    version = models.ForeignKey(BankVersion, on_delete=models.CASCADE, related_name="scale")
    position = models.PositiveSmallIntegerField()  # 1 = the most positive answer
    label = models.CharField(max_length=80)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="one_option_per_position")
        ]

    def __str__(self) -> str:
        return self.label


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", "An answer on the scale"
        TEXT = "text", "Their own words"

    version = models.ForeignKey(BankVersion, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=20)
    text = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.SCALE)
    strands = models.ManyToManyField("frameworks.Strand", blank=True, related_name="+")

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"], name="one_question_code_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class Survey(models.Model):
    """A school asks one audience the questions of a bank version, between two dates."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(BankVersion, on_delete=models.PROTECT, related_name="surveys")
    audience = models.CharField(max_length=16, choices=Audience.choices)
    academic_year = models.PositiveSmallIntegerField()  # the year it starts in (1 September)
    opens_on = models.DateField()
    closes_on = models.DateField()  # the last day responses are taken
    closed_on = models.DateField(null=True, blank=True)  # closed early by the school's leaders
    token = models.CharField(max_length=40, unique=True)  # the secret part of its link
    uses_codes = models.BooleanField(default=False)  # each response needs a one-time code
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["school", "-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_audience_display()} survey of {self.school.name} from {self.opens_on}"

    def is_open(self, today: date) -> bool:
        return self.closed_on is None and self.opens_on <= today <= self.closes_on

    @property
    def last_day(self) -> date:
        """The last day it took responses (or takes them)."""
        return self.closed_on or self.closes_on


class AccessCode(models.Model):
    """A one-time code: only its hash is kept, and only whether it was used."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)
    used = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "code_hash"], name="one_code_per_survey")
        ]

    def __str__(self) -> str:
        return f"One-time code for survey {self.survey_id}"


class SurveyResponse(models.Model):
    """One person's answers: no name, email, address, browser detail or time of day."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField()

    class Meta:
        ordering = ["survey", "pk"]

    def __str__(self) -> str:
        return f"Response to survey {self.survey_id}"


class Answer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    choice = models.PositiveSmallIntegerField(null=True, blank=True)  # a ScaleOption position
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["response", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_a_question"),
            models.CheckConstraint(
                condition=models.Q(choice__isnull=False) | ~models.Q(text=""),
                name="answer_has_a_choice_or_words",
            ),
        ]
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self) -> str:
        return f"Answer to {self.question.code}"


class CommunitySize(models.Model):
    """How many staff, parents and carers or governors the school has, for response rates."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    academic_year = models.PositiveSmallIntegerField()
    audience = models.CharField(max_length=16, choices=Audience.choices)
    number = models.PositiveIntegerField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["school", "-academic_year", "audience"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year", "audience"], name="one_size_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_audience_display().lower()} in {self.academic_year}"


class PupilResearch(models.Model):
    """V2: the pupils' own enquiry, presented to the review team during the visit."""

    review = models.OneToOneField(
        "reviews.Review", on_delete=models.CASCADE, related_name="pupil_research"
    )
    question = models.CharField(max_length=300)  # the question the pupils chose
    method = models.TextField()  # how they found out
    findings = models.TextField()  # what they found
    recommendations = models.TextField()  # what they recommend
    presented_on = models.DateField(null=True, blank=True)  # when they presented it to the team
    in_report = models.BooleanField(default=False)  # the school shows it in the report's appendix
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review"]

    def __str__(self) -> str:
        return f"Pupils' research for review {self.review_id}"
