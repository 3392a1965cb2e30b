"""Judging with the descriptors in view (issue 20, part 5): the proposal and agreement forms show
what each level means for the strand beside its radio, and saving returns to the strand just
saved on the judgements page, with the message beside it."""

import re
from html import unescape

import pytest
from django.urls import reverse

from collegium.frameworks.models import LevelDescriptor, ScaleLevel, Strand
from collegium.reviews.models import JudgementProposal, Review
from collegium.reviews.services.evidence import record_evidence
from collegium.reviews.services.judgements import propose_judgement

LEADING = "Phonics is taught with rigour in every class and leaders check it weekly"
EFFECTIVE = "Phonics is taught consistently in most classes"
WORKING_TOWARDS = "The scale's own words for working towards"


@pytest.fixture
def visit(review):
    review.status = Review.Status.VISIT
    review.save()
    return review


@pytest.fixture
def described(visit):
    """Strand A1S1 with descriptors for its top two levels; the scale describes the third."""
    strand = Strand.objects.get(area__version=visit.framework_version, code="A1S1")
    LevelDescriptor.objects.create(strand=strand, level=1, text=LEADING)
    LevelDescriptor.objects.create(strand=strand, level=2, text=EFFECTIVE)
    ScaleLevel.objects.filter(version=visit.framework_version, position=3).update(
        description=WORKING_TOWARDS
    )
    return strand


def note(review, user, strand):
    member = review.team.get(reviewer__user=user)
    return record_evidence(user, review, member, "Phonics teaching is consistent", [strand.pk])


def propose_url(review, strand):
    return reverse("reviews:propose", args=[review.pk, strand.pk])


def agree_url(review, strand):
    return reverse("reviews:agree-judgement", args=[review.pk, strand.pk])


def hint_of(html, level):
    """The hint text the radio of a level points at (aria-describedby), or None."""
    radio = re.search(rf'<input[^>]*name="level"[^>]*value="{level}"[^>]*>', html)
    assert radio, f"no radio for level {level}"
    described_by = re.search(r'aria-describedby="([^"]+)"', radio.group(0))
    if described_by is None:
        return None
    hint = re.search(rf'id="{described_by.group(1)}"[^>]*>(.*?)</div>', html, re.S)
    return unescape(hint.group(1)).strip() if hint else None


def test_the_proposal_form_shows_each_levels_descriptor_beside_its_radio(
    client_for, reviewer, visit, described
):
    html = client_for(reviewer).get(propose_url(visit, described)).text
    assert hint_of(html, 1) == LEADING
    assert hint_of(html, 2) == EFFECTIVE
    assert hint_of(html, 3) == WORKING_TOWARDS  # no descriptor: the scale's description
    assert hint_of(html, 4) is None  # nothing to say, no empty hint


def test_the_agree_form_shows_the_descriptors_too(client_for, lead_reviewer, visit, described):
    html = client_for(lead_reviewer).get(agree_url(visit, described)).text
    assert hint_of(html, 1) == LEADING
    assert hint_of(html, 2) == EFFECTIVE


def test_descriptors_stay_when_the_form_is_refused(client_for, reviewer, visit, described):
    response = client_for(reviewer).post(propose_url(visit, described), {"level": "1"})
    assert response.status_code == 400
    assert "Enter the rationale for the judgement" in response.text
    assert hint_of(response.text, 1) == LEADING
    assert 'value="1" checked' in response.text  # the person's choice is kept
    assert not JudgementProposal.objects.exists()


def test_a_met_or_not_met_strand_shows_its_own_descriptors_not_the_scale(
    client_for, reviewer, visit
):
    strand = Strand.objects.get(area__version=visit.framework_version, code="A2S2")
    LevelDescriptor.objects.create(strand=strand, level=1, text="Every pupil is safe")
    ScaleLevel.objects.filter(version=visit.framework_version).update(description="Scale words")
    html = unescape(client_for(reviewer).get(propose_url(visit, strand)).text)
    assert "Is this strand met?" in html
    assert hint_of(html, 1) == "Every pupil is safe"
    assert hint_of(html, 2) is None
    assert "Scale words" not in html


