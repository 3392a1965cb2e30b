"""Reads of stakeholder voice (V1, V2), shaped for each page.

Results are figures from aggregate queries (never a row per response), each group's figures
released only by `suppression.shown`: a survey, a question, a strand's figure and each year.
A "positive" answer is one in the more positive half of the scale (the first two of four).
Free-text answers are read only through `comments_of`, for the school's leaders.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from collegium.frameworks.models import FrameworkVersion, Strand, StrandMapping
from collegium.schools.models import Census, School
from collegium.voice.models import (
    PUPILS,
    Answer,
    Audience,
    BankVersion,
    CommunitySize,
    PupilResearch,
    Question,
    QuestionBank,
    ScaleOption,
    Survey,
)
from collegium.voice.spec import BankSpec, QuestionSpec
from collegium.voice.suppression import FEWER, shown

# Banks


def spec_of(version: BankVersion) -> BankSpec:
    bank = version.bank
    spec = BankSpec(bank.slug, bank.name, bank.audience, bank.description, version.notes)
    spec.scale = [option.label for option in version.scale.all()]
    questions = version.questions.prefetch_related("strands__area__version__framework")
    for q in questions:
        strands = [f"{s.area.version.framework.slug}:{s.code}" for s in q.strands.all()]
        spec.questions.append(QuestionSpec(q.code, q.text, q.hint, q.kind, sorted(strands)))
    return spec


def banks_with_versions() -> list[tuple[QuestionBank, list[BankVersion]]]:
    versions = Prefetch("versions", queryset=BankVersion.objects.order_by("-number"))
    return [(b, list(b.versions.all())) for b in QuestionBank.objects.prefetch_related(versions)]


def published_versions() -> list[BankVersion]:
    """The newest published version of each bank, for opening a survey."""
    latest: dict[int, BankVersion] = {}
    published = BankVersion.objects.filter(status=BankVersion.Status.PUBLISHED)
    for version in published.select_related("bank").order_by("bank__name", "-number"):
        latest.setdefault(version.bank_id, version)
    return list(latest.values())


def questions_of(version: BankVersion) -> list[Question]:
    return list(version.questions.prefetch_related("strands").order_by("position"))


def scale_of(version: BankVersion) -> list[ScaleOption]:
    return list(version.scale.order_by("position"))


# One school's surveys


def schools_named(urns: Iterable[int]) -> list[School]:
    """The schools whose surveys a leader or governor follows, by name."""
    return list(School.objects.filter(pk__in=list(urns)).order_by("name"))


def surveys_of(school_id: int) -> list[Survey]:
    found = Survey.objects.filter(school_id=school_id).select_related("version__bank")
    return list(found.annotate(received=Count("responses")).order_by("-opens_on", "-pk"))


def population(survey: Survey) -> int | None:
    """How many the survey could reach: pupils on roll from the census, else what the school
    entered for the year."""
    if survey.audience in PUPILS:
        census = Census.objects.filter(school_id=survey.school_id, pupils__isnull=False)
        latest = census.filter(year__lte=survey.academic_year + 1).order_by("-year").first()
        return latest.pupils if latest else None
    size = CommunitySize.objects.filter(
        school_id=survey.school_id,
        audience=survey.audience,
        academic_year__lte=survey.academic_year,
    ).order_by("-academic_year")
    first = size.first()
    return first.number if first else None


@dataclass(frozen=True)
class Share:
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    answered: int
    shares: list[Share] | None  # None: fewer than 10 answered
    positive: int | None  # % in the positive half of the scale
    previous: int | None = None  # the same question's % positive in the year before

    @property
    def shown(self) -> bool:
        return self.shares is not None


@dataclass(frozen=True)
class SurveyResults:
    survey: Survey
    responses: int
    reach: int | None  # pupils on roll, or the number the school entered
    questions: list[QuestionResult] = field(default_factory=list)
    previous: Survey | None = None

    @property
    def shown(self) -> bool:
        return shown(self.responses)

    @property
    def rate(self) -> int | None:
        if not self.shown or not self.reach:
            return None
        return round(100 * self.responses / self.reach)

    @property
    def count_text(self) -> str:
        return f"{self.responses:,}" if self.shown else FEWER


Counts = dict[tuple[int, int], dict[int, int]]  # (survey, question) → {scale position: answers}


def _counts(survey_ids: list[int]) -> Counts:
    """(survey, question) → {scale position: answers}, in one query."""
    rows = (
        Answer.objects.filter(response__survey_id__in=survey_ids, choice__isnull=False)
        .values_list("response__survey_id", "question_id", "choice")
        .annotate(n=Count("id"))
    )
    counts: Counts = defaultdict(dict)
    for survey_id, question_id, choice, n in rows:
        counts[(survey_id, question_id)][choice] = n
    return counts


def _positive(by_choice: dict[int, int], size: int) -> int | None:
    total = sum(by_choice.values())
    if not shown(total):
        return None
    return round(100 * sum(n for c, n in by_choice.items() if c <= size // 2) / total)


def previous_survey(survey: Survey) -> Survey | None:
    """The same audience's survey of the school in an earlier year, asked from the same bank."""
    earlier = Survey.objects.filter(
        school_id=survey.school_id,
        audience=survey.audience,
        version__bank_id=survey.version.bank_id,
        academic_year__lt=survey.academic_year,
    )
    return earlier.order_by("-academic_year", "-opens_on").first()


