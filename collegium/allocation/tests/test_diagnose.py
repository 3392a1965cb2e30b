"""What the coordinator reads when a slot cannot be filled."""

from __future__ import annotations

from collegium.allocation import LEAD, PEER, allocate

from .factories import make_review, make_reviewer


def reasons(allocation) -> dict[str, str]:
    return {u.role: u.reason for u in allocation.unfilled}


def test_no_accredited_lead_nearby_names_reviewers_to_accredit() -> None:
    review = make_review(school_name="Hill Top School", week=5)
    reviewers = [make_reviewer(i) for i in range(1, 6)]
    reviewers.append(make_reviewer(9, accredited_lead=True, east_km=300.0))
    allocation = allocate([review], reviewers)
    reason = reasons(allocation)[LEAD]
    assert reason.startswith(
        "No accredited lead is free for Hill Top School (secondary) in week 5 within 120 km: "
        "accredit one of these 3 reviewers: Reviewer "
    )
    assert reason.endswith(", or widen the distance.")
    assert PEER not in reasons(allocation)  # everything else is filled


def test_accredited_leads_all_engaged_are_counted() -> None:
    first = make_review(1, school_name="First School", peers=1)
    second = make_review(2, school_name="Second School", peers=1)
    reviewers = [make_reviewer(1, accredited_lead=True)]
    reviewers += [make_reviewer(i) for i in (2, 3, 4)]
    allocation = allocate([first, second], reviewers)
    (lead,) = [u for u in allocation.unfilled if u.role == LEAD]
    assert "(the 1 who could go are already reviewing that week" in lead.reason
    assert ": accredit Reviewer " in lead.reason


def test_nobody_within_the_distance_says_how_far_to_widen() -> None:
    review = make_review(school_name="Moor School")
    reviewers = [make_reviewer(i, east_km=150.0 + i, accredited_lead=i == 1) for i in (1, 2, 3)]
    reason = reasons(allocate([review], reviewers))[LEAD]
    assert reason == (
        "No accredited lead within 120 km of Moor School (secondary) in week 1: "
        "widen the distance to 151 km."
    )


def test_nobody_available_that_week_suggests_a_week() -> None:
    review = make_review(school_name="Vale School", week=3)
    reviewers = [
        make_reviewer(i, weeks=frozenset({4, 6}), accredited_lead=i == 1) for i in (1, 2, 3)
    ]
    reason = reasons(allocate([review], reviewers))[PEER]
    assert "is available that week: ask reviewers to add week 3" in reason
    assert "or move the review to week 4, when 3 could go" in reason


def test_everyone_conflicted() -> None:
    review = make_review(school_name="Brook School", trust_id=4)
    reviewers = [make_reviewer(i, trust_id=4, accredited_lead=i == 1) for i in (1, 2, 3)]
    reason = reasons(allocate([review], reviewers))[LEAD]
    assert "has a conflict of interest with the school" in reason


def test_everyone_busy_that_week() -> None:
    first = make_review(1, school_name="First School", peers=2)
    second = make_review(2, school_name="Second School", peers=2)
    reviewers = [make_reviewer(i, accredited_lead=i == 1) for i in (1, 2, 3)]
    allocation = allocate([first, second], reviewers)
    assert allocation.certificate.total_violations == 0
    assert allocation.certificate.unfilled_slots == 3
    for unfilled in allocation.unfilled:
        assert "is already reviewing that week or at capacity" in unfilled.reason


def test_phase_nobody_knows() -> None:
    review = make_review(school_name="Oak Special School", phase="special")
    reviewers = [make_reviewer(i, accredited_lead=i == 1) for i in (1, 2, 3)]
    allocation = allocate([review], reviewers)
    assert allocation.certificate.unfilled_slots == 1
    (unfilled,) = allocation.unfilled
    assert "No reviewer who knows the special phase" in unfilled.reason
    assert allocation.certificate.total_violations == 0
