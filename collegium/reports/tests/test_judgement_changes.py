"""A judgement changed after agreement (a moderator's adjusted level, a complaint's outcome) shows
in both reports: the level now and a dated note of the change, with the reason only in the
confidential report. The changes are read in one query however many there are."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from collegium.frameworks.models import Strand
from collegium.quality.models import NetworkModerationSettings
from collegium.quality.sampling import draw_sample
from collegium.quality.services import complete_moderation, moderate_strand
from collegium.quality.terms import term_of
from collegium.reports.models import Report
from collegium.reports.publication import publish_summary
from collegium.reports.selectors import revisions_of
from collegium.reports.services import check, cycle
from collegium.reviews.models import Judgement, JudgementRevision, Review
from collegium.reviews.services.revisions import revise_judgement
from tests.pages import query_count

from .test_report_queries import grow

REASON = "Lesson visits show more than the meetings did."


def moderate(review: Review, moderator) -> None:
    """The moderator adjusts A2S1 from Working towards (3) to Effective (2) and completes."""
    for strand in Strand.objects.filter(area__version=review.framework_version):
        level = review.judgements.get(strand=strand).level
        if strand.code == "A2S1":
            moderate_strand(moderator, review, strand, 2, REASON)
        else:
            moderate_strand(moderator, review, strand, level, "")
    complete_moderation(moderator, review, "Secure judgements.")


def changed_today(source_words: str) -> str:
    today = timezone.localdate()
    return f"Changed on {today:%-d %B %Y} {source_words}: was Working towards, now Effective"


@pytest.fixture
def final(sent, lead_reviewer, school_leader) -> Report:
    check.complete_accuracy_check(school_leader, sent, True, sent.revision)
    return cycle.finalise_report(lead_reviewer, sent, today=date(2026, 12, 22))


def test_the_confidential_report_shows_the_level_now_the_date_and_why(
    report, moderator, lead_reviewer, school_leader, client_for, outsider
):
    moderate(report.review, moderator)
    url = reverse("reports:report", args=[report.pk])
    page = client_for(lead_reviewer).get(url).text
    assert "Changed since the team agreed it" in page
    assert changed_today("by moderation") in page and f"Why: {REASON}" in page
    assert page.count("Changed on ") == 1  # the confirmed strands have no note
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_the_public_summary_shows_the_change_but_not_why(
    final, moderator, lead_reviewer, network_admin, client_for
):
    review = final.review
    NetworkModerationSettings.objects.filter(pk=1).update(requires_moderation=True)
    draw_sample(moderator, term_of(review.start_date), seed=1)  # picked: a new lead
    moderate(review, moderator)
    publish_summary(lead_reviewer, final)
    url = reverse("reports:summary", args=[final.pk])
    page = client_for(None).get(url).text
    assert "Judgements changed after the review" in page
    assert "A2S1 Strand 2.1" in page and changed_today("by moderation") in page
    assert REASON not in page and "Secure judgements." not in page


def test_a_summary_with_no_change_says_nothing_of_changes(final, lead_reviewer, client_for):
    publish_summary(lead_reviewer, final)
    page = client_for(None).get(reverse("reports:summary", args=[final.pk])).text
    assert "Judgements changed after the review" not in page and "Changed on" not in page


def test_a_complaints_change_shows_the_same_way(final, lead_reviewer, adjudicator, client_for):
    publish_summary(lead_reviewer, final)
    judgement = Judgement.objects.get(review=final.review, strand__code="A2S1")
    revise_judgement(
        adjudicator, judgement, 2, "Upheld in part.", JudgementRevision.Source.COMPLAINT
    )
    summary = client_for(None).get(reverse("reports:summary", args=[final.pk])).text
    assert changed_today("after a complaint") in summary and "Upheld in part." not in summary
    report = client_for(lead_reviewer).get(reverse("reports:report", args=[final.pk])).text
    assert changed_today("after a complaint") in report and "Why: Upheld in part." in report


def test_every_change_is_kept_strand_by_strand_oldest_first(report, moderator, adjudicator):
    judgements = {j.strand.code: j for j in report.review.judgements.select_related("strand")}
    revise_judgement(
        adjudicator, judgements["A2S1"], 2, "Upheld.", JudgementRevision.Source.COMPLAINT
    )
    revise_judgement(moderator, judgements["A1S2"], 3, "Thin.", JudgementRevision.Source.MODERATION)
    revise_judgement(
        adjudicator, judgements["A2S1"], 1, "Upheld.", JudgementRevision.Source.COMPLAINT
    )
    changes = revisions_of(report.review)
    assert [(c.strand.code, c.was, c.now) for c in changes] == [
        ("A1S2", "Effective", "Working towards"),
        ("A2S1", "Working towards", "Effective"),
        ("A2S1", "Effective", "Leading"),
    ]


def test_changes_are_read_in_one_query(report, moderator, django_assert_num_queries):
    judgement = report.review.judgements.get(strand__code="A2S1")
    revise_judgement(moderator, judgement, 2, REASON, JudgementRevision.Source.MODERATION)
    review = Review.objects.select_related("framework_version").get(pk=report.review_id)
    with django_assert_num_queries(2):  # the changes, then the scale's labels
        assert len(revisions_of(review)) == 1
    JudgementRevision.objects.all().delete()
    with django_assert_num_queries(1):  # no change: no labels to read
        assert revisions_of(review) == []


def test_the_pages_make_no_more_queries_for_more_changes(
    final, lead_reviewer, moderator, client_for, django_assert_max_num_queries
):
    publish_summary(lead_reviewer, final)
    review = final.review
    grow(review, lead_reviewer, 2)
    reader = client_for(lead_reviewer)
    report_url = reverse("reports:report", args=[final.pk])
    summary_url = reverse("reports:summary", args=[final.pk])

    def revise_all() -> None:
        for judgement in review.judgements.filter(level=2, revisions__isnull=True):
            revise_judgement(moderator, judgement, 3, REASON, JudgementRevision.Source.MODERATION)

    revise_all()
    few_report, few_summary = query_count(reader, report_url), query_count(reader, summary_url)
    grow(review, lead_reviewer, 6)
    revise_all()
    reader.get(report_url)  # the first read after a change may refresh what is kept
    changes = JudgementRevision.objects.count()
    assert changes == 9  # A1S2, the 2 strands added, then the 6 more
    with django_assert_max_num_queries(few_report):
        assert reader.get(report_url).text.count("Changed on ") == changes
    with django_assert_max_num_queries(few_summary):
        reader.get(summary_url)
