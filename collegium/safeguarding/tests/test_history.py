"""G1 kept apart: an audit keeps its own history. Nothing of it shows in the school's history
(which moderators read) or in the history of the review it was shared with (the team's)."""

from collegium.audit.models import AuditEvent
from collegium.safeguarding.services import sharing


def test_no_safeguarding_event_shows_in_the_schools_or_the_reviews_history(
    submitted, review, school_leader, moderator, client_for, school_a
):
    sharing.share_for_review(school_leader, submitted, review)
    assert AuditEvent.objects.filter(action__startswith="Safeguarding").count() > 5
    school_history = client_for(moderator).get(f"/history/schools.school/{school_a.urn}/").text
    review_history = client_for(moderator).get(f"/history/reviews.review/{review.pk}/").text
    for page in (school_history, review_history):
        assert "Safeguarding audit" not in page and "Safeguarding action" not in page
