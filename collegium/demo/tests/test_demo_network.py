from collegium import access
from collegium.accounts.models import User
from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.clusters.models import Cluster, Membership
from collegium.clusters.selectors import schools_not_signed
from collegium.demo.network import PASSWORD, load_demo_network
from collegium.people.models import ReviewerProfile
from collegium.schools.models import School


def test_demo_network_has_a_sign_in_for_every_role(demo_network, client):
    sign_ins = demo_network  # what load_demo_network returned (conftest.py: loaded once a run)
    roles = {s.role for s in sign_ins}
    assert roles == {
        "School leader",
        "Governor",
        "Cluster coordinator",
        "Moderator",
        "Adjudicator",
        "Network admin",
        "Reviewer",
        "Lead reviewer",
    }
    for sign_in in sign_ins:
        assert client.login(username=sign_in.email, password=PASSWORD), sign_in
        client.logout()
    lead = User.objects.get(email=next(s.email for s in sign_ins if s.role == "Lead reviewer"))
    assert access.roles_of(lead).is_lead_reviewer


def test_demo_network_is_built_from_real_schools_through_the_services(demo_network):
    assert School.objects.count() > 100
    assert Cluster.objects.count() == 2
    for cluster in Cluster.objects.all():
        members = Membership.objects.filter(cluster=cluster, status=Membership.Status.MEMBER)
        assert 3 <= members.count() <= 7
        assert len(schools_not_signed(cluster)) == 1  # one head has still to sign
    assert ReviewerProfile.objects.filter(training__isnull=False).distinct().count() == 6
    assert AuditEvent.objects.filter(action=verbs.MOU_PUBLISHED).count() == 2


def test_loading_twice_changes_nothing(demo_network):
    counts = (User.objects.count(), AuditEvent.objects.count(), School.objects.count())
    load_demo_network()
    assert (User.objects.count(), AuditEvent.objects.count(), School.objects.count()) == counts


def test_demo_network_has_reviews_in_every_state(demo_network, client):
    from collegium.reports.models import Report
    from collegium.reviews.models import Review
    from collegium.selfevaluation.models import SelfEvaluation

    statuses = set(Review.objects.values_list("status", flat=True))
    assert statuses >= {"planning", "visit", "closed"}
    # The earlier year's reviews give the consistency pages figures to show.
    from collegium.consistency import figures

    assert Review.objects.filter(start_date__year=2025, status="closed").count() >= 20
    severity, _ = figures.latest("severity") or (None, None)  # worked out at the load's end
    assert severity is not None and not severity.failed and severity.table is not None
    harshest = severity.table.sort_values("severity").iloc[-1]
    assert harshest["name"] == "Tom Okafor"
    # 63 schools: fewer than the 90 the bias audit needs in an area, so it says it cannot tell.
    bias, _ = figures.latest("bias") or (None, None)
    assert bias is not None and not bias.enough
    without_team = Review.objects.filter(status="planning", team__isnull=True)
    assert without_team.exists()  # for the coordinator to allocate
    reports = set(Report.objects.values_list("status", flat=True))
    assert reports >= {"draft", "accuracy_check", "final", "published"}
    assert SelfEvaluation.objects.filter(status="submitted").count() == 5
    from collegium.quality.models import Moderation
    from collegium.surveys.models import ReviewSurvey

    assert ReviewSurvey.objects.count() >= 1
    assert Moderation.objects.filter(status="completed").count() == 1
    published = Report.objects.get(status="published")
    assert client.get(f"/reports/{published.pk}/summary/").status_code == 200
    assert client.get(f"/reports/{published.pk}/").status_code == 302  # confidential: sign in
