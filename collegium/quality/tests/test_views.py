"""The moderation pages: home and drawing, moderating a review, its outcome, the settings."""

import pytest
from django.urls import reverse

from collegium.audit import verbs
from collegium.audit.models import AuditEvent
from collegium.quality import services
from collegium.quality.models import (
    Moderation,
    ModerationSample,
    NetworkModerationSettings,
    StrandModeration,
)
from collegium.quality.sampling import draw_sample
from collegium.quality.terms import term_of

from .conftest import strands_of
from .test_services import moderate_all


def signs_in(response) -> bool:
    return response.status_code == 302 and "sign-in" in response["Location"]


def strands_post(review, adjust: dict[str, tuple[int, str]] | None = None) -> dict[str, str]:
    data = {}
    for code, strand in strands_of(review).items():
        level, why = (adjust or {}).get(code, (review.judgements.get(strand=strand).level, ""))
        data[f"level_{strand.pk}"] = str(level)
        data[f"rationale_{strand.pk}"] = why
    return data


def test_home_shows_the_pool_and_draws_the_sample(agreed_review, moderator, client_for):
    client = client_for(moderator)
    term = term_of(agreed_review.start_date)
    page = client.get(reverse("quality:home"), {"term": term.key}).content.decode()
    assert term.label in page and "Reviews with agreed judgements this term: 1." in page
    response = client.post(reverse("quality:draw", args=[term.key]), follow=True)
    page = response.content.decode()
    assert "Sample drawn: 1 review to moderate" in page
    assert "Led by a newly accredited lead reviewer" in page and "Ash Primary School" in page
    assert "Not started" in page
    again = client.post(reverse("quality:draw", args=[term.key]))
    assert again.status_code == 400 and "has already been drawn" in again.content.decode()
    assert ModerationSample.objects.count() == 1


def test_home_and_drawing_refuse_others(agreed_review, client_for, outsider, network_admin):
    term = term_of(agreed_review.start_date)
    draw = reverse("quality:draw", args=[term.key])
    assert signs_in(client_for(None).get(reverse("quality:home")))
    assert signs_in(client_for(None).post(draw))
    for person in (outsider, network_admin):
        assert client_for(person).get(reverse("quality:home")).status_code == 403
        assert client_for(person).post(draw).status_code == 403
    assert not ModerationSample.objects.exists()


def test_an_unknown_term_is_not_found(moderator, client_for):
    client = client_for(moderator)
    assert client.get(reverse("quality:home"), {"term": "2026-winter"}).status_code == 404
    assert client.post(reverse("quality:draw", args=["1-autumn"])).status_code == 404


def test_moderator_adjusts_a_strand_and_completes(agreed_review, moderator, client_for):
    draw_sample(moderator, term_of(agreed_review.start_date))
    client = client_for(moderator)
    url = reverse("quality:moderate", args=[agreed_review.pk])
    page = client.get(url).content.decode()
    assert "Led by a newly accredited lead reviewer" in page and "Agreed for A1S2." in page
    assert "Phonics lesson, Year 1." in page
    assert reverse("reviews:judgements", args=[agreed_review.pk]) in page
    data = strands_post(agreed_review, {"A1S2": (3, "Books show gaps in writing.")})
    assert client.post(url, data).status_code == 302
    assert StrandModeration.objects.get(strand__code="A1S2").level == 3
    done = client.post(reverse("quality:complete", args=[agreed_review.pk]), {"feedback": "Good."})
    assert done["Location"] == reverse("quality:outcome", args=[agreed_review.pk])
    assert Moderation.objects.get().is_completed
    page = client.get(url).content.decode()
    assert "It can no longer be changed" in page and "Save moderated levels" not in page


def test_an_adjustment_without_a_rationale_changes_nothing(agreed_review, moderator, client_for):
    url = reverse("quality:moderate", args=[agreed_review.pk])
    response = client_for(moderator).post(url, strands_post(agreed_review, {"A1S2": (3, "")}))
    assert response.status_code == 400
    assert "Explain why you adjusted the level of A1S2" in response.content.decode()
    assert not Moderation.objects.exists() and not StrandModeration.objects.exists()


def test_completing_too_early_changes_nothing(agreed_review, moderator, client_for):
    url = reverse("quality:complete", args=[agreed_review.pk])
    response = client_for(moderator).post(url, {"feedback": "Fine."})
    assert response.status_code == 400
    assert "Confirm or adjust each strand before completing" in response.content.decode()
    empty = client_for(moderator).post(url, {"feedback": ""})
    assert "Enter your feedback to the review team" in empty.content.decode()
    assert not Moderation.objects.exists()


