"""Demo data for stakeholder voice (V1, V2), through the services, on the first cluster's schools
(by URN):

- the third school (its review's visit is under way): this year's surveys of its pupils, staff
  (with one-time codes), parents and carers and governors, all closed; only 7 governors answered,
  so their results show as "fewer than 10 responses"; last year's parent and staff surveys, for
  year on year; the numbers of staff, families and governors; its pupils' research, presented to
  the team on the visit's first day;
- the second school (its report is with it for the factual accuracy check): its pupils' research,
  shown in the report's appendix, and a survey of pupils in secondary school (its Year 6 were
  asked the secondary questions, on transition) with a parents' survey.

Answers are generated with a fixed seed: most positive, a few not, and some free text.
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from collegium.accounts.models import User
from collegium.people.models import Role
from collegium.reviews.models import Review
from collegium.schools.models import School
from collegium.voice.models import Audience, BankVersion, Question, Survey
from collegium.voice.services import research, responses, surveys
from collegium.voice.shipped import load_banks

SLUGS: dict[str, str] = {
    Audience.PRIMARY_PUPILS: "pupils-primary",
    Audience.SECONDARY_PUPILS: "pupils-secondary",
    Audience.STAFF: "staff",
    Audience.PARENTS: "parents-and-carers",
    Audience.GOVERNORS: "governors",
}
WORDS = {
    "text": [
        "The reading corner is brilliant.",
        "More clubs after school please.",
        "Lunchtimes can be noisy.",
        "Teachers are kind and help you.",
        "Communication about homework could be clearer.",
        "Leaders listen and act on what staff say.",
    ]
}
# Each audience's share of answers on each point of the scale, most positive first.
THIS_YEAR = (0.45, 0.38, 0.12, 0.05)
LAST_YEAR = (0.30, 0.40, 0.20, 0.10)


def load_demo_voice(schools: list[School]) -> None:
    load_banks()
    rng = random.Random(14)
    today = timezone.localdate()
    visited, checked = schools[2], schools[1]
    head = _head(visited)
    opened = today - timedelta(weeks=6)
    for audience, count in (
        (Audience.PRIMARY_PUPILS, 64),
        (Audience.STAFF, 23),
        (Audience.PARENTS, 41),
        (Audience.GOVERNORS, 7),
    ):
        _survey(head, visited, audience, opened, count, THIS_YEAR, rng)
    for audience, count in ((Audience.STAFF, 21), (Audience.PARENTS, 35)):
        _survey(head, visited, audience, opened - timedelta(days=365), count, LAST_YEAR, rng)
    year = Survey.objects.filter(school=visited).order_by("-opens_on")[0].academic_year
    for audience, number in (
        (Audience.STAFF, 31),
        (Audience.PARENTS, 180),
        (Audience.GOVERNORS, 11),
    ):
        surveys.record_size(head, visited, year, audience, number)
    _research(visited, Review.Status.VISIT, in_report=False)
    checked_head = _head(checked)
    _survey(checked_head, checked, Audience.SECONDARY_PUPILS, opened, 28, THIS_YEAR, rng)
    _survey(checked_head, checked, Audience.PARENTS, opened, 19, THIS_YEAR, rng)
    _research(checked, Review.Status.AGREED, in_report=True)


def _head(school: School) -> User:
    return User.objects.filter(
        role_grants__role=Role.SCHOOL_LEADER, role_grants__school=school
    ).order_by("pk")[0]


def _survey(
    head: User,
    school: School,
    audience: str,
    opens_on: date,
    count: int,
    shares: tuple[float, ...],
    rng: random.Random,
) -> Survey:
    version = BankVersion.objects.get(bank__slug=SLUGS[audience], number=1)
    coded = audience == Audience.STAFF
    closes_on = opens_on + timedelta(weeks=3)
    survey = surveys.open_survey(
        head, school, version, opens_on, closes_on, uses_codes=coded, today=opens_on
    )
    codes = surveys.issue_codes(head, survey, count + 5, today=opens_on) if coded else []
    questions = list(version.questions.all())
    for number in range(count):
        day = opens_on + timedelta(days=rng.randrange(21))
        given = [_answer(question, shares, rng) for question in questions]
        responses.submit_response(survey, given, codes[number] if coded else "", today=day)
    return survey


def _answer(question: Question, shares: tuple[float, ...], rng: random.Random) -> responses.Given:
    if question.kind == Question.Kind.TEXT:
        words = rng.choice(WORDS["text"]) if rng.random() < 0.3 else ""
        return responses.Given(question, text=words)
    if rng.random() < 0.04:  # left out
        return responses.Given(question)
    choice = rng.choices(range(1, len(shares) + 1), weights=shares)[0]
    return responses.Given(question, choice=choice)


def _research(school: School, status: str, in_report: bool) -> None:
    found = Review.objects.filter(school=school, status=status).order_by("-start_date").first()
    if found is None:
        return
    research.save_research(
        _head(school),
        found,
        question="Do pupils in every class get the same chance to read for pleasure?",
        method=(
            "Six pupils from the school council asked 90 pupils in Years 2 to 6 four questions, "
            "counted the books in each class library and watched two reading times."
        ),
        findings=(
            "Pupils in Years 5 and 6 read for pleasure more than younger pupils. Class libraries "
            "in Years 2 and 3 have half as many books, and few about children like them."
        ),
        recommendations=(
            "Move 200 books from the main library into Years 2 and 3, and let the school council "
            "choose 40 new books about children from many backgrounds."
        ),
        presented_on=found.start_date,
        in_report=in_report,
    )