def results_of(survey: Survey) -> SurveyResults:
    """Every question's answers, each released only from 10 answers; nothing at all while the
    survey has fewer than 10 responses."""
    responses = survey.responses.count()
    previous = previous_survey(survey)
    results = SurveyResults(survey, responses, population(survey), previous=previous)
    if not results.shown:
        return results
    scale = scale_of(survey.version)
    counts = _counts([survey.pk] + ([previous.pk] if previous else []))
    before = _previous_by_code(previous, counts, len(scale)) if previous else {}
    for question in questions_of(survey.version):
        if question.kind != Question.Kind.SCALE:
            continue
        by_choice = counts.get((survey.pk, question.pk), {})
        results.questions.append(_question_result(question, by_choice, scale, before))
    return results


def _question_result(
    question: Question,
    by_choice: dict[int, int],
    scale: list[ScaleOption],
    before: dict[str, int | None],
) -> QuestionResult:
    answered = sum(by_choice.values())
    if not shown(answered):
        return QuestionResult(question, answered, None, None, before.get(question.code))
    shares = [
        Share(
            o.label,
            by_choice.get(o.position, 0),
            round(100 * by_choice.get(o.position, 0) / answered),
        )
        for o in scale
    ]
    positive = _positive(by_choice, len(scale))
    return QuestionResult(question, answered, shares, positive, before.get(question.code))


def _previous_by_code(previous: Survey, counts: Counts, size: int) -> dict[str, int | None]:
    if not shown(previous.responses.count()):
        return {}
    return {
        q.code: _positive(counts.get((previous.pk, q.pk), {}), size)
        for q in previous.version.questions.filter(kind=Question.Kind.SCALE)
    }


def comments_of(survey: Survey) -> list[tuple[Question, list[str]]]:
    """Free-text answers, for the school's leaders only; none while fewer than 10 responded."""
    if not shown(survey.responses.count()):
        return []
    answers = Answer.objects.filter(response__survey=survey, question__kind=Question.Kind.TEXT)
    words: dict[int, list[str]] = defaultdict(list)
    for question_id, text in answers.exclude(text="").values_list("question_id", "text"):
        words[question_id].append(text)
    questions = survey.version.questions.filter(kind=Question.Kind.TEXT).order_by("position")
    return [(q, words[q.pk]) for q in questions if words[q.pk]]


def export_rows(results: SurveyResults) -> list[list[str]]:
    """The CSV export: the same figures as the page, the same rule for small groups."""
    survey = results.survey
    header = ["question", "text", "answered", "% positive"] + [
        o.label for o in scale_of(survey.version)
    ]
    if not results.shown:
        return [header, ["", FEWER]]
    rows = [header]
    for r in results.questions:
        if r.shares is None:
            rows.append([r.question.code, r.question.text, FEWER])
            continue
        counts = [str(share.count) for share in r.shares]
        rows.append([r.question.code, r.question.text, str(r.answered), str(r.positive), *counts])
    return rows


# Through the crosswalk: results beside a framework's strands


def _bearing(version: FrameworkVersion, question_ids: list[int]) -> dict[int, set[int]]:
    """Strand of the version → the questions that bear on it: mapped to it, or to a strand the
    crosswalk maps to it (either way round)."""
    through = Question.strands.through.objects.filter(question_id__in=question_ids)
    mapped = list(through.values_list("question_id", "strand_id"))
    targets = {strand_id for _, strand_id in mapped}
    near: dict[int, set[int]] = defaultdict(set)
    for strand_id in targets:
        near[strand_id].add(strand_id)
    links = StrandMapping.objects.filter(
        Q(from_strand_id__in=targets) | Q(to_strand_id__in=targets)
    )
    for a, b in links.values_list("from_strand_id", "to_strand_id"):
        near[a].add(b)
        near[b].add(a)
    own = set(Strand.objects.filter(area__version=version).values_list("pk", flat=True))
    bearing: dict[int, set[int]] = defaultdict(set)
    for question_id, strand_id in mapped:
        for strand in near[strand_id] & own:
            bearing[strand].add(question_id)
    return bearing


