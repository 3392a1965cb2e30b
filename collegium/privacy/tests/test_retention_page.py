"""The network admin's retention page: the periods, what has expired today and the dry run;
saving is audited and makes a new dry run; everyone else is refused and changes nothing."""

import pytest

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.privacy.models import KINDS, RetentionRun, RetentionSettings

URL = "/privacy/retention/"
DEFAULTS = {kind: default for kind, _label, default, _action in KINDS}


def form(**changes: object) -> dict[str, object]:
    return {**DEFAULTS, **changes}


@pytest.mark.django_db
def test_the_page_shows_the_default_periods_and_no_dry_run(client_for, network_admin):
    response = client_for(network_admin).get(URL)
    assert response.status_code == 200
    page = response.text
    assert "Retention periods" in page and "Accounts of people who left" in page
    assert 'name="evidence_notes" type="text"' in page or 'value="36"' in page
    assert "There is no dry run waiting" in page


@pytest.mark.django_db
def test_saving_a_period_is_audited_and_makes_a_dry_run(client_for, network_admin):
    response = client_for(network_admin).post(URL, form(evidence_notes=48, paused="on"))
    assert response.status_code == 302
    saved = RetentionSettings.objects.get()
    assert saved.evidence_notes == 48 and saved.paused
    event = AuditEvent.objects.get(action=verbs.RETENTION_PERIODS_CHANGED)
    assert event.before is not None and event.after is not None
    assert event.before["evidence_notes"] == 36 and event.after["evidence_notes"] == 48
    run = RetentionRun.objects.get()
    page = client_for(network_admin).get(URL).text
    assert f"The dry run of {run.made_on:%-d %B %Y}" in page and "removal is paused" in page
    client_for(network_admin).post(URL, form(evidence_notes=60))
    assert RetentionRun.objects.filter(discarded=False).count() == 1  # the old one is replaced


@pytest.mark.django_db
@pytest.mark.parametrize("months", ["0", "301", "2.5", ""])
def test_a_period_outside_the_bounds_is_refused(client_for, network_admin, months):
    response = client_for(network_admin).post(URL, form(reports=months))
    assert response.status_code == 400
    assert "retention period for confidential reports" in response.text
    assert not RetentionSettings.objects.exists() and not RetentionRun.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["outsider", "moderator", "school_leader", "coordinator"])
def test_everyone_else_is_refused(client_for, persona, request):
    person = request.getfixturevalue(persona)
    assert client_for(person).get(URL).status_code == 403
    assert client_for(person).post(URL, form(evidence_notes=1)).status_code == 403
    assert not RetentionSettings.objects.exists() and not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_someone_not_signed_in_is_sent_to_sign_in(client_for):
    response = client_for(None).get(URL)
    assert response.status_code == 302 and "sign-in" in response["Location"]
    client_for(None).post(URL, form(evidence_notes=1))
    assert not RetentionSettings.objects.exists()
