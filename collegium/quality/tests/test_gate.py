"""The moderation gate of publication: when the network requires it, a summary is published only
once its review's moderation is completed."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from collegium.quality import services
from collegium.quality.gates import NOT_MODERATED, moderation_is_complete
from collegium.reports.models import Report
from collegium.reports.publication import PUBLICATION_GATES, publish_summary

from .test_services import moderate_all


@pytest.fixture
def final_report(agreed_review, school_leader) -> Report:
    return Report.objects.create(
        review=agreed_review,
        status=Report.Status.FINAL,
        summary="Pupils read well.",
        summary_agreed_at=timezone.now(),
        summary_agreed_by=school_leader,
    )


def test_the_gate_is_one_of_the_publication_gates():
    assert moderation_is_complete in PUBLICATION_GATES


def test_without_the_requirement_a_summary_is_published_unmoderated(final_report, lead_reviewer):
    assert moderation_is_complete(final_report) is None
    assert publish_summary(lead_reviewer, final_report).status == Report.Status.PUBLISHED


def test_the_gate_blocks_then_allows(final_report, lead_reviewer, moderator, network_admin):
    services.update_settings(network_admin, True, 10)
    with pytest.raises(ValidationError) as refused:
        publish_summary(lead_reviewer, final_report)
    assert refused.value.messages == [NOT_MODERATED]
    assert NOT_MODERATED == (
        "This network publishes summaries only after moderation: "
        "the review has not been moderated yet"
    )
    final_report.refresh_from_db()
    assert final_report.status == Report.Status.FINAL
    review = final_report.review
    moderate_all(review, moderator)
    assert moderation_is_complete(final_report) == NOT_MODERATED  # in progress is not enough
    services.complete_moderation(moderator, review, "Judgements are secure.")
    assert publish_summary(lead_reviewer, final_report).status == Report.Status.PUBLISHED
