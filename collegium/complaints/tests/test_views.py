"""The complaint pages: each with someone who may use it and someone refused (404 when they may
not know the complaint exists, 403 when they may see it but not do this, "sign in" for a visitor
who has not signed in)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from collegium.complaints import services
from collegium.complaints.models import Complaint, Outcome, Stage
from collegium.people.models import Role
from collegium.reviews.models import Concern, Judgement
from conftest import grant

from .conftest import final, make_complaint, strands_of


def test_a_leader_makes_a_complaint(finalised, client_for, school_leader):
    url = reverse("complaints:raise", args=[finalised.pk])
    client = client_for(school_leader)
    assert "Judgements you contest" in client.get(url).text
    strand = strands_of(finalised)["A1S1"]
    answer = client.post(
        url,
        {
            "strands": [strand.pk],
            "other": ["conduct"],
            "grounds": "One lesson seen.",
            "outcome_sought": "Look again.",
        },
    )
    complaint = Complaint.objects.get()
    assert answer.status_code == 302 and answer.url == reverse(
        "complaints:complaint", args=[complaint.pk]
    )
    assert complaint.about_conduct and list(complaint.strands.all()) == [strand]


def test_nothing_contested_is_shown_on_the_form(finalised, client_for, school_leader):
    url = reverse("complaints:raise", args=[finalised.pk])
    answer = client_for(school_leader).post(url, {"grounds": "x", "outcome_sought": "y"})
    assert answer.status_code == 400
    assert "Choose what you are complaining about" in answer.text
    assert not Complaint.objects.exists()


def test_a_concern_fills_the_form(in_visit, client_for, school_leader):
    concern = Concern.objects.create(review=in_visit, raised_by=school_leader, text="Too rushed.")
    url = reverse("complaints:raise", args=[in_visit.pk]) + f"?concern={concern.pk}"
    text = client_for(school_leader).get(url).text
    assert "The concern I raised during the visit: Too rushed." in text
    assert f'name="concern" value="{concern.pk}"' in text
    concerns = client_for(school_leader).get(reverse("reviews:concerns", args=[in_visit.pk]))
    assert reverse("complaints:raise", args=[in_visit.pk]) + f"?concern={concern.pk}" in (
        concerns.text
    )


def test_after_the_window_the_page_says_why(agreed, client_for, school_leader):
    final(agreed, on=date.today() - timedelta(days=60))
    url = reverse("complaints:raise", args=[agreed.pk])
    text = client_for(school_leader).get(url).text
    assert "The time to make a complaint ended on" in text
    assert "Send the complaint" not in text


@pytest.mark.parametrize(("persona", "status"), [("outsider", 404), ("reviewer", 403)])
def test_others_cannot_make_a_complaint(finalised, client_for, request, persona, status, client):
    url = reverse("complaints:raise", args=[finalised.pk])
    assert client_for(request.getfixturevalue(persona)).get(url).status_code == status
    assert client.get(url).status_code == 302  # sign in


def test_the_parties_read_the_complaint_and_the_evidence(
    stage_2, client_for, school_leader, moderator, network_admin, lead_reviewer
):
    url = reverse("complaints:complaint", args=[stage_2.pk])
    for person in (school_leader, moderator, lead_reviewer):
        text = client_for(person).get(url).text
        assert "one phonics lesson" in text
        assert "Phonics lesson, Year 1." in text  # the note cited behind A1S1
        assert "Stage 2: review by a moderator" in text
    admin = client_for(network_admin).get(url)
    assert admin.status_code == 200 and "Phonics lesson, Year 1." not in admin.text


@pytest.mark.parametrize("persona", ["reviewer", "outsider", "adjudicator", "governor"])
def test_nobody_else_knows_the_complaint_exists(complaint, client_for, request, persona, client):
    url = reverse("complaints:complaint", args=[complaint.pk])
    assert client_for(request.getfixturevalue(persona)).get(url).status_code == 404
    assert client.get(url).status_code == 302


def test_a_moderator_not_assigned_is_refused(stage_2, client_for):
    from conftest import make_user

    other = grant(make_user("Mia Moderator"), Role.MODERATOR)
    url = reverse("complaints:complaint", args=[stage_2.pk])
    assert client_for(other).get(url).status_code == 404


def test_the_lead_decides_with_a_changed_level(complaint, client_for, lead_reviewer, school_leader):
    url = reverse("complaints:decide", args=[complaint.pk])
    strand = strands_of(complaint.review)["A1S1"]
    client = client_for(lead_reviewer)
    assert f'name="level_{strand.pk}"' in client.get(url).text
    answer = client.post(
        url,
        {
            "outcome": Outcome.UPHELD_IN_PART,
            "reasons": "Reading is stronger.",
            f"level_{strand.pk}": "1",
            f"level_{strands_of(complaint.review)['A2S1'].pk}": "3",
        },
    )
    assert answer.status_code == 302
    assert Judgement.objects.get(review=complaint.review, strand=strand).level == 1
    assert "already been decided" in client.get(url).text
    assert client_for(school_leader).get(url).status_code == 403


def test_not_upheld_with_a_changed_level_is_shown_on_the_form(complaint, client_for, lead_reviewer):
    strand = strands_of(complaint.review)["A1S1"]
    answer = client_for(lead_reviewer).post(
        reverse("complaints:decide", args=[complaint.pk]),
        {"outcome": Outcome.NOT_UPHELD, "reasons": "No.", f"level_{strand.pk}": "1"},
    )
    assert answer.status_code == 400 and "not upheld changes no judgement" in answer.text
    assert not Stage.objects.get().is_decided


def test_the_school_takes_it_further(complaint, client_for, lead_reviewer, school_leader):
    services.decide_stage(lead_reviewer, complaint, Outcome.NOT_UPHELD, "No.", today=date.today())
    url = reverse("complaints:respond", args=[complaint.pk])
    client = client_for(school_leader)
    assert client.post(url, {}).status_code == 400
    assert client.post(url, {"choice": "escalate"}).status_code == 302
    assert Complaint.objects.get().stage == 2
    assert client_for(lead_reviewer).get(url).status_code == 403


def test_the_admin_assigns_only_an_eligible_moderator(
    complaint, client_for, lead_reviewer, school_leader, network_admin, moderator, reviewer
):
    services.decide_stage(lead_reviewer, complaint, Outcome.NOT_UPHELD, "No.", today=date.today())
    services.escalate(school_leader, complaint, today=date.today())
    grant(reviewer, Role.MODERATOR)  # on the review's team
    url = reverse("complaints:assign", args=[complaint.pk])
    client = client_for(network_admin)
    text = client.get(url).text
    assert moderator.full_name in text and reviewer.full_name not in text
    refused = client.post(url, {"handler": reviewer.pk})
    assert refused.status_code == 400 and "they are on the review&#39;s team" in refused.text
    assert client.post(url, {"handler": moderator.pk}).status_code == 302
    assert Stage.objects.get(number=2).handler == moderator


@pytest.mark.parametrize(("persona", "status"), [("coordinator", 403), ("moderator", 404)])
def test_others_cannot_assign(complaint, client_for, request, persona, status):
    url = reverse("complaints:assign", args=[complaint.pk])
    assert client_for(request.getfixturevalue(persona)).get(url).status_code == status


def test_the_admin_lists_open_complaints_with_missed_deadlines_first(
    complaint, client_for, network_admin, coordinator, client
):
    Stage.objects.update(due_on=date.today() - timedelta(days=1))
    url = reverse("complaints:open")
    text = client_for(network_admin).get(url).text
    assert "Missed deadlines" in text and "Ash Primary School: stage 1 was due on" in text
    assert client_for(coordinator).get(url).status_code == 403
    assert client.get(url).status_code == 302


def test_the_statistics_are_public(complaint, client):
    answer = client.get(reverse("complaints:statistics"))
    assert answer.status_code == 200
    assert "fewer than 5" in answer.text and "Ash Primary" not in answer.text


def test_home_pages_list_what_each_person_must_do(
    stage_2, client_for, moderator, network_admin, school_leader
):
    assert "Decide stage 2 of the complaint about Ash Primary School" in (
        client_for(moderator).get("/").text
    )
    services.decide_stage(moderator, stage_2, Outcome.NOT_UPHELD, "Holds.", today=date.today())
    home = client_for(school_leader).get("/").text
    assert "Take the complaint about Ash Primary School’s review to stage 3" in home.replace(
        "&#39;", "’"
    ).replace("'", "’")
    services.escalate(school_leader, stage_2, today=date.today())
    assert "Assign an adjudicator to stage 3" in client_for(network_admin).get("/").text


def test_the_review_page_links_to_make_a_complaint_only_when_allowed(
    finalised, client_for, school_leader, reviewer
):
    url = reverse("reviews:detail", args=[finalised.pk])
    link = reverse("complaints:raise", args=[finalised.pk])
    assert link in client_for(school_leader).get(url).text
    assert link not in client_for(reviewer).get(url).text
    complaint = make_complaint(school_leader, finalised, today=date.today())
    text = client_for(school_leader).get(url).text
    assert link not in text  # one open complaint at a time
    assert reverse("complaints:complaint", args=[complaint.pk]) in text
    assert reverse("complaints:complaint", args=[complaint.pk]) not in (
        client_for(reviewer).get(url).text
    )