def test_moderating_refuses_others(agreed_review, client_for, outsider, lead_reviewer):
    moderate = reverse("quality:moderate", args=[agreed_review.pk])
    complete = reverse("quality:complete", args=[agreed_review.pk])
    data = strands_post(agreed_review)
    assert signs_in(client_for(None).get(moderate))
    assert client_for(outsider).get(moderate).status_code == 404
    assert client_for(outsider).post(moderate, data).status_code == 404
    assert client_for(lead_reviewer).get(moderate).status_code == 403  # on the team, read-only
    assert client_for(lead_reviewer).post(moderate, data).status_code == 403
    assert client_for(lead_reviewer).post(complete, {"feedback": "Mine."}).status_code == 403
    assert not Moderation.objects.exists()


def test_the_team_and_the_school_read_the_outcome(
    agreed_review, moderator, client_for, school_leader, reviewer, outsider
):
    url = reverse("quality:outcome", args=[agreed_review.pk])
    assert "has not been moderated" in client_for(school_leader).get(url).content.decode()
    moderate_all(agreed_review, moderator, adjust="A2S1")
    services.complete_moderation(moderator, agreed_review, "Secure judgements.\nA2S1 generous.")
    for person in (school_leader, reviewer):
        page = client_for(person).get(url).content.decode()
        assert "Secure judgements." in page and "A2S1 generous." in page
        assert "Evidence is thin." in page and "Adjusted" in page
        assert "Moderate this review" not in page
        assert "Phonics lesson, Year 1." in page
    assert client_for(outsider).get(url).status_code == 404
    assert signs_in(client_for(None).get(url))


def test_the_coordinator_reads_the_outcome_but_not_the_teams_notes(
    agreed_review, moderator, client_for, coordinator
):
    moderate_all(agreed_review, moderator, adjust="A2S1")
    services.complete_moderation(moderator, agreed_review, "Secure judgements.")
    page = client_for(coordinator).get(reverse("quality:outcome", args=[agreed_review.pk])).text
    assert "Secure judgements." in page
    assert "Phonics lesson, Year 1." not in page
    assert "the team's notes are read by the team, moderators and the school's leaders" in page


def test_network_admin_changes_the_settings(client_for, network_admin):
    url = reverse("quality:settings")
    client = client_for(network_admin)
    assert "Moderation settings" in client.get(url).content.decode()
    response = client.post(url, {"requires_moderation": "on", "random_share": "30"}, follow=True)
    assert "Moderation settings saved" in response.content.decode()
    saved = NetworkModerationSettings.current()
    assert saved.requires_moderation and saved.random_share == 30


def test_network_admin_turns_moderation_off_and_it_is_recorded(client_for, network_admin):
    url = reverse("quality:settings")
    client = client_for(network_admin)
    on = 'name="requires_moderation" type="checkbox" value="on" checked'
    assert on in client.get(url).text  # on by default
    client.post(url, {"random_share": "10"})
    assert not NetworkModerationSettings.current().requires_moderation
    event = AuditEvent.objects.get(action=verbs.MODERATION_SETTINGS_CHANGED)
    assert event.actor == network_admin and event.at is not None
    assert (event.before, event.after) == (
        {"requires_moderation": True, "random_share": 10},
        {"requires_moderation": False, "random_share": 10},
    )


@pytest.mark.parametrize("share", ["101", "-1", "ten", ""])
def test_a_bad_share_changes_nothing(client_for, network_admin, share):
    response = client_for(network_admin).post(reverse("quality:settings"), {"random_share": share})
    assert response.status_code == 400
    assert "random share" in response.content.decode()
    assert not NetworkModerationSettings.objects.exists()


def test_settings_refuse_others(client_for, moderator, outsider):
    url = reverse("quality:settings")
    assert signs_in(client_for(None).get(url))
    for person in (moderator, outsider):
        assert client_for(person).get(url).status_code == 403
        assert client_for(person).post(url, {"random_share": "50"}).status_code == 403
    assert not NetworkModerationSettings.objects.exists()


def test_picked_reviews_are_listed_as_awaiting_moderation_when_required(
    agreed_review, moderator, network_admin, client_for
):
    home = reverse("quality:home")
    assert "Awaiting moderation" not in client_for(moderator).get(home).text  # not picked yet
    draw_sample(moderator, term_of(agreed_review.start_date))
    page = client_for(moderator).get(home).text
    assert "Awaiting moderation before publication" in page
    assert reverse("quality:moderate", args=[agreed_review.pk]) in page
    services.update_settings(network_admin, False, 10)
    assert "Awaiting moderation" not in client_for(moderator).get(home).text


def test_a_review_not_yet_agreed_cannot_be_moderated(review, moderator, client_for):
    page = client_for(moderator).get(reverse("quality:moderate", args=[review.pk]))
    assert "It can be moderated once they are" in page.content.decode()
    assert "Save moderated levels" not in page.content.decode()
