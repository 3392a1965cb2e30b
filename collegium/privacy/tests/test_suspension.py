"""A network admin suspends and restores an account; a suspended person cannot sign in or use a
token, is not emailed and is not suggested for a review team."""

from typing import Any

import pytest
from django.core import mail
from django.forms import ModelMultipleChoiceField
from django.test import Client

from collegium.api.tests.helpers import call, token_for
from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.calibration.forms import InviteForm
from collegium.calibration.models import CalibrationPack
from collegium.notifications.services import notify
from collegium.people.models import ReviewerProfile
from collegium.reviews.selectors import reviewers_to_add
from conftest import PASSWORD


def choices(pack: CalibrationPack) -> Any:
    field = InviteForm(None, pack).fields["reviewers"]
    assert isinstance(field, ModelMultipleChoiceField)
    return field.queryset


def suspend_url(person) -> str:
    return f"/privacy/people/{person.pk}/suspend/"


def restore_url(person) -> str:
    return f"/privacy/people/{person.pk}/restore/"


def sign_in(person) -> bool:
    client = Client()
    client.post("/account/sign-in/", {"username": person.email, "password": PASSWORD})
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_a_network_admin_suspends_and_restores_an_account(client_for, network_admin, reviewer):
    admin = client_for(network_admin)
    assert "Suspend the account" in admin.get(f"/privacy/people/{reviewer.pk}/").text
    response = admin.post(suspend_url(reviewer))
    assert response.status_code == 302
    reviewer.refresh_from_db()
    assert not reviewer.is_active
    assert "Restore the account" in admin.get(response["Location"]).text
    assert admin.post(restore_url(reviewer)).status_code == 302
    reviewer.refresh_from_db()
    assert reviewer.is_active
    events = AuditEvent.objects.filter(object_type="accounts.user", object_id=str(reviewer.pk))
    assert [e.action for e in events.order_by("pk")] == [
        verbs.PERSON_SUSPENDED,
        verbs.PERSON_RESTORED,
    ]


@pytest.mark.django_db
def test_nobody_else_suspends_or_restores(client_for, client, moderator, reviewer, outsider):
    for person in (moderator, outsider):
        assert client_for(person).post(suspend_url(reviewer)).status_code == 404
        assert client_for(person).get(f"/privacy/people/{reviewer.pk}/").status_code == 404
    assert client.post(suspend_url(reviewer)).status_code == 302  # sent to sign in
    reviewer.refresh_from_db()
    assert reviewer.is_active


@pytest.mark.django_db
def test_an_admin_cannot_suspend_themselves_or_the_last_admin(client_for, network_admin):
    response = client_for(network_admin).post(suspend_url(network_admin))
    assert response.status_code == 400
    assert "cannot suspend your own account" in response.text
    network_admin.refresh_from_db()
    assert network_admin.is_active


@pytest.mark.django_db
def test_a_suspended_person_cannot_sign_in_and_is_signed_out(client_for, network_admin, reviewer):
    assert sign_in(reviewer)
    theirs = client_for(reviewer)
    assert theirs.get("/privacy/my-data/").status_code == 200
    client_for(network_admin).post(suspend_url(reviewer))
    assert not sign_in(reviewer)
    assert theirs.get("/privacy/my-data/").status_code == 302  # their open session has ended
    client_for(network_admin).post(restore_url(reviewer))
    assert sign_in(reviewer)


@pytest.mark.django_db
def test_a_suspended_persons_token_is_refused(client_for, network_admin, outsider):
    secret = token_for(outsider)
    assert call("get", "/api/v1/clusters", secret).status_code == 200
    client_for(network_admin).post(suspend_url(outsider))
    assert call("get", "/api/v1/clusters", secret).status_code == 401


@pytest.mark.django_db(transaction=True)
def test_a_suspended_person_is_not_emailed(network_admin, outsider, reviewer):
    outsider.is_active = False
    outsider.save()
    notify(
        [outsider, reviewer],
        "judgement-changed",
        subject="Subject",
        context={"body": "Body"},
        link="/",
    )
    assert [m.to for m in mail.outbox] == [[reviewer.email]]


@pytest.mark.django_db
def test_a_suspended_reviewer_is_not_suggested(
    review, reviewer, school_d, moderator, framework_version
):
    other = ReviewerProfile.objects.create(
        user=type(reviewer).objects.create_user("sam@example.org", full_name="Sam Spare"),
        home_school=school_d,
        job_title="Deputy head",
        phases=[],
        subjects=[],
        years_in_senior_leadership=3,
    )
    assert other in reviewers_to_add(review)
    pack = CalibrationPack.objects.create(
        framework_version=framework_version, title="Reading", created_by=moderator
    )
    assert other in choices(pack)
    other.user.is_active = False
    other.user.save()
    assert other not in reviewers_to_add(review)
    assert other not in choices(pack)
