"""The review's tabs link to its report only when there is one (a past review may have none)."""

from collegium.reports.models import Report
from collegium.reviews.models import Review


def test_report_tab_only_when_the_review_has_a_report(client_for, review, reviewer, outsider):
    Review.objects.filter(pk=review.pk).update(status=Review.Status.CLOSED)
    page = client_for(reviewer).get(f"/reviews/{review.pk}/").text
    assert f'href="/reports/{review.pk}/"' not in page
    assert client_for(reviewer).get(f"/reports/{review.pk}/").status_code == 404

    Report.objects.create(review=review, status=Report.Status.FINAL)
    page = client_for(reviewer).get(f"/reviews/{review.pk}/").text
    assert f'href="/reports/{review.pk}/"' in page
    assert client_for(reviewer).get(f"/reports/{review.pk}/").status_code == 200
    assert client_for(outsider).get(f"/reviews/{review.pk}/").status_code == 404
