"""Fetching an object for a person: the one way a view gets a user-visible object.

`get_for` finds the object in a queryset (so each caller keeps its select_related) and asks the
access policy about it. Every answer follows one rule:

- no such object, or the person may not know it exists: 404;
- they may see it but not do the action: 403;
- not signed in and refused either way: 403, which SignInWhenDeniedMiddleware answers with the
  sign-in page (an object that does not exist is a 404 for everyone).

The get_*_for functions below are the getters the views call; code outside the access modules
imports them through collegium.access. A new kind of object gets its getter here.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Manager, Model, QuerySet
from django.http import Http404

from collegium.accounts.models import User
from collegium.allocations.models import AllocationRun, NetworkRun, PlaceRequest
from collegium.calibration.models import Invitation
from collegium.clusters.models import Cluster, Membership
from collegium.complaints.models import Complaint
from collegium.frameworks.models import Framework, FrameworkVersion
from collegium.improvement.models import ActionPlan, SupportNeed
from collegium.people.models import ReviewerProfile, RoleGrant
from collegium.policy import can, require, roles_of
from collegium.reports.models import Report
from collegium.reviews.models import Review
from collegium.safeguarding.models import (
    AuditAction,
    AuditTemplate,
    SafeguardingAudit,
    TemplateVersion,
)
from collegium.schools.models import ImportRun, School
from collegium.support.models import StandingOffer, SupportRequest
from collegium.types import Person
from collegium.voice.models import BankVersion, Survey


def get_for[M: Model](
    user: Person,
    found: QuerySet[M],
    action: str,
    *,
    seen_with: str | Callable[[M], str] | None = None,
    judged_on: Callable[[M], Any] | None = None,
    **lookup: Any,
) -> M:
    """The one object of `found` matching `lookup`, if the person may do `action` on it.

    `seen_with` is the action that lets the person know the object exists (by default `action`
    itself), or a function of the object giving it; `judged_on` gives the object the rules are
    asked about when it is not the object fetched (a support need is judged on its plan)."""
    try:
        obj = found.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None
    subject = judged_on(obj) if judged_on else obj
    seen = seen_with(obj) if callable(seen_with) else seen_with or action
    if not can(user, seen, subject):
        refuse(user)
    require(user, action, subject)
    return obj


def get_part[M: Model](found: QuerySet[M] | Manager[M], **lookup: Any) -> M:
    """A part of an object already fetched for the person through its getter: a review's note,
    a version's strand, a report's accuracy point. `found` is the parent's own related queryset
    (`review.evidence`), so another parent's part is a 404; the parent's getter asked the rules.
    Also a network record on a page whose action `access.require` has just checked (a term)."""
    try:
        return found.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404 from None


def refuse(user: Person) -> None:
    """Refuse someone who may not know the object exists: sign in first, else "not found"."""
    if not roles_of(user).signed_in:
        raise PermissionDenied  # answered with "sign in" by the middleware
    raise Http404


def get_school_for(user: Person, urn: Any, action: str = "school.view") -> School:
    return get_for(user, School.objects.all(), action, seen_with="school.view", pk=urn)


def get_cluster_for(user: Person, pk: Any, action: str = "cluster.view") -> Cluster:
    return get_for(user, Cluster.objects.all(), action, seen_with="cluster.view", pk=pk)


def get_membership_for(user: Person, pk: Any, action: str = "membership.respond") -> Membership:
    return get_for(user, Membership.objects.all(), action, pk=pk)


def get_reviewer_for(
    user: Person, pk: Any, action: str = "reviewer.view_profile"
) -> ReviewerProfile:
    found = ReviewerProfile.objects.all()
    return get_for(user, found, action, seen_with="reviewer.view_profile", pk=pk)


def get_review_for(user: Person, pk: Any, action: str = "review.view") -> Review:
    return get_for(user, Review.objects.all(), action, seen_with="review.view", pk=pk)


def get_report_for(user: Person, pk: Any, action: str = "report.view") -> Report:
    """A report by its review's id (its primary key). Seeing the review is not enough."""
    return get_for(user, Report.objects.all(), action, seen_with="report.view", pk=pk)


def get_review_improvement_for(user: Person, pk: Any, action: str = "improvement.view") -> Review:
    """A review seen for its improvement work: governors follow it without seeing the review."""
    return get_for(user, Review.objects.all(), action, seen_with="improvement.view", pk=pk)


def get_plan_for(user: Person, pk: Any, action: str = "improvement.view") -> ActionPlan:
    return get_for(user, ActionPlan.objects.all(), action, seen_with="improvement.view", pk=pk)


def get_support_need_for(user: Person, pk: Any, action: str = "improvement.view") -> SupportNeed:
    """A support need, judged on its action plan."""
    found = SupportNeed.objects.select_related("strand", "plan__review")
    return get_for(user, found, action, seen_with="improvement.view", judged_on=_plan_of, pk=pk)


def _plan_of(need: SupportNeed) -> ActionPlan:
    return need.plan


def get_support_request_for(user: Person, pk: Any, action: str = "support.view") -> SupportRequest:
    found = SupportRequest.objects.all()
    return get_for(user, found, action, seen_with="support.view", pk=pk)


def get_offer_for(user: Person, pk: Any, action: str = "support.offer") -> StandingOffer:
    return get_for(user, StandingOffer.objects.all(), action, pk=pk)


def get_run_for(user: Person, pk: Any, action: str = "allocation.run") -> AllocationRun:
    """An optimiser run, seen only by those who may run the optimiser for its cluster."""
    found = AllocationRun.objects.select_related("cluster", "created_by", "network_run__term")
    return get_for(user, found, action, pk=pk)


