"""The access policy matches docs/roles-and-permissions.md, cell by cell.

The first test checks that the documented table and collegium.access.RULES are the same.
The second walks every cell: for each action and each role's persona, the persona is
allowed exactly when the documented row gives their role (or another role they hold) a right
over an object chosen to be theirs. The third checks that scoped rights stop at other
people's objects.
"""

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from collegium import access
from collegium.clusters.models import Membership
from collegium.complaints.models import Complaint, Stage
from collegium.frameworks.models import Strand
from collegium.improvement.models import ActionPlan, SupportNeed
from collegium.people.models import ReviewerProfile, Role, RoleGrant
from collegium.reports.models import Report, ReportReader
from collegium.reviews.models import Review, TeamMember
from collegium.safeguarding.models import (
    AuditShare,
    AuditTemplate,
    SafeguardingAudit,
    TemplateVersion,
)
from collegium.selfevaluation.models import SelfEvaluation
from collegium.support.models import SupportRequest
from conftest import make_school, make_user

DOC = Path(__file__).resolve().parent.parent / "docs" / "roles-and-permissions.md"


def documented_table() -> dict[str, dict[str, str]]:
    lines = [line for line in DOC.read_text().splitlines() if line.startswith("| `")]
    header = next(line for line in DOC.read_text().splitlines() if line.startswith("| action |"))
    columns = [c.strip() for c in header.strip("|").split("|")][2:]
    table: dict[str, dict[str, str]] = {}
    for line in lines:
        cells = [c.strip() for c in line.strip("|").split("|")]
        action = re.sub(r"`", "", cells[0])
        table[action] = {
            col: cell for col, cell in zip(columns, cells[2:], strict=True) if cell != "—"
        }
    return table


def test_documented_table_is_the_code_table():
    assert documented_table() == access.RULES


PERSONAS = {
    access.PUBLIC: None,
    access.SIGNED_IN: "outsider",
    access.SCHOOL_LEADER: "school_leader",
    access.GOVERNOR: "governor",
    access.REVIEWER: "reviewer",
    access.LEAD_REVIEWER: "lead_reviewer",
    access.COORDINATOR: "coordinator",
    access.MODERATOR: "moderator",
    access.ADJUDICATOR: "adjudicator",
    access.NETWORK_ADMIN: "network_admin",
}


@pytest.fixture
def staff_of_school_a(school_a):
    """A reviewer employed by school A, whose days school A's leader approves."""
    return ReviewerProfile.objects.create(
        user=make_user("Hana Homestaff"),
        home_school=school_a,
        job_title="Assistant head",
        phases=["primary"],
        subjects=[],
        years_in_senior_leadership=3,
    )


def object_for(action: str, user, request, column: str):
    """An object of the action's kind over which the persona's scope holds."""
    kind = action.split(".")[0]
    if kind == "school":
        return request.getfixturevalue("school_a")
    if kind in {"cluster", "allocation"} or action == "improvement.cluster":
        return request.getfixturevalue("cluster")
    if action == "improvement.network":
        return None
    if kind in {"improvement", "support"}:
        return improvement_object(action, user, request, column)
    if kind in {"membership", "mou"}:
        request.getfixturevalue("cluster")
        return Membership.objects.get(school=request.getfixturevalue("school_a"))
    if kind == "reviewer" or action in {"survey.results", "calibration.grade"}:
        own = ReviewerProfile.objects.filter(user=user).first() if user else None
        if own is not None:
            return own
        if column == access.SCHOOL_LEADER:
            return request.getfixturevalue("staff_of_school_a")
        return request.getfixturevalue("reviewer").reviewer_profile
    if kind == "framework":
        return request.getfixturevalue("framework_version")
    if kind == "selfevaluation":
        return SelfEvaluation.objects.create(
            school=request.getfixturevalue("school_a"),
            academic_year=2026,
            framework_version=request.getfixturevalue("framework_version"),
        )
    if kind in {"review", "report", "summary", "survey"} and action != "survey.results":
        return review_object(action, user, request, column)
    if kind == "complaint":
        return complaint_object(action, user, request, column)
    if kind == "safeguarding":
        return safeguarding_object(user, request)
    return None


def safeguarding_audit(school, **fields: Any) -> SafeguardingAudit:
    template, _ = AuditTemplate.objects.get_or_create(slug="audit", defaults={"name": "Audit"})
    version, _ = TemplateVersion.objects.get_or_create(
        template=template, number=1, defaults={"status": TemplateVersion.Status.PUBLISHED}
    )
    return SafeguardingAudit.objects.create(
        school=school, version=version, started_on=date(2027, 1, 11), **fields
    )