def section_of(html, anchor):
    """The strand's section on the judgements page, up to the next strand's."""
    start = html.index(f'id="{anchor}"')
    following = re.compile(r'id="strand-\d+"').search(html, start + 1)
    return html[start : following.start() if following else len(html)]


def test_saving_a_proposal_returns_to_the_strand_with_its_message_beside_it(
    client_for, reviewer, visit, described
):
    evidence = note(visit, reviewer, described)
    client = client_for(reviewer)
    response = client.post(
        propose_url(visit, described),
        {"level": "2", "rationale": "Consistent", "evidence": [evidence.pk]},
    )
    assert response.status_code == 302
    anchor = f"strand-{described.pk}"
    page, fragment = response["Location"].split("#")
    assert page == reverse("reviews:judgements", args=[visit.pk]) and fragment == anchor
    html = unescape(client.get(page).text)
    message = "Your proposed judgement of A1S1 Strand 1.1 has been saved"
    assert html.count(message) == 1  # beside the strand, not also at the top
    assert message in section_of(html, anchor)
    assert "govuk-notification-banner--success" in section_of(html, anchor)


def test_agreeing_returns_to_the_strand_agreed(client_for, reviewer, lead_reviewer, visit):
    strand = Strand.objects.get(area__version=visit.framework_version, code="A1S2")
    evidence = note(visit, reviewer, strand)
    member = visit.team.get(reviewer__user=reviewer)
    propose_judgement(reviewer, visit, member, strand, 1, "Seen", [evidence.pk])
    client = client_for(lead_reviewer)
    response = client.post(
        agree_url(visit, strand), {"level": "1", "rationale": "Agreed", "evidence": [evidence.pk]}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#strand-{strand.pk}")
    html = unescape(client.get(response["Location"].split("#")[0]).text)
    assert "The judgement of A1S2 Strand 1.2 has been agreed" in section_of(
        html, f"strand-{strand.pk}"
    )


def test_every_strand_on_the_judgements_page_has_its_anchor(client_for, reviewer, visit):
    html = client_for(reviewer).get(reverse("reviews:judgements", args=[visit.pk])).text
    for strand in Strand.objects.filter(area__version=visit.framework_version):
        assert html.count(f'id="strand-{strand.pk}"') == 1


def test_other_messages_stay_at_the_top(client_for, lead_reviewer, visit):
    """A message about the whole review (here, the findings agreed) is not tied to a strand."""
    client = client_for(lead_reviewer)
    findings = {
        "strengths": "Reading",
        "areas_to_develop": "Writing",
        "priority_strand": Strand.objects.get(
            area__version=visit.framework_version, code="A1S1"
        ).pk,
        "improvement_priority": "Writing at KS2",
    }
    response = client.post(reverse("reviews:findings", args=[visit.pk]), findings, follow=True)
    html = unescape(response.text)
    message = "The findings and the improvement priority have been agreed"
    assert html.count(message) == 1
    first_strand = re.search(r'id="strand-\d+"', html)
    assert first_strand and html.index(message) < first_strand.start()


def test_a_school_leader_cannot_open_the_proposal_form(client_for, school_leader, visit, described):
    client = client_for(school_leader)
    assert client.get(propose_url(visit, described)).status_code == 403
    assert client.get(agree_url(visit, described)).status_code == 403
    response = client.post(propose_url(visit, described), {"level": "1", "rationale": "Ours"})
    assert response.status_code == 403
    assert not JudgementProposal.objects.exists()


def test_someone_outside_the_review_does_not_learn_of_it(client_for, outsider, visit, described):
    assert client_for(outsider).get(propose_url(visit, described)).status_code == 404
