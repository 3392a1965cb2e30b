"""The demo network's surveys and pupils' research."""

from collegium.reviews.models import Review
from collegium.voice import selectors
from collegium.voice.models import Audience, PupilResearch, Survey


def test_the_demo_has_a_survey_of_every_audience_and_one_group_under_10(demo_network):
    assert set(Survey.objects.values_list("audience", flat=True)) == set(Audience.values)
    governors = Survey.objects.get(audience=Audience.GOVERNORS)
    assert not selectors.results_of(governors).shown
    parents = Survey.objects.filter(school=governors.school, audience=Audience.PARENTS)
    latest = selectors.results_of(parents.order_by("-opens_on")[0])
    assert latest.shown and latest.previous is not None and latest.rate is not None
    assert all(q.positive is not None and q.previous is not None for q in latest.questions)


def test_the_demo_review_under_way_hears_the_school_beside_its_strands(demo_network):
    review = Review.objects.get(status=Review.Status.VISIT)
    heard = selectors.strands_heard(review.school_id, review.framework_version)
    assert len(heard) >= 4
    audiences = {v.audience for _, said in heard for v in said}
    assert {"Pupils in primary", "Staff", "Parents and carers", "Governors"} <= audiences
    assert PupilResearch.objects.filter(review=review, in_report=False).exists()
    assert PupilResearch.objects.filter(in_report=True).count() == 1
