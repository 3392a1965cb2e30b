"""Acronyms keep their case in every generated sentence: "pupils with SEND", never "pupils with
send" (collegium/words.py, used wherever a label or title is set inside a sentence)."""

import re

import pytest

from collegium.complaints.models import Stage
from collegium.frameworks.models import Strand
from collegium.quality.gates import picked_not_moderated
from collegium.quality.models import SampledReview
from collegium.reviews.demo_visit import load_demo_visit
from collegium.reviews.models import Review
from collegium.schools.models import Phase
from collegium.support.selectors.brokerage import _phase_name
from collegium.surveys.models import QUESTIONS
from collegium.surveys.services import rating_error
from collegium.words import is_acronym, lower_first

LOWERED = re.compile(r"\b(send|eal|fsm|sen|ehc)\b")  # an acronym someone lower-cased


@pytest.mark.parametrize(
    ("text", "in_a_sentence"),
    [
        ("Disadvantaged pupils and pupils with SEND", "disadvantaged pupils and pupils with SEND"),
        ("SEND provision", "SEND provision"),
        ("EAL pupils' progress", "EAL pupils' progress"),
        ("FSM pupils", "FSM pupils"),
        ("KS2 results", "KS2 results"),
        ("EBacc entries", "EBacc entries"),
        ("English as an additional language", "English as an additional language"),
        ("Attendance", "attendance"),
        ("A strand agreed without a peer's proposal", "a strand agreed without a peer's proposal"),
        ("% grade 5 or above in English and maths", "% grade 5 or above in English and maths"),
        ("", ""),
    ],
)
def test_lower_first_lowers_only_a_first_word_that_is_not_an_acronym(text, in_a_sentence):
    assert lower_first(text) == in_a_sentence


def test_what_counts_as_an_acronym():
    assert all(is_acronym(word) for word in ("SEND", "EAL", "FSM", "(SEN)", "KS4", "EBacc"))
    assert not any(is_acronym(word) for word in ("A", "Pupils", "I", "Well-being", "16"))


@pytest.fixture
def titles_with_acronyms(framework_version) -> None:
    titles = {
        "A1S1": "Disadvantaged pupils and pupils with SEND",
        "A1S2": "EAL pupils' progress",
        "A2S1": "FSM pupils' attendance",
        "A2S2": "SEND provision",
    }
    for code, title in titles.items():
        Strand.objects.filter(area__version=framework_version, code=code).update(title=title)


def test_the_demo_visits_generated_text_keeps_its_acronyms(
    titles_with_acronyms, review, school_leader
):
    review.status = Review.Status.VISIT
    review.save()
    load_demo_visit(review)
    findings = review.findings
    written = [
        *review.proposals.values_list("rationale", flat=True),
        *review.judgements.values_list("rationale", flat=True),
        findings.improvement_priority,
        findings.area_of_excellence,
    ]
    text = "\n".join(written)
    assert "pupils with SEND" in text and "EAL pupils' progress" in text
    assert "FSM pupils' attendance" in text and "SEND provision" in text
    assert not LOWERED.search(text), LOWERED.search(text)


def test_labels_set_inside_other_sentences_keep_their_acronyms():
    assert _phase_name(Phase.ALL_THROUGH) == "all-through"
    assert Stage(number=2).name == "stage 2, review by a moderator"
    pick = SampledReview(reasons=[SampledReview.Reason.NO_PEER_PROPOSAL])
    assert "(a strand agreed without a peer's proposal)" in picked_not_moderated(pick)
    for question in QUESTIONS:
        assert not LOWERED.search(rating_error(question))
