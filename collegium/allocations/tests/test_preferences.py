"""Reviewers' preferences: their page, and the pair scores the optimiser is given."""

from datetime import timedelta

import pytest
from django.urls import reverse

from collegium.allocation import allocate
from collegium.allocations.models import ReviewerPreferences
from collegium.allocations.preferences import term_weeks
from collegium.allocations.problem import build
from collegium.allocations.scoring import POINTS, Wishes, focus_strands, pair_scores
from collegium.allocations.tests.helpers import is_sign_in_redirect, text_of
from collegium.people.models import AvailableWeek
from collegium.schools.models import School


def url(profile):
    return reverse("allocations:preferences", args=[profile.pk])


def prefs(profile, **fields):
    return ReviewerPreferences.objects.create(reviewer=profile, **fields)


def saved():
    return list(ReviewerPreferences.objects.values_list("reviewer_id", "phases", "max_km"))


@pytest.mark.django_db
def test_a_reviewer_states_their_preferences(client_for, reviewer, framework_version):
    profile = reviewer.reviewer_profile
    client = client_for(reviewer)
    page = text_of(client.get(url(profile)))
    assert "Review preferences" in page and "Strand 1.2" in page
    week = term_weeks()[1].isoformat()
    response = client.post(
        url(profile),
        {"phases": ["primary"], "strands": ["Strand 1.2"], "avoided_weeks": [week], "max_km": "25"},
        follow=True,
    )
    assert "Your review preferences have been saved." in text_of(response)
    found = ReviewerPreferences.objects.get(reviewer=profile)
    assert (found.phases, found.strands, found.avoided_weeks, found.max_km) == (
        ["primary"],
        ["Strand 1.2"],
        [week],
        25,
    )
    record = text_of(client.get(reverse("people:record", args=[profile.pk])))
    assert "Change the review preferences" in record


@pytest.mark.django_db
def test_a_week_both_preferred_and_avoided_is_refused_in_words(client_for, reviewer):
    profile = reviewer.reviewer_profile
    client = client_for(reviewer)
    week = term_weeks()[0].isoformat()
    response = client.post(
        url(profile), {"preferred_weeks": [week], "avoided_weeks": [week], "max_km": "0"}
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "A week cannot be both preferred and avoided: the week starting" in page
    assert "The furthest you will travel must be a whole number between 1 and 500" in page
    assert saved() == []


@pytest.mark.django_db
def test_others_cannot_see_or_change_a_reviewers_preferences(
    client_for, reviewer, lead_reviewer, coordinator, outsider
):
    profile = reviewer.reviewer_profile
    for person in (lead_reviewer, coordinator, outsider):
        client = client_for(person)
        assert client.get(url(profile)).status_code in (403, 404)
        assert client.post(url(profile), {"max_km": "10"}).status_code in (403, 404)
    assert is_sign_in_redirect(client_for(None).post(url(profile), {"max_km": "10"}))
    assert saved() == []


def test_the_score_is_built_in_plus_the_weights_table_plus_the_floor():
    """Pure: a pair's score is its built-in score plus POINTS of each preference that applies."""
    from collegium.allocation import Review, Reviewer

    review = Review(1, 10, "Ash", None, "primary", frozenset(), 2, 2, 0.0, 0.0)
    near = Reviewer(
        5, "Near", 11, None, frozenset({"primary"}), frozenset(), False, 2,
        frozenset({1, 2}), 3.0, 4.0,
    )  # fmt: skip
    plain = pair_scores([review], [near], {}, {}).scores[(1, 5)]
    wishes = Wishes(
        phases=frozenset({"primary"}),
        strands=frozenset({"Behaviour and attitudes"}),
        avoided_weeks=frozenset({2}),
        max_km=2.0,
    )
    focus = {1: frozenset({"Behaviour and attitudes", "Leadership"})}
    scored = pair_scores([review], [near], {5: wishes}, focus)
    expected = (
        plain
        + POINTS["preferred_phase"]
        + POINTS["expertise"] / 2
        + POINTS["avoided_week"]
        + POINTS["beyond_travel"]
    )
    assert expected < 0 and scored.scores[(1, 5)] == 0  # a penalised pair stops at 0
    assert min(scored.scores.values()) >= 0
    assert scored.notes[(1, 5)] == [
        "would like this phase",
        "knows strands in the school's focus",
        "asked to avoid this week",
        "5 km away, farther than the 2 km they travel",
    ]


def test_a_focus_names_the_strands_it_is_about():
    titles = ["Behaviour and attitudes", "Quality of education", "Leadership and management"]
    assert focus_strands("Behaviour in key stage 3, and leadership", titles) == {
        "Behaviour and attitudes",
        "Leadership and management",
    }
    assert focus_strands("Quality of pupils' writing", titles) == set()


def placed(cluster):
    built = build(cluster)
    result = allocate(built.reviews, built.reviewers, pair_scores=built.pair_scores)
    assert result.certificate.total_violations == 0
    return {a.reviewer_id for a in result.assignments}


@pytest.mark.django_db
def test_a_reviewer_who_avoids_the_week_is_not_placed_when_another_can_go(
    cluster, open_review, ready
):
    assert ready["eli"].pk in placed(cluster) and ready["fay"].pk not in placed(cluster)
    prefs(ready["eli"], avoided_weeks=[open_review.start_date.isoformat()])
    chosen = placed(cluster)
    assert ready["eli"].pk not in chosen and ready["fay"].pk in chosen


@pytest.mark.django_db
def test_a_reviewer_who_avoids_the_week_still_goes_if_nobody_else_can(cluster, open_review, ready):
    AvailableWeek.objects.filter(reviewer=ready["fay"]).delete()
    prefs(ready["eli"], avoided_weeks=[open_review.start_date.isoformat()])
    assert ready["eli"].pk in placed(cluster)


@pytest.mark.django_db
def test_a_reviewer_beyond_their_distance_is_not_placed_when_another_can_go(
    cluster, open_review, ready, school_a
):
    School.objects.filter(pk=school_a.pk).update(latitude=52.0, longitude=-1.0)
    School.objects.filter(pk=ready["eli"].home_school_id).update(latitude=52.2, longitude=-1.0)
    School.objects.filter(pk=ready["fay"].home_school_id).update(latitude=52.1, longitude=-1.0)
    prefs(ready["fay"], max_km=50)
    assert ready["eli"].pk in placed(cluster)  # about 22 km: the closer Fay knows no focus
    prefs(ready["eli"], max_km=10)
    chosen = placed(cluster)
    assert ready["eli"].pk not in chosen and ready["fay"].pk in chosen
    built = build(cluster)
    assert "farther than the 10 km they travel" in " ".join(
        built.notes[(open_review.pk, ready["eli"].pk)]
    )


@pytest.mark.django_db
def test_preferred_weeks_are_numbered_as_the_run_numbers_them(cluster, open_review, ready):
    week = open_review.start_date.isoformat()
    later = (open_review.start_date + timedelta(weeks=1)).isoformat()
    prefs(ready["rhys"], preferred_weeks=[week], phases=["primary"])
    prefs(ready["eli"], preferred_weeks=[later])
    built = build(cluster)
    rhys = built.pair_scores[(open_review.pk, ready["rhys"].pk)]
    eli = built.pair_scores[(open_review.pk, ready["eli"].pk)]
    expected = POINTS["preferred_week"] + POINTS["preferred_phase"]
    assert rhys - eli == pytest.approx(expected, abs=0.01)