@dataclass(frozen=True)
class StrandVoice:
    """One audience's latest survey, as it bears on one strand."""

    survey: Survey
    answered: int
    positive: int | None  # None: fewer than 10 responses

    @property
    def audience(self) -> str:
        return Audience(self.survey.audience).label


def latest_surveys(school_id: int, on: date | None = None) -> list[Survey]:
    """The newest survey of each audience opened by the day, with its responses counted."""
    on = on or timezone.localdate()
    found = (
        Survey.objects.filter(school_id=school_id, opens_on__lte=on)
        .select_related("version")
        .annotate(received=Count("responses"))
        .order_by("-opens_on", "-pk")
    )
    latest: dict[str, Survey] = {}
    for survey in found:
        latest.setdefault(survey.audience, survey)
    return [latest[a] for a in Audience.values if a in latest]


def beside_strands(school_id: int, version: FrameworkVersion) -> dict[int, list[StrandVoice]]:
    """Strand id → what each audience's latest survey says on it (% positive over the answers
    to every question bearing on it), for the pre-review analysis and the review's evidence."""
    surveys = latest_surveys(school_id)
    if not surveys:
        return {}
    counts = _counts([s.pk for s in surveys])
    sizes = _scale_sizes([s.version_id for s in surveys])
    asked: dict[int, set[int]] = defaultdict(set)  # bank version → its questions
    found = Question.objects.filter(version_id__in={s.version_id for s in surveys})
    for pk, version_id in found.values_list("pk", "version_id"):
        asked[version_id].add(pk)
    bearing = _bearing(version, [pk for pks in asked.values() for pk in pks])
    beside: dict[int, list[StrandVoice]] = defaultdict(list)
    for strand_id, question_ids in bearing.items():
        for survey in surveys:
            if not question_ids & asked[survey.version_id]:
                continue
            pooled = _pool(counts, survey.pk, question_ids)
            positive = (
                _positive(pooled, sizes[survey.version_id]) if shown(_received(survey)) else None
            )
            beside[strand_id].append(StrandVoice(survey, sum(pooled.values()), positive))
    return dict(beside)


def strands_heard(
    school_id: int, version: FrameworkVersion
) -> list[tuple[Strand, list[StrandVoice]]]:
    """The version's strands that a survey of the school bears on, in order, each with what
    each audience said (the pre-review analysis)."""
    beside = beside_strands(school_id, version)
    strands = Strand.objects.filter(pk__in=beside).select_related("area")
    return [(s, beside[s.pk]) for s in strands.order_by("area__position", "position")]


def _received(survey: Survey) -> int:
    """The responses counted by the query's annotation."""
    return int(getattr(survey, "received", 0))


def _pool(counts: Counts, survey_id: int, question_ids: set[int]) -> dict[int, int]:
    pooled: dict[int, int] = defaultdict(int)
    for question_id in question_ids:
        for choice, n in counts.get((survey_id, question_id), {}).items():
            pooled[choice] += n
    return pooled


def _scale_sizes(version_ids: list[int]) -> dict[int, int]:
    rows = ScaleOption.objects.filter(version_id__in=version_ids).values_list("version_id")
    return dict(rows.annotate(n=Count("id")).values_list("version_id", "n"))


def strand_by_year(school_id: int, strand: Strand) -> list[tuple[int, str, int | None]]:
    """(academic year, audience, % positive) of every survey of the school on the strand,
    through the crosswalk: the "survey result" success measure of an action plan."""
    surveys = list(
        Survey.objects.filter(school_id=school_id)
        .annotate(received=Count("responses"))
        .order_by("academic_year", "audience")
    )
    if not surveys:
        return []
    counts = _counts([s.pk for s in surveys])
    sizes = _scale_sizes([s.version_id for s in surveys])
    question_ids = list(
        Question.objects.filter(version_id__in={s.version_id for s in surveys}).values_list(
            "pk", flat=True
        )
    )
    bearing = _bearing(strand.area.version, question_ids).get(strand.pk, set())
    rows = []
    for survey in surveys:
        pooled = _pool(counts, survey.pk, bearing)
        if not pooled:
            continue
        positive = _positive(pooled, sizes[survey.version_id]) if shown(_received(survey)) else None
        rows.append((survey.academic_year, Audience(survey.audience).label, positive))
    return rows


# V2


def research_of(review_id: int) -> PupilResearch | None:
    return PupilResearch.objects.filter(review_id=review_id).first()


def research_in_report(review_id: int) -> PupilResearch | None:
    """The pupils' research, if the school chose to show it in the report's appendix."""
    return PupilResearch.objects.filter(review_id=review_id, in_report=True).first()