def safeguarding_object(user, request) -> SafeguardingAudit:
    """An audit of school A, whose safeguarding lead the persona is, shared with oversight and for
    the review the persona's team is on."""
    school = request.getfixturevalue("school_a")
    if user is not None:
        RoleGrant.objects.get_or_create(user=user, role=Role.SAFEGUARDING_LEAD, school=school)
        access.forget_roles(user)
    audit = safeguarding_audit(school, shared_with_oversight=True)
    AuditShare.objects.create(audit=audit, review=request.getfixturevalue("review"))
    return audit


def review_object(action: str, user, request, column: str) -> Review | Report:
    """The review fixture (or one the persona leads), or its report shared with the persona."""
    review = request.getfixturevalue("review")
    if column == access.REVIEWER and access.RULES[action].get(column) == access.LEADS:
        review = Review.objects.create(
            school=review.school,
            cluster=review.cluster,
            kind=Review.Kind.HEAD_TO_HEAD,
            framework_version=review.framework_version,
            start_date=review.start_date,
            days=1,
        )
        TeamMember.objects.create(
            review=review, reviewer=user.reviewer_profile, role=TeamMember.Role.LEAD
        )
    if access.RULES[action].get(column) == access.AGREED_OWN_SCHOOL:
        review.status = Review.Status.AGREED  # the school reads the team's notes from then on
        review.save(update_fields=["status"])
    granted = access.GRANTED in access.RULES[action].values()
    if action.split(".")[0] in {"review", "survey"} and not granted:
        return review
    report, _ = Report.objects.get_or_create(
        review=review, defaults={"shared_with": list(Report.Audience)}
    )
    if user is not None:
        ReportReader.objects.get_or_create(report=report, user=user)
    return review if action.split(".")[0] == "review" else report


def plan_of(review: Review) -> ActionPlan:
    strand = Strand.objects.filter(area__version=review.framework_version).first()
    assert strand is not None
    return ActionPlan.objects.create(review=review, priority_strand=strand, priority="Writing")


def request_between(review: Review, offering_school) -> SupportRequest:
    plan = plan_of(review)
    need = SupportNeed.objects.create(plan=plan, strand=plan.priority_strand, description="Help")
    return SupportRequest.objects.create(
        need=need, offering_school=offering_school, message="Could you help?"
    )


def improvement_object(action: str, user, request, column: str) -> Any:
    """A plan of the persona's review, the persona's school, or a request made to it from
    another school of the cluster."""
    if action == "support.offer":
        return request.getfixturevalue("school_a")
    review = review_object("review.view", user, request, column)
    assert isinstance(review, Review)
    if action == "improvement.record_outcome":
        return review_object("review.lead", user, request, column)
    if action in {"support.view", "support.respond", "support.record"}:
        review.school = request.getfixturevalue("school_b")
        review.pk = None
        review.save()
        return request_between(review, request.getfixturevalue("school_a"))
    return plan_of(review)


STAGE_OF = {access.MODERATOR: 2, access.ADJUDICATOR: 3}  # the stage each role hears


def complaint_at(review: Review, number: int, handler) -> Complaint:
    """A complaint about the review at stage `number`, that stage assigned to `handler`."""
    report, _ = Report.objects.get_or_create(review=review)
    complaint = Complaint.objects.create(
        report=report,
        received_on=date(2027, 1, 11),
        about_process=True,
        grounds="The team arrived a day late.",
        outcome_sought="An apology.",
        stage=number,
    )
    for n in range(1, number + 1):
        Stage.objects.create(
            complaint=complaint,
            number=n,
            opened_on=date(2027, 1, 11),
            due_on=date(2027, 1, 18),
            handler=handler if n == number and n > 1 else None,
        )
    return complaint


def complaint_object(action: str, user, request, column: str) -> Any:
    """A complaint about the persona's review (one they lead, of their school or cluster), at the
    stage their role hears and assigned to them; the review itself for making one."""
    if action == "complaint.statistics":
        return None
    review = review_object("review.lead", user, request, column)
    assert isinstance(review, Review)
    if action == "complaint.raise":
        return review
    number = STAGE_OF.get(column, 1)
    return complaint_at(review, number, user)


CELLS = [(action, column) for action in access.RULES for column in access.COLUMNS]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "column"), CELLS, ids=[f"{a}|{c}" for a, c in CELLS])
def test_every_cell(action, column, request):
    table = documented_table()
    persona = PERSONAS[column]
    user = request.getfixturevalue(persona) if persona else None
    request.getfixturevalue("cluster")  # the network exists for every persona
    obj = object_for(action, user, request, column)
    held = access.roles_of(user).columns()
    expected = any(col in held for col in table[action])
    assert access.can(user, action, obj) is expected


