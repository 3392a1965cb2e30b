"""Results beside framework strands, through the crosswalk: the pre-review analysis and the
"survey result" success measure of an action plan."""

from collegium.frameworks.models import Strand, StrandMapping
from collegium.improvement.models import ActionPlan, SuccessMeasure
from collegium.voice import selectors
from collegium.voice.services.banks import strand_for
from collegium.voice.tests.conftest import answer, open_survey


def _crosswalk(review) -> Strand:
    """The review's framework strand A1S1 mapped to the shipped national-areas SG1
    (safeguarding), which parents' and staff questions name."""
    strand = Strand.objects.get(area__version=review.framework_version, code="A1S1")
    safeguarding = strand_for("national-areas:SG1")
    assert safeguarding is not None
    StrandMapping.objects.create(from_strand=safeguarding, to_strand=strand)
    return strand


def test_results_show_beside_the_strand_the_crosswalk_maps(shipped, review):
    strand = _crosswalk(review)
    parents, staff = open_survey(review.school), open_survey(review.school, "staff")
    answer(parents, 10, choice=2)
    answer(staff, 4, choice=4)
    heard = dict(selectors.strands_heard(review.school_id, review.framework_version))
    said = {v.audience: v for v in heard[strand]}
    assert said["Parents and carers"].positive == 100  # F2 only: "Agree" is positive
    assert said["Parents and carers"].answered == 10
    assert said["Staff"].positive is None  # fewer than 10 responses
    others = Strand.objects.filter(area__version=review.framework_version).exclude(pk=strand.pk)
    assert not any(s in heard for s in others)  # nothing maps to them


def test_the_team_reads_them_in_the_pre_review_analysis(
    shipped, review, client_for, reviewer, school_leader, outsider
):
    _crosswalk(review)
    answer(open_survey(review.school), 10, choice=4)
    url = f"/reviews/{review.pk}/analysis/"
    page = client_for(reviewer).get(url).text
    assert 'id="voice-strands"' in page
    assert "A1S1 Strand 1.1" in page and "Parents and carers: <strong>0% positive</strong>" in page
    assert "0% positive" in client_for(school_leader).get(url).text
    assert client_for(outsider).get(url).status_code == 404


def test_the_team_reads_them_beside_its_evidence(shipped, review, client_for, reviewer, outsider):
    _crosswalk(review)
    answer(open_survey(review.school), 10, choice=4)
    url = f"/reviews/{review.pk}/evidence/"
    page = client_for(reviewer).get(url).text
    assert (
        'id="voice-strands"' in page and "Parents and carers: <strong>0% positive</strong>" in page
    )
    assert client_for(outsider).get(url).status_code == 404


def test_a_survey_measure_shows_the_school_results_year_by_year(
    shipped, review, client_for, school_leader, outsider
):
    strand = _crosswalk(review)
    answer(open_survey(review.school), 10, choice=1)
    plan = ActionPlan.objects.create(review=review, priority_strand=strand, priority="Safety")
    measure = SuccessMeasure.objects.create(
        plan=plan, kind=SuccessMeasure.Kind.SURVEY, description="Parents say their child is safe"
    )
    rows = selectors.strand_by_year(review.school_id, strand)
    assert rows == [(parents_year(review), "Parents and carers", 100)]
    page = client_for(school_leader).get(f"/improvement/plans/{plan.pk}/").text
    assert f'id="voice-measure-{measure.pk}"' in page and "100%" in page
    assert client_for(outsider).get(f"/improvement/plans/{plan.pk}/").status_code == 404


def parents_year(review) -> int:
    from collegium.voice.models import Survey

    return Survey.objects.get(school=review.school).academic_year
