"""The demo network's support between schools, built through the same services as the pages,
after the improvement cycle (collegium/improvement/demo.py) has made the plans.

- The first agreed review's school (its plan under way has a support need) asks the second's
  school for support; it accepts and has given one morning of it.
- Three other schools of the network offer support on the third review's priority strand
  (that school has no plan yet, for its head to make).

The request's dates are moved back, as if asked soon after the plan was agreed.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from collegium.clusters.models import Membership
from collegium.improvement.demo import agreed_reviews, head_of
from collegium.improvement.models import ActionPlan
from collegium.people.selectors import school_leaders
from collegium.reviews.models import Findings, Review
from collegium.support import services as support
from collegium.support.models import SupportRequest


def load_demo_support() -> None:
    agreed = agreed_reviews()
    if len(agreed) < 3:
        return
    first, second, third = agreed[:3]
    _support_between(ActionPlan.objects.get(review=first), second)
    _offers_for(third)


def _support_between(plan: ActionPlan, giver_review: Review) -> None:
    """The first school asks the second for support; it accepts and has given one visit."""
    need = plan.support_needs.get()
    asker, giver = head_of(plan.review), head_of(giver_review)
    request = support.send_request(
        asker,
        need,
        giver_review.school,
        "Could two of our subject leaders spend a morning with yours?",
    )
    # Sent three weeks ago, as if asked soon after the plan was agreed.
    SupportRequest.objects.filter(pk=request.pk).update(sent_at=timezone.now() - timedelta(days=21))
    request.refresh_from_db()
    support.accept_request(giver, request, Decimal("2"), "Yes: two mornings this half term.")
    SupportRequest.objects.filter(pk=request.pk).update(
        responded_at=timezone.now() - timedelta(days=18)
    )
    support.record_session(
        giver,
        request,
        date.today() - timedelta(days=5),
        Decimal("0.5"),
        "English and maths leads",
        "Hosted two subject leaders for a morning: planning a staff meeting and a learning walk.",
    )


def _offers_for(review: Review) -> None:
    """Three schools of the network (its own cluster's first), not weak in it themselves, offer
    support on the third review's priority strand."""
    strand = Findings.objects.get(review=review).priority_strand
    weak = Findings.objects.filter(priority_strand=strand).values("review__school")
    members = Membership.objects.filter(status=Membership.Status.MEMBER).exclude(
        school_id=review.school_id
    )
    members = members.exclude(school_id__in=weak).select_related("school")
    nearest = sorted(members, key=lambda m: (m.cluster_id != review.cluster_id, m.school_id))
    offering = [m.school for m in nearest[:3]]
    texts = (
        "Our leader for this area can host visits and share our planning.",
        "We are glad to share what has worked for us, with a visit and a follow-up meeting.",
        "Our deputy head can run a staff meeting on this with your team.",
    )
    for school, text in zip(offering, texts, strict=True):
        head = school_leaders(school.pk).order_by("pk")[0]
        support.publish_offer(head, school, strand, text, Decimal("2"))