SCOPED = [
    (action, column)
    for action, rule in access.RULES.items()
    for column, scope in rule.items()
    if scope != access.ANY
]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "column"), SCOPED, ids=[f"{a}|{c}" for a, c in SCOPED])
def test_scoped_rights_stop_at_other_objects(action, column, request, la, cluster):
    """The same persona is refused on an object that is not theirs."""
    user = request.getfixturevalue(PERSONAS[column])
    elsewhere = make_school(la, 900099, "Elsewhere School")
    other_leader = make_user("Otto Otherhead")
    RoleGrant.objects.create(user=other_leader, role=Role.SCHOOL_LEADER, school=elsewhere)
    kind = action.split(".")[0]
    obj: Any
    if kind in {"cluster", "allocation"} or action == "improvement.cluster":
        from collegium.clusters.models import Cluster

        obj = Cluster.objects.create(name="Another cluster")
        Membership.objects.create(cluster=obj, school=elsewhere, status=Membership.Status.MEMBER)
    elif kind in {"membership", "mou"}:
        from collegium.clusters.models import Cluster

        other = Cluster.objects.create(name="Another cluster")
        obj = Membership.objects.create(cluster=other, school=elsewhere)
    elif kind in {"review", "report", "selfevaluation"} or action == "survey.respond":
        obj = elsewhere_object(kind, elsewhere, other_leader, request)
    elif action == "support.offer":
        obj = elsewhere
    elif action == "improvement.record_outcome":
        obj = elsewhere_object("review", elsewhere, other_leader, request)
    elif kind == "improvement":
        obj = plan_of(elsewhere_object("review", elsewhere, other_leader, request))
    elif kind == "support":
        other_review = elsewhere_object("review", elsewhere, other_leader, request)
        obj = request_between(other_review, elsewhere)
    elif kind == "complaint":
        obj = elsewhere_object("review", elsewhere, other_leader, request)
        if action != "complaint.raise":  # someone else hears its stage
            obj = complaint_at(obj, STAGE_OF.get(column, 1), other_leader)
    elif kind == "safeguarding":  # another school's audit, shared with nobody
        obj = safeguarding_audit(elsewhere)
    else:
        obj = other_reviewer(other_leader, elsewhere)
    assert access.can(user, action, obj) is False


def other_reviewer(user, school) -> ReviewerProfile:
    return ReviewerProfile.objects.create(
        user=user,
        home_school=school,
        job_title="Head",
        phases=[],
        subjects=[],
        years_in_senior_leadership=9,
    )


def elsewhere_object(kind: str, school, other_leader, request) -> Any:
    """A review, report or self-evaluation of a school outside the personas' reach."""
    from collegium.clusters.models import Cluster

    version = request.getfixturevalue("framework_version")
    if kind == "selfevaluation":
        return SelfEvaluation.objects.create(
            school=school, academic_year=2026, framework_version=version
        )
    other_cluster = Cluster.objects.create(name="Another cluster")
    Membership.objects.create(cluster=other_cluster, school=school, status="member")
    review = Review.objects.create(
        school=school,
        cluster=other_cluster,
        kind=Review.Kind.CLUSTER,
        framework_version=version,
        start_date=date(2027, 1, 11),
        days=1,
    )
    TeamMember.objects.create(
        review=review, reviewer=other_reviewer(other_leader, school), role=TeamMember.Role.LEAD
    )
    return Report.objects.create(review=review) if kind == "report" else review


@pytest.mark.django_db
def test_a_governors_cluster_does_not_lend_rights_to_their_leader_role(governor, la, cluster):
    """Governor of a member school and leader of another school: no leader's rights here."""
    elsewhere = make_school(la, 900098, "Far School")
    RoleGrant.objects.create(user=governor, role=Role.SCHOOL_LEADER, school=elsewhere)
    assert access.can(governor, "cluster.view", cluster)
    assert not access.can(governor, "cluster.history", cluster)


def test_whoever_reads_the_report_may_read_the_self_evaluation_in_it():
    """The report sets the judgements beside the school's self-evaluation, and holds the summary
    before publication: each reader of the report must be allowed to read both."""
    report = access.RULES["report.view"]
    for action in ("review.read_self_evaluation", "summary.read_draft"):
        rule = access.RULES[action]
        assert all(rule.get(column) in {scope, access.ANY} for column, scope in report.items())


@pytest.mark.django_db
def test_a_report_shared_with_the_coordinator_shows_them_the_self_evaluation(
    review, coordinator, network_admin
):
    assert not access.can(coordinator, "review.read_self_evaluation", review)
    Report.objects.create(review=review, shared_with=[Report.Audience.COORDINATOR])
    review = Review.objects.get(pk=review.pk)  # as the next request reads it
    assert access.can(coordinator, "review.read_self_evaluation", review)
    assert access.can(coordinator, "summary.read_draft", review.report)
    assert not access.can(network_admin, "review.read_self_evaluation", review)
    assert not access.can(network_admin, "summary.read_draft", review.report)
