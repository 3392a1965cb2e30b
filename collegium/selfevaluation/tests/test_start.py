"""Starting a self-evaluation: choosing the framework version and the year."""

from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.frameworks.models import Framework, FrameworkVersion
from collegium.selfevaluation.models import SelfEvaluation
from collegium.selfevaluation.tests.conftest import THIS_YEAR, text_of


def url(school) -> str:
    return reverse("selfevaluation:start", args=[school.pk])


def test_the_head_starts_this_years_self_evaluation(
    client_for, school_leader, school_a, framework_version
):
    client = client_for(school_leader)
    page = text_of(client.get(url(school_a)))
    assert "Test framework, version 1" in page
    response = client.post(
        url(school_a), {"framework_version": framework_version.pk, "academic_year": THIS_YEAR}
    )
    started = SelfEvaluation.objects.get(school=school_a)
    assert response["Location"] == reverse("selfevaluation:detail", args=[school_a.pk, THIS_YEAR])
    assert started.academic_year == THIS_YEAR and started.framework_version == framework_version
    assert started.created_by == school_leader
    page = text_of(client.get(response["Location"]))
    assert f"You have started the self-evaluation for {started.year_label}" in page
    assert "You have completed 0 of 4 strands" in page
    first = started.strands.get(strand__code="A1S1").strand
    strand_url = reverse("selfevaluation:strand", args=[school_a.pk, THIS_YEAR, first.pk])
    assert f'href="{strand_url}"' in page


def test_draft_versions_are_not_offered(client_for, school_leader, school_a, framework_version):
    framework = Framework.objects.create(slug="new", name="Unfinished framework")
    draft = FrameworkVersion.objects.create(framework=framework, number=1)
    page = text_of(client_for(school_leader).get(url(school_a)))
    assert "Unfinished framework" not in page
    response = client_for(school_leader).post(
        url(school_a), {"framework_version": draft.pk, "academic_year": THIS_YEAR}
    )
    assert response.status_code == 400 and "Choose a framework" in text_of(response)
    assert not SelfEvaluation.objects.exists()


def test_missing_answers_are_asked_for(client_for, school_leader, school_a, framework_version):
    response = client_for(school_leader).post(url(school_a), {})
    assert response.status_code == 400
    assert "Choose a framework" in text_of(response)
    assert not SelfEvaluation.objects.exists()


def test_a_year_already_started_cannot_be_started_again(
    client_for, school_leader, school_a, framework_version, draft
):
    response = client_for(school_leader).post(
        url(school_a), {"framework_version": framework_version.pk, "academic_year": THIS_YEAR}
    )
    assert response.status_code == 400 and "Choose the academic year" in text_of(response)
    assert SelfEvaluation.objects.count() == 1
    assert AuditEvent.objects.filter(action=verbs.SELF_EVALUATION_STARTED).count() == 1


def test_with_no_framework_published_the_head_is_told_whom_to_ask(
    client_for, school_leader, school_a
):
    page = text_of(client_for(school_leader).get(url(school_a)))
    assert "No framework has been published yet" in page


def test_only_the_schools_own_leaders_may_start(
    client_for, governor, moderator, outsider, leader_of_b, school_a, framework_version
):
    data = {"framework_version": framework_version.pk, "academic_year": THIS_YEAR}
    for person in (governor, moderator, outsider, leader_of_b):
        assert client_for(person).get(url(school_a)).status_code == 403
        assert client_for(person).post(url(school_a), data).status_code == 403
    response = client_for(None).post(url(school_a), data)
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert not SelfEvaluation.objects.exists()
