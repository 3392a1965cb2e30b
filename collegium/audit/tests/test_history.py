from datetime import date

from collegium.audit.models import AuditEvent
from collegium.audit.services import record_change, snapshot
from collegium.people.models import TrainingRecord


def test_record_change_keeps_who_what_before_and_after(school_a, network_admin):
    before = snapshot(school_a, ["trust_name"])
    school_a.trust_name = "Elm Trust"
    school_a.save()
    event = record_change(
        network_admin, "update_school_details", school_a, before, snapshot(school_a, ["trust_name"])
    )
    assert event.actor == network_admin
    assert event.actor_name == "Nia Admin"
    assert event.before == {"trust_name": "Oak Learning Trust"}
    assert event.after == {"trust_name": "Elm Trust"}
    assert event.object_type == "schools.school"


def test_history_page_lists_changes_for_those_allowed(client_for, school_a, school_leader):
    record_change(None, "import", school_a, {"trust_name": ""}, {"trust_name": "Oak Trust"})
    response = client_for(school_leader).get(f"/history/schools.school/{school_a.urn}/")
    assert response.status_code == 200
    assert "Import" in response.text
    assert "Oak Trust" in response.text
    assert "System" in response.text


def test_history_of_a_reviewer_includes_changes_to_their_training(client_for, reviewer, moderator):
    profile = reviewer.reviewer_profile
    training = TrainingRecord.objects.create(
        reviewer=profile,
        title="Evidence and judgements",
        provider="Network",
        completed_on=date(2026, 1, 10),
    )
    record_change(reviewer, "add_training", training, None, snapshot(training, ["title"]))
    response = client_for(moderator).get(f"/history/people.reviewerprofile/{profile.pk}/")
    assert "Evidence and judgements" in response.text


def test_history_is_refused_to_others(client_for, client, school_a, outsider, governor):
    url = f"/history/schools.school/{school_a.urn}/"
    assert client_for(outsider).get(url).status_code == 403
    assert client_for(governor).get(url).status_code == 403
    assert client.get(url).status_code == 302  # asked to sign in


def test_history_of_a_hidden_object_is_not_found(client_for, outsider, cluster):
    url = f"/history/clusters.cluster/{cluster.pk}/"
    assert client_for(outsider).get(url).status_code == 404


def test_unknown_kinds_of_object_have_no_history_page(client_for, network_admin):
    assert client_for(network_admin).get("/history/accounts.user/1/").status_code == 404
    assert AuditEvent.objects.count() == 0


def test_a_reviewers_declared_conflict_stays_out_of_the_schools_history(
    client_for, reviewer, school_a, school_leader
):
    from collegium.people.models import DeclaredConflict

    conflict = DeclaredConflict.objects.create(
        reviewer=reviewer.reviewer_profile, school=school_a, reason="My sister teaches there"
    )
    record_change(reviewer, "declared_conflict", conflict, None, snapshot(conflict, ["reason"]))
    school_page = client_for(school_leader).get(f"/history/schools.school/{school_a.urn}/")
    assert "My sister" not in school_page.text
    profile = reviewer.reviewer_profile
    own_page = client_for(reviewer).get(f"/history/people.reviewerprofile/{profile.pk}/")
    assert "My sister" in own_page.text
