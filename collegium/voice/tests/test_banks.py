"""V1 question banks as data: the shipped banks, import and export, and the builder's pages."""

import pytest
from django.core.exceptions import ValidationError

from collegium.voice import exchange
from collegium.voice.models import Audience, BankVersion, Question, QuestionBank
from collegium.voice.shipped import load_banks
from collegium.voice.tests.conftest import version_of

BAD = """\
slug: Bad Slug
name: Our parents
audience: teachers
scale: [Yes]
questions:
  - code: Q1
    text: My child is happy.
    strands: [national-areas:NOPE1]
  - code: Q1
    kind: essay
"""


def test_one_bank_ships_for_each_audience_every_question_mapped(shipped):
    assert sorted(QuestionBank.objects.values_list("audience", flat=True)) == sorted(
        Audience.values
    )
    assert load_banks() == []  # loading again changes nothing
    for version in BankVersion.objects.all():
        assert version.status == BankVersion.Status.PUBLISHED
        scale = version.questions.filter(kind=Question.Kind.SCALE)
        assert scale.exists() and all(q.strands.exists() for q in scale)


def test_primary_pupils_questions_are_short_plain_words(shipped):
    for question in version_of("pupils-primary").questions.filter(kind=Question.Kind.SCALE):
        words = question.text.split()
        assert len(words) <= 12, question.text
        assert max(len(w.strip(".,")) for w in words) <= 9, question.text


def test_a_bank_exports_and_imports_to_the_same_text(shipped):
    version = version_of("staff")
    for fmt in ("yaml", "json"):
        text = exchange.export_text(version, fmt)
        again = exchange.import_text(None, text, fmt)
        assert again.number == version.number + (1 if fmt == "yaml" else 2)
        assert exchange.export_text(again, fmt) == text


def test_every_problem_is_named_with_its_line(shipped):
    with pytest.raises(ValidationError) as raised:
        exchange.read_text(BAD)
    problems = "\n".join(raised.value.messages)
    assert "Line 1: the question bank: 'slug' must be lower-case" in problems
    assert "Line 3: the question bank: 'audience' must be one of" in problems
    assert "needs a 'scale' of 2 to 7 answers" in problems
    assert (
        "Line 8: question 'Q1': no published framework has the strand national-areas:NOPE1"
        in problems
    )
    assert "code 'Q1' is used twice" in problems
    assert "'kind' must be scale or text" in problems
    assert not QuestionBank.objects.filter(name="Our parents").exists()


def test_a_new_version_must_ask_the_same_audience(shipped):
    text = exchange.export_text(version_of("staff"), "yaml").replace(
        "audience: staff", "audience: parents"
    )
    with pytest.raises(ValidationError, match="must ask the same audience"):
        exchange.import_text(None, text)


def test_the_network_admin_imports_and_publishes_others_are_refused(
    shipped, client_for, network_admin, school_leader, client
):
    text = exchange.export_text(version_of("governors"), "yaml")
    assert client_for(school_leader).post("/voice/banks/import/", {"text": text}).status_code == 403
    assert client.get("/voice/banks/").status_code == 302
    assert BankVersion.objects.filter(bank__slug="governors").count() == 1
    admin = client_for(network_admin)
    assert "Governors" in admin.get("/voice/banks/").text
    answer = admin.post("/voice/banks/import/", {"text": text})
    assert answer.status_code == 302 and answer.url == "/voice/banks/governors/2/"
    assert "Draft" in admin.get(answer.url).text
    assert client_for(school_leader).post("/voice/banks/governors/2/publish/").status_code == 404
    assert admin.post("/voice/banks/governors/2/publish/").status_code == 302
    assert version_of("governors").number == 2
    wrong = admin.post("/voice/banks/import/", {"text": BAD})
    assert wrong.status_code == 400 and "Line 3" in wrong.text


def test_a_version_downloads_as_yaml(shipped, client_for, network_admin, governor):
    url = "/voice/banks/parents-and-carers/1/download.yaml"
    assert client_for(governor).get(url).status_code == 404
    answer = client_for(network_admin).get(url)
    assert answer.status_code == 200 and b"audience: parents" in answer.content