def get_import_run_for(user: Person, pk: Any, action: str = "school.edit") -> ImportRun:
    """A run of the register import, seen only by those who may change the register."""
    return get_for(user, ImportRun.objects.select_related("started_by"), action, pk=pk)


def get_network_run_for(user: Person, pk: Any, action: str = "allocation.network_qa") -> NetworkRun:
    """A network-wide optimiser run, seen by those who may run one for quality assurance
    reviews (moderators and network admins); coordinators see their cluster's part instead.
    A run over cluster peer reviews too is seen only by those who may start one (not
    moderators, who are for quality assurance reviews alone)."""
    found = NetworkRun.objects.select_related("term", "created_by")
    return get_for(user, found, action, seen_with=_network_run_seen_with, pk=pk)


def _network_run_seen_with(run: NetworkRun) -> str:
    if run.reviews == NetworkRun.Reviews.QUALITY_ASSURANCE:
        return "allocation.network_qa"
    return "allocation.network"


def get_place_request_for(
    user: Person, pk: Any, action: str = "reviewer.answer_place"
) -> PlaceRequest:
    """A place an accepted allocation asks a reviewer to confirm: only that reviewer may know
    it exists."""
    found = PlaceRequest.objects.select_related(
        "review__school", "reviewer__user", "reviewer__home_school"
    )
    return get_for(user, found, action, judged_on=_asked, pk=pk)


def _asked(request: PlaceRequest) -> ReviewerProfile:
    return request.reviewer


def get_invitation_for(user: Person, pk: Any, action: str = "calibration.grade") -> Invitation:
    """A calibration invitation: only its own reviewer may know it exists."""
    found = Invitation.objects.select_related("pack__framework_version__framework", "reviewer")
    return get_for(user, found, action, judged_on=_reviewer_of, pk=pk)


def _reviewer_of(invitation: Invitation) -> ReviewerProfile:
    return invitation.reviewer


def get_version_for(
    user: Person, slug: str, number: Any, action: str = "framework.view"
) -> FrameworkVersion:
    """A framework version by its address. Only those who may edit frameworks know a draft."""
    found = FrameworkVersion.objects.select_related("framework")
    return get_for(user, found, action, seen_with=_seen_with, framework__slug=slug, number=number)


def _seen_with(version: FrameworkVersion) -> str:
    return "framework.edit" if version.is_draft else "framework.view"


def get_framework_for(user: Person, slug: str, action: str = "framework.view") -> Framework:
    return get_for(user, Framework.objects.all(), action, seen_with="framework.view", slug=slug)


def get_person_for(user: Person, pk: Any, action: str = "people.manage_roles") -> User:
    """A person, for managing their roles: who has an account is not public."""
    return get_for(user, User.objects.all(), action, pk=pk)


def get_grant_for(user: Person, pk: Any, action: str = "people.manage_roles") -> RoleGrant:
    found = RoleGrant.objects.select_related("user", "school", "cluster")
    return get_for(user, found, action, pk=pk)


def get_complaint_for(user: Person, pk: Any, action: str = "complaint.view") -> Complaint:
    """A complaint: only its parties and whoever hears one of its stages know it exists."""
    found = Complaint.objects.select_related(
        "report__review__school", "report__review__cluster", "report__review__framework_version"
    )
    return get_for(user, found, action, seen_with="complaint.view", pk=pk)


def get_audit_for(user: Person, pk: Any, action: str = "safeguarding.view") -> SafeguardingAudit:
    """A school's safeguarding audit (G1). Whoever may see the school's safeguarding status knows
    it exists (so oversight is told "no permission" for an audit the school has not shared);
    anyone else only if they may read it (a review team it was shared with)."""
    found = SafeguardingAudit.objects.select_related("school", "version__template")
    return get_for(user, found, action, seen_with=_audit_seen_with(user), pk=pk)


def _audit_seen_with(user: Person) -> Callable[[Any], str]:
    def seen_with(found: SafeguardingAudit | AuditAction) -> str:
        audit = found.audit if isinstance(found, AuditAction) else found
        status = "safeguarding.status"
        return status if can(user, status, audit) else "safeguarding.view"

    return seen_with


def get_audit_action_for(user: Person, pk: Any, action: str = "safeguarding.audit") -> AuditAction:
    """An action of a safeguarding audit, judged on its audit."""
    found = AuditAction.objects.select_related("audit__school", "item", "owner")
    return get_for(
        user, found, action, seen_with=_audit_seen_with(user), judged_on=_audit_of, pk=pk
    )


def _audit_of(action: AuditAction) -> SafeguardingAudit:
    return action.audit


def get_audit_template_for(
    user: Person, slug: str, action: str = "safeguarding.templates"
) -> AuditTemplate:
    return get_for(user, AuditTemplate.objects.all(), action, slug=slug)


def get_template_version_for(
    user: Person, slug: str, number: Any, action: str = "safeguarding.templates"
) -> TemplateVersion:
    """A version of an audit template by its address, for those who build templates."""
    found = TemplateVersion.objects.select_related("template")
    return get_for(user, found, action, template__slug=slug, number=number)


def get_voice_survey_for(user: Person, pk: Any, action: str = "voice.results") -> Survey:
    """A school's survey of its community (V1), for those who may read its results."""
    found = Survey.objects.select_related("school", "version__bank")
    return get_for(user, found, action, seen_with="voice.results", pk=pk)


def get_bank_version_for(
    user: Person, slug: str, number: Any, action: str = "voice.banks"
) -> BankVersion:
    """A version of a survey question bank by its address, for those who build banks."""
    found = BankVersion.objects.select_related("bank")
    return get_for(user, found, action, bank__slug=slug, number=number)
